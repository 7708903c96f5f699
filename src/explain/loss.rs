//! The loss phase: the residuals and L.

use super::context::Context;
use crate::engine::Loss;
use crate::fmt::{human, paren};
use crate::t;

impl Context<'_> {
    /// The loss's formula, as it is written after `L = `.
    pub(super) fn loss_formula(&self) -> &'static str {
        match self.loss {
            Loss::Mse => "mean(r²)",
            Loss::HalfMse => "½·mean(r²)",
            Loss::Mae => "mean(|r|)",
            Loss::Bce => "−mean(y·ln p + (1−y)·ln(1−p))",
        }
    }

    /// The loss phase's lines: each row's residual and loss, then their mean L.
    pub(super) fn loss(&self) -> Vec<String> {
        let mut lines = vec![match self.loss {
            Loss::Bce => t!("ex-bce-intro", formula = self.loss_formula()),
            loss => t!("ex-loss-intro", loss = loss, formula = self.loss_formula()),
        }];
        for (i, r) in self.rows.iter().enumerate() {
            let res = r.y - r.y_hat;
            let text = match self.loss {
                Loss::Mse => format!("r² = {}", human(r.l)),
                Loss::HalfMse => format!("½r² = {}", human(r.l)),
                Loss::Mae => format!("|r| = {}", human(r.l)),
                Loss::Bce => String::new(),
            };
            let worked = if self.loss == Loss::Bce {
                let term = if r.y == 1.0 {
                    "−ln p"
                } else {
                    "−ln(1 − p)"
                };
                format!(
                    "y = {}, p = {} → {term} = {}",
                    human(r.y),
                    human(r.y_hat),
                    human(r.l)
                )
            } else {
                format!(
                    "r = y − ŷ = {} − {} = {}, {text}",
                    human(r.y),
                    paren(r.y_hat),
                    human(res)
                )
            };
            lines.push(t!("ex-row", row = i + 1, text = worked));
        }
        self.more_rows(&mut lines);
        let over = if self.n > 1 {
            t!("ex-mean-over", n = self.n)
        } else {
            String::new()
        };
        lines.push(self.total_line(&over));
        if self.loss == Loss::Bce {
            lines.push(t!("ex-bce-softplus"));
        }
        if !self.state.loss.is_finite() {
            lines.push(t!("ex-loss-overflow"));
        }
        lines
    }

    /// `L = mean(r²) = 14871.8 (the mean over all 20 rows)`, or with a penalty on the
    /// weights its own term: `L = mean(r²) + (λ₂/2)·Σw² = 2.1 + 0.35 = 2.45`.
    fn total_line(&self, over: &str) -> String {
        let p = self.objective.penalty();
        if p.is_none() {
            return format!(
                "L = {} = {}{over}",
                self.loss_formula(),
                human(self.state.loss)
            );
        }
        let theta = self.state.params.as_slice().expect("contiguous");
        let weights = self.objective.weights();
        let extra = p.value(theta, weights);
        let mut terms = String::new();
        if p.l2 > 0.0 {
            terms.push_str(&format!(" + ({}/2)·Σw²", human(p.l2)));
        }
        if p.l1 > 0.0 {
            terms.push_str(&format!(" + {}·Σ|w|", human(p.l1)));
        }
        t!(
            "ex-penalty-total",
            formula = self.loss_formula(),
            terms = terms,
            data = human(self.state.loss - extra),
            penalty = human(extra),
            total = human(self.state.loss),
            over = over,
            count = weights.len()
        )
    }
}
