//! Which past states a trainer keeps, and what it needs to make the others again.
//!
//! Keeping every state costs a few hundred bytes an update: an hour of play at 5,000
//! updates a second would be gigabytes. A trainer keeps instead every one of its most
//! recent states (the window), and further back a thinning set of checkpoints: whenever
//! the states outgrow twice the window, every other checkpoint older than the window is
//! dropped, so the gaps between them double while their number stays bounded. Any state
//! dropped can be made again, bit for bit, by stepping forward from the checkpoint before
//! it: the update is deterministic, mini-batches are drawn from the step number, and the
//! learning rates set along the way are recorded as [`LrChange`]s.

use super::state::State;

/// Bytes of states one trainer keeps, at most about: the window is half of it.
const KEPT_BYTES: usize = 8 << 20;

/// The window never holds fewer states than this, however large one state is.
const MIN_WINDOW: usize = 64;

/// η set while standing at a state: the base η of the updates after it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct LrChange {
    /// The step of the state stood at.
    pub step: usize,
    /// The base η from then on.
    pub lr: f64,
    /// True when that state was judged again under it (see `Trainer::set_lr`).
    pub rejudged: bool,
}

/// The states kept, oldest first: the start, checkpoints, then the window.
#[derive(Debug, Clone)]
pub(super) struct Kept {
    /// Sorted by step; `states[0]` is the start and the last is the current state.
    states: Vec<State>,
    /// The newest this-many states are kept whole (consecutive, where they were made in
    /// order; a recomputed stretch may add more).
    window: usize,
    /// Every η set, in order; the first is the η the run started with.
    changes: Vec<LrChange>,
    /// Steps of states at rest that the run stepped on from, in order.
    rests: Vec<usize>,
}

impl Kept {
    /// Only `start`, with the window sized to the state's bytes.
    pub fn new(start: State) -> Self {
        // Parameters, gradient and two optimizer vectors, plus the struct and allocations.
        let bytes = 4 * 8 * start.params.len() + 256;
        let changes = vec![LrChange {
            step: 0,
            lr: start.lr,
            rejudged: false,
        }];
        Self {
            window: (KEPT_BYTES / 2 / bytes).max(MIN_WINDOW),
            states: vec![start],
            changes,
            rests: Vec::new(),
        }
    }

    /// The states kept, oldest first.
    pub fn states(&self) -> &[State] {
        &self.states
    }

    /// The states kept, to change one in place.
    pub fn states_mut(&mut self) -> &mut [State] {
        &mut self.states
    }

    /// Sets how many recent states are kept whole (tests use small windows).
    pub fn set_window(&mut self, window: usize) {
        self.window = window.max(1);
    }

    /// Adds the newest state, dropping every other old checkpoint when there are too many.
    pub fn push(&mut self, state: State) {
        self.states.push(state);
        self.thin();
    }

    /// Adds `made`, consecutive states after the current one, as [`Kept::push`] would.
    pub fn extend(&mut self, made: Vec<State>) {
        self.states.extend(made);
        self.thin();
    }

    /// Drops every other checkpoint older than the window while there are too many.
    fn thin(&mut self) {
        while self.states.len() > 2 * self.window {
            let old_end = self.states.len() - self.window;
            let mut position = 0;
            // Keep the start, the window, and every second old checkpoint: at least one
            // goes each time, as the old part is never empty here.
            self.states.retain(|_| {
                position += 1;
                let index = position - 1;
                index == 0 || index >= old_end || (index - 1) % 2 == 1
            });
        }
    }

    /// Drops every state after `step`; the start is never dropped.
    pub fn drop_after(&mut self, step: usize) {
        let keep = self.states.partition_point(|s| s.step <= step).max(1);
        self.states.truncate(keep);
        self.changes.retain(|c| c.step <= step);
        self.rests.retain(|&r| r < step);
    }

    /// Records that the run stepped on from the state at `step`, which was at rest.
    pub fn record_rest(&mut self, step: usize) {
        self.rests.push(step);
    }

    /// True when a state before `step` was at rest and the run stepped on from it.
    pub fn rested_before(&self, step: usize) -> bool {
        self.rests.iter().any(|&r| r < step)
    }

    /// Each update up to the state at `step` whose base η differs from the update's
    /// before it: (its step, the new base η).
    pub fn rate_changes_before(&self, step: usize) -> Vec<(usize, f64)> {
        let mut out: Vec<(usize, f64)> = Vec::new();
        let mut base = self.lr_after(0);
        for c in self.changes.iter().filter(|c| c.step > 0 && c.step < step) {
            // Only the last change made at a state governs the update after it.
            let lr = self.lr_after(c.step);
            if lr != base && out.last().is_none_or(|&(s, _)| s != c.step + 1) {
                out.push((c.step + 1, lr));
                base = lr;
            }
        }
        out
    }

    /// The base η of every update up to the state at `step`, when they share one;
    /// `current` when no update was taken.
    pub fn base_lr_before(&self, step: usize, current: f64) -> Option<f64> {
        if step == 0 {
            return Some(current);
        }
        let first = self.lr_after(0);
        let governing = self.changes.iter().filter(|c| c.step < step);
        governing
            .map(|c| c.lr)
            .all(|lr| lr == first)
            .then_some(first)
    }

    /// Keeps only the start and the current state.
    pub fn forget_between(&mut self) {
        if self.states.len() > 2 {
            let current = self.states.pop().expect("more than two states");
            self.states.truncate(1);
            self.states.push(current);
        }
    }

    /// Records η set to `lr` while standing at `step`.
    pub fn record_lr(&mut self, step: usize, lr: f64, rejudged: bool) {
        let change = LrChange { step, lr, rejudged };
        match self.changes.last_mut() {
            // A later judgement at the same state replaces an earlier one: only the last counts.
            Some(last) if last.step == step && (rejudged || !last.rejudged) => *last = change,
            _ => self.changes.push(change),
        }
    }

    /// The base η of the update after the state at `step`.
    pub fn lr_after(&self, step: usize) -> f64 {
        self.changes
            .iter()
            .rev()
            .find(|c| c.step <= step)
            .expect("the first change is at step 0")
            .lr
    }

    /// The η the state at `step` was last judged under, when it was judged again.
    pub fn rejudged_at(&self, step: usize) -> Option<f64> {
        self.changes
            .iter()
            .rev()
            .find(|c| c.step == step && c.rejudged)
            .map(|c| c.lr)
    }
}
