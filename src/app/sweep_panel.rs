//! The learning-rate sweep panel's state: the η grid, the runs finished so far and the
//! cursor. The runs themselves are computed by [`crate::sweep::worker`], off the UI thread.

use crate::t;
use std::sync::atomic::{AtomicU64, Ordering};

use super::{App, Side};
use crate::engine::Stability;
use crate::fmt::human;
use crate::sweep::{RangeError, SweepJob, SweepRow, log_spaced};

/// Learning rates one sweep tries.
pub const SWEEP_POINTS: usize = 41;
/// Most updates per run, so a sweep finishes in moments.
pub const SWEEP_MAX_STEPS: usize = 500;
/// The grid spans the η limit ÷ this …
const BELOW_LIMIT: f64 = 100.0;
/// … to the η limit × this.
const ABOVE_LIMIT: f64 = 4.0;
/// Without a finite limit, the grid spans the current η ÷ and × this.
const AROUND_LR: f64 = 100.0;

/// Ids are unique for the whole process, so a new app (the next lesson, say) never
/// takes an old sweep's late results for its own.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// One sweep, open in the side column.
#[derive(Debug, Clone)]
pub struct Sweep {
    /// What the worker runs: the id, the set-up and the learning rates.
    pub job: SweepJob,
    /// Each learning rate's run, once it has arrived.
    pub rows: Vec<Option<SweepRow>>,
    /// Runs arrived so far.
    pub done: usize,
    /// Index of the learning rate under the cursor.
    pub cursor: usize,
    /// Plain GD's η limit where the sweep starts (η_crit, or the local 2/λmax).
    pub limit: Stability,
    /// The step the sweep starts from.
    pub from_step: usize,
}

impl Sweep {
    /// The learning rates, smallest first.
    pub fn lrs(&self) -> &[f64] {
        &self.job.lrs
    }

    /// True once every run has arrived.
    pub fn finished(&self) -> bool {
        self.done == self.rows.len()
    }

    /// The learning rate under the cursor.
    pub fn cursor_lr(&self) -> f64 {
        self.job.lrs[self.cursor]
    }

    /// Files one run; runs of another sweep, or already filed, are ignored.
    pub fn receive(&mut self, id: u64, index: usize, row: SweepRow) {
        if id != self.job.id {
            return;
        }
        if let Some(slot) = self.rows.get_mut(index)
            && slot.is_none()
        {
            *slot = Some(row);
            self.done += 1;
        }
    }

    /// Moves the cursor by `by` learning rates, stopping at the ends.
    pub fn move_cursor(&mut self, by: isize) {
        let last = self.job.lrs.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(by).min(last);
    }
}

/// The η grid for a sweep: log-spaced around the stability limit when it is known,
/// else around the current η.
pub fn sweep_grid(limit: f64, lr: f64) -> Result<Vec<f64>, RangeError> {
    let around = |centre: f64, below: f64, above: f64| {
        log_spaced(centre / below, centre * above, SWEEP_POINTS)
    };
    if limit.is_finite() && limit > 0.0 {
        around(limit, BELOW_LIMIT, ABOVE_LIMIT).or_else(|_| around(lr, AROUND_LR, AROUND_LR))
    } else {
        around(lr, AROUND_LR, AROUND_LR)
    }
}

impl App {
    /// A sweep from the current point with the current settings, cursor on the
    /// learning rate nearest the current η.
    fn new_sweep(&self) -> Result<Sweep, RangeError> {
        let config = self.trainer.config().clone();
        let lrs = sweep_grid(self.stability.eta_limit(), config.lr)?;
        let distance = |x: f64| (x.ln() - config.lr.ln()).abs();
        let cursor = (0..lrs.len())
            .min_by(|&a, &b| distance(lrs[a]).total_cmp(&distance(lrs[b])))
            .unwrap_or(0);
        let state = self.last_finite();
        let job = SweepJob {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            objective: self.trainer.objective().clone(),
            config,
            start: state.params.clone(),
            max_steps: self.setup.max_steps.min(SWEEP_MAX_STEPS),
            lrs,
        };
        Ok(Sweep {
            rows: vec![None; job.lrs.len()],
            done: 0,
            cursor,
            limit: self.stability,
            from_step: state.step,
            job,
        })
    }
}

impl App {
    /// `w`: opens the sweep from the current point (in place of explain mode), or closes it.
    pub(super) fn toggle_sweep(&mut self) {
        if matches!(self.side, Side::Sweep(_)) {
            self.side = Side::Plots;
            return;
        }
        match self.new_sweep() {
            Ok(sweep) => self.side = Side::Sweep(Box::new(sweep)),
            Err(e) => self.tell(t!("notice-cannot-sweep", why = e)),
        }
    }

    /// ← →: moves the sweep's cursor by `by` learning rates.
    pub(super) fn move_sweep_cursor(&mut self, by: isize) {
        if let Side::Sweep(sweep) = &mut self.side {
            sweep.move_cursor(by);
        }
    }

    /// Enter: sets the base η to the one under the sweep's cursor, and closes the sweep.
    pub(super) fn pick_sweep_rate(&mut self) {
        let Side::Sweep(sweep) = std::mem::replace(&mut self.side, Side::Plots) else {
            return;
        };
        let lr = sweep.cursor_lr();
        self.set_lr(lr);
        self.tell(match &sweep.rows[sweep.cursor] {
            Some(row) => t!(
                "notice-picked-rate",
                lr = human(lr),
                loss = human(row.final_loss),
                outcome = crate::report::outcome_words(row.status)
            ),
            None => format!("η = {}", human(lr)),
        });
    }

    /// Files one run of sweep `id`; a failed run closes the sweep and says why.
    pub(super) fn sweep_result(
        &mut self,
        id: u64,
        index: usize,
        row: Result<SweepRow, crate::engine::Error>,
    ) {
        let Side::Sweep(sweep) = &mut self.side else {
            return;
        };
        if sweep.job.id != id {
            return;
        }
        match row {
            Ok(row) => sweep.receive(id, index, row),
            Err(e) => {
                self.side = Side::Plots;
                self.tell(t!("notice-sweep-stopped", why = e));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, update};
    use crate::engine::Outcome;

    use crate::testing::lesson;

    fn row(lr: f64, final_loss: f64, status: Outcome) -> SweepRow {
        SweepRow {
            lr,
            final_loss,
            min_loss: final_loss,
            status,
            steps: 10,
        }
    }

    #[test]
    fn the_grid_is_log_spaced_around_the_limit() {
        let lrs = sweep_grid(0.01, 0.5).unwrap();
        assert_eq!(lrs.len(), SWEEP_POINTS);
        approx::assert_relative_eq!(lrs[0], 1e-4, max_relative = 1e-12);
        approx::assert_relative_eq!(lrs[SWEEP_POINTS - 1], 0.04, max_relative = 1e-12);
        let ratio = lrs[1] / lrs[0];
        assert!(
            lrs.windows(2)
                .all(|w| (w[1] / w[0] - ratio).abs() < 1e-9 * ratio)
        );
        assert!(lrs.iter().any(|&x| (x / 0.01 - 1.0).abs() < 0.2));
        // No finite limit: around the current η instead.
        let around = sweep_grid(f64::INFINITY, 0.5).unwrap();
        approx::assert_relative_eq!(around[0], 0.005, max_relative = 1e-12);
        approx::assert_relative_eq!(around[SWEEP_POINTS - 1], 50.0, max_relative = 1e-12);
        assert_eq!(sweep_grid(f64::NAN, 0.5).unwrap(), around);
    }

    #[test]
    fn opening_takes_the_current_point_and_settings() {
        let mut a = lesson("ravine");
        update(&mut a, Action::Step);
        update(&mut a, Action::Step);
        update(&mut a, Action::ToggleSweep);
        let s = a.sweep().expect("open");
        assert_eq!(s.job.start, a.current().params);
        assert_eq!(s.from_step, 2);
        assert_eq!(s.job.max_steps, a.setup().max_steps.min(SWEEP_MAX_STEPS));
        assert_eq!(s.done, 0);
        assert_eq!(s.rows.len(), SWEEP_POINTS);
        let limit = a.stability().eta_limit();
        approx::assert_relative_eq!(s.lrs()[0], limit / 100.0, max_relative = 1e-12);
        // The cursor starts on the grid point nearest the current η (0.0095).
        let nearest = s.cursor_lr();
        assert!(
            s.lrs()
                .iter()
                .all(|&x| (x.ln() - 0.0095f64.ln()).abs() >= (nearest.ln() - 0.0095f64.ln()).abs())
        );
        update(&mut a, Action::ToggleSweep);
        assert!(a.sweep().is_none());
    }

    #[test]
    fn runs_arriving_out_of_order_fill_their_slots_and_stale_ones_are_dropped() {
        let mut a = lesson("line");
        update(&mut a, Action::ToggleSweep);
        let id = a.sweep().unwrap().job.id;
        let lrs = a.sweep().unwrap().lrs().to_vec();
        let result = |id, index: usize| Action::SweepResult {
            id,
            index,
            row: Ok(row(
                lrs.get(index).copied().unwrap_or(1.0),
                0.5,
                Outcome::MaxSteps,
            )),
        };
        update(&mut a, result(id, 7));
        update(&mut a, result(id, 2));
        update(&mut a, result(id, 7));
        update(&mut a, result(id + 1000, 3));
        update(&mut a, result(id, 999));
        let s = a.sweep().unwrap();
        assert_eq!(s.done, 2);
        assert_eq!(s.rows[7].as_ref().unwrap().lr, lrs[7]);
        assert_eq!(s.rows[2].as_ref().unwrap().lr, lrs[2]);
        assert!(s.rows[3].is_none());
        // A closed sweep's late runs change nothing; a reopened one has a new id.
        update(&mut a, Action::ToggleSweep);
        update(&mut a, result(id, 4));
        assert!(a.sweep().is_none());
        update(&mut a, Action::ToggleSweep);
        let reopened = a.sweep().unwrap();
        assert_ne!(reopened.job.id, id);
        update(&mut a, result(id, 4));
        assert_eq!(a.sweep().unwrap().done, 0);
    }

    #[test]
    fn arrows_pick_and_enter_sets_eta() {
        let mut a = lesson("line");
        update(&mut a, Action::ToggleSweep);
        let start = a.sweep().unwrap().cursor;
        update(&mut a, Action::SweepCursor(1));
        update(&mut a, Action::SweepCursor(1));
        update(&mut a, Action::SweepCursor(-1));
        let s = a.sweep().unwrap();
        assert_eq!(s.cursor, start + 1);
        let picked = s.cursor_lr();
        update(&mut a, Action::SweepCursor(-1000));
        assert_eq!(a.sweep().unwrap().cursor, 0);
        update(&mut a, Action::SweepCursor(1000));
        assert_eq!(a.sweep().unwrap().cursor, SWEEP_POINTS - 1);
        for _ in 0..SWEEP_POINTS - 1 - (start + 1) {
            update(&mut a, Action::SweepCursor(-1));
        }
        update(&mut a, Action::PickSweepRate);
        assert_eq!(a.trainer().config().lr, picked);
        assert!(a.sweep().is_none());
        assert!(a.notice().unwrap().starts_with("η = "), "{:?}", a.notice());
    }

    #[test]
    fn esc_closes_the_sweep_before_quitting_and_explain_takes_its_place() {
        let mut a = lesson("intro");
        update(&mut a, Action::ToggleSweep);
        update(&mut a, Action::Dismiss);
        assert!(a.sweep().is_none() && !a.quit());
        update(&mut a, Action::ToggleSweep);
        update(&mut a, Action::Explain);
        assert!(a.sweep().is_none() && a.explaining().is_some());
        update(&mut a, Action::ToggleSweep);
        assert!(a.sweep().is_some() && a.explaining().is_none());
        // A new model is a new function: the old sweep's curve no longer describes it.
        update(&mut a, Action::NextModel);
        assert!(a.sweep().is_none());
        // Without a sweep open, the sweep's own actions do nothing.
        update(&mut a, Action::SweepCursor(1));
        update(&mut a, Action::PickSweepRate);
        assert!(!a.quit());
    }

    #[test]
    fn a_failed_run_closes_the_sweep_and_says_why() {
        let mut a = lesson("line");
        update(&mut a, Action::ToggleSweep);
        let id = a.sweep().unwrap().job.id;
        update(
            &mut a,
            Action::SweepResult {
                id,
                index: 0,
                row: Err(crate::engine::Error::NoRows),
            },
        );
        assert!(a.sweep().is_none());
        assert!(a.notice().unwrap().contains("no"));
    }
}
