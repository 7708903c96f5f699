//! The non-linearities a unit applies, with their slopes.

use super::error::Error;
use super::fastmath::{exp_nonpositive, expm1_nonpositive};

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
            Activation::Tanh => tanh_and_slope(z),
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
                what: "noun-activation",
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

/// tanh(z) and tanh'(z) = 1 − tanh²(z), in plain arithmetic so that loops over it
/// vectorise (libm's `tanh` is an opaque call).
///
/// With m = e^−2|z| − 1: tanh(|z|) = −m/(2 + m), the sign restored from z; within a few
/// ulp of libm's, and exactly 0 at 0 and ±1 far out.
#[inline(always)]
pub fn tanh_and_slope(z: f64) -> (f64, f64) {
    let m = expm1_nonpositive(-2.0 * z.abs());
    let t = (-m / (2.0 + m)).copysign(z);
    (t, 1.0 - t * t)
}

/// σ(z) without overflow.
#[inline]
pub fn sigmoid(z: f64) -> f64 {
    sigmoid_and_slope(z).0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn tanh_agrees_with_libm(z in -40.0..40.0f64, small in -1e-3..1e-3f64) {
            for z in [z, small] {
                let (t, slope) = tanh_and_slope(z);
                let libm = z.tanh();
                let err = if libm == 0.0 { t.abs() } else { ((t - libm) / libm).abs() };
                prop_assert!(err <= 1.2e-15, "z = {z}: {t} vs {libm}");
                prop_assert!((slope - (1.0 - libm * libm)).abs() <= 2.3e-15, "z = {z}");
            }
        }
    }

    #[test]
    fn tanh_is_exact_at_the_ends() {
        assert_eq!(tanh_and_slope(0.0), (0.0, 1.0));
        assert_eq!(tanh_and_slope(1e9), (1.0, 0.0));
        assert_eq!(tanh_and_slope(-1e9), (-1.0, 0.0));
        assert!(tanh_and_slope(f64::NAN).0.is_nan());
    }
}
