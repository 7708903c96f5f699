//! The models a dataset is fitted with, their parameters and their derivatives.

use std::fmt;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub use super::activation::{ACTIVATION_NAMES, Activation, sigmoid, sigmoid_and_slope};
use super::error::Error;
use super::mlp::Mlp;
use super::surface::Surface;

/// A model ŷ = f(x; θ). The README lists each one's formula and parameter order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Model {
    /// ŷ = w·x + b over `features` inputs; params `w` (or `w1..wk`), `b`.
    Linear {
        /// Number of input columns k.
        features: usize,
    },
    /// ŷ = c·act(w·x + b); params `w, b, c`.
    Neuron(Activation),
    /// p = σ(w·x + b) over `features` inputs; params `w, b` (or `w1..wk, b`). Used with
    /// `bce` on 0/1 targets.
    Logistic {
        /// Number of input columns k.
        features: usize,
    },
    /// ŷ = b0 + Σ_k c_k·act(w_k·x + b_k); params `w1, b1, c1, …, wK, bK, cK, b0`.
    Sum {
        /// The non-linearity of every unit.
        activation: Activation,
        /// Number of units K ≥ 1.
        units: usize,
    },
    /// `mlp:H1[,H2,…]`: hidden layers of one activation, one output; see [`Mlp`].
    Mlp(Mlp),
    /// No model of data: the loss is a textbook function f(x, y) of the two
    /// parameters themselves (`--surface`); see [`Surface`].
    Surface(Surface),
}

/// Most units a `sigmoids:K` or `relus:K` model may have.
pub const MAX_UNITS: usize = 16;

/// The models the interactive view offers on one-feature data, in the order `m` cycles
/// through them and `:model` completes them.
pub const MODEL_CHOICES: [&str; 6] = [
    "linear",
    "sigmoid",
    "relu",
    "logistic",
    "relus:2",
    "sigmoids:3",
];

/// The models the interactive view offers on data of several features, in the order `m`
/// cycles through them (those the data's targets allow).
pub const MODEL_CHOICES_SEVERAL: [&str; 4] = ["linear", "logistic", "mlp:4", "mlp:8,8"];

/// The model names accepted by [`Model::parse`], for error messages and help.
pub const MODEL_NAMES: &str = "linear, sigmoid, relu, logistic, sigmoids:K, relus:K, mlp:H1[,H2,…]";

impl Model {
    /// Parses a model name for data with `features` input columns; an `mlp`'s hidden
    /// layers take tanh.
    pub fn parse(name: &str, features: usize) -> Result<Model, Error> {
        Model::parse_with(name, features, Activation::Tanh)
    }

    /// Parses a model name, an `mlp`'s hidden layers taking `activation`.
    pub fn parse_with(name: &str, features: usize, activation: Activation) -> Result<Model, Error> {
        let name = name.trim();
        let model = match name {
            "linear" => Model::Linear { features },
            "sigmoid" => Model::Neuron(Activation::Sigmoid),
            "relu" => Model::Neuron(Activation::Relu),
            "logistic" => Model::Logistic { features },
            _ => {
                let (activation, units) = match name.split_once(':') {
                    Some(("sigmoids", k)) => (Activation::Sigmoid, k),
                    Some(("relus", k)) => (Activation::Relu, k),
                    Some(("mlp", spec)) => {
                        return Ok(Model::Mlp(Mlp::parse(name, spec, features, activation)?));
                    }
                    _ => {
                        return Err(Error::Unknown {
                            what: "noun-model",
                            name: name.to_owned(),
                            known: MODEL_NAMES.to_owned(),
                        });
                    }
                };
                let units = units
                    .parse::<usize>()
                    .ok()
                    .filter(|k| (1..=MAX_UNITS).contains(k))
                    .ok_or_else(|| Error::Units {
                        name: name.to_owned(),
                        most: MAX_UNITS,
                    })?;
                Model::Sum { activation, units }
            }
        };
        if !matches!(model, Model::Linear { .. } | Model::Logistic { .. }) && features != 1 {
            return Err(Error::OneFeature {
                name: name.to_owned(),
                features,
            });
        }
        Ok(model)
    }

    /// Number of parameters.
    pub fn n_params(&self) -> usize {
        match *self {
            Model::Linear { features } => features + 1,
            Model::Neuron(_) => 3,
            Model::Logistic { features } => features + 1,
            Model::Sum { units, .. } => 3 * units + 1,
            Model::Mlp(m) => m.n_params(),
            Model::Surface(_) => 2,
        }
    }

    /// Number of input columns the model reads.
    pub fn n_features(&self) -> usize {
        match *self {
            Model::Linear { features } | Model::Logistic { features } => features,
            Model::Mlp(m) => m.inputs(),
            _ => 1,
        }
    }

    /// Parameter names, in parameter-vector order.
    pub fn param_names(&self) -> Vec<String> {
        match *self {
            Model::Linear { features: 1 } | Model::Logistic { features: 1 } => {
                vec!["w".into(), "b".into()]
            }
            Model::Linear { features } | Model::Logistic { features } => (1..=features)
                .map(|i| format!("w{i}"))
                .chain(std::iter::once("b".into()))
                .collect(),
            Model::Neuron(_) => vec!["w".into(), "b".into(), "c".into()],
            Model::Sum { units, .. } => (1..=units)
                .flat_map(|k| [format!("w{k}"), format!("b{k}"), format!("c{k}")])
                .chain(std::iter::once("b0".into()))
                .collect(),
            Model::Mlp(m) => m.param_names(),
            Model::Surface(_) => vec!["x".into(), "y".into()],
        }
    }

    /// The indices of the weights into each unit, one block per unit (biases in none):
    /// what filter normalisation (Li et al. 2018, §4) scales together. A linear or
    /// logistic model is one unit; a neuron's `w` feeds its hidden unit and `c` the
    /// output; a sum's `w_k` each feed unit k and all `c_k` feed the output.
    pub fn weight_blocks(&self) -> Vec<Vec<usize>> {
        match *self {
            Model::Linear { features } | Model::Logistic { features } => {
                vec![(0..features).collect()]
            }
            Model::Neuron(_) => vec![vec![0], vec![2]],
            Model::Sum { units, .. } => (0..units)
                .map(|k| vec![3 * k])
                .chain(std::iter::once((0..units).map(|k| 3 * k + 2).collect()))
                .collect(),
            Model::Mlp(m) => m.weight_blocks(),
            // x and y are points on a surface, not weights: no penalty counts them.
            Model::Surface(_) => Vec::new(),
        }
    }

    /// The documented starting point when `--init` names no value.
    ///
    /// Linear and logistic start at 0. A neuron starts at w = 1, b = 0, c = 1 so that
    /// its unit is active on half the line (a ReLU at w = 0 would never move). Sum
    /// units start at w = 1 with biases spread over [−1, 1] and c = 1/K, so units
    /// differ from the first update on. An `mlp` starts at its seeded random start with
    /// seed 0: see [`Model::start_params`] for the one `--seed` chooses.
    pub fn default_params(&self) -> Vec<f64> {
        self.start_params(0)
    }

    /// The documented start when `--init` names no value, with `--seed` `seed`: the
    /// fixed defaults, or for an `mlp` its seeded random start ([`Model::random_params`]).
    pub fn start_params(&self, seed: u64) -> Vec<f64> {
        match *self {
            Model::Linear { features } | Model::Logistic { features } => vec![0.0; features + 1],
            Model::Neuron(_) => vec![1.0, 0.0, 1.0],
            Model::Mlp(m) => m.random_params(seed),
            Model::Surface(s) => s.start().to_vec(),
            Model::Sum { units, .. } => {
                let mut p = Vec::with_capacity(3 * units + 1);
                for k in 0..units {
                    let bias = if units == 1 {
                        0.0
                    } else {
                        -1.0 + 2.0 * k as f64 / (units - 1) as f64
                    };
                    p.extend([1.0, bias, 1.0 / units as f64]);
                }
                p.push(0.0);
                p
            }
        }
    }

    /// `--init random`: an `mlp`'s Glorot/He start ([`Mlp::random_params`]); every other
    /// model draws each parameter uniformly from [−1, 1), in order, with ChaCha8 seeded
    /// by `seed`.
    pub fn random_params(&self, seed: u64) -> Vec<f64> {
        if let Model::Mlp(m) = self {
            return m.random_params(seed);
        }
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        (0..self.n_params())
            .map(|_| rng.random_range(-1.0..1.0))
            .collect()
    }

    /// The hidden layers' activation of an `mlp`.
    pub fn hidden_activation(&self) -> Option<Activation> {
        match self {
            Model::Mlp(m) => Some(m.activation),
            _ => None,
        }
    }

    /// This model with the output its loss needs: an `mlp` gives p = σ(z⁽ᴸ⁾) with `bce`
    /// and ŷ = z⁽ᴸ⁾ otherwise; other models are unchanged.
    pub fn with_output_for(self, bce: bool) -> Model {
        match self {
            Model::Mlp(mut m) => {
                m.sigmoid_output = bce;
                Model::Mlp(m)
            }
            other => other,
        }
    }

    /// The same model for data with `features` columns (an `mlp` keeps its activation).
    pub fn for_features(&self, features: usize) -> Result<Model, Error> {
        let activation = self.hidden_activation().unwrap_or(Activation::Tanh);
        Model::parse_with(&self.to_string(), features, activation)
    }

    /// True when `bce` is defined on the model's output: `logistic` and `mlp`, whose
    /// outputs are σ of a logit.
    pub fn takes_bce(&self) -> bool {
        matches!(self, Model::Logistic { .. } | Model::Mlp(_))
    }

    /// True when ŷ is linear in θ, so mse losses are quadratic in θ.
    pub fn is_linear(&self) -> bool {
        matches!(self, Model::Linear { .. })
    }

    /// ŷ at one row `x`, writing ∂ŷ/∂θ into `dy` (length [`Model::n_params`]).
    #[inline]
    pub fn predict_with_gradient(&self, theta: &[f64], x: &[f64], dy: &mut [f64]) -> f64 {
        match *self {
            Model::Linear { features } => {
                let mut y = theta[features];
                for j in 0..features {
                    y += theta[j] * x[j];
                    dy[j] = x[j];
                }
                dy[features] = 1.0;
                y
            }
            Model::Neuron(act) => {
                let (w, b, c) = (theta[0], theta[1], theta[2]);
                let (a, da) = act.eval(w * x[0] + b);
                dy[0] = c * da * x[0];
                dy[1] = c * da;
                dy[2] = a;
                c * a
            }
            Model::Logistic { features } => {
                let z = logit(theta, x, features);
                let (p, dp) = sigmoid_and_slope(z);
                dy[..features]
                    .iter_mut()
                    .zip(x)
                    .for_each(|(d, &xj)| *d = dp * xj);
                dy[features] = dp;
                p
            }
            Model::Mlp(m) => m.predict_with_gradient(theta, x, dy),
            // The surface's value, which the objective takes as the loss itself.
            Model::Surface(s) => {
                let (f, g) = s.value_and_gradient(theta[0], theta[1]);
                dy.copy_from_slice(&g);
                f
            }
            Model::Sum { activation, units } => {
                let mut y = theta[3 * units];
                for k in 0..units {
                    let (w, b, c) = (theta[3 * k], theta[3 * k + 1], theta[3 * k + 2]);
                    let (a, da) = activation.eval(w * x[0] + b);
                    dy[3 * k] = c * da * x[0];
                    dy[3 * k + 1] = c * da;
                    dy[3 * k + 2] = a;
                    y += c * a;
                }
                dy[3 * units] = 1.0;
                y
            }
        }
    }

    /// ŷ at one row `x`.
    pub fn predict(&self, theta: &[f64], x: &[f64]) -> f64 {
        let mut dy = vec![0.0; self.n_params()];
        self.predict_with_gradient(theta, x, &mut dy)
    }
}

/// z = w·x + b of `logistic` on `features` inputs, params (w1..wk, b).
#[inline]
pub fn logit(theta: &[f64], x: &[f64], features: usize) -> f64 {
    let dot: f64 = theta[..features].iter().zip(x).map(|(w, a)| w * a).sum();
    dot + theta[features]
}

impl fmt::Display for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Model::Linear { .. } => f.write_str("linear"),
            Model::Neuron(a) => f.write_str(a.name()),
            Model::Logistic { .. } => f.write_str("logistic"),
            Model::Sum { activation, units } => write!(f, "{}s:{units}", activation.name()),
            Model::Mlp(m) => {
                let widths: Vec<String> = m.hidden_widths().iter().map(usize::to_string).collect();
                write!(f, "mlp:{}", widths.join(","))
            }
            Model::Surface(s) => s.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_documented_name() {
        assert_eq!(
            Model::parse("linear", 2).unwrap(),
            Model::Linear { features: 2 }
        );
        assert_eq!(
            Model::parse("relus:2", 1).unwrap(),
            Model::Sum {
                activation: Activation::Relu,
                units: 2
            }
        );
        assert_eq!(
            Model::parse("sigmoids:3", 1).unwrap().to_string(),
            "sigmoids:3"
        );
        assert!(Model::parse("relus:0", 1).is_err());
        assert!(Model::parse("relus:x", 1).is_err());
        assert!(
            Model::parse("cubic", 1)
                .unwrap_err()
                .to_string()
                .contains("unknown model `cubic`")
        );
        assert!(
            Model::parse("sigmoid", 2)
                .unwrap_err()
                .to_string()
                .contains("one feature")
        );
    }

    #[test]
    fn parameter_names_follow_the_documented_order() {
        assert_eq!(Model::Linear { features: 1 }.param_names(), ["w", "b"]);
        assert_eq!(
            Model::Linear { features: 2 }.param_names(),
            ["w1", "w2", "b"]
        );
        assert_eq!(
            Model::parse("logistic", 1).unwrap().param_names(),
            ["w", "b"]
        );
        let two = Model::parse("logistic", 2).unwrap();
        assert_eq!(two.param_names(), ["w1", "w2", "b"]);
        assert_eq!(two.default_params(), [0.0; 3]);
        // p = σ(w·x + b) = σ(2·1 − 1·3 + 1) = σ(0).
        assert_eq!(two.predict(&[2.0, -1.0, 1.0], &[1.0, 3.0]), 0.5);
        let relus = Model::parse("relus:2", 1).unwrap();
        assert_eq!(
            relus.param_names(),
            ["w1", "b1", "c1", "w2", "b2", "c2", "b0"]
        );
        assert_eq!(relus.default_params(), [1.0, -1.0, 0.5, 1.0, 1.0, 0.5, 0.0]);
    }

    #[test]
    fn sigmoid_is_finite_and_exact_at_the_extremes() {
        assert_eq!(sigmoid(0.0), 0.5);
        assert_eq!(sigmoid(1000.0), 1.0);
        assert_eq!(sigmoid(-1000.0), 0.0);
        let (s, ds) = sigmoid_and_slope(-800.0);
        assert!(s.is_finite() && ds.is_finite());
        assert!((sigmoid(2.0) - 1.0 / (1.0 + (-2.0f64).exp())).abs() < 1e-16);
        assert!((sigmoid(-2.0) + sigmoid(2.0) - 1.0).abs() < 1e-15);
        assert!(sigmoid(f64::NAN).is_nan());
    }

    #[test]
    fn relu_derivative_at_zero_is_zero() {
        assert_eq!(Activation::Relu.eval(0.0), (0.0, 0.0));
        assert_eq!(Activation::Relu.eval(2.0), (2.0, 1.0));
    }

    #[test]
    fn predictions_follow_the_formulas() {
        let hard = Model::parse("relus:2", 1).unwrap();
        // 0.5·relu(x + 1) − 0.5·relu(x − 1) is a hard sigmoid from 0 to 1, minus 0.5 offset.
        let theta = [1.0, 1.0, 0.5, 1.0, -1.0, -0.5, 0.0];
        assert_eq!(hard.predict(&theta, &[-2.0]), 0.0);
        assert_eq!(hard.predict(&theta, &[0.0]), 0.5);
        assert_eq!(hard.predict(&theta, &[3.0]), 1.0);
        let lin = Model::Linear { features: 2 };
        assert_eq!(lin.predict(&[2.0, -1.0, 0.5], &[3.0, 4.0]), 2.5);
    }
}
