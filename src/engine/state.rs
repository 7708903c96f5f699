//! One state of a run, and where it stands against the stop conditions.

use std::fmt;

use ndarray::Array1;

use super::optimizer::OptimizerState;

/// Where a state stands against the stop conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// No stop condition holds.
    Running,
    /// The gradient norm is within the tolerance at a point where the loss is lowest
    /// nearby, and the update rule rests there.
    Converged,
    /// The gradient norm is within the tolerance where it should not be: no minimum.
    Stalled(Stall),
    /// The loss or a parameter is not finite, or the loss passed the divergence bound.
    Diverged,
}

impl Status {
    /// True when the run has come to rest: converged or stalled.
    pub fn at_rest(self) -> bool {
        matches!(self, Status::Converged | Status::Stalled(_))
    }
}

/// Why a point with a vanishing gradient is not a minimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stall {
    /// Every ReLU unit is dead: w·x + b ≤ 0 on every row, so nothing moves.
    DeadUnits,
    /// No curvature in any direction: a plateau.
    Flat,
    /// The loss curves down along some direction: a saddle (or a maximum).
    Saddle,
}

impl Stall {
    /// One word for a status line: `flat` or `saddle`.
    pub fn short(self) -> &'static str {
        match self {
            Stall::DeadUnits => "dead units",
            Stall::Flat => "flat",
            Stall::Saddle => "saddle",
        }
    }
}

impl fmt::Display for Stall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Stall::DeadUnits => "dead units: w·x + b ≤ 0 on every row, no gradient",
            Stall::Flat => "flat: no curvature here, a plateau",
            Stall::Saddle => "saddle: the loss falls along some direction",
        })
    }
}

/// Everything about the parameters after some number of updates.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// Updates taken to reach this state.
    pub step: usize,
    /// The 1-based epoch of the last update (equal to `step` in full batch); 0 at the start.
    pub epoch: usize,
    /// θ.
    pub params: Array1<f64>,
    /// L(θ) over all rows.
    pub loss: f64,
    /// ∇L(θ) over all rows, frozen parameters included.
    pub grad: Array1<f64>,
    /// ‖∇L(θ)‖ over the free parameters.
    pub grad_norm: f64,
    /// L(θ) on the held-out test rows; `None` without a test set.
    pub test_loss: Option<f64>,
    /// η: the one used for the last update (the base η at the start).
    pub lr: f64,
    /// The optimizer's memory after the last update.
    pub optimizer: OptimizerState,
    /// The stop condition this state meets.
    pub status: Status,
}
