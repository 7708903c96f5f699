//! Learning-rate sweeps: the same start trained once per learning rate, for
//! `downhill sweep` and for the interactive view's sweep panel (run by [`worker`]).

pub mod worker;

use std::sync::Arc;

use ndarray::Array1;
use rayon::prelude::*;

use crate::engine::{Config, Error, Objective, Outcome, Past, Trainer};

/// Why a range of learning rates cannot be swept.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RangeError {
    /// An end that is not a positive finite number.
    #[error("--{end}: {}", crate::t!("reason-positive", value = value))]
    NotPositive {
        /// `lr-min` or `lr-max`.
        end: &'static str,
        /// What it was.
        value: f64,
    },
    /// The ends the wrong way round.
    #[error("{}", crate::t!("sweep-reversed", min = min, max = max))]
    Reversed {
        /// The smallest η asked for.
        min: f64,
        /// The largest η asked for.
        max: f64,
    },
    /// Too few or too many learning rates.
    #[error("--points: {}", crate::t!("sweep-points", most = MAX_POINTS, value = .0))]
    Points(usize),
    /// One learning rate, but two different ends.
    #[error("{}", crate::t!("sweep-one-point"))]
    OnePoint,
}

/// Most learning rates one sweep may try.
pub const MAX_POINTS: usize = 10_000;

/// What one learning rate led to.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepRow {
    /// The learning rate.
    pub lr: f64,
    /// Loss at the last state.
    pub final_loss: f64,
    /// Smallest loss along the way, start included.
    pub min_loss: f64,
    /// Why the run stopped.
    pub status: Outcome,
    /// Updates taken.
    pub steps: usize,
}

/// `points` learning rates evenly spaced in log scale from `min` to `max`, both included.
pub fn log_spaced(min: f64, max: f64, points: usize) -> Result<Vec<f64>, RangeError> {
    for (end, value) in [("lr-min", min), ("lr-max", max)] {
        if !(value.is_finite() && value > 0.0) {
            return Err(RangeError::NotPositive { end, value });
        }
    }
    if min > max {
        return Err(RangeError::Reversed { min, max });
    }
    if !(1..=MAX_POINTS).contains(&points) {
        return Err(RangeError::Points(points));
    }
    if points == 1 {
        if min != max {
            return Err(RangeError::OnePoint);
        }
        return Ok(vec![min]);
    }
    let (a, b) = (min.ln(), max.ln());
    let last = (points - 1) as f64;
    // Exact endpoints, so `--lr-max` is tried as typed.
    Ok((0..points)
        .map(|i| match i {
            0 => min,
            i if i == points - 1 => max,
            i => (a + (b - a) * i as f64 / last).exp(),
        })
        .collect())
}

/// [`sweep_row`] once per learning rate in `lrs`, on every core, in the order of `lrs`.
pub fn sweep_rows(
    objective: &Arc<Objective>,
    config: &Config,
    start: &Array1<f64>,
    max_steps: usize,
    lrs: &[f64],
) -> Result<Vec<SweepRow>, Error> {
    lrs.par_iter()
        .map(|&lr| sweep_row(objective, config, start, max_steps, lr))
        .collect()
}

/// One run of a sweep: `config` with η = `lr`, from `start`, for at most `max_steps`
/// updates. The interactive view's sweep calls this too, so both give the same bits.
pub fn sweep_row(
    objective: &Arc<Objective>,
    config: &Config,
    start: &Array1<f64>,
    max_steps: usize,
    lr: f64,
) -> Result<SweepRow, Error> {
    let config = Config {
        lr,
        ..config.clone()
    };
    let mut trainer = Trainer::new(objective.clone(), config, start.clone())?;
    let mut min_loss = trainer.current().loss;
    // Only the outcome is reported, so the states in between are not kept.
    let status = trainer.run_with(max_steps, Past::Forget, |state| {
        min_loss = min_loss.min(state.loss);
    });
    Ok(SweepRow {
        lr,
        final_loss: trainer.current().loss,
        min_loss,
        status,
        steps: trainer.current().step,
    })
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_spacing_includes_both_ends() {
        let lrs = log_spaced(0.001, 1.0, 4).unwrap();
        assert_eq!(lrs[0], 0.001);
        assert_eq!(lrs[3], 1.0);
        approx::assert_relative_eq!(lrs[1], 0.01, max_relative = 1e-12);
        approx::assert_relative_eq!(lrs[2], 0.1, max_relative = 1e-12);
        assert_eq!(log_spaced(0.5, 0.5, 1).unwrap(), [0.5]);
    }

    #[test]
    fn bad_ranges_are_explained() {
        assert!(
            log_spaced(0.0, 1.0, 3)
                .unwrap_err()
                .to_string()
                .contains("--lr-min")
        );
        assert!(
            log_spaced(1.0, 0.1, 3)
                .unwrap_err()
                .to_string()
                .contains("must not exceed")
        );
        assert!(
            log_spaced(0.1, 1.0, 0)
                .unwrap_err()
                .to_string()
                .contains("--points")
        );
    }
}
