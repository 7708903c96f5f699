//! The backward phase: the chain rule down to ∇L.

use super::context::Context;
use crate::engine::{Activation, Loss, Model};
use crate::fmt::{human, paren};
use crate::t;

impl Context<'_> {
    /// The backward phase's lines: each row's error term, the chain rule, then ∇L.
    pub(super) fn backward(&self) -> Vec<String> {
        let mut lines = vec![match self.loss {
            Loss::Bce => t!("ex-delta-bce"),
            _ => t!("ex-delta", formula = self.delta_formula()),
        }];
        for (i, r) in self.rows.iter().enumerate() {
            let res = r.y - r.y_hat;
            let worked = match self.loss {
                Loss::Mse => format!("−2 × {}", paren(res)),
                Loss::HalfMse => format!("−({})", human(res)),
                Loss::Mae => format!("−sign({})", human(res)),
                Loss::Bce => format!("{} − {}", human(r.y_hat), human(r.y)),
            };
            let text = format!(
                "δ = {} = {worked} = {}",
                self.delta_formula(),
                human(r.delta)
            );
            lines.push(t!("ex-row", row = i + 1, text = text));
        }
        self.more_rows(&mut lines);
        if let Model::Mlp(m) = self.model {
            lines.extend(self.network_backward(&m));
        }
        let by = if self.loss == Loss::Bce { "z" } else { "ŷ" };
        lines.push(t!("ex-chain", by = by));
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
            String::new()
        } else {
            t!("ex-free")
        };
        lines.push(format!("|∇L| = {}{free}", human(self.state.grad_norm)));
        if !frozen.is_empty() {
            lines.push(t!("ex-frozen-list", names = frozen.join(", ")));
        }
        lines.push(if frozen.len() == self.names.len() {
            t!("ex-all-frozen")
        } else if self.state.grad_norm == 0.0 {
            t!("ex-stationary")
        } else if self.state.grad_norm.is_finite() {
            t!("ex-arrow")
        } else {
            t!("ex-grad-overflow")
        });
        self.batch_note(&mut lines);
        lines
    }

    /// δ's formula: `−2(y − ŷ)`, `−(y − ŷ)`, `−sign(y − ŷ)` or `p − y`.
    pub(super) fn delta_formula(&self) -> &'static str {
        match self.loss {
            Loss::Mse => "−2(y − ŷ)",
            Loss::HalfMse => "−(y − ŷ)",
            Loss::Mae => "−sign(y − ŷ)",
            Loss::Bce => "p − y",
        }
    }

    /// What σ' or relu' means, for models that have one in their chain factors.
    pub(super) fn derivative_note(&self) -> Option<String> {
        let act = match self.model {
            Model::Neuron(act)
            | Model::Sum {
                activation: act, ..
            } => act,
            Model::Mlp(m) => m.activation,
            Model::Logistic { .. } if self.loss != Loss::Bce => Activation::Sigmoid,
            _ => return None,
        };
        Some(match act {
            Activation::Sigmoid => t!("ex-where", formula = "σ'(z) = σ(z)·(1 − σ(z))"),
            Activation::Relu => t!("ex-where-relu"),
            Activation::Tanh => t!("ex-where", formula = "tanh'(z) = 1 − tanh²(z)"),
        })
    }

    /// `δ·x1`, `δ·c·σ'(z)·x`, …: the product averaged for parameter `j`.
    pub(super) fn chain(&self, j: usize) -> String {
        match self.model {
            Model::Linear { features } => {
                if j < features {
                    format!("δ·{}", self.x_name(j))
                } else {
                    "δ".into()
                }
            }
            Model::Logistic { features } if self.loss == Loss::Bce => {
                if j < features {
                    format!("δ·{}", self.x_name(j))
                } else {
                    "δ".into()
                }
            }
            Model::Logistic { features } => {
                if j < features {
                    format!("δ·σ'(z)·{}", self.x_name(j))
                } else {
                    "δ·σ'(z)".into()
                }
            }
            // Backpropagation's factor, not yet written out layer by layer.
            Model::Mlp(_) if self.loss == Loss::Bce => "δ·∂z⁽ᴸ⁾/∂θ".into(),
            Model::Mlp(_) => "δ·∂ŷ/∂θ".into(),
            // The view does not explain surfaces; their slope is ∂f/∂θ itself.
            Model::Surface(_) => "∂f/∂θ".into(),
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
    pub(super) fn gradient_line(&self, j: usize) -> String {
        let name = &self.names[j];
        let mut terms: Vec<String> = self
            .rows
            .iter()
            .map(|r| format!("{}·{}", human(r.delta), paren(r.factor[j])))
            .collect();
        let more = self.n.saturating_sub(self.rows.len());
        if more > 0 {
            terms.push(t!("ex-more-terms", n = more));
        }
        let frozen = if self.config.frozen[j] {
            t!("ex-frozen-unused")
        } else {
            String::new()
        };
        let p = self.objective.penalty();
        if p.is_none() || !self.objective.weights().contains(&j) {
            return format!(
                "∂L/∂{name} = mean({}) = mean({}) = {}{frozen}",
                self.chain(j),
                terms.join(", "),
                human(self.state.grad[j])
            );
        }
        // The penalty's slope as its own term: λ₂·w + λ₁·sign(w).
        let theta = self.state.params.as_slice().expect("contiguous");
        let mut slope = vec![0.0; theta.len()];
        p.add_gradient(theta, &[j], &mut slope);
        let mut formula = String::new();
        if p.l2 > 0.0 {
            formula.push_str(&format!(" + {}·{name}", human(p.l2)));
        }
        if p.l1 > 0.0 {
            formula.push_str(&format!(" + {}·sign({name})", human(p.l1)));
        }
        format!(
            "∂L/∂{name} = mean({}){formula} = mean({}) + {} = {}{frozen}",
            self.chain(j),
            terms.join(", "),
            paren(slope[j]),
            human(self.state.grad[j])
        )
    }
}
