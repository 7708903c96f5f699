//! The interactive view's learning-rate sweep: what to run, and the background worker
//! that runs it.

pub mod worker;

use std::sync::Arc;

use ndarray::Array1;

use crate::engine::{Config, Objective};

/// One sweep to run: the same start trained once per learning rate in `lrs`.
#[derive(Debug, Clone)]
pub struct SweepJob {
    /// Tells this sweep's results from those of a sweep closed or replaced since.
    pub id: u64,
    /// Data, model and loss.
    pub objective: Arc<Objective>,
    /// Everything but η, which each run replaces.
    pub config: Config,
    /// θ every run starts from.
    pub start: Array1<f64>,
    /// Most updates per run.
    pub max_steps: usize,
    /// The learning rates, smallest first.
    pub lrs: Vec<f64>,
}
