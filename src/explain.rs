//! Explain mode: one update walked through in four phases, with the real numbers.
//!
//! [`explain`] turns the current state into text: the forward pass (predictions), the
//! loss (residuals and L), the backward pass (the chain rule down to ∇L) and the update
//! (θ ← θ − η·∇L and the new loss). When that update makes the loss climb, the update
//! phase also says why: how far the step goes against how far the lowest point along
//! −∇L is. Every number comes from the engine; nothing here draws.

use crate::engine::loss::bce_from_logit;
use crate::engine::model::sigmoid;
use crate::engine::{
    Activation, Config, Loss, Model, Objective, OptimizerKind, Schedule, State, Status, next_state,
};
use crate::engine::{curvature_along, norm};
use crate::fmt::{human, paren, times};

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
    let ctx = Context::new(objective, config, state);
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

/// One data row pushed through the model and the loss.
struct Row {
    /// The features.
    x: Vec<f64>,
    /// The target.
    y: f64,
    /// ŷ (p for `logistic`).
    y_hat: f64,
    /// (z, act(z)) of each unit: one for a neuron or `logistic`, K for sums, none for linear.
    units: Vec<(f64, f64)>,
    /// The chain factor of each parameter: ∂ŷ/∂θ, or ∂z/∂θ for `bce`.
    factor: Vec<f64>,
    /// The row's loss l.
    l: f64,
    /// δ = dl/dŷ (dl/dz for `bce`).
    delta: f64,
}

/// Everything the phases share.
struct Context<'a> {
    objective: &'a Objective,
    config: &'a Config,
    state: &'a State,
    model: Model,
    loss: Loss,
    names: Vec<String>,
    /// Rows in the data.
    n: usize,
    /// The first rows, at most [`ROWS`].
    rows: Vec<Row>,
}

impl<'a> Context<'a> {
    fn new(objective: &'a Objective, config: &'a Config, state: &'a State) -> Self {
        let model = objective.model();
        let loss = objective.loss();
        let theta = state.params.to_vec();
        let data = objective.data();
        let k = data.n_features();
        let (xs, ys) = (data.x_slice(), data.y_slice());
        let rows = xs
            .chunks_exact(k.max(1))
            .zip(ys)
            .take(ROWS)
            .map(|(x, &y)| row(model, loss, &theta, x, y))
            .collect();
        Self {
            objective,
            config,
            state,
            model,
            loss,
            names: model.param_names(),
            n: data.len(),
            rows,
        }
    }

    fn k(&self) -> usize {
        self.model.n_features()
    }

    fn theta(&self, j: usize) -> f64 {
        self.state.params[j]
    }

    /// `x`, or `x1`..`xk`.
    fn x_name(&self, j: usize) -> String {
        if self.k() == 1 {
            "x".into()
        } else {
            format!("x{}", j + 1)
        }
    }

    /// The `… and N more rows` line, when some rows are not shown.
    fn more_rows(&self, lines: &mut Vec<String>) {
        let more = self.n.saturating_sub(self.rows.len());
        if more > 0 {
            lines.push(format!(
                "… and {more} more row{}",
                if more == 1 { "" } else { "s" }
            ));
        }
    }

    /// The note that this is a full-batch update when training uses mini-batches.
    fn batch_note(&self, lines: &mut Vec<String>) {
        if let Some(b) = self.config.batch_size.filter(|&b| b < self.n) {
            lines.push(format!(
                "(explained on all {} rows, a full-batch update; training uses mini-batches of {b} rows, so its own next update uses only those rows' gradient)",
                self.n
            ));
        }
    }

    /// The activation's derivative: `σ'` or `relu'`.
    fn act_slope(act: Activation) -> &'static str {
        match act {
            Activation::Sigmoid => "σ'",
            Activation::Relu => "relu'",
        }
    }

    /// `act(z)` spelt the README's way: `σ(z)` or `max(0, z)`.
    fn act_of(act: Activation, z: &str) -> String {
        match act {
            Activation::Sigmoid => format!("σ({z})"),
            Activation::Relu => format!("max(0, {z})"),
        }
    }

    // ---------------------------------------------------------------- forward

    fn forward(&self) -> Vec<String> {
        let mut lines = vec![self.model_formula(), self.param_values()];
        for (i, r) in self.rows.iter().enumerate() {
            lines.push(format!("row {}: {}", i + 1, self.forward_row(r)));
        }
        self.more_rows(&mut lines);
        lines
    }

    fn model_formula(&self) -> String {
        match self.model {
            Model::Linear { .. } => format!("{}: ŷ = {}", self.model, self.linear_symbols()),
            Model::Neuron(act) => format!(
                "{}: ŷ = c·{} with z = w·x + b{}",
                self.model,
                Self::act_of(act, "z"),
                match act {
                    Activation::Sigmoid => ", σ(z) = 1/(1 + e^−z)",
                    Activation::Relu => "",
                }
            ),
            Model::Logistic => {
                "logistic: p = σ(z) with z = w·x + b, σ(z) = 1/(1 + e^−z): the probability that y = 1".into()
            }
            Model::Sum { activation, units } => format!(
                "{}: ŷ = b0 + Σ c_k·{} with z_k = w_k·x + b_k, over {units} unit{}",
                self.model,
                Self::act_of(activation, "z_k"),
                if units == 1 { "" } else { "s" }
            ),
        }
    }

    /// `w·x + b`, `w1·x1 + w2·x2 + b`, or `w1·x1 + … + wk·xk + b`.
    fn linear_symbols(&self) -> String {
        match self.k() {
            1 => "w·x + b".into(),
            k if k <= MAX_TERMS => {
                let terms: Vec<String> = (1..=k).map(|j| format!("w{j}·x{j}")).collect();
                format!("{} + b", terms.join(" + "))
            }
            k => format!("w1·x1 + … + w{k}·x{k} + b"),
        }
    }

    fn param_values(&self) -> String {
        let values: Vec<String> = self
            .names
            .iter()
            .enumerate()
            .map(|(j, name)| format!("{name} = {}", human(self.theta(j))))
            .collect();
        format!("at {}", values.join(", "))
    }

    fn features(&self, r: &Row) -> String {
        let mut shown: Vec<String> =
            r.x.iter()
                .take(MAX_TERMS)
                .enumerate()
                .map(|(j, &v)| format!("{} = {}", self.x_name(j), human(v)))
                .collect();
        if r.x.len() > MAX_TERMS {
            shown.push(format!("… ({} features)", r.x.len()));
        }
        shown.join(", ")
    }

    fn forward_row(&self, r: &Row) -> String {
        let xs = self.features(r);
        match self.model {
            Model::Linear { features } => {
                if features <= MAX_TERMS {
                    let mut terms: Vec<String> = (0..features)
                        .map(|j| {
                            let w = if j == 0 {
                                human(self.theta(j))
                            } else {
                                paren(self.theta(j))
                            };
                            format!("{w}·{}", paren(r.x[j]))
                        })
                        .collect();
                    terms.push(paren(self.theta(features)));
                    format!(
                        "{xs} → ŷ = {} = {} = {}",
                        self.linear_symbols(),
                        terms.join(" + "),
                        human(r.y_hat)
                    )
                } else {
                    format!("{xs} → ŷ = {} = {}", self.linear_symbols(), human(r.y_hat))
                }
            }
            Model::Neuron(act) => {
                let (z, a) = r.units.first().copied().unwrap_or((f64::NAN, f64::NAN));
                let c = self.theta(2);
                format!(
                    "{xs} → z = w·x + b = {}·{} + {} = {}, ŷ = c·{} = {}·{} = {}",
                    human(self.theta(0)),
                    paren(r.x[0]),
                    paren(self.theta(1)),
                    human(z),
                    Self::act_of(act, "z"),
                    human(c),
                    paren(a),
                    human(r.y_hat)
                )
            }
            Model::Logistic => {
                let (z, _) = r.units.first().copied().unwrap_or((f64::NAN, f64::NAN));
                format!(
                    "{xs} → z = w·x + b = {}·{} + {} = {}, p = σ(z) = {}",
                    human(self.theta(0)),
                    paren(r.x[0]),
                    paren(self.theta(1)),
                    human(z),
                    human(r.y_hat)
                )
            }
            Model::Sum { activation, units } => {
                let zs: Vec<String> = r
                    .units
                    .iter()
                    .take(MAX_TERMS)
                    .map(|(z, _)| human(*z))
                    .collect();
                let more = if units > MAX_TERMS { ", …" } else { "" };
                let sum = if units <= MAX_TERMS {
                    let mut terms = vec![human(self.theta(3 * units))];
                    terms.extend(r.units.iter().enumerate().map(|(u, (_, a))| {
                        format!("{}·{}", paren(self.theta(3 * u + 2)), paren(*a))
                    }));
                    format!("{} = ", terms.join(" + "))
                } else {
                    String::new()
                };
                format!(
                    "{xs} → z_k = ({}{more}), ŷ = b0 + Σ c_k·{} = {sum}{}",
                    zs.join(", "),
                    Self::act_of(activation, "z_k"),
                    human(r.y_hat)
                )
            }
        }
    }

    // ---------------------------------------------------------------- loss

    /// The loss's formula, as it is written after `L = `.
    fn loss_formula(&self) -> &'static str {
        match self.loss {
            Loss::Mse => "mean(r²)",
            Loss::HalfMse => "½·mean(r²)",
            Loss::Mae => "mean(|r|)",
            Loss::Bce => "−mean(y·ln p + (1−y)·ln(1−p))",
        }
    }

    fn loss(&self) -> Vec<String> {
        let mut lines = vec![match self.loss {
            Loss::Bce => format!(
                "bce: L = {}: the mean of −ln(the probability p gives the true class)",
                self.loss_formula()
            ),
            loss => format!(
                "{loss}: L = {} with the residual r = y − ŷ",
                self.loss_formula()
            ),
        }];
        for (i, r) in self.rows.iter().enumerate() {
            let res = r.y - r.y_hat;
            let text = match self.loss {
                Loss::Mse => format!("r² = {}", human(r.l)),
                Loss::HalfMse => format!("½r² = {}", human(r.l)),
                Loss::Mae => format!("|r| = {}", human(r.l)),
                Loss::Bce => String::new(),
            };
            lines.push(if self.loss == Loss::Bce {
                let term = if r.y == 1.0 {
                    "−ln p"
                } else {
                    "−ln(1 − p)"
                };
                format!(
                    "row {}: y = {}, p = {} → {term} = {}",
                    i + 1,
                    human(r.y),
                    human(r.y_hat),
                    human(r.l)
                )
            } else {
                format!(
                    "row {}: r = y − ŷ = {} − {} = {}, {text}",
                    i + 1,
                    human(r.y),
                    paren(r.y_hat),
                    human(res)
                )
            });
        }
        self.more_rows(&mut lines);
        let over = if self.n > 1 {
            format!(" (the mean over all {} rows)", self.n)
        } else {
            String::new()
        };
        lines.push(format!(
            "L = {} = {}{over}",
            self.loss_formula(),
            human(self.state.loss)
        ));
        if self.loss == Loss::Bce {
            lines.push(
                "(each term is computed from z as softplus(z) − y·z, so ln never sees 0)".into(),
            );
        }
        if !self.state.loss.is_finite() {
            lines.push("L is not finite: the numbers have overflowed".into());
        }
        lines
    }

    // ---------------------------------------------------------------- backward

    fn backward(&self) -> Vec<String> {
        let mut lines = vec![match self.loss {
            Loss::Bce => {
                "the error term of each row, on the logit: δ = dl/dz = p − y (before the mean)"
                    .into()
            }
            _ => format!(
                "the error term of each row: δ = dl/dŷ = {} (before the mean)",
                self.delta_formula()
            ),
        }];
        for (i, r) in self.rows.iter().enumerate() {
            let res = r.y - r.y_hat;
            let worked = match self.loss {
                Loss::Mse => format!("−2 × {}", paren(res)),
                Loss::HalfMse => format!("−({})", human(res)),
                Loss::Mae => format!("−sign({})", human(res)),
                Loss::Bce => format!("{} − {}", human(r.y_hat), human(r.y)),
            };
            lines.push(format!(
                "row {}: δ = {} = {worked} = {}",
                i + 1,
                self.delta_formula(),
                human(r.delta)
            ));
        }
        self.more_rows(&mut lines);
        let by = if self.loss == Loss::Bce { "z" } else { "ŷ" };
        lines.push(format!(
            "then the chain rule, one parameter at a time: ∂L/∂θ = mean(δ·∂{by}/∂θ)"
        ));
        if let Some(note) = self.derivative_note() {
            lines.push(note);
        }
        for j in 0..self.names.len() {
            lines.push(self.gradient_line(j));
        }
        let frozen: Vec<&str> = self
            .names
            .iter()
            .zip(&self.config.frozen)
            .filter(|(_, f)| **f)
            .map(|(name, _)| name.as_str())
            .collect();
        let free = if frozen.is_empty() {
            ""
        } else {
            " (over the free parameters)"
        };
        lines.push(format!("|∇L| = {}{free}", human(self.state.grad_norm)));
        if !frozen.is_empty() {
            lines.push(format!(
                "frozen: {} (their gradient is computed but never used)",
                frozen.join(", ")
            ));
        }
        if frozen.len() == self.names.len() {
            lines.push("every parameter is frozen: no update will move θ".into());
        } else if self.state.grad_norm == 0.0 {
            lines.push("∇L = 0: θ is a stationary point, so plain gd will not move it".into());
        } else if self.state.grad_norm.is_finite() {
            lines.push("the arrow on the landscape points along −∇L, the way gd steps".into());
        } else {
            lines.push("∇L is not finite: the numbers have overflowed".into());
        }
        self.batch_note(&mut lines);
        lines
    }

    /// δ's formula: `−2(y − ŷ)`, `−(y − ŷ)`, `−sign(y − ŷ)` or `p − y`.
    fn delta_formula(&self) -> &'static str {
        match self.loss {
            Loss::Mse => "−2(y − ŷ)",
            Loss::HalfMse => "−(y − ŷ)",
            Loss::Mae => "−sign(y − ŷ)",
            Loss::Bce => "p − y",
        }
    }

    /// What σ' or relu' means, for models that have one in their chain factors.
    fn derivative_note(&self) -> Option<String> {
        let act = match self.model {
            Model::Neuron(act)
            | Model::Sum {
                activation: act, ..
            } => act,
            Model::Logistic if self.loss != Loss::Bce => Activation::Sigmoid,
            _ => return None,
        };
        Some(match act {
            Activation::Sigmoid => "where σ'(z) = σ(z)·(1 − σ(z))".into(),
            Activation::Relu => "where relu'(z) = 1 if z > 0, else 0".into(),
        })
    }

    /// `δ·x1`, `δ·c·σ'(z)·x`, …: the product averaged for parameter `j`.
    fn chain(&self, j: usize) -> String {
        match self.model {
            Model::Linear { features } => {
                if j < features {
                    format!("δ·{}", self.x_name(j))
                } else {
                    "δ".into()
                }
            }
            Model::Logistic if self.loss == Loss::Bce => if j == 0 { "δ·x" } else { "δ" }.into(),
            Model::Logistic => if j == 0 {
                "δ·σ'(z)·x"
            } else {
                "δ·σ'(z)"
            }
            .into(),
            Model::Neuron(act) => {
                let da = Self::act_slope(act);
                match j {
                    0 => format!("δ·c·{da}(z)·x"),
                    1 => format!("δ·c·{da}(z)"),
                    _ => format!("δ·{}", Self::act_of(act, "z")),
                }
            }
            Model::Sum { activation, units } => {
                let da = Self::act_slope(activation);
                if j == 3 * units {
                    return "δ".into();
                }
                let u = j / 3 + 1;
                match j % 3 {
                    0 => format!("δ·c{u}·{da}(z{u})·x"),
                    1 => format!("δ·c{u}·{da}(z{u})"),
                    _ => format!("δ·{}", Self::act_of(activation, &format!("z{u}"))),
                }
            }
        }
    }

    /// `∂L/∂w1 = mean(δ·x1) = mean(-243.9·28.1) = -6853.59`.
    fn gradient_line(&self, j: usize) -> String {
        let name = &self.names[j];
        let mut terms: Vec<String> = self
            .rows
            .iter()
            .map(|r| format!("{}·{}", human(r.delta), paren(r.factor[j])))
            .collect();
        let more = self.n.saturating_sub(self.rows.len());
        if more > 0 {
            terms.push(format!("… {more} more"));
        }
        let frozen = if self.config.frozen[j] {
            " (frozen: not used)"
        } else {
            ""
        };
        format!(
            "∂L/∂{name} = mean({}) = mean({}) = {}{frozen}",
            self.chain(j),
            terms.join(", "),
            human(self.state.grad[j])
        )
    }

    // ---------------------------------------------------------------- update

    fn update(&self, l0: f64) -> Vec<String> {
        let state = self.state;
        let config = self.config;
        let lr = config.next_lr(state.step);
        let next = next_state(self.objective, config, state, None, state.step + 1, l0);
        let kind = config.optimizer.kind;
        let mut lines = Vec::new();
        if state.status == Status::Diverged {
            lines.push(
                "training has stopped: this state diverged. This is the update it would take:"
                    .into(),
            );
        }
        let schedule = match config.schedule {
            Schedule::Constant => String::new(),
            s => format!(
                " ({s} from the base η = {}, update {})",
                human(config.lr),
                state.step.saturating_add(1)
            ),
        };
        lines.push(format!("η = {}{schedule}", human(lr)));
        lines.push(self.rule(state.optimizer.t.saturating_add(1)));
        for (j, name) in self.names.iter().enumerate() {
            let (old, new) = (state.params[j], next.params[j]);
            lines.push(if config.frozen[j] {
                format!("{name} stays {} (frozen)", human(old))
            } else if kind == OptimizerKind::Gd {
                format!(
                    "{name} ← {name} − η·∂L/∂{name} = {} − {} × ({}) = {}",
                    human(old),
                    human(lr),
                    human(state.grad[j]),
                    human(new)
                )
            } else {
                format!(
                    "{name} ← {name} − Δ = {} − {} = {}{}",
                    human(old),
                    paren(old - new),
                    human(new),
                    self.memory(&next, j)
                )
            });
        }
        let change = if next.loss > state.loss {
            format!("up from {}", human(state.loss))
        } else if next.loss < state.loss {
            format!("down from {}", human(state.loss))
        } else if next.loss == state.loss {
            "unchanged".to_owned()
        } else {
            format!("not finite (it was {})", human(state.loss))
        };
        lines.push(format!("new loss L = {}, {change}", human(next.loss)));
        if next.status == Status::Diverged && state.status != Status::Diverged {
            let bound = config.diverge_factor * l0.max(1.0);
            lines.push(if next.loss.is_finite() && next.params.iter().all(|p| p.is_finite()) {
                format!(
                    "that is past the divergence bound {} × max(L0, 1) = {}: training stops as diverged",
                    human(config.diverge_factor),
                    human(bound)
                )
            } else {
                "that is not finite: training stops as diverged".into()
            });
        }
        self.batch_note(&mut lines);
        // A loss that climbs, or turns infinite or NaN, is a blowup to explain.
        if next.loss > state.loss || !next.loss.is_finite() {
            lines.push(BLOWUP_HEADING.into());
            lines.extend(self.why(&next, lr));
        }
        lines
    }

    /// The update rule with its hyperparameters.
    fn rule(&self, t: u64) -> String {
        let o = &self.config.optimizer;
        match o.kind {
            OptimizerKind::Gd => "gd: θ ← θ − η·∇L".into(),
            OptimizerKind::Momentum => format!(
                "momentum: v ← μ·v + g, θ ← θ − Δ with Δ = η·v; μ = {}",
                human(o.momentum)
            ),
            OptimizerKind::Nesterov => format!(
                "nesterov: v ← μ·v + g, θ ← θ − Δ with Δ = η·(g + μ·v); μ = {}",
                human(o.momentum)
            ),
            OptimizerKind::Adagrad => format!(
                "adagrad: G ← G + g², θ ← θ − Δ with Δ = η·g/(√G + ε); ε = {}",
                human(o.eps)
            ),
            OptimizerKind::Rmsprop => format!(
                "rmsprop: s ← α·s + (1−α)·g², θ ← θ − Δ with Δ = η·g/(√s + ε); α = {}, ε = {}",
                human(o.alpha),
                human(o.eps)
            ),
            OptimizerKind::Adam => format!(
                "adam: m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², θ ← θ − Δ with Δ = η·m̂/(√v̂ + ε), m̂ = m/(1−β1^t), v̂ = v/(1−β2^t); β1 = {}, β2 = {}, ε = {}, t = {t}",
                human(o.beta1),
                human(o.beta2),
                human(o.eps)
            ),
        }
    }

    /// The optimizer's memory of parameter `j` after the update, e.g. ` (m̂ = 0.3, v̂ = 0.09)`.
    fn memory(&self, next: &State, j: usize) -> String {
        let o = &self.config.optimizer;
        let first = next.optimizer.first[j];
        match o.kind {
            OptimizerKind::Gd => String::new(),
            OptimizerKind::Momentum | OptimizerKind::Nesterov => {
                format!(" (v = {})", human(first))
            }
            OptimizerKind::Adagrad => format!(" (G = {})", human(first)),
            OptimizerKind::Rmsprop => format!(" (s = {})", human(first)),
            OptimizerKind::Adam => {
                let t = next.optimizer.t.min(i32::MAX as u64) as i32;
                let m_hat = first / (1.0 - o.beta1.powi(t));
                let v_hat = next.optimizer.second[j] / (1.0 - o.beta2.powi(t));
                format!(" (m̂ = {}, v̂ = {})", human(m_hat), human(v_hat))
            }
        }
    }

    /// Why the loss climbed: the step against the lowest point along −∇L.
    fn why(&self, next: &State, lr: f64) -> Vec<String> {
        let state = self.state;
        let gd = self.config.optimizer.kind == OptimizerKind::Gd;
        let g: Vec<f64> = state
            .grad
            .iter()
            .zip(&self.config.frozen)
            .map(|(&g, &f)| if f { 0.0 } else { g })
            .collect();
        let g_norm = norm(&g);
        if !g_norm.is_finite() {
            return vec![format!(
                "|∇L| = {}: the numbers have already overflowed, so there is no step length left to compare",
                human(g_norm)
            )];
        }
        if g_norm == 0.0 {
            return vec![if gd {
                "∇L = 0 here, so gd does not move: the loss changed only by rounding".into()
            } else {
                format!(
                    "∇L = 0 here: the {} step comes from its memory of earlier gradients",
                    self.config.optimizer.kind
                )
            }];
        }
        let dir: Vec<f64> = g.iter().map(|v| v / g_norm).collect();
        let theta = state.params.to_vec();
        let (kappa, how) = match curvature_along(self.objective, &theta, &dir) {
            (kappa, None) => (
                kappa,
                "exact, since L is quadratic in θ: κ = ĝᵀHĝ with ĝ = ∇L/|∇L|".to_owned(),
            ),
            (kappa, Some(eps)) => (
                kappa,
                format!(
                    "from ∇L on either side: κ = (∇L(θ + εĝ) − ∇L(θ − εĝ))·ĝ/(2ε), ĝ = ∇L/|∇L|, ε = {}",
                    human(eps)
                ),
            ),
        };
        let mut lines = vec![format!(
            "the curvature of L along −∇L is κ = {} ({how})",
            human(kappa)
        )];
        if !(kappa > 0.0 && kappa.is_finite()) {
            lines.push(
                "κ ≤ 0 (or not finite): L does not curve up along −∇L here, so the curvature gives no limit on η; the climb comes from further along the step"
                    .into(),
            );
            return lines;
        }
        let eta_star = 1.0 / kappa;
        let best = g_norm / kappa;
        let local = if self.objective.is_quadratic() {
            ""
        } else {
            " (as long as the curvature stays near κ)"
        };
        if gd {
            let step = lr * g_norm;
            lines.push(format!(
                "the step moves η·|∇L| = {}, but the lowest point along −∇L is only |∇L|/κ = {} away (η* = 1/κ = {})",
                human(step),
                human(best),
                human(eta_star)
            ));
            if lr > 2.0 * eta_star {
                lines.push(format!(
                    "η is {}× η*; any η above 2η* = {} lands higher than it started{local}",
                    times(lr / eta_star),
                    human(2.0 * eta_star)
                ));
            } else {
                lines.push(format!(
                    "η = {} is below 2η* = {}, so the step does not overshoot by this measure: the curvature changes over the step",
                    human(lr),
                    human(2.0 * eta_star)
                ));
            }
        } else {
            let delta: Vec<f64> = next
                .params
                .iter()
                .zip(&state.params)
                .map(|(a, b)| a - b)
                .collect();
            let step = norm(&delta);
            lines.push(format!(
                "the {} step moves |Δθ| = {}, but the lowest point along −∇L is only |∇L|/κ = {} away: the step is {}× that",
                self.config.optimizer.kind,
                human(step),
                human(best),
                times(step / best)
            ));
            lines.push(format!(
                "(for plain gd, η* = 1/κ = {}, and any η above 2η* = {} lands higher than it started{local})",
                human(eta_star),
                human(2.0 * eta_star)
            ));
        }
        lines
    }
}

/// Row `x`, `y` through the model and the loss at `theta`.
fn row(model: Model, loss: Loss, theta: &[f64], x: &[f64], y: f64) -> Row {
    let mut factor = vec![0.0; model.n_params()];
    let y_hat = model.predict_with_gradient(theta, x, &mut factor);
    let units = match model {
        Model::Linear { .. } => Vec::new(),
        Model::Neuron(act) => {
            let z = theta[0] * x[0] + theta[1];
            vec![(z, act.eval(z).0)]
        }
        Model::Logistic => {
            let z = theta[0] * x[0] + theta[1];
            vec![(z, sigmoid(z))]
        }
        Model::Sum { activation, units } => (0..units)
            .map(|u| {
                let z = theta[3 * u] * x[0] + theta[3 * u + 1];
                (z, activation.eval(z).0)
            })
            .collect(),
    };
    let (l, delta) = if loss == Loss::Bce {
        // Only with `logistic` (the objective checks): δ is on the logit, and ∂z/∂θ = (x, 1).
        let z = theta[0] * x[0] + theta[1];
        factor = vec![x[0], 1.0];
        bce_from_logit(y, z)
    } else {
        loss.value_and_slope(y, y_hat)
    };
    Row {
        x: x.to_vec(),
        y,
        y_hat,
        units,
        factor,
        l,
        delta,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Trainer;
    use crate::scenario::{Scenario, resolve};

    /// A trainer on the built-in lesson `name`, at its start.
    fn lesson(name: &str) -> Trainer {
        trainer_for(Scenario {
            preset: Some(name.into()),
            ..Default::default()
        })
    }

    fn trainer_for(scenario: Scenario) -> Trainer {
        let setup = resolve(&scenario, None).unwrap();
        Trainer::new(setup.objective, setup.config, setup.start).unwrap()
    }

    fn phase(t: &Trainer, phase: Phase) -> Explanation {
        explain(
            t.objective(),
            t.config(),
            t.current(),
            t.history()[0].loss,
            phase,
        )
    }

    /// Asserts that some line of `e` contains `text`.
    #[track_caller]
    fn has(e: &Explanation, text: &str) {
        assert!(
            e.lines.iter().any(|l| l.contains(text)),
            "no line contains {text:?}:\n{}",
            e.lines.join("\n")
        );
    }

    /// The line of `e` that starts with `start`.
    #[track_caller]
    fn line<'e>(e: &'e Explanation, start: &str) -> &'e str {
        e.lines
            .iter()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line starts with {start:?}:\n{}", e.lines.join("\n")))
    }

    /// Every `∂L/∂θ_j` line of the backward phase ends with `human(state.grad[j])`, and
    /// the loss phase's `L = …` line shows `human(state.loss)`.
    #[track_caller]
    fn numbers_match_the_state(t: &Trainer) {
        let state = t.current();
        let names = t.objective().model().param_names();
        let back = phase(t, Phase::Backward);
        for (j, name) in names.iter().enumerate() {
            let l = line(&back, &format!("∂L/∂{name} = "));
            let value = format!("= {}", human(state.grad[j]));
            let value_frozen = format!("{value} (frozen: not used)");
            assert!(
                l.ends_with(&value) || (t.config().frozen[j] && l.ends_with(&value_frozen)),
                "{l:?} should end with {value:?}"
            );
        }
        assert_eq!(
            line(&back, "|∇L| = ").split(' ').nth(2),
            Some(human(state.grad_norm).as_str())
        );
        let loss = phase(t, Phase::Loss);
        let l = line(&loss, "L = ");
        let value = format!("= {}", human(state.loss));
        assert!(
            l.ends_with(&value) || l.contains(&format!("{value} (the mean over all")),
            "{l:?} should show {value:?}"
        );
    }

    #[test]
    fn phases_run_in_order() {
        assert_eq!(Phase::ALL.map(Phase::number), [1, 2, 3, 4]);
        assert_eq!(
            Phase::ALL.map(Phase::name),
            ["forward", "loss", "backward", "update"]
        );
        let mut p = Phase::Forward;
        let mut seen = vec![p];
        while let Some(next) = p.next() {
            seen.push(next);
            p = next;
        }
        assert_eq!(seen, Phase::ALL);
    }

    #[test]
    fn blowup_forward_loss_and_backward_show_the_documented_numbers() {
        let t = lesson("blowup");
        let forward = phase(&t, Phase::Forward);
        assert_eq!(forward.title, "forward: the predictions at step 0");
        has(
            &forward,
            "row 1: x1 = 28.1, x2 = 58 → ŷ = w1·x1 + w2·x2 + b = 0.5·28.1 + 0.5·58 + 0 = 43.05",
        );
        assert!(!forward.lines.iter().any(|l| l.contains("more row")));

        let loss = phase(&t, Phase::Loss);
        has(
            &loss,
            "row 1: r = y − ŷ = 165 − 43.05 = 121.95, r² = 14871.8",
        );
        assert_eq!(line(&loss, "L = "), "L = mean(r²) = 14871.8");
        assert_eq!(human(t.current().loss), "14871.8");

        let back = phase(&t, Phase::Backward);
        has(&back, "row 1: δ = −2(y − ŷ) = −2 × 121.95 = -243.9");
        assert_eq!(
            line(&back, "∂L/∂w1 = "),
            "∂L/∂w1 = mean(δ·x1) = mean(-243.9·28.1) = -6853.59"
        );
        assert_eq!(
            line(&back, "∂L/∂b = "),
            "∂L/∂b = mean(δ) = mean(-243.9·1) = -243.9"
        );
        assert_eq!(line(&back, "|∇L| = "), "|∇L| = 15720.9");
        has(&back, "the arrow on the landscape points along −∇L");
        numbers_match_the_state(&t);
    }

    #[test]
    fn blowup_update_explains_the_overshoot_with_exact_numbers() {
        let t = lesson("blowup");
        let update = phase(&t, Phase::Update);
        assert_eq!(line(&update, "η = "), "η = 1");
        has(&update, "gd: θ ← θ − η·∇L");
        assert_eq!(
            line(&update, "w1 ← "),
            "w1 ← w1 − η·∂L/∂w1 = 0.5 − 1 × (-6853.59) = 6854.09"
        );
        has(
            &update,
            "w2 ← w2 − η·∂L/∂w2 = 0.5 − 1 × (-14146.2) = 14146.7",
        );
        has(&update, "b ← b − η·∂L/∂b = 0 − 1 × (-243.9) = 243.9");
        has(&update, "new loss L = 1.02655e12, up from 14871.8");
        has(&update, "training stops as diverged");

        // By hand: one row, so H = 2·x̃x̃ᵀ with x̃ = (28.1, 58, 1) and ∇L = δ·x̃ ∥ x̃;
        // the curvature along it is 2‖x̃‖², and the best step along −∇L is |∇L|/κ.
        let x = [28.1f64, 58.0, 1.0];
        let norm2: f64 = x.iter().map(|v| v * v).sum();
        let delta: f64 = -2.0 * (165.0 - (0.5 * 28.1 + 0.5 * 58.0));
        let g_norm = delta.abs() * norm2.sqrt();
        let kappa = 2.0 * norm2;
        let eta_star = 1.0 / kappa;
        assert_eq!(human(g_norm), "15720.9");
        assert_eq!(format!("{:.0}", 1.0 / eta_star), "8309");

        let start = update.blowup_start().expect("the loss climbs");
        assert_eq!(update.lines[start], BLOWUP_HEADING);
        let why = update.lines[start..].join("\n");
        for text in [
            format!("κ = {}", human(kappa)),
            "exact, since L is quadratic".to_owned(),
            format!("the step moves η·|∇L| = {}", human(g_norm)),
            format!("only |∇L|/κ = {} away", human(g_norm / kappa)),
            format!("η* = 1/κ = {}", human(eta_star)),
            "η is 8309× η*".to_owned(),
            format!(
                "any η above 2η* = {} lands higher than it started",
                human(2.0 * eta_star)
            ),
        ] {
            assert!(why.contains(&text), "{text:?} not in:\n{why}");
        }
    }

    #[test]
    fn doubling_uses_half_mse_and_keeps_b_frozen() {
        let t = lesson("doubling");
        let back = phase(&t, Phase::Backward);
        has(&back, "δ = dl/dŷ = −(y − ŷ)");
        has(&back, "row 1: δ = −(y − ŷ) = −(2) = -2");
        has(&back, "row 3: δ = −(y − ŷ) = −(6) = -6");
        assert_eq!(
            line(&back, "∂L/∂w = "),
            "∂L/∂w = mean(δ·x) = mean(-2·1, -4·2, -6·3) = -9.33333"
        );
        assert!(line(&back, "∂L/∂b = ").ends_with("(frozen: not used)"));
        has(&back, "|∇L| = 9.33333 (over the free parameters)");
        has(&back, "frozen: b");
        let loss = phase(&t, Phase::Loss);
        has(&loss, "row 2: r = y − ŷ = 4 − 0 = 4, ½r² = 8");
        has(&loss, "L = ½·mean(r²) = 9.33333 (the mean over all 3 rows)");
        let update = phase(&t, Phase::Update);
        assert_eq!(
            line(&update, "w ← "),
            "w ← w − η·∂L/∂w = 0 − 0.01 × (-9.33333) = 0.0933333"
        );
        has(&update, "b stays 0 (frozen)");
        has(&update, "down from 9.33333");
        assert_eq!(update.blowup_start(), None);
        numbers_match_the_state(&t);
    }

    #[test]
    fn sigmoid_names_the_chain_factor_and_matches_the_gradient() {
        let mut t = lesson("sigmoid");
        let forward = phase(&t, Phase::Forward);
        has(&forward, "sigmoid: ŷ = c·σ(z) with z = w·x + b");
        let s = 1.0 / (1.0 + 2f64.exp());
        has(
            &forward,
            &format!(
                "row 1: x = -4 → z = w·x + b = 0.5·(-4) + 0 = -2, ŷ = c·σ(z) = 1·{0} = {0}",
                human(s)
            ),
        );
        has(&forward, "… and 17 more rows");
        let back = phase(&t, Phase::Backward);
        has(&back, "where σ'(z) = σ(z)·(1 − σ(z))");
        assert!(line(&back, "∂L/∂w = ").starts_with("∂L/∂w = mean(δ·c·σ'(z)·x) = mean("));
        assert!(line(&back, "∂L/∂b = ").starts_with("∂L/∂b = mean(δ·c·σ'(z)) = mean("));
        assert!(line(&back, "∂L/∂c = ").starts_with("∂L/∂c = mean(δ·σ(z)) = mean("));
        has(&back, "… 17 more)");
        numbers_match_the_state(&t);
        for _ in 0..25 {
            t.step();
        }
        numbers_match_the_state(&t);
    }

    #[test]
    fn logistic_works_on_the_logit_with_bce() {
        let mut t = lesson("logistic");
        has(&phase(&t, Phase::Forward), "p = σ(z) = 0.5");
        let loss = phase(&t, Phase::Loss);
        has(&loss, "row 1: y = 0, p = 0.5 → −ln(1 − p) = 0.693147");
        assert_eq!(
            line(&loss, "L = "),
            "L = −mean(y·ln p + (1−y)·ln(1−p)) = 0.693147 (the mean over all 20 rows)"
        );
        let back = phase(&t, Phase::Backward);
        has(&back, "δ = dl/dz = p − y");
        has(&back, "row 1: δ = p − y = 0.5 − 0 = 0.5");
        has(&back, "∂L/∂θ = mean(δ·∂z/∂θ)");
        assert!(line(&back, "∂L/∂w = ").starts_with("∂L/∂w = mean(δ·x) = mean(0.5·(-3), "));
        assert!(line(&back, "∂L/∂b = ").starts_with("∂L/∂b = mean(δ) = "));
        numbers_match_the_state(&t);
        for _ in 0..40 {
            t.step();
        }
        numbers_match_the_state(&t);
        // A row with y = 1 shows −ln p.
        let loss = phase(&t, Phase::Loss);
        let data = t.objective().data();
        if data.y.iter().take(ROWS).any(|&y| y == 1.0) {
            has(&loss, "→ −ln p = ");
        }
    }

    #[test]
    fn plane_spells_out_both_features() {
        let t = lesson("plane");
        let forward = phase(&t, Phase::Forward);
        has(&forward, "linear: ŷ = w1·x1 + w2·x2 + b");
        let row = line(&forward, "row 1: ");
        assert!(row.contains("x1 = ") && row.contains(", x2 = "), "{row}");
        assert!(row.contains("ŷ = w1·x1 + w2·x2 + b = 0·"), "{row}");
        let back = phase(&t, Phase::Backward);
        assert!(line(&back, "∂L/∂w1 = ").starts_with("∂L/∂w1 = mean(δ·x1) = "));
        assert!(line(&back, "∂L/∂w2 = ").starts_with("∂L/∂w2 = mean(δ·x2) = "));
        numbers_match_the_state(&t);
    }

    #[test]
    fn relus_show_each_unit() {
        let mut t = lesson("hard-sigmoid");
        let forward = phase(&t, Phase::Forward);
        has(
            &forward,
            "relus:2: ŷ = b0 + Σ c_k·max(0, z_k) with z_k = w_k·x + b_k, over 2 units",
        );
        has(
            &forward,
            "row 1: x = -3 → z_k = (-4, -2), ŷ = b0 + Σ c_k·max(0, z_k) = 0 + 0.5·0 + 0.5·0 = 0",
        );
        let back = phase(&t, Phase::Backward);
        has(&back, "where relu'(z) = 1 if z > 0, else 0");
        assert!(line(&back, "∂L/∂w2 = ").starts_with("∂L/∂w2 = mean(δ·c2·relu'(z2)·x) = "));
        assert!(line(&back, "∂L/∂c1 = ").starts_with("∂L/∂c1 = mean(δ·max(0, z1)) = "));
        assert!(line(&back, "∂L/∂b0 = ").starts_with("∂L/∂b0 = mean(δ) = "));
        numbers_match_the_state(&t);
        for _ in 0..30 {
            t.step();
        }
        numbers_match_the_state(&t);
    }

    #[test]
    fn adam_shows_its_rule_and_the_real_next_parameters() {
        let mut t = lesson("wiggle");
        for _ in 0..3 {
            t.step();
        }
        let update = phase(&t, Phase::Update);
        let rule = line(&update, "adam: ");
        assert!(rule.contains("Δ = η·m̂/(√v̂ + ε)"), "{rule}");
        assert!(
            rule.contains("β1 = 0.9, β2 = 0.999, ε = 1e-8, t = 4"),
            "{rule}"
        );
        let before = t.current().clone();
        t.step();
        let after = t.current();
        for (j, name) in t.objective().model().param_names().iter().enumerate() {
            let l = line(&update, &format!("{name} ← {name} − Δ = "));
            let expected = format!(
                "{} − {} = {} (m̂ = ",
                human(before.params[j]),
                paren(before.params[j] - after.params[j]),
                human(after.params[j])
            );
            assert!(l.contains(&expected), "{l:?} lacks {expected:?}");
        }
        has(&update, &format!("new loss L = {}, ", human(after.loss)));
    }

    #[test]
    fn other_optimizers_compare_their_own_step() {
        // Momentum's first step is gd's: v = g.
        let t = trainer_for(Scenario {
            preset: Some("blowup".into()),
            optimizer: Some("momentum".into()),
            ..Default::default()
        });
        let update = phase(&t, Phase::Update);
        has(
            &update,
            "momentum: v ← μ·v + g, θ ← θ − Δ with Δ = η·v; μ = 0.9",
        );
        has(
            &update,
            "w1 ← w1 − Δ = 0.5 − (-6853.59) = 6854.09 (v = -6853.59)",
        );
        assert!(update.blowup_start().is_some());
        has(&update, "the momentum step moves |Δθ| = 15720.9");
        has(&update, "the step is 8309× that");
    }

    #[test]
    fn curvature_is_exact_for_quadratics_and_close_for_the_rest() {
        for name in ["ravine", "sigmoid", "relu", "logistic", "wiggle"] {
            let t = lesson(name);
            let obj = t.objective();
            let theta = t.current().params.to_vec();
            let g = t.current().grad.to_vec();
            let dir: Vec<f64> = g.iter().map(|v| v / norm(&g)).collect();
            let (kappa, eps) = curvature_along(obj, &theta, &dir);
            assert_eq!(eps.is_none(), obj.is_quadratic(), "{name}");
            // The second difference of L itself along the same direction.
            let h = 1e-3;
            let at = |s: f64| {
                let p: Vec<f64> = theta.iter().zip(&dir).map(|(t, d)| t + s * d).collect();
                obj.evaluate(&p).loss
            };
            let second = (at(h) - 2.0 * at(0.0) + at(-h)) / (h * h);
            assert!(
                (kappa - second).abs() <= 1e-3 * (1.0 + second.abs()),
                "{name}: κ = {kappa}, second difference {second}"
            );
        }
    }

    #[test]
    fn a_climb_on_a_curved_loss_uses_a_finite_difference() {
        let mut t = trainer_for(Scenario {
            preset: Some("sigmoid".into()),
            lr: Some(200.0),
            ..Default::default()
        });
        let mut found = false;
        for _ in 0..10 {
            let update = phase(&t, Phase::Update);
            if update.blowup_start().is_some() {
                has(&update, "from ∇L on either side");
                has(&update, "(as long as the curvature stays near κ)");
                found = true;
                break;
            }
            t.step();
        }
        assert!(found, "the loss never climbed");
    }

    #[test]
    fn mini_batches_and_schedules_are_named() {
        let mut t = trainer_for(Scenario {
            preset: Some("intro".into()),
            batch_size: Some(4),
            schedule: Some("warmup:4".into()),
            ..Default::default()
        });
        t.step();
        for p in [Phase::Backward, Phase::Update] {
            has(
                &phase(&t, p),
                "full-batch update; training uses mini-batches of 4 rows",
            );
        }
        assert!(
            !phase(&t, Phase::Forward)
                .lines
                .iter()
                .any(|l| l.contains("mini-batch"))
        );
        assert_eq!(
            line(&phase(&t, Phase::Update), "η = "),
            "η = 0.05 (warmup:4 from the base η = 0.1, update 2)"
        );
        numbers_match_the_state(&t);
    }

    #[test]
    fn a_diverged_state_says_training_has_stopped() {
        let mut t = lesson("blowup");
        t.step();
        let update = phase(&t, Phase::Update);
        assert!(
            update.lines[0].starts_with("training has stopped"),
            "{:?}",
            update.lines
        );
        numbers_match_the_state(&t);
    }

    #[test]
    fn zero_gradient_stays_put() {
        let t = trainer_for(Scenario {
            preset: Some("doubling".into()),
            init: Some("w=2,b=0".into()),
            ..Default::default()
        });
        assert_eq!(t.current().grad_norm, 0.0);
        let back = phase(&t, Phase::Backward);
        has(&back, "∇L = 0: θ is a stationary point");
        let update = phase(&t, Phase::Update);
        has(&update, "w ← w − η·∂L/∂w = 2 − 0.01 × (0) = 2");
        has(&update, "new loss L = 0, unchanged");
        assert_eq!(update.blowup_start(), None);
    }

    #[test]
    fn broken_states_never_panic() {
        let t = lesson("blowup");
        let obj = t.objective();
        let config = t.config();
        let good = t.current().clone();
        let mut states = Vec::new();
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e300, -1e300] {
            let mut s = good.clone();
            s.params.fill(bad);
            states.push(s.clone());
            s.loss = bad;
            s.grad.fill(bad);
            s.grad_norm = bad.abs();
            states.push(s);
        }
        let mut short = good.clone();
        short.params = ndarray::Array1::zeros(1);
        states.push(short);
        for s in &states {
            for p in Phase::ALL {
                let e = explain(obj, config, s, good.loss, p);
                assert!(!e.lines.is_empty());
            }
        }
        let e = explain(
            obj,
            config,
            &states.last().unwrap().clone(),
            good.loss,
            Phase::Update,
        );
        assert!(e.lines[0].starts_with("nothing to explain: model `linear` has 3 parameters"));
        let mut nan = good.clone();
        nan.params.fill(f64::NAN);
        nan.loss = f64::NAN;
        nan.grad.fill(f64::NAN);
        nan.grad_norm = f64::NAN;
        let update = explain(obj, config, &nan, good.loss, Phase::Update);
        assert!(update.blowup_start().is_some());
        has(&update, "overflowed");
        has(
            &explain(obj, config, &nan, good.loss, Phase::Loss),
            "L = mean(r²) = NaN",
        );
    }

    #[test]
    fn every_lesson_with_every_optimizer_explains_every_phase() {
        for lesson_spec in crate::scenario::LESSONS {
            for kind in crate::engine::optimizer::OPTIMIZERS {
                let mut t = trainer_for(Scenario {
                    preset: Some(lesson_spec.name.into()),
                    optimizer: Some(kind.name().into()),
                    ..Default::default()
                });
                for _ in 0..3 {
                    for p in Phase::ALL {
                        let e = phase(&t, p);
                        assert!(!e.lines.is_empty() && !e.title.is_empty());
                    }
                    numbers_match_the_state(&t);
                    t.step();
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// For random lessons, optimizers, batches and steps, the numbers shown for L and
        /// ∇L are the state's own.
        #[test]
        fn shown_loss_and_gradient_are_the_states(
            which in 0..crate::scenario::LESSONS.len(),
            kind in 0..6usize,
            batch in proptest::option::of(1..10usize),
            steps in 0..60usize,
        ) {
            let mut t = trainer_for(Scenario {
                preset: Some(crate::scenario::LESSONS[which].name.into()),
                optimizer: Some(crate::engine::optimizer::OPTIMIZERS[kind].name().into()),
                batch_size: batch,
                ..Default::default()
            });
            for _ in 0..steps {
                if t.step().is_none() {
                    break;
                }
            }
            numbers_match_the_state(&t);
            let update = phase(&t, Phase::Update);
            let next = next_state(
                t.objective(),
                t.config(),
                t.current(),
                None,
                t.current().step + 1,
                t.history()[0].loss,
            );
            let shown = format!("new loss L = {}, ", human(next.loss));
            proptest::prop_assert!(update.lines.iter().any(|l| l.starts_with(&shown)));
        }
    }
}
