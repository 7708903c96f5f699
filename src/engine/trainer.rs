//! Gradient descent one update at a time, with the history needed to step back exactly.

use std::fmt;
use std::sync::Arc;

use ndarray::Array1;

use super::batches::Batches;
use super::objective::Objective;
use super::optimizer::{Optimizer, OptimizerState};

/// How training is set up; everything but the data, model and loss.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Update rule and hyperparameters.
    pub optimizer: Optimizer,
    /// Learning rate η.
    pub lr: f64,
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

/// Where a state stands against the stop conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// No stop condition holds.
    Running,
    /// The gradient norm is within the tolerance.
    Converged,
    /// The loss or a parameter is not finite, or the loss passed the divergence bound.
    Diverged,
}

/// Why a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Stopped at a state within the tolerance.
    Converged,
    /// Stopped at a state that blew up.
    Diverged,
    /// Took every update it was allowed.
    MaxSteps,
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Outcome::Converged => "converged",
            Outcome::Diverged => "diverged",
            Outcome::MaxSteps => "max_steps",
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
    /// η: the one used for the last update (the configured one at the start).
    pub lr: f64,
    /// The optimizer's memory after the last update.
    pub optimizer: OptimizerState,
    /// The stop condition this state meets.
    pub status: Status,
}

/// Advances an [`Objective`] one update at a time, keeping every state.
#[derive(Debug, Clone)]
pub struct Trainer {
    objective: Arc<Objective>,
    config: Config,
    /// `None` in full batch.
    batches: Option<Batches>,
    /// history[k] is the state after k updates; never empty.
    history: Vec<State>,
}

impl Trainer {
    /// A trainer standing at `start`, with no update taken.
    pub fn new(
        objective: Arc<Objective>,
        config: Config,
        start: Array1<f64>,
    ) -> Result<Self, String> {
        let n = objective.n_params();
        if start.len() != n || config.frozen.len() != n {
            return Err(format!(
                "model `{}` has {n} parameters, got {} start values and {} freeze flags",
                objective.model(),
                start.len(),
                config.frozen.len()
            ));
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
        first.status = judge(&first, first.loss, &config);
        Ok(Self {
            objective,
            config,
            batches,
            history: vec![first],
        })
    }

    /// The state after the latest update.
    pub fn current(&self) -> &State {
        self.history.last().expect("history is never empty")
    }

    /// Every state, from the start (index 0) to the current one.
    pub fn history(&self) -> &[State] {
        &self.history
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
        let current = self.current();
        if current.status == Status::Diverged {
            return None;
        }
        let step = current.step + 1;
        let l0 = self.history[0].loss;
        let current = self.history.last().expect("history is never empty");
        let next = match &mut self.batches {
            Some(b) => {
                let epoch = b.epoch_of(step);
                next_state(
                    &self.objective,
                    &self.config,
                    current,
                    Some(b.rows_for(step)),
                    epoch,
                    l0,
                )
            }
            None => next_state(&self.objective, &self.config, current, None, step, l0),
        };
        self.history.push(next);
        self.history.last()
    }

    /// Returns to the state before the latest update, exactly; false at the start.
    pub fn step_back(&mut self) -> bool {
        if self.history.len() > 1 {
            self.history.pop();
            true
        } else {
            false
        }
    }

    /// Steps until a stop condition holds or `max_steps` updates have been taken in all.
    pub fn run(&mut self, max_steps: usize) -> Outcome {
        while self.current().status == Status::Running && self.current().step < max_steps {
            self.step();
        }
        self.outcome()
    }

    /// How the run stands: its current state's stop condition, else `MaxSteps`.
    pub fn outcome(&self) -> Outcome {
        match self.current().status {
            Status::Converged => Outcome::Converged,
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
    let theta = state.params.as_slice().expect("params are contiguous");
    let mut g = match batch {
        Some(rows) => objective.evaluate_rows(theta, rows).grad,
        None => state.grad.clone(),
    };
    // A zero gradient leaves a frozen parameter and its optimizer memory untouched, in every rule.
    g.iter_mut()
        .zip(&config.frozen)
        .filter(|(_, frozen)| **frozen)
        .for_each(|(gi, _)| *gi = 0.0);
    let mut params = state.params.clone();
    let mut memory = state.optimizer.clone();
    config
        .optimizer
        .update(&mut params, &g, config.lr, &mut memory);
    let mut next = evaluate_state(
        objective,
        config,
        params,
        state.step + 1,
        epoch,
        config.lr,
        memory,
    );
    next.status = judge(&next, l0, config);
    next
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
    let grad_norm = eval
        .grad
        .iter()
        .zip(&config.frozen)
        .filter(|(_, frozen)| !**frozen)
        .map(|(g, _)| g * g)
        .sum::<f64>()
        .sqrt();
    State {
        step,
        epoch,
        params,
        loss: eval.loss,
        grad: eval.grad,
        grad_norm,
        lr,
        optimizer,
        status: Status::Running,
    }
}

/// The stop condition `state` meets, checked in the README's order.
fn judge(state: &State, l0: f64, config: &Config) -> Status {
    let blown = !state.loss.is_finite()
        || state.params.iter().any(|p| !p.is_finite())
        || state.loss > config.diverge_factor * l0.max(1.0);
    if blown {
        Status::Diverged
    } else if config.tolerance > 0.0 && state.grad_norm <= config.tolerance {
        Status::Converged
    } else {
        Status::Running
    }
}
