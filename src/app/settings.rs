//! The settings a `:` command changes live: hyperparameters, the schedule, the batch
//! size, frozen parameters and the tolerance. Each restarts from the current point, as
//! a switch of optimizer does, so that the run on screen is the run a saved scenario
//! replays.

use super::{App, Error};
use crate::engine::{Config, Schedule};

impl App {
    /// The current settings, changed by `change`, from the current point.
    fn change_config(
        &mut self,
        change: impl FnOnce(&mut Config) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let mut config = self.trainer.config().clone();
        change(&mut config)?;
        self.reconfigure(config);
        Ok(())
    }

    /// `:momentum`, `:alpha`, `:beta1`, `:beta2`, `:eps`. While racing, every racer's
    /// rule that uses it takes it.
    pub(super) fn set_hyperparameter(&mut self, name: &str, value: f64) -> Result<(), Error> {
        self.change_config(|c| Ok(c.optimizer.set(name, value)?))
    }

    /// `:schedule FORM`.
    pub(super) fn set_schedule(&mut self, schedule: Schedule) -> Result<(), Error> {
        self.change_config(|c| {
            c.schedule = schedule;
            Ok(())
        })
    }

    /// `:batch N` (`None`: every row, full batch).
    pub(super) fn set_batch(&mut self, batch: Option<usize>) -> Result<(), Error> {
        if batch == Some(0) {
            return Err(Error::from(crate::t!("cmd-batch-zero")));
        }
        self.change_config(|c| {
            c.batch_size = batch;
            Ok(())
        })
    }

    /// `:tolerance T`: converged when ‖∇L‖ ≤ T; 0 never converges.
    pub(super) fn set_tolerance(&mut self, tolerance: f64) -> Result<(), Error> {
        if !(tolerance.is_finite() && tolerance >= 0.0) {
            return Err(Error::from(crate::t!("cmd-tolerance", value = tolerance)));
        }
        self.change_config(|c| {
            c.tolerance = tolerance;
            Ok(())
        })
    }

    /// `:freeze NAME…` and `:unfreeze NAME…`. At least one parameter stays free.
    pub(super) fn set_frozen(&mut self, names: &[&str], frozen: bool) -> Result<(), Error> {
        let all = self.param_names();
        let mut flags = self.trainer.config().frozen.clone();
        for name in names {
            let i = all.iter().position(|n| n == name).ok_or_else(|| {
                Error::from(crate::t!(
                    "cmd-no-param",
                    name = name,
                    names = all.join(", ")
                ))
            })?;
            flags[i] = frozen;
        }
        if flags.iter().all(|&f| f) {
            return Err(Error::from(crate::t!("cmd-one-free")));
        }
        self.change_config(|c| {
            c.frozen = flags;
            Ok(())
        })?;
        // Which parameters are free decides the axes, the curve view and the minimiser.
        self.objective_changed();
        Ok(())
    }
}
