//! The update phase: θ ← θ − η·∇L, the new loss, and why a climb overshoots.

use super::context::Context;
use crate::engine::{OptimizerKind, Schedule, State, Status, curvature_along, next_state, norm};
use crate::fmt::{human, paren, times};
use crate::t;

impl Context<'_> {
    /// The update phase's lines: the rule with η, the new θ and loss, and why a climb
    /// overshoots, with the index of the line that starts saying why.
    pub(super) fn update(&self, l0: f64) -> (Vec<String>, Option<usize>) {
        let state = self.state;
        let config = self.config;
        let lr = config.next_lr(state.step);
        let next = next_state(self.objective, config, state, None, state.step + 1, l0);
        let kind = config.optimizer.kind;
        let mut lines = Vec::new();
        if state.status == Status::Diverged {
            lines.push(t!("ex-stopped"));
        }
        lines.push(match config.schedule {
            Schedule::Constant => format!("η = {}", human(lr)),
            s => t!(
                "ex-scheduled",
                lr = human(lr),
                schedule = s,
                base = human(config.lr),
                update = state.step.saturating_add(1)
            ),
        });
        lines.push(self.rule(state.optimizer.t.saturating_add(1)));
        for (j, name) in self.names.iter().enumerate() {
            let (old, new) = (state.params[j], next.params[j]);
            lines.push(if config.frozen[j] {
                t!("ex-stays", name = name, value = human(old))
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
        let was = human(state.loss);
        let change = if next.loss > state.loss {
            t!("ex-up-from", loss = was)
        } else if next.loss < state.loss {
            t!("ex-down-from", loss = was)
        } else if next.loss == state.loss {
            t!("ex-unchanged")
        } else {
            t!("ex-not-finite-was", loss = was)
        };
        lines.push(t!("ex-new-loss", loss = human(next.loss), change = change));
        if next.status == Status::Diverged && state.status != Status::Diverged {
            let bound = config.diverge_factor * l0.max(1.0);
            lines.push(
                if next.loss.is_finite() && next.params.iter().all(|p| p.is_finite()) {
                    t!(
                        "ex-past-bound",
                        factor = human(config.diverge_factor),
                        bound = human(bound)
                    )
                } else {
                    t!("ex-not-finite-stops")
                },
            );
        }
        self.batch_note(&mut lines);
        // A loss that climbs, or turns infinite or NaN, is a blowup to explain; a rise
        // within 1e-12 of the loss is rounding at a minimum, as `u` also judges it.
        let mut blowup = None;
        if next.loss > state.loss + 1e-12 * state.loss.abs() || !next.loss.is_finite() {
            blowup = Some(lines.len());
            lines.push(t!("ex-why-heading"));
            lines.extend(self.why(&next, lr));
        }
        (lines, blowup)
    }

    /// The update rule with its hyperparameters.
    pub(super) fn rule(&self, t: u64) -> String {
        let o = &self.config.optimizer;
        match o.kind {
            OptimizerKind::Gd => "gd: θ ← θ − η·∇L".into(),
            OptimizerKind::Momentum => t!("ex-rule-momentum", mu = human(o.momentum)),
            OptimizerKind::Nesterov => t!("ex-rule-nesterov", mu = human(o.momentum)),
            OptimizerKind::Adagrad => t!("ex-rule-adagrad", eps = human(o.eps)),
            OptimizerKind::Rmsprop => t!(
                "ex-rule-rmsprop",
                alpha = human(o.alpha),
                eps = human(o.eps)
            ),
            OptimizerKind::Adam => t!(
                "ex-rule-adam",
                beta1 = human(o.beta1),
                beta2 = human(o.beta2),
                eps = human(o.eps),
                t = t
            ),
            OptimizerKind::Adamw => t!(
                "ex-rule-adamw",
                lambda = human(o.weight_decay),
                beta1 = human(o.beta1),
                beta2 = human(o.beta2),
                eps = human(o.eps),
                t = t
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
            return vec![t!("ex-overflowed", norm = human(g_norm))];
        }
        if g_norm == 0.0 {
            return vec![if gd {
                t!("ex-zero-grad-gd")
            } else {
                t!(
                    "ex-zero-grad-memory",
                    optimizer = self.config.optimizer.kind
                )
            }];
        }
        let dir: Vec<f64> = g.iter().map(|v| v / g_norm).collect();
        let (kappa, mut lines) = self.curvature_line(&dir);
        if !(kappa > 0.0 && kappa.is_finite()) {
            lines.push(t!("ex-no-curve"));
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
            (kappa, None) => (kappa, t!("ex-kappa-exact")),
            (kappa, Some(eps)) => (kappa, t!("ex-kappa-numeric", eps = human(eps))),
        };
        let line = t!("ex-curvature", kappa = human(kappa), how = how);
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
            String::new()
        } else {
            t!("ex-local")
        };
        let (star, twice) = (human(eta_star), human(2.0 * eta_star));
        if gd {
            let step = lr * g_norm;
            lines.push(t!(
                "ex-gd-step",
                step = human(step),
                best = human(best),
                star = star
            ));
            lines.push(if lr > 2.0 * eta_star {
                t!(
                    "ex-above-twice",
                    times = times(lr / eta_star),
                    twice = twice,
                    local = local
                )
            } else {
                t!("ex-below-twice", lr = human(lr), twice = twice)
            });
        } else {
            let delta: Vec<f64> = next
                .params
                .iter()
                .zip(&state.params)
                .map(|(a, b)| a - b)
                .collect();
            let step = norm(&delta);
            lines.push(t!(
                "ex-other-step",
                optimizer = self.config.optimizer.kind,
                step = human(step),
                best = human(best),
                times = times(step / best)
            ));
            lines.push(t!(
                "ex-for-plain-gd",
                star = star,
                twice = twice,
                local = local
            ));
        }
        lines
    }
}
