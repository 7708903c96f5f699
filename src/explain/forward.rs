//! The forward phase: the predictions ŷ, row by row.

use super::MAX_TERMS;
use super::context::{Context, Row};
use crate::engine::{Activation, Model};
use crate::fmt::{human, paren};
use crate::t;

impl Context<'_> {
    /// The forward phase's lines: the model, θ, and ŷ for each row shown.
    pub(super) fn forward(&self) -> Vec<String> {
        let mut lines = vec![self.model_formula(), self.param_values()];
        for (i, r) in self.rows.iter().enumerate() {
            lines.push(t!("ex-row", row = i + 1, text = self.forward_row(r)));
        }
        self.more_rows(&mut lines);
        if let Model::Mlp(m) = self.model {
            lines.extend(self.network_forward(&m));
        }
        lines
    }

    /// The model written out with its parameter names.
    pub(super) fn model_formula(&self) -> String {
        match self.model {
            Model::Linear { .. } => format!("{}: ŷ = {}", self.model, self.linear_symbols()),
            Model::Neuron(act) => t!(
                "ex-neuron-model",
                model = self.model,
                act = Self::act_of(act, "z"),
                sigma = match act {
                    Activation::Sigmoid => ", σ(z) = 1/(1 + e^−z)",
                    Activation::Relu | Activation::Tanh => "",
                }
            ),
            Model::Logistic { .. } => t!("ex-logistic-model", symbols = self.linear_symbols()),
            Model::Surface(s) => t!("ex-surface-model", surface = s),
            Model::Mlp(m) => t!(
                "ex-mlp-model",
                model = self.model,
                act = Self::act_of(m.activation, "z⁽ˡ⁾"),
                hidden = m.layers() - 1,
                output = if m.sigmoid_output {
                    t!("ex-mlp-probability")
                } else {
                    "ŷ = z⁽ᴸ⁾".to_owned()
                }
            ),
            Model::Sum { activation, units } => t!(
                "ex-sum-model",
                model = self.model,
                act = Self::act_of(activation, "z_k"),
                units = units
            ),
        }
    }

    /// `w·x + b`, `w1·x1 + w2·x2 + b`, or `w1·x1 + … + wk·xk + b`.
    pub(super) fn linear_symbols(&self) -> String {
        match self.k() {
            1 => "w·x + b".into(),
            k if k <= MAX_TERMS => {
                let terms: Vec<String> = (1..=k).map(|j| format!("w{j}·x{j}")).collect();
                format!("{} + b", terms.join(" + "))
            }
            k => format!("w1·x1 + … + w{k}·x{k} + b"),
        }
    }

    /// The current value of every parameter.
    pub(super) fn param_values(&self) -> String {
        let values: Vec<String> = self
            .names
            .iter()
            .enumerate()
            .map(|(j, name)| format!("{name} = {}", human(self.theta(j))))
            .collect();
        t!("ex-at", values = values.join(", "))
    }

    /// The row's features, named.
    pub(super) fn features(&self, r: &Row) -> String {
        let mut shown: Vec<String> =
            r.x.iter()
                .take(MAX_TERMS)
                .enumerate()
                .map(|(j, &v)| format!("{} = {}", self.x_name(j), human(v)))
                .collect();
        if r.x.len() > MAX_TERMS {
            shown.push(t!("ex-more-features", n = r.x.len()));
        }
        shown.join(", ")
    }

    /// One row of `logistic` (z worked out) or `mlp` (a generic line until the layers
    /// are written out one by one).
    fn logit_row(&self, xs: &str, r: &Row) -> String {
        let (z, _) = r.units.first().copied().unwrap_or((f64::NAN, f64::NAN));
        match self.model {
            Model::Logistic { features: 1 } => format!(
                "{xs} → z = w·x + b = {}·{} + {} = {}, p = σ(z) = {}",
                human(self.theta(0)),
                paren(r.x[0]),
                paren(self.theta(1)),
                human(z),
                human(r.y_hat)
            ),
            Model::Mlp(m) => t!(
                "ex-mlp-row",
                xs = xs,
                layers = m.layers(),
                out = if m.sigmoid_output { "p" } else { "ŷ" },
                value = human(r.y_hat)
            ),
            _ => format!(
                "{xs} → z = {} = {}, p = σ(z) = {}",
                self.linear_symbols(),
                human(z),
                human(r.y_hat)
            ),
        }
    }

    /// One row's ŷ, worked out from its features.
    pub(super) fn forward_row(&self, r: &Row) -> String {
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
            Model::Logistic { .. } | Model::Mlp(_) => self.logit_row(&xs, r),
            Model::Surface(s) => t!("ex-surface-row", surface = s),
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
}
