//! The descent engine: data, models, losses, optimizers and the stepping trainer.
//!
//! Nothing here knows about terminals or files; callers build an [`Objective`],
//! a [`Config`] and a start point, then call [`Trainer::step`].

pub mod activation;
mod backprop;
pub mod batches;
pub mod dataset;
mod error;
pub mod fastmath;
mod geometry;
mod kept;
mod kernels;
mod lanczos;
pub mod linear_stats;
pub mod loss;
pub mod mlp;
pub mod model;
pub mod objective;
pub mod optimizer;
pub mod penalty;
pub mod scaling;
pub mod schedule;
pub mod stability;
pub mod state;
pub mod surface;
pub mod trainer;

pub use dataset::Dataset;
pub use error::Error;
pub use geometry::{curvature_along, norm};
pub use loss::Loss;
pub use mlp::Mlp;
pub use model::{ACTIVATION_NAMES, Activation, MODEL_CHOICES, MODEL_CHOICES_SEVERAL, Model};
pub use objective::{Evaluation, Objective};
pub use optimizer::{
    HYPERPARAMETERS, MAX_RACERS, MIN_RACERS, OPTIMIZERS, Optimizer, OptimizerKind, OptimizerState,
    parse_race,
};
pub use penalty::Penalty;
pub use scaling::{Scale, Scaling};
pub use schedule::Schedule;
pub use stability::{
    Conditioning, Stability, conditioning, curvature_cost, curvature_range, stability,
    stability_from,
};
pub use state::{Stall, State, Status};
pub use surface::{SURFACE_NAMES, Surface};
pub use trainer::{
    Config, Outcome, Past, Trainer, judge, judge_with_curvature, next_params, next_state,
    next_unjudged,
};
