//! The update phase: θ ← θ − η·∇L, the new loss, and why a climb overshoots.

use super::BLOWUP_HEADING;
use super::context::Context;
use crate::engine::{OptimizerKind, Schedule, State, Status, curvature_along, next_state, norm};
use crate::fmt::{human, paren, times};

impl Context<'_> {
    /// The update phase's lines: the rule with η, the new θ and loss, and why a climb overshoots.
    pub(super) fn update(&self, l0: f64) -> Vec<String> {
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
        // A loss that climbs, or turns infinite or NaN, is a blowup to explain; a rise
        // within 1e-12 of the loss is rounding at a minimum, as `u` also judges it.
        if next.loss > state.loss + 1e-12 * state.loss.abs() || !next.loss.is_finite() {
            lines.push(BLOWUP_HEADING.into());
            lines.extend(self.why(&next, lr));
        }
        lines
    }

    /// The update rule with its hyperparameters.
    pub(super) fn rule(&self, t: u64) -> String {
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
            OptimizerKind::Adamw => format!(
                "adamw: θ ← θ·(1 − η·λ), then adam's step: m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², θ ← θ − η·m̂/(√v̂ + ε); λ = {}, β1 = {}, β2 = {}, ε = {}, t = {t}",
                human(o.weight_decay),
                human(o.beta1),
                human(o.beta2),
                human(o.eps)
            ),
        }
    }

    /// The optimizer's memory of parameter `j` after the update, e.g. ` (m̂ = 0.3, v̂ = 0.09)`.
    pub(super) fn memory(&self, next: &State, j: usize) -> String {
        let o = &self.config.optimizer;
        let first = next.optimizer.first[j];
        match o.kind {
            OptimizerKind::Gd => String::new(),
            OptimizerKind::Momentum | OptimizerKind::Nesterov => {
                format!(" (v = {})", human(first))
            }
            OptimizerKind::Adagrad => format!(" (G = {})", human(first)),
            OptimizerKind::Rmsprop => format!(" (s = {})", human(first)),
            OptimizerKind::Adam | OptimizerKind::Adamw => {
                let t = next.optimizer.t.min(i32::MAX as u64) as i32;
                let m_hat = first / (1.0 - o.beta1.powi(t));
                let v_hat = next.optimizer.second[j] / (1.0 - o.beta2.powi(t));
                format!(" (m̂ = {}, v̂ = {})", human(m_hat), human(v_hat))
            }
        }
    }

    /// Why the loss climbed: the step against the lowest point along −∇L.
    pub(super) fn why(&self, next: &State, lr: f64) -> Vec<String> {
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
        let (kappa, mut lines) = self.curvature_line(&dir);
        if !(kappa > 0.0 && kappa.is_finite()) {
            lines.push(
                "κ ≤ 0 (or not finite): L does not curve up along −∇L here, so the curvature gives no limit on η; the climb comes from further along the step"
                    .into(),
            );
            return lines;
        }
        lines.extend(self.overshoot(next, lr, g_norm, kappa));
        lines
    }

    /// The curvature κ of L along the unit vector `dir` (−∇L's direction), and the line
    /// that states it with how it was found.
    fn curvature_line(&self, dir: &[f64]) -> (f64, Vec<String>) {
        let theta = self.state.params.to_vec();
        let (kappa, how) = match curvature_along(self.objective, &theta, dir) {
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
        let line = format!(
            "the curvature of L along −∇L is κ = {} ({how})",
            human(kappa)
        );
        (kappa, vec![line])
    }

    /// How far the step goes against the lowest point along −∇L, |∇L|/κ away: for plain
    /// gd against η* = 1/κ, for other rules by the length of their step to `next`.
    fn overshoot(&self, next: &State, lr: f64, g_norm: f64, kappa: f64) -> Vec<String> {
        let state = self.state;
        let mut lines = Vec::new();
        let gd = self.config.optimizer.kind == OptimizerKind::Gd;
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
