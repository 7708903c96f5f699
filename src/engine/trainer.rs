//! Gradient descent one update at a time, with the history needed to step back exactly.

use std::fmt;
use std::sync::Arc;

use ndarray::Array1;

use super::batches::Batches;
use super::error::Error;
use super::geometry::scaled_norm;
use super::kept::Kept;
use super::objective::Objective;
use super::optimizer::{Optimizer, OptimizerKind, OptimizerState};
use super::schedule::Schedule;
use super::stability::curvature_range;
use super::state::{Stall, State, Status};

/// How training is set up; everything but the data, model and loss.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Update rule and hyperparameters.
    pub optimizer: Optimizer,
    /// Base learning rate η.
    pub lr: f64,
    /// How η changes from update to update.
    pub schedule: Schedule,
    /// Rows per update; `None` (or ≥ N) means every update uses all rows.
    pub batch_size: Option<usize>,
    /// Per parameter: true when it keeps its starting value.
    pub frozen: Vec<bool>,
    /// Converged when the full-data gradient norm (free parameters) is at most this; 0 disables.
    pub tolerance: f64,
    /// Diverged when the loss exceeds this × max(L0, 1).
    pub diverge_factor: f64,
    /// Seed for the mini-batch shuffles.
    pub seed: u64,
}

impl Config {
    /// η of the update after `step` updates, from the base η and the schedule.
    pub fn next_lr(&self, step: usize) -> f64 {
        self.schedule.lr(self.lr, step + 1)
    }

    /// This set-up with the update rule swapped: hyperparameters shared, ε the new
    /// rule's own default (unchanged when the rule is the same).
    pub fn with_optimizer(&self, kind: OptimizerKind) -> Config {
        let mut config = self.clone();
        if config.optimizer.kind != kind {
            config.optimizer = Optimizer {
                kind,
                eps: kind.default_eps(),
                ..config.optimizer
            };
        }
        config
    }
}

/// What [`Trainer::run_with`] keeps of the states it passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Past {
    /// Every state, so the run can be stepped back and printed.
    Keep,
    /// Only the start and the newest state: memory stays flat however long the run.
    Forget,
}

/// Why a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Stopped at a state within the tolerance.
    Converged,
    /// Stopped where the gradient vanished but the point is no minimum.
    Stalled,
    /// Stopped at a state that blew up.
    Diverged,
    /// Took every update it was allowed.
    MaxSteps,
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Outcome::Converged => "converged",
            Outcome::Stalled => "stalled",
            Outcome::Diverged => "diverged",
            Outcome::MaxSteps => "max_steps",
        })
    }
}

/// Advances an [`Objective`] one update at a time, keeping recent states and
/// checkpoints (see [`super::kept`]) from which any earlier state is made again exactly.
#[derive(Debug, Clone)]
pub struct Trainer {
    objective: Arc<Objective>,
    config: Config,
    /// `None` in full batch.
    batches: Option<Batches>,
    /// The start, checkpoints and the recent states; never empty.
    kept: Kept,
    /// True when a judgement that needs the Hessian is left to the caller
    /// ([`Trainer::defer_judgement`]).
    defer: bool,
    /// True when the current state's judgement was left to the caller and has not come.
    unjudged: bool,
}

impl Trainer {
    /// A trainer standing at `start`, with no update taken.
    pub fn new(
        objective: Arc<Objective>,
        config: Config,
        start: Array1<f64>,
    ) -> Result<Self, Error> {
        Self::new_deferring(objective, config, start, false)
    }

    /// [`Trainer::new`] with [`Trainer::defer_judgement`] set to `defer` from the start:
    /// a start within the tolerance is then left for the caller to judge too.
    pub fn new_deferring(
        objective: Arc<Objective>,
        config: Config,
        start: Array1<f64>,
        defer: bool,
    ) -> Result<Self, Error> {
        let n = objective.n_params();
        if start.len() != n || config.frozen.len() != n {
            return Err(Error::Shape {
                model: objective.model().to_string(),
                params: n,
                start: start.len(),
                frozen: config.frozen.len(),
            });
        }
        let rows = objective.data().len();
        let batches = config
            .batch_size
            .filter(|&b| b < rows)
            .map(|b| Batches::new(rows, b, config.seed));
        let mut first = evaluate_state(
            &objective,
            &config,
            start,
            0,
            0,
            config.lr,
            OptimizerState::new(n),
        );
        let unjudged = defer && needs_curvature(&objective, &config, &first, first.loss);
        if !unjudged {
            first.status = judge(&objective, &config, &first, first.loss);
        }
        Ok(Self {
            objective,
            config,
            batches,
            kept: Kept::new(first),
            defer,
            unjudged,
        })
    }

    /// The state after the latest update.
    pub fn current(&self) -> &State {
        self.kept.states().last().expect("a run has a start")
    }

    /// The state before any update.
    pub fn start(&self) -> &State {
        &self.kept.states()[0]
    }

    /// The states kept, in step order: the start, checkpoints further back, and every
    /// recent state up to the current one. Read `State::step` for where each stands.
    pub fn kept(&self) -> &[State] {
        self.kept.states()
    }

    /// The state before the current one when it is kept (it is, right after an update).
    pub fn previous(&self) -> Option<&State> {
        match self.kept.states() {
            [.., before, now] if before.step + 1 == now.step => Some(before),
            _ => None,
        }
    }

    /// Keeps the newest `window` states whole (at least 1), checkpoints before them.
    pub fn set_window(&mut self, window: usize) {
        self.kept.set_window(window);
    }

    /// The training set-up.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The function being minimised.
    pub fn objective(&self) -> &Arc<Objective> {
        &self.objective
    }

    /// Takes one update from the current state; `None` once it has diverged.
    pub fn step(&mut self) -> Option<&State> {
        if self.unjudged {
            // Stepping on before the judgement came: it is made here, so the past stays exact.
            let now = self.current().clone();
            let status = judge(&self.objective, &self.config, &now, self.start().loss);
            self.judged(&now.params, self.config.lr, status);
        }
        if self.current().status == Status::Diverged {
            return None;
        }
        let step = self.current().step + 1;
        let l0 = self.start().loss;
        let current = self.kept.states().last().expect("a run has a start");
        let mut next = match &mut self.batches {
            Some(b) => {
                let epoch = b.epoch_of(step);
                let rows = Some(b.rows_for(step));
                next_unjudged(&self.objective, &self.config, current, rows, epoch)
            }
            None => next_unjudged(&self.objective, &self.config, current, None, step),
        };
        next.status = self.judgement(&next, l0);
        if self.current().status.at_rest() {
            self.kept.record_rest(self.current().step);
        }
        self.kept.push(next);
        Some(self.current())
    }

    /// With `on`, a state whose gradient is within the tolerance and whose judgement needs
    /// the Hessian is left `Running` and marked [`Trainer::unjudged`]: the caller computes
    /// [`judge`] where it costs no frame and hands the result to [`Trainer::judged`].
    pub fn defer_judgement(&mut self, on: bool) {
        self.defer = on;
    }

    /// True when the current state's judgement was left to the caller and has not come.
    pub fn unjudged(&self) -> bool {
        self.unjudged
    }

    /// The judgement of the current state, computed elsewhere for `params` under base η
    /// `lr`: taken if the run still stands there with that η. True when taken.
    pub fn judged(&mut self, params: &Array1<f64>, lr: f64, status: Status) -> bool {
        let here = self.current().params == *params && self.config.lr == lr;
        if !(self.unjudged && here) {
            return false;
        }
        self.unjudged = false;
        let states = self.kept.states_mut();
        states.last_mut().expect("a run has a start").status = status;
        true
    }

    /// `state`'s status now, or `Running` with the judgement left to the caller.
    fn judgement(&mut self, state: &State, l0: f64) -> Status {
        let later = self.defer && needs_curvature(&self.objective, &self.config, state, l0);
        self.unjudged = later;
        match later {
            true => Status::Running,
            false => judge(&self.objective, &self.config, state, l0),
        }
    }

    /// The rows the next update will use, when training uses mini-batches.
    pub fn next_batch(&mut self) -> Option<Vec<usize>> {
        let step = self.current().step + 1;
        self.batches.as_mut().map(|b| b.rows_for(step).to_vec())
    }

    /// Returns to the state before the latest update, exactly; false at the start.
    pub fn step_back(&mut self) -> bool {
        match self.current().step {
            0 => false,
            now => {
                self.truncate(now - 1);
                true
            }
        }
    }

    /// Sets η for the updates to come; past updates keep the η they were made with.
    ///
    /// Before the first update the start's own η changes too: row 0 shows the base η
    /// the run starts with, so a run saved from here reproduces it exactly.
    ///
    /// The current state is judged again under the new η: a point that rested may be
    /// pushed away now (plain GD past 2/λmax), or one that was pushed may rest.
    pub fn set_lr(&mut self, lr: f64) {
        self.config.lr = lr;
        let step = self.current().step;
        self.kept.record_lr(step, lr, true);
        let l0 = self.start().loss;
        let now = self.current().clone();
        let status = self.judgement(&now, l0);
        let states = self.kept.states_mut();
        if let [start] = states {
            start.lr = lr;
        }
        states.last_mut().expect("a run has a start").status = status;
    }

    /// The step of the state where the loss last stopped falling: walking back from
    /// the current state while each earlier loss is smaller. After a blowup this is
    /// the last state before the loss started to climb.
    pub fn climb_start(&mut self) -> usize {
        // A loss that turned NaN counts as climbing.
        let rose = |before: f64, after: f64| before < after || after.is_nan();
        let mut later = (self.current().step, self.current().loss);
        for k in (1..self.kept.states().len()).rev() {
            let before = self.kept.states()[k - 1].clone();
            let after = self.kept.states()[k].step;
            // Between checkpoints, the states are made again to be compared, then let go.
            let made = match before.step + 1 < after {
                true => self.remake(before.clone(), after - 1),
                false => Vec::new(),
            };
            for s in made.iter().rev().chain([&before]) {
                if !rose(s.loss, later.1) {
                    return later.0;
                }
                later = (s.step, s.loss);
            }
        }
        later.0
    }

    /// Makes the state after `step` updates current (at most the current step), exactly
    /// as it was: the states after it are dropped, and one not kept is made again from
    /// the checkpoint before it.
    pub fn truncate(&mut self, step: usize) {
        let step = step.min(self.current().step);
        if step < self.current().step {
            // Every state before the current one was judged when it was made.
            self.unjudged = false;
        }
        self.kept.drop_after(step);
        let last = self.current().clone();
        if last.step < step {
            let made = self.remake(last, step);
            self.kept.extend(made);
        }
        // The updates from here on use the η now set, whenever it was set.
        if self.kept.lr_after(step) != self.config.lr {
            self.kept.record_lr(step, self.config.lr, false);
        }
    }

    /// The states after `from` up to the one after `to` updates, made again exactly.
    fn remake(&mut self, from: State, to: usize) -> Vec<State> {
        let mut made: Vec<State> = Vec::with_capacity(to - from.step);
        let batches = self.batches.as_mut();
        remake(
            &self.objective,
            &self.config,
            &self.kept,
            batches,
            from,
            to,
            |s| {
                made.push(s.clone());
            },
        );
        made
    }

    /// Shows every state from the start to the current one to `each`, in order: the
    /// kept ones as they are, the others made again exactly from the checkpoint before
    /// them. Costs one update per state not kept; keeps none of them.
    pub fn replay(&self, mut each: impl FnMut(&State)) {
        let mut batches = self.batches.clone();
        let states = self.kept.states();
        for (k, state) in states.iter().enumerate() {
            if let Some(next) = states.get(k + 1) {
                each(state);
                if state.step + 1 < next.step {
                    let b = batches.as_mut();
                    let to = next.step - 1;
                    remake(
                        &self.objective,
                        &self.config,
                        &self.kept,
                        b,
                        state.clone(),
                        to,
                        &mut each,
                    );
                }
            } else {
                each(state);
            }
        }
    }

    /// The base η every update so far was made with, when they all share one (the
    /// current η before any update).
    pub fn base_lr(&self) -> Option<f64> {
        self.kept
            .base_lr_before(self.current().step, self.config.lr)
    }

    /// Each update so far whose base η differs from the one before it (η set with a key
    /// or `:lr` along the way): (its step, the new base η).
    pub fn rate_changes(&self) -> Vec<(usize, f64)> {
        self.kept.rate_changes_before(self.current().step + 1)
    }

    /// True when the run stepped on from a state that was at rest (converged or stalled).
    pub fn went_past_rest(&self) -> bool {
        self.kept.rested_before(self.current().step)
    }

    /// Forgets every state between the start and the current one, for callers that need
    /// only the outcome (a sweep of many long runs, `downhill run`); stepping back then
    /// makes the states again from the start.
    pub fn forget_past(&mut self) {
        self.kept.forget_between();
    }

    /// Steps until a stop condition holds or `max_steps` updates have been taken in all.
    pub fn run(&mut self, max_steps: usize) -> Outcome {
        self.run_with(max_steps, Past::Keep, |_| {})
    }

    /// [`Trainer::run`], showing each new state to `observe` as it is made, and keeping
    /// of the past what `past` says.
    pub fn run_with(
        &mut self,
        max_steps: usize,
        past: Past,
        mut observe: impl FnMut(&State),
    ) -> Outcome {
        while self.current().status == Status::Running && self.current().step < max_steps {
            self.step();
            if past == Past::Forget {
                self.forget_past();
            }
            observe(self.current());
        }
        self.outcome()
    }

    /// How the run stands: its current state's stop condition, else `MaxSteps`.
    pub fn outcome(&self) -> Outcome {
        match self.current().status {
            Status::Converged => Outcome::Converged,
            Status::Stalled(_) => Outcome::Stalled,
            Status::Diverged => Outcome::Diverged,
            Status::Running => Outcome::MaxSteps,
        }
    }
}

/// The state one update after `state`: the engine's `step(state) -> state`.
///
/// `batch` lists the rows of a mini-batch update; `None` uses all rows, whose
/// gradient `state` already holds. `l0` is the starting loss for the divergence bound.
pub fn next_state(
    objective: &Objective,
    config: &Config,
    state: &State,
    batch: Option<&[usize]>,
    epoch: usize,
    l0: f64,
) -> State {
    let mut next = next_unjudged(objective, config, state, batch, epoch);
    next.status = judge(objective, config, &next, l0);
    next
}

/// [`next_state`] before it is judged: its status is `Running`, and no Hessian is spent
/// (for callers that want only where the update lands and its loss).
pub fn next_unjudged(
    objective: &Objective,
    config: &Config,
    state: &State,
    batch: Option<&[usize]>,
    epoch: usize,
) -> State {
    let theta = state.params.as_slice().expect("params are contiguous");
    let g = match batch {
        Some(rows) => objective.evaluate_rows(theta, rows).grad,
        None => state.grad.clone(),
    };
    let (params, memory, lr) = updated(config, state, g);
    evaluate_state(objective, config, params, state.step + 1, epoch, lr, memory)
}

/// θ after the next full-batch update from `state`, without evaluating L there: where
/// the next step lands (with mini-batches, where it would land on all the rows).
pub fn next_params(config: &Config, state: &State) -> Array1<f64> {
    updated(config, state, state.grad.clone()).0
}

/// Shows `each` the states after `from` up to the one after `to` updates, made again
/// exactly as they were first made: the same rows, the same η (from `kept`'s record of
/// the η set along the way), the same judgement.
fn remake(
    objective: &Objective,
    config: &Config,
    kept: &Kept,
    mut batches: Option<&mut Batches>,
    from: State,
    to: usize,
    mut each: impl FnMut(&State),
) {
    let l0 = kept.states()[0].loss;
    let mut config = config.clone();
    let mut before = from;
    for step in before.step + 1..=to {
        config.lr = kept.lr_after(step - 1);
        let mut next = match batches.as_deref_mut() {
            Some(b) => {
                let epoch = b.epoch_of(step);
                next_state(
                    objective,
                    &config,
                    &before,
                    Some(b.rows_for(step)),
                    epoch,
                    l0,
                )
            }
            None => next_state(objective, &config, &before, None, step, l0),
        };
        if let Some(lr) = kept.rejudged_at(step) {
            config.lr = lr;
            next.status = judge(objective, &config, &next, l0);
        }
        each(&next);
        before = next;
    }
}

/// The update rule applied to `state` with gradient `g`: the new θ, the rule's new
/// memory, and the η used.
fn updated(
    config: &Config,
    state: &State,
    mut g: Array1<f64>,
) -> (Array1<f64>, OptimizerState, f64) {
    // A zero gradient leaves a frozen parameter and its optimizer memory untouched, in every rule.
    g.iter_mut()
        .zip(&config.frozen)
        .filter(|(_, frozen)| **frozen)
        .for_each(|(gi, _)| *gi = 0.0);
    let lr = config.next_lr(state.step);
    let mut params = state.params.clone();
    let mut memory = state.optimizer.clone();
    config.optimizer.update(&mut params, &g, lr, &mut memory);
    // Weight decay shrinks θ itself, not through g: a frozen parameter is put back.
    for ((p, &was), _) in params
        .iter_mut()
        .zip(&state.params)
        .zip(&config.frozen)
        .filter(|(_, frozen)| **frozen)
    {
        *p = was;
    }
    (params, memory, lr)
}

fn evaluate_state(
    objective: &Objective,
    config: &Config,
    params: Array1<f64>,
    step: usize,
    epoch: usize,
    lr: f64,
    optimizer: OptimizerState,
) -> State {
    let eval = objective.evaluate(params.as_slice().expect("params are contiguous"));
    let free = eval
        .grad
        .iter()
        .zip(&config.frozen)
        .filter(|(_, frozen)| !**frozen)
        .map(|(g, _)| *g);
    let grad_norm = scaled_norm(free);
    let test_loss = objective.test_loss(params.as_slice().expect("params are contiguous"));
    State {
        step,
        epoch,
        params,
        loss: eval.loss,
        grad: eval.grad,
        grad_norm,
        test_loss,
        lr,
        optimizer,
        status: Status::Running,
    }
}

/// The stop condition `state` meets, checked in the README's order.
///
/// `l0` is the starting loss, for the divergence bound.
pub fn judge(objective: &Objective, config: &Config, state: &State, l0: f64) -> Status {
    judge_with_curvature(objective, config, state, l0).0
}

/// [`judge`], with (λmin, λmax) of the Hessian over the free parameters when judging
/// needed them, so that a caller that also shows λmax need not compute it twice.
pub fn judge_with_curvature(
    objective: &Objective,
    config: &Config,
    state: &State,
    l0: f64,
) -> (Status, Option<(f64, f64)>) {
    if blown(config, state, l0) {
        (Status::Diverged, None)
    } else if within_tolerance(config, state) {
        at_small_gradient(objective, config, state)
    } else {
        (Status::Running, None)
    }
}

/// A non-finite loss or parameter, or a loss past the divergence bound.
fn blown(config: &Config, state: &State, l0: f64) -> bool {
    !state.loss.is_finite()
        || state.params.iter().any(|p| !p.is_finite())
        || state.loss > config.diverge_factor * l0.max(1.0)
}

/// The full-data gradient is within the tolerance (none when the tolerance is 0).
fn within_tolerance(config: &Config, state: &State) -> bool {
    config.tolerance > 0.0 && state.grad_norm <= config.tolerance
}

/// True when [`judge`] needs the Hessian at `state`: a point within the tolerance,
/// unless another rule than plain GD rests there on a convex objective.
fn needs_curvature(objective: &Objective, config: &Config, state: &State, l0: f64) -> bool {
    let plain = config.optimizer.kind == OptimizerKind::Gd;
    !blown(config, state, l0)
        && within_tolerance(config, state)
        && (plain || !objective.is_convex())
}

/// A curvature below −`SADDLE`·λmax is a direction the loss falls along: well above the
/// finite-difference Hessian's error (about 1e-10 relative).
const SADDLE: f64 = 1e-4;

/// A λmax at most this is no curvature at all (a dead unit's is exactly 0).
const FLAT: f64 = 1e-9;

/// What a point whose gradient is within the tolerance is (the README's "Stop
/// conditions"). It costs a Hessian, but only at such points: about once a run.
///
/// Plain GD whose next η is past 2/λmax is pushed away however small the gradient, so
/// it runs on. Otherwise a convex objective has converged; any other has stalled where
/// every ReLU unit is dead, where λmax ≤ FLAT (no curvature), or where
/// λmin < −SADDLE·λmax (a saddle).
fn at_small_gradient(
    objective: &Objective,
    config: &Config,
    state: &State,
) -> (Status, Option<(f64, f64)>) {
    if config.optimizer.kind != OptimizerKind::Gd && objective.is_convex() {
        // Only plain GD can be pushed off; a convex rest needs no Hessian to be told.
        return (Status::Converged, None);
    }
    let theta = state.params.as_slice().expect("params are contiguous");
    let (low, high) = curvature_range(objective, theta, &config.frozen);
    (
        rest_status(objective, config, state, (low, high)),
        Some((low, high)),
    )
}

/// How a point within the tolerance with Hessian eigenvalues from `low` to `high` rests.
fn rest_status(
    objective: &Objective,
    config: &Config,
    state: &State,
    (low, high): (f64, f64),
) -> Status {
    let theta = state.params.as_slice().expect("params are contiguous");
    let pushed = config.optimizer.kind == OptimizerKind::Gd
        && high > 0.0
        && config.next_lr(state.step) > 2.0 / high;
    if pushed {
        Status::Running
    } else if objective.is_convex() || high.is_nan() {
        Status::Converged
    } else if objective.all_units_dead(theta) {
        Status::Stalled(Stall::DeadUnits)
    } else if high <= FLAT {
        Status::Stalled(Stall::Flat)
    } else if low < -SADDLE * high {
        Status::Stalled(Stall::Saddle)
    } else {
        Status::Converged
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Activation, Dataset, Loss, Model, OPTIMIZERS, OptimizerKind};
    use ndarray::{Array2, array};
    use proptest::prelude::*;

    fn sigmoid_objective(rows: usize) -> Arc<Objective> {
        let x: Vec<f64> = (0..rows)
            .map(|i| -3.0 + 6.0 * i as f64 / rows as f64)
            .collect();
        let y: Vec<f64> = x
            .iter()
            .map(|&v| 2.0 / (1.0 + (-1.5 * v).exp()) + 0.1 * (7.0 * v).sin())
            .collect();
        let data = Dataset::new(
            Array2::from_shape_vec((rows, 1), x).unwrap(),
            Array1::from(y),
            vec!["x".into()],
            "y",
        )
        .unwrap();
        Arc::new(Objective::new(data, Model::Neuron(Activation::Sigmoid), Loss::Mse).unwrap())
    }

    fn config(kind: OptimizerKind, lr: f64, batch_size: Option<usize>) -> Config {
        Config {
            optimizer: Optimizer::new(kind),
            lr,
            schedule: Schedule::Constant,
            batch_size,
            frozen: vec![false; 3],
            tolerance: 1e-6,
            diverge_factor: 1e6,
            seed: 5,
        }
    }

    fn trainer(kind: OptimizerKind, batch_size: Option<usize>) -> Trainer {
        Trainer::new(
            sigmoid_objective(23),
            config(kind, 0.05, batch_size),
            array![1.0, 0.0, 1.0],
        )
        .unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Stepping back k updates and forward again retraces the same states, bit for bit.
        #[test]
        fn step_back_then_forward_is_exact(
            kind in 0..6usize,
            batch in prop_oneof![Just(None), (1..23usize).prop_map(Some)],
            forward in 1..40usize,
            back in 0..40usize,
        ) {
            let kind = crate::engine::optimizer::OPTIMIZERS[kind];
            let mut t = trainer(kind, batch);
            for _ in 0..forward { t.step(); }
            let original = t.kept().to_vec();
            let back = back.min(forward);
            for _ in 0..back { prop_assert!(t.step_back()); }
            prop_assert_eq!(t.current(), &original[forward - back]);
            for _ in 0..back { t.step(); }
            prop_assert_eq!(t.kept(), original.as_slice());
        }
    }

    /// What a person can do to a run, for the checkpointed-history property test.
    #[derive(Debug, Clone)]
    enum Op {
        Step(usize),
        Back(usize),
        Lr(f64),
        Truncate(usize),
        Rewind,
        /// The judgement left to the caller arrives.
        Judge,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (1..30usize).prop_map(Op::Step),
            3 => (1..30usize).prop_map(Op::Back),
            2 => prop_oneof![Just(0.5), Just(2.0), Just(0.1), Just(3.0)].prop_map(Op::Lr),
            1 => (0..60usize).prop_map(Op::Truncate),
            1 => Just(Op::Rewind),
            2 => Just(Op::Judge),
        ]
    }

    fn apply(t: &mut Trainer, op: &Op) {
        match *op {
            Op::Step(n) => (0..n).for_each(|_| {
                t.step();
            }),
            Op::Back(n) => (0..n).for_each(|_| {
                t.step_back();
            }),
            Op::Lr(f) => t.set_lr(t.config().lr * f),
            Op::Truncate(k) => t.truncate(k),
            Op::Rewind => {
                let at = t.climb_start();
                t.truncate(at);
            }
            Op::Judge => {
                if t.unjudged() {
                    let now = t.current().clone();
                    let status = judge(t.objective(), t.config(), &now, t.start().loss);
                    assert!(t.judged(&now.params, t.config().lr, status));
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// A trainer that keeps a few recent states and checkpoints goes through exactly the
        /// states of one that keeps every state, whatever is done to it: every state it
        /// keeps or makes again is bit for bit the other's state at that step.
        #[test]
        fn checkpoints_give_the_states_of_a_trainer_that_kept_everything(
            kind in 0..6usize,
            batch in prop_oneof![Just(None), (1..23usize).prop_map(Some)],
            window in 1..6usize,
            defer in any::<bool>(),
            ops in proptest::collection::vec(op(), 1..40),
        ) {
            let kind = crate::engine::optimizer::OPTIMIZERS[kind];
            let mut thin = trainer(kind, batch);
            thin.set_window(window);
            // Judgements left to the caller change nothing once they arrive.
            thin.defer_judgement(defer);
            let mut whole = trainer(kind, batch);
            whole.set_window(usize::MAX / 4);
            for op in &ops {
                apply(&mut thin, op);
                apply(&mut whole, op);
                let mut now = thin.current().clone();
                if thin.unjudged() {
                    prop_assert_eq!(now.status, Status::Running);
                    now.status = whole.current().status;
                }
                prop_assert_eq!(&now, whole.current(), "after {:?}", op);
                prop_assert!(thin.kept().len() <= 2 * window + 2, "{} kept", thin.kept().len());
                let judged = thin.kept().len() - usize::from(thin.unjudged());
                for state in &thin.kept()[..judged] {
                    prop_assert_eq!(state, &whole.kept()[state.step]);
                }
                prop_assert_eq!(thin.base_lr(), whole.base_lr());
                prop_assert_eq!(thin.went_past_rest(), whole.went_past_rest());
            }
            apply(&mut thin, &Op::Judge);
            let mut replayed = Vec::new();
            thin.replay(|s| replayed.push(s.clone()));
            prop_assert_eq!(replayed.as_slice(), whole.kept());
            while thin.step_back() {
                whole.step_back();
                prop_assert_eq!(thin.current(), whole.current());
            }
        }
    }

    #[test]
    fn step_back_stops_at_the_start() {
        let mut t = trainer(OptimizerKind::Adam, None);
        t.step();
        assert!(t.step_back());
        assert!(!t.step_back());
        assert_eq!(t.current().step, 0);
    }

    #[test]
    fn a_batch_of_every_row_is_the_full_batch_trajectory() {
        for kind in crate::engine::optimizer::OPTIMIZERS {
            let mut full = trainer(kind, None);
            let mut all = trainer(kind, Some(23));
            let mut more = trainer(kind, Some(1000));
            full.run(30);
            all.run(30);
            more.run(30);
            assert_eq!(full.kept(), all.kept(), "{kind}");
            assert_eq!(full.kept(), more.kept(), "{kind}");
        }
    }

    #[test]
    fn mini_batches_follow_the_epoch_count_and_differ_from_full_batch() {
        let mut t = trainer(OptimizerKind::Gd, Some(10));
        t.run(7);
        let epochs: Vec<usize> = t.kept().iter().map(|s| s.epoch).collect();
        assert_eq!(epochs, [0, 1, 1, 1, 2, 2, 2, 3]);
        let mut full = trainer(OptimizerKind::Gd, None);
        full.run(7);
        assert_ne!(t.current().params, full.current().params);
    }

    #[test]
    fn frozen_parameters_keep_their_value_but_show_their_gradient() {
        // Every rule, adamw's decay included.
        for kind in OPTIMIZERS {
            let mut cfg = config(kind, 0.1, None);
            cfg.frozen = vec![false, true, false];
            let mut t = Trainer::new(sigmoid_objective(23), cfg, array![1.0, 0.25, 1.0]).unwrap();
            t.run(20);
            assert!(t.kept().iter().all(|s| s.params[1] == 0.25), "{kind}");
            assert!(t.current().grad[1] != 0.0);
            // |∇L| over the free parameters only, by the same overflow-safe norm.
            let g = &t.current().grad;
            let free_norm = crate::engine::geometry::scaled_norm([g[0], g[2]].into_iter());
            assert_eq!(t.current().grad_norm, free_norm, "{kind}");
        }
    }

    #[test]
    fn divergence_stops_stepping_and_is_reported() {
        let mut t = Trainer::new(
            sigmoid_objective(23),
            config(OptimizerKind::Gd, 1e6, None),
            array![1.0, 0.0, 1.0],
        )
        .unwrap();
        assert_eq!(t.run(100), Outcome::Diverged);
        let steps = t.current().step;
        assert!(t.step().is_none());
        assert_eq!(t.current().step, steps);
    }

    #[test]
    fn the_divergence_bound_is_factor_times_the_larger_of_l0_and_one() {
        let run = |factor: f64| {
            let mut cfg = config(OptimizerKind::Gd, 0.05, None);
            cfg.diverge_factor = factor;
            let mut t = Trainer::new(sigmoid_objective(23), cfg, array![1.0, 0.0, 1.0]).unwrap();
            t.step();
            (t.kept()[0].loss, t.current().loss, t.current().status)
        };
        let (l0, l1, status) = run(1.0);
        // L0 < 1 here, so the bound is 1, not L0: a finite loss below 1 keeps running.
        assert!(l0 < 1.0 && l1 < 1.0);
        assert_eq!(status, Status::Running);
        let (_, l1, status) = run(l1 / 2.0);
        assert!(l1.is_finite());
        assert_eq!(status, Status::Diverged);
    }

    /// y ≈ 2x + 1 on four rows: a quadratic loss in (w, b), so η_crit = 2/λmax.
    fn line_trainer(lr: f64) -> Trainer {
        let data = Dataset::new(
            Array2::from_shape_vec((4, 1), vec![0.0, 1.0, 2.0, 3.0]).unwrap(),
            Array1::from(vec![1.0, 2.9, 5.2, 7.0]),
            vec!["x".into()],
            "y",
        )
        .unwrap();
        let objective =
            Arc::new(Objective::new(data, Model::Linear { features: 1 }, Loss::Mse).unwrap());
        let mut cfg = config(OptimizerKind::Gd, lr, None);
        cfg.frozen = vec![false; 2];
        Trainer::new(objective, cfg, array![0.0, 0.0]).unwrap()
    }

    #[test]
    fn plain_gd_past_the_limit_never_rests_and_a_new_lr_is_judged_again() {
        // η_crit = 2/λmax with H = [[7, 3], [3, 2]]: λmax = (9 + √61)/2.
        let eta_crit = 4.0 / (9.0 + 61f64.sqrt());
        let mut t = line_trainer(0.05);
        assert_eq!(t.run(10_000), Outcome::Converged);
        let rested = t.current().step;
        t.set_lr(0.9 * eta_crit);
        assert_eq!(
            t.current().status,
            Status::Converged,
            "a safe η still rests"
        );
        t.set_lr(1.1 * eta_crit);
        assert_eq!(
            t.current().status,
            Status::Running,
            "past the limit it does not"
        );
        let next = t.step().unwrap().clone();
        assert!(
            next.grad_norm <= t.config().tolerance,
            "within the tolerance…"
        );
        assert_eq!(next.status, Status::Running, "…but not a rest");
        assert_eq!(t.run(10_000), Outcome::Diverged);
        assert!(t.current().step > rested + 1);
        // Back under the limit, the same kind of point rests again.
        let mut t = line_trainer(0.05);
        t.run(10_000);
        t.set_lr(1.1 * eta_crit);
        t.set_lr(0.5 * eta_crit);
        assert_eq!(t.current().status, Status::Converged);
    }

    #[test]
    fn other_rules_rest_on_the_tolerance_alone() {
        let mut t = line_trainer(0.05);
        t.run(10_000);
        let mut cfg = t.config().clone();
        cfg.optimizer = Optimizer::new(OptimizerKind::Momentum);
        cfg.lr = 1.0;
        let t = Trainer::new(Arc::clone(t.objective()), cfg, t.current().params.clone()).unwrap();
        assert_eq!(t.current().status, Status::Converged);
    }

    fn neuron_trainer(activation: Activation, x: &[f64], y: &[f64], start: [f64; 3]) -> Trainer {
        let data = Dataset::new(
            Array2::from_shape_vec((x.len(), 1), x.to_vec()).unwrap(),
            Array1::from(y.to_vec()),
            vec!["x".into()],
            "y",
        )
        .unwrap();
        let objective =
            Arc::new(Objective::new(data, Model::Neuron(activation), Loss::Mse).unwrap());
        Trainer::new(
            objective,
            config(OptimizerKind::Gd, 0.1, None),
            Array1::from(start.to_vec()),
        )
        .unwrap()
    }

    #[test]
    fn a_dead_unit_stalls_flat_and_a_saddle_stalls_too() {
        // w = −1 on positive x: every row has w·x + b < 0, so ∇L = 0 and H = 0.
        let mut dead = neuron_trainer(
            Activation::Relu,
            &[1.0, 2.0, 3.0],
            &[1.0, 2.0, 3.0],
            [-1.0, 0.0, 1.0],
        );
        assert_eq!(dead.current().grad_norm, 0.0);
        assert_eq!(dead.current().status, Status::Stalled(Stall::DeadUnits));
        assert_eq!(dead.run(10), Outcome::Stalled);
        assert_eq!(dead.current().step, 0);
        // c = 0 and w = 0 on odd data: ∇L = 0, but ∂²L/∂c∂w = −2·σ'(0)·mean(x²) ≠ 0 with
        // ∂²L/∂w² = 0: the loss falls along a mix of c and w.
        let x = [-2.0, -1.0, 1.0, 2.0];
        let saddle = neuron_trainer(Activation::Sigmoid, &x, &x, [0.0, 0.0, 0.0]);
        assert_eq!(saddle.current().grad_norm, 0.0);
        assert_eq!(saddle.current().status, Status::Stalled(Stall::Saddle));
        // Training the same neuron from elsewhere still converges at a minimum.
        let y = x.map(|v| 2.0 / (1.0 + (-1.5 * v).exp()));
        let mut fit = neuron_trainer(Activation::Sigmoid, &x, &y, [1.0, 0.0, 1.0]);
        fit.run(200_000);
        assert_eq!(
            fit.current().status,
            Status::Converged,
            "{:?}",
            fit.current()
        );
    }

    #[test]
    fn dead_relu_units_stall_even_where_b0_still_curves() {
        // relus:2 with both units dead on positive x; b0 at mean(y) zeroes its gradient,
        // and ∂²L/∂b0² = 2 > 0, so only the units say why nothing moves.
        let data = Dataset::new(
            Array2::from_shape_vec((3, 1), vec![1.0, 2.0, 3.0]).unwrap(),
            Array1::from(vec![1.0, 2.0, 3.0]),
            vec!["x".into()],
            "y",
        )
        .unwrap();
        let model = Model::Sum {
            activation: Activation::Relu,
            units: 2,
        };
        let objective = Arc::new(Objective::new(data, model, Loss::Mse).unwrap());
        let mut cfg = config(OptimizerKind::Gd, 0.1, None);
        cfg.frozen = vec![false; 7];
        let start = array![-1.0, 0.0, 0.5, -2.0, 0.5, 0.5, 2.0];
        let t = Trainer::new(Arc::clone(&objective), cfg.clone(), start).unwrap();
        assert_eq!(t.current().grad_norm, 0.0);
        assert_eq!(t.current().status, Status::Stalled(Stall::DeadUnits));
        // One unit alive (w = 1): not all dead, and the gradient is not zero there.
        let alive = array![1.0, 0.0, 0.5, -2.0, 0.5, 0.5, 2.0];
        assert!(!objective.all_units_dead(alive.as_slice().unwrap()));
    }

    #[test]
    fn converged_start_takes_no_step_and_zero_tolerance_never_converges() {
        let mut cfg = config(OptimizerKind::Gd, 0.1, None);
        cfg.tolerance = 1e9;
        let mut t =
            Trainer::new(sigmoid_objective(23), cfg.clone(), array![1.0, 0.0, 1.0]).unwrap();
        assert_eq!(t.run(10), Outcome::Converged);
        assert_eq!(t.current().step, 0);
        cfg.tolerance = 0.0;
        let mut t = Trainer::new(sigmoid_objective(23), cfg, array![1.0, 0.0, 1.0]).unwrap();
        assert_eq!(t.run(10), Outcome::MaxSteps);
        assert_eq!(t.current().step, 10);
    }

    #[test]
    fn climb_start_finds_the_last_state_before_the_blowup() {
        let mut t = Trainer::new(
            sigmoid_objective(23),
            config(OptimizerKind::Gd, 0.05, None),
            array![1.0, 0.0, 1.0],
        )
        .unwrap();
        t.run(5);
        // Falling loss all the way: the current state is where it stopped falling.
        assert_eq!(t.climb_start(), 5);
        t.set_lr(1e6);
        t.run(20);
        assert_eq!(t.outcome(), Outcome::Diverged);
        let k = t.climb_start();
        assert!(k <= 5 && k < t.current().step);
        let losses: Vec<f64> = t.kept()[k..].iter().map(|s| s.loss).collect();
        assert!(
            losses.windows(2).all(|p| p[0] < p[1] || p[1].is_nan()),
            "{losses:?}"
        );
        t.truncate(k);
        assert_eq!(t.current().step, k);
        assert_eq!(t.kept()[1].lr, 0.05, "past states keep their η");
    }

    #[test]
    fn forgetting_the_past_keeps_the_outcome() {
        let mut full = trainer(OptimizerKind::Adam, Some(7));
        let mut lean = trainer(OptimizerKind::Adam, Some(7));
        full.run(40);
        while lean.current().status == Status::Running && lean.current().step < 40 {
            lean.step();
            lean.forget_past();
        }
        assert_eq!(lean.kept().len(), 2);
        assert_eq!(lean.current(), full.current());
        assert_eq!(lean.kept()[0], full.kept()[0]);
    }

    #[test]
    fn each_update_uses_the_scheduled_rate() {
        let mut cfg = config(OptimizerKind::Gd, 0.4, None);
        cfg.schedule = Schedule::Step {
            every: 2,
            factor: 0.5,
        };
        let mut t =
            Trainer::new(sigmoid_objective(23), cfg.clone(), array![1.0, 0.0, 1.0]).unwrap();
        t.run(5);
        let rates: Vec<f64> = t.kept().iter().map(|s| s.lr).collect();
        assert_eq!(rates, [0.4, 0.4, 0.4, 0.2, 0.2, 0.1]);
        // The step itself used that rate: θ1 − θ0 = −η1·∇L(θ0) in plain GD.
        let (s0, s1) = (&t.kept()[0], &t.kept()[1]);
        assert_eq!(s1.params[0], s0.params[0] - 0.4 * s0.grad[0]);
        let (s2, s3) = (&t.kept()[2], &t.kept()[3]);
        assert_eq!(s3.params[0], s2.params[0] - 0.2 * s2.grad[0]);
    }

    #[test]
    fn wrong_lengths_are_rejected() {
        let err = Trainer::new(
            sigmoid_objective(5),
            config(OptimizerKind::Gd, 0.1, None),
            array![1.0],
        )
        .unwrap_err();
        assert!(err.to_string().contains("3 parameters"), "{err}");
    }

    #[test]
    fn next_params_is_where_the_next_full_batch_update_lands() {
        for kind in crate::engine::OPTIMIZERS {
            let mut t = Trainer::new(
                sigmoid_objective(17),
                config(kind, 0.05, None),
                array![0.8, -0.3, 1.2],
            )
            .unwrap();
            for _ in 0..4 {
                let ahead = next_params(t.config(), t.current());
                let next = t.step().unwrap().params.clone();
                assert_eq!(ahead, next, "{kind}");
            }
        }
    }
}
