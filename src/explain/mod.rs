//! Explain mode: one update walked through in four phases, with the real numbers.
//!
//! [`explain`] turns the current state into text: the forward pass (predictions), the
//! loss (residuals and L), the backward pass (the chain rule down to ∇L) and the update
//! (θ ← θ − η·∇L and the new loss). When that update makes the loss climb, the update
//! phase also says why: how far the step goes against how far the lowest point along
//! −∇L is. Every number comes from the engine; nothing here draws.
//!
//! One file per phase (`forward`, `loss`, `backward`, `update`), each adding its
//! methods to the `Context` that all four share.

mod backward;
mod context;
mod forward;
mod loss;
mod network;
mod surface;
#[cfg(test)]
mod tests;
mod update;

use crate::engine::mlp::Mlp;
use crate::engine::{Config, Objective, State};
use context::Context;

/// Most data rows shown, from the first.
pub const ROWS: usize = 3;

/// The line that starts the "why it blows up" part of the update phase; it and every
/// line after it belong to that part.
pub const BLOWUP_HEADING: &str = "why it blows up:";

/// Most features or units spelt out term by term; beyond this only values are shown.
const MAX_TERMS: usize = 4;

/// The four phases of one explained update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The predictions ŷ.
    Forward,
    /// The residuals and L.
    Loss,
    /// The chain rule down to ∇L.
    Backward,
    /// θ ← θ − η·∇L and the new loss.
    Update,
}

impl Phase {
    /// Every phase, in order.
    pub const ALL: [Phase; 4] = [Phase::Forward, Phase::Loss, Phase::Backward, Phase::Update];

    /// The phase after this one; `None` after the update.
    pub fn next(self) -> Option<Phase> {
        match self {
            Phase::Forward => Some(Phase::Loss),
            Phase::Loss => Some(Phase::Backward),
            Phase::Backward => Some(Phase::Update),
            Phase::Update => None,
        }
    }

    /// 1 to 4.
    pub fn number(self) -> usize {
        match self {
            Phase::Forward => 1,
            Phase::Loss => 2,
            Phase::Backward => 3,
            Phase::Update => 4,
        }
    }

    /// `forward`, `loss`, `backward` or `update`.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Forward => "forward",
            Phase::Loss => "loss",
            Phase::Backward => "backward",
            Phase::Update => "update",
        }
    }
}

/// A unit of an `mlp`, 1-based: the one whose weights and bias the backward phase works
/// out with the real numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// The layer l, 1 to L (L the output).
    pub layer: usize,
    /// The unit i within it.
    pub index: usize,
}

impl Unit {
    /// Unit 1 of layer 1.
    pub const FIRST: Unit = Unit { layer: 1, index: 1 };

    /// The unit after this one in `m`: along its layer, then the next layer's first,
    /// and after the output unit 1 of layer 1 again.
    pub fn next_in(self, m: &Mlp) -> Unit {
        let unit = self.within(m);
        if unit.index < m.width(unit.layer) {
            Unit {
                index: unit.index + 1,
                ..unit
            }
        } else if unit.layer < m.layers() {
            Unit {
                layer: unit.layer + 1,
                index: 1,
            }
        } else {
            Unit::FIRST
        }
    }

    /// This unit if `m` has it, else unit 1 of layer 1.
    pub fn within(self, m: &Mlp) -> Unit {
        let fits = (1..=m.layers()).contains(&self.layer)
            && (1..=m.width(self.layer)).contains(&self.index);
        if fits { self } else { Unit::FIRST }
    }
}

/// A phase's text: a title and lines, every number computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// One line saying what the phase shows.
    pub title: String,
    /// The explanation, one entry per line (a drawer may wrap them).
    pub lines: Vec<String>,
}

impl Explanation {
    /// Index of the [`BLOWUP_HEADING`] line: from there on the lines say why the loss climbs.
    pub fn blowup_start(&self) -> Option<usize> {
        self.lines.iter().position(|l| l == BLOWUP_HEADING)
    }
}

/// Explains phase `phase` of the update from `state` (full batch; says so when the
/// config has a smaller batch). `l0` is the starting loss, for the divergence bound.
pub fn explain(
    objective: &Objective,
    config: &Config,
    state: &State,
    l0: f64,
    phase: Phase,
) -> Explanation {
    explain_unit(objective, config, state, l0, phase, Unit::FIRST)
}

/// [`explain`], an `mlp`'s backward phase working out `unit`.
pub fn explain_unit(
    objective: &Objective,
    config: &Config,
    state: &State,
    l0: f64,
    phase: Phase,
    unit: Unit,
) -> Explanation {
    let title = match phase {
        Phase::Forward => format!("forward: the predictions at step {}", state.step),
        Phase::Loss => format!(
            "loss: how far the predictions are from y at step {}",
            state.step
        ),
        Phase::Backward => "backward: the gradient ∇L by the chain rule".to_owned(),
        Phase::Update => format!(
            "update: from step {} to step {}",
            state.step,
            state.step.saturating_add(1)
        ),
    };
    if let Some(problem) = mismatch(objective, config, state) {
        return Explanation {
            title,
            lines: vec![format!("nothing to explain: {problem}")],
        };
    }
    let mut ctx = Context::new(objective, config, state);
    ctx.unit = unit;
    if let (Some(s), false) = (objective.as_surface(), phase == Phase::Update) {
        let title = match phase {
            Phase::Forward => format!("forward: f at the point, step {}", state.step),
            Phase::Loss => format!("loss: L = f, step {}", state.step),
            _ => "backward: the gradient ∇L = ∇f, differentiated by hand".to_owned(),
        };
        let lines = surface::lines(s, state, &config.frozen, phase);
        return Explanation { title, lines };
    }
    let lines = match phase {
        Phase::Forward => ctx.forward(),
        Phase::Loss => ctx.loss(),
        Phase::Backward => ctx.backward(),
        Phase::Update => ctx.update(l0),
    };
    Explanation { title, lines }
}

/// Why `state` and `config` don't fit `objective`, if they don't.
fn mismatch(objective: &Objective, config: &Config, state: &State) -> Option<String> {
    let n = objective.n_params();
    let sizes = [
        ("parameter values", state.params.len()),
        ("gradient entries", state.grad.len()),
        ("freeze flags", config.frozen.len()),
        ("optimizer entries", state.optimizer.first.len()),
        ("optimizer entries", state.optimizer.second.len()),
    ];
    sizes.iter().find(|(_, len)| *len != n).map(|(what, len)| {
        format!(
            "model `{}` has {n} parameters, but got {len} {what}",
            objective.model()
        )
    })
}
