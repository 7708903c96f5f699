//! The run a figure shows: every state `downhill run` prints, kept whole, since a figure
//! draws the path from its first point to its last.

use crate::engine::{Outcome, Past, Trainer};
use crate::scenario::Setup;

/// Most numbers a figure keeps of its run (θ and ∇L of every state): 160 MB. Longer
/// runs of large models are refused with a line saying so, rather than filling memory.
pub const MAX_NUMBERS: usize = 20_000_000;

/// One state of the run, as `downhill run` prints it.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Updates taken.
    pub step: usize,
    /// θ.
    pub params: Vec<f64>,
    /// L(θ) on the training rows.
    pub loss: f64,
    /// ∇L(θ).
    pub grad: Vec<f64>,
    /// L(θ) on the test rows, with a test set.
    pub test_loss: Option<f64>,
}

/// A whole run, from the start to the state it stopped at.
#[derive(Debug, Clone)]
pub struct Descent {
    /// Every state, row 0 the start.
    pub points: Vec<Point>,
    /// Why it stopped.
    pub outcome: Outcome,
}

impl Descent {
    /// Trains `setup` as `downhill run` does, keeping every state.
    pub fn of(setup: &Setup) -> anyhow::Result<Descent> {
        let n = setup.start.len();
        let numbers = setup.max_steps.saturating_add(1).saturating_mul(2 * n + 3);
        if numbers > MAX_NUMBERS {
            anyhow::bail!(
                "a figure of {} updates of {n} parameters would keep {numbers} numbers, more \
                 than {MAX_NUMBERS}: ask for fewer --steps",
                setup.max_steps
            );
        }
        let mut trainer = Trainer::new(
            setup.objective.clone(),
            setup.config.clone(),
            setup.start.clone(),
        )
        .map_err(anyhow::Error::msg)?;
        let point = |s: &crate::engine::State| Point {
            step: s.step,
            params: s.params.to_vec(),
            loss: s.loss,
            grad: s.grad.to_vec(),
            test_loss: s.test_loss,
        };
        let mut points = vec![point(trainer.current())];
        let outcome = trainer.run_with(setup.max_steps, Past::Forget, |s| points.push(point(s)));
        Ok(Descent { points, outcome })
    }

    /// The last state whose θ is finite: where the landscape is sliced through.
    pub fn last_finite(&self) -> &Point {
        self.points
            .iter()
            .rev()
            .find(|p| p.params.iter().all(|v| v.is_finite()))
            .unwrap_or(&self.points[0])
    }

    /// The step at which the run blew up, if it did.
    pub fn diverged_at(&self) -> Option<usize> {
        (self.outcome == Outcome::Diverged).then(|| self.points.last().map_or(0, |p| p.step))
    }
}
