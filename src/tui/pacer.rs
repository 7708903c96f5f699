//! How many updates each frame takes: play at its speed, and `:steps` as fast as the
//! frame's engine budget allows.

use std::time::{Duration, Instant};

use super::dispatch;
use crate::app::{Action, App};

/// Engine time allowed per frame while playing, so input and drawing stay responsive.
const STEP_BUDGET: Duration = Duration::from_millis(10);

/// Learns what an update costs, so that each frame takes only as many as fit in
/// [`STEP_BUDGET`], and keeps play's clock.
#[derive(Debug)]
pub(super) struct Pacer {
    /// Seconds per update, smoothed; 0 until the first measurement.
    step_cost: f64,
    /// Updates play owes since the last tick, fractions included.
    owed: f64,
    /// When the clock last ticked.
    last_tick: Instant,
}

impl Pacer {
    /// A pacer that has measured nothing yet.
    pub(super) fn new() -> Self {
        Self {
            step_cost: 0.0,
            owed: 0.0,
            last_tick: Instant::now(),
        }
    }

    /// Takes the updates due since the last tick: a `:steps` run's, or play's.
    pub(super) fn tick(&mut self, app: &mut App) {
        let now = Instant::now();
        if app.queued() > 0 {
            // `:steps N` runs as fast as the frame budget allows.
            let due = (self.affordable() as usize).min(app.queued()).max(1);
            self.advance(app, due);
            self.owed = 0.0;
        } else if app.playing() {
            self.owed +=
                now.duration_since(self.last_tick).as_secs_f64() * app.updates_per_second();
            let affordable = self.affordable();
            let due = self.owed.floor().min(affordable) as usize;
            if due > 0 {
                self.advance(app, due);
                // Play that cannot keep up slows down rather than piling up a backlog.
                self.owed = (self.owed - due as f64).min(affordable);
            }
        } else {
            self.owed = 0.0;
        }
        self.last_tick = now;
    }

    /// Updates that fit in one frame's engine budget (at least one).
    fn affordable(&self) -> f64 {
        if self.step_cost > 0.0 {
            (STEP_BUDGET.as_secs_f64() / self.step_cost).max(1.0)
        } else {
            1.0
        }
    }

    /// Takes `due` updates and learns from how long they took.
    fn advance(&mut self, app: &mut App, due: usize) {
        let started = Instant::now();
        dispatch(app, Action::Advance(due));
        let per_step = started.elapsed().as_secs_f64() / due as f64;
        self.step_cost = if self.step_cost == 0.0 {
            per_step
        } else {
            0.8 * self.step_cost + 0.2 * per_step
        };
    }
}
