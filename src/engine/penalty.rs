//! Penalties on a model's weights, added to its loss (README, "Regularisation"):
//! L = L_data + (λ₂/2)·Σ w² + λ₁·Σ |w| over the weights, never the biases.

use super::error::Error;

/// λ₂ and λ₁ of the L2 and L1 penalties; both 0 is no penalty.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Penalty {
    /// λ₂: the L2 penalty adds (λ₂/2)·Σ w², and λ₂·w to each weight's slope.
    pub l2: f64,
    /// λ₁: the L1 penalty adds λ₁·Σ |w|, and λ₁·sign(w) to each weight's slope (0 at
    /// w = 0, the subgradient nearest zero).
    pub l1: f64,
}

impl Penalty {
    /// No penalty.
    pub const NONE: Penalty = Penalty { l2: 0.0, l1: 0.0 };

    /// True when both λ are 0.
    pub fn is_none(&self) -> bool {
        self.l2 == 0.0 && self.l1 == 0.0
    }

    /// Each λ must be a finite number ≥ 0; the error names the option (`l2`, `l1`).
    pub fn check(&self) -> Result<(), Error> {
        for (name, value) in [("l2", self.l2), ("l1", self.l1)] {
            if !(value.is_finite() && value >= 0.0) {
                return Err(Error::Hyperparameter {
                    name,
                    reason: crate::t!("reason-nonnegative", value = value),
                });
            }
        }
        Ok(())
    }

    /// (λ₂/2)·Σ w² + λ₁·Σ |w| over the `weights` of `theta`.
    pub fn value(&self, theta: &[f64], weights: &[usize]) -> f64 {
        let (mut squares, mut sizes) = (0.0, 0.0);
        for &i in weights {
            squares += theta[i] * theta[i];
            sizes += theta[i].abs();
        }
        0.5 * self.l2 * squares + self.l1 * sizes
    }

    /// Adds λ₂·w + λ₁·sign(w) to the `weights`' entries of `grad`.
    pub fn add_gradient(&self, theta: &[f64], weights: &[usize], grad: &mut [f64]) {
        for &i in weights {
            let sign = if theta[i] > 0.0 {
                1.0
            } else if theta[i] < 0.0 {
                -1.0
            } else {
                0.0
            };
            grad[i] += self.l2 * theta[i] + self.l1 * sign;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_slopes_by_hand() {
        let p = Penalty { l2: 0.5, l1: 0.1 };
        let theta = [2.0, -3.0, 7.0, 0.0];
        // Weights 0, 1 and 3; index 2 is a bias.
        let weights = [0, 1, 3];
        // 0.25·(4 + 9 + 0) + 0.1·(2 + 3 + 0) = 3.25 + 0.5.
        assert_eq!(p.value(&theta, &weights), 3.75);
        let mut grad = [1.0; 4];
        p.add_gradient(&theta, &weights, &mut grad);
        // 1 + 0.5·2 + 0.1, 1 − 1.5 − 0.1, the bias untouched, and 0 at w = 0.
        for (got, want) in grad.iter().zip([2.1, -0.6, 1.0, 1.0]) {
            approx::assert_abs_diff_eq!(*got, want, epsilon = 1e-15);
        }
        assert!(Penalty::NONE.is_none() && !p.is_none());
        assert!(Penalty { l2: -1.0, l1: 0.0 }.check().is_err());
        assert!(
            Penalty {
                l2: 0.0,
                l1: f64::NAN
            }
            .check()
            .is_err()
        );
        assert!(p.check().is_ok());
    }
}
