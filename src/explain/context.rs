//! What the four phases share: the rows pushed through the model and the loss, and
//! the names and values every phase writes out.

use super::ROWS;
use crate::engine::loss::bce_from_logit;
use crate::engine::model::{logit, sigmoid};
use crate::engine::{Activation, Config, Loss, Model, Objective, State};
use crate::t;

/// One data row pushed through the model and the loss.
pub(super) struct Row {
    /// The features.
    pub(super) x: Vec<f64>,
    /// The target.
    pub(super) y: f64,
    /// ŷ (p for `logistic`).
    pub(super) y_hat: f64,
    /// (z, act(z)) of each unit: one for a neuron or `logistic`, K for sums, none for linear.
    pub(super) units: Vec<(f64, f64)>,
    /// The chain factor of each parameter: ∂ŷ/∂θ, or ∂z/∂θ for `bce`.
    pub(super) factor: Vec<f64>,
    /// The row's loss l.
    pub(super) l: f64,
    /// δ = dl/dŷ (dl/dz for `bce`).
    pub(super) delta: f64,
}

/// Everything the phases share.
pub(super) struct Context<'a> {
    pub(super) objective: &'a Objective,
    pub(super) config: &'a Config,
    pub(super) state: &'a State,
    pub(super) model: Model,
    pub(super) loss: Loss,
    pub(super) names: Vec<String>,
    /// Rows in the data.
    pub(super) n: usize,
    /// The first rows, at most [`ROWS`].
    pub(super) rows: Vec<Row>,
    /// The `mlp` unit the backward phase works out.
    pub(super) unit: super::Unit,
}

impl<'a> Context<'a> {
    /// The rows shown, pushed through the model and the loss at `state`.
    pub(super) fn new(objective: &'a Objective, config: &'a Config, state: &'a State) -> Self {
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
            unit: super::Unit::FIRST,
        }
    }

    /// Number of features.
    pub(super) fn k(&self) -> usize {
        self.model.n_features()
    }

    /// Parameter `j` at the current state.
    pub(super) fn theta(&self, j: usize) -> f64 {
        self.state.params[j]
    }

    /// `x`, or `x1`..`xk`.
    pub(super) fn x_name(&self, j: usize) -> String {
        if self.k() == 1 {
            "x".into()
        } else {
            format!("x{}", j + 1)
        }
    }

    /// The `… and N more rows` line, when some rows are not shown.
    pub(super) fn more_rows(&self, lines: &mut Vec<String>) {
        let more = self.n.saturating_sub(self.rows.len());
        if more > 0 {
            lines.push(t!("ex-more-rows", count = more));
        }
    }

    /// The note that this is a full-batch update when training uses mini-batches.
    pub(super) fn batch_note(&self, lines: &mut Vec<String>) {
        if let Some(b) = self.config.batch_size.filter(|&b| b < self.n) {
            lines.push(t!("ex-batch-note", n = self.n, batch = b));
        }
    }

    /// The activation's derivative: `σ'` or `relu'`.
    pub(super) fn act_slope(act: Activation) -> &'static str {
        match act {
            Activation::Sigmoid => "σ'",
            Activation::Relu => "relu'",
            Activation::Tanh => "tanh'",
        }
    }

    /// `act(z)` spelt the README's way: `σ(z)` or `max(0, z)`.
    pub(super) fn act_of(act: Activation, z: &str) -> String {
        match act {
            Activation::Sigmoid => format!("σ({z})"),
            Activation::Relu => format!("max(0, {z})"),
            Activation::Tanh => format!("tanh({z})"),
        }
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
        Model::Logistic { features } => {
            let z = logit(theta, x, features);
            vec![(z, sigmoid(z))]
        }
        // The layers are not written out yet: the phases show ŷ and ∂ŷ/∂θ whole.
        Model::Mlp(_) | Model::Surface(_) => Vec::new(),
        Model::Sum { activation, units } => (0..units)
            .map(|u| {
                let z = theta[3 * u] * x[0] + theta[3 * u + 1];
                (z, activation.eval(z).0)
            })
            .collect(),
    };
    let (l, delta) = if loss == Loss::Bce {
        // Only `logistic` and `mlp` (the objective checks): δ is on the logit z, so the
        // factor is ∂z/∂θ: (x, 1) for `logistic`, backpropagated from 1 for `mlp`.
        let z = match model {
            Model::Mlp(mut m) => {
                m.sigmoid_output = false;
                m.predict_with_gradient(theta, x, &mut factor)
            }
            _ => {
                let k = model.n_features();
                factor = x.iter().copied().chain([1.0]).collect();
                logit(theta, x, k)
            }
        };
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
