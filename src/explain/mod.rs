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
use crate::t;
use context::Context;

/// Most data rows shown, from the first.
pub const ROWS: usize = 3;

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
    /// Index of the line that heads the "why it blows up" part of the update phase:
    /// it and every line after it say why the loss climbs.
    pub blowup: Option<usize>,
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
    let step = state.step;
    let title = match phase {
        Phase::Forward => t!("ex-title-forward", step = step),
        Phase::Loss => t!("ex-title-loss", step = step),
        Phase::Backward => t!("ex-title-backward"),
        Phase::Update => t!(
            "ex-title-update",
            step = step,
            next = step.saturating_add(1)
        ),
    };
    if let Some(problem) = mismatch(objective, config, state) {
        return Explanation {
            title,
            lines: vec![problem],
            blowup: None,
        };
    }
    let mut ctx = Context::new(objective, config, state);
    ctx.unit = unit;
    if let (Some(s), false) = (objective.as_surface(), phase == Phase::Update) {
        let title = match phase {
            Phase::Forward => t!("ex-title-surface-forward", step = step),
            Phase::Loss => t!("ex-title-surface-loss", step = step),
            _ => t!("ex-title-surface-backward"),
        };
        let lines = surface::lines(s, state, &config.frozen, phase);
        return Explanation {
            title,
            lines,
            blowup: None,
        };
    }
    let (lines, blowup) = match phase {
        Phase::Forward => (ctx.forward(), None),
        Phase::Loss => (ctx.loss(), None),
        Phase::Backward => (ctx.backward(), None),
        Phase::Update => ctx.update(l0),
    };
    Explanation {
        title,
        lines,
        blowup,
    }
}

/// Why `state` and `config` don't fit `objective`, if they don't.
fn mismatch(objective: &Objective, config: &Config, state: &State) -> Option<String> {
    let n = objective.n_params();
    let sizes = [
        ("ex-what-params", state.params.len()),
        ("ex-what-grad", state.grad.len()),
        ("ex-what-frozen", config.frozen.len()),
        ("ex-what-optimizer", state.optimizer.first.len()),
        ("ex-what-optimizer", state.optimizer.second.len()),
    ];
    sizes.iter().find(|(_, len)| *len != n).map(|(what, len)| {
        t!(
            "ex-nothing",
            model = objective.model(),
            n = n,
            len = len,
            what = crate::i18n::tr(what)
        )
    })
}
