//! The non-linearities a unit applies, with their slopes.

use super::error::Error;
use super::fastmath::exp_nonpositive;

/// The non-linearity of a neuron.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activation {
    /// σ(z) = 1/(1 + e^−z).
    Sigmoid,
    /// max(0, z), with derivative 0 at z = 0.
    Relu,
    /// tanh(z), with derivative 1 − tanh²(z); only in `mlp` hidden layers.
    Tanh,
}

/// The activations `--activation` takes.
pub const ACTIVATION_NAMES: &str = "sigmoid, tanh, relu";

impl Activation {
    /// Value and derivative at `z`, both without overflow for any finite `z`.
    #[inline(always)]
    pub fn eval(self, z: f64) -> (f64, f64) {
        match self {
            Activation::Sigmoid => sigmoid_and_slope(z),
            Activation::Relu => {
                if z > 0.0 {
                    (z, 1.0)
                } else {
                    (0.0, 0.0)
                }
            }
            Activation::Tanh => {
                let t = z.tanh();
                (t, 1.0 - t * t)
            }
        }
    }

    /// The name used by `--activation`.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Sigmoid => "sigmoid",
            Activation::Relu => "relu",
            Activation::Tanh => "tanh",
        }
    }

    /// Parses an `--activation` name.
    pub fn parse(name: &str) -> Result<Activation, Error> {
        let name = name.trim();
        [Activation::Sigmoid, Activation::Tanh, Activation::Relu]
            .into_iter()
            .find(|a| a.name() == name)
            .ok_or_else(|| Error::Unknown {
                what: "activation",
                name: name.to_owned(),
                known: ACTIVATION_NAMES.to_owned(),
            })
    }
}

/// σ(z) and σ'(z) = σ(z)(1 − σ(z)), from e^−|z| so that neither overflows.
///
/// With e = e^−|z| and q = 1/(1 + e): σ(z) = q for z ≥ 0, e·q otherwise, and σ'(z) = e·q².
#[inline(always)]
pub fn sigmoid_and_slope(z: f64) -> (f64, f64) {
    let e = exp_nonpositive(-z.abs());
    let q = 1.0 / (1.0 + e);
    let s = if z >= 0.0 { q } else { e * q };
    (s, e * q * q)
}

/// σ(z) without overflow.
#[inline]
pub fn sigmoid(z: f64) -> f64 {
    sigmoid_and_slope(z).0
}
