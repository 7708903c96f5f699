//! Losses: how far predictions are from targets, averaged over the rows.

use std::fmt;

use super::error::Error;
use super::model::Model;

/// A per-row loss l(y, ŷ); the dataset loss is its mean over the rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loss {
    /// mean(r²), r = y − ŷ.
    Mse,
    /// ½·mean(r²).
    HalfMse,
    /// mean(|r|), with d|r|/dr = 0 at r = 0.
    Mae,
    /// −mean(y·ln p + (1−y)·ln(1−p)), evaluated from the logit; with `logistic` or `mlp`.
    Bce,
}

impl Loss {
    /// Every loss, in the order the interactive view cycles and completes them.
    pub const ALL: [Loss; 4] = [Loss::Mse, Loss::HalfMse, Loss::Mae, Loss::Bce];

    /// This loss if `model` takes it, else `mse`: `bce` is defined only on the logit of
    /// `logistic` or `mlp`, so switching to another model leaves it.
    pub fn for_model(self, model: Model) -> Loss {
        if self == Loss::Bce && !model.takes_bce() {
            Loss::Mse
        } else {
            self
        }
    }

    /// The name used on the command line and in scenario files.
    pub fn name(self) -> &'static str {
        match self {
            Loss::Mse => "mse",
            Loss::HalfMse => "half-mse",
            Loss::Mae => "mae",
            Loss::Bce => "bce",
        }
    }

    /// Parses a loss name.
    pub fn parse(name: &str) -> Result<Loss, Error> {
        let name = name.trim();
        Loss::ALL
            .into_iter()
            .find(|l| l.name() == name)
            .ok_or_else(|| Error::Unknown {
                what: "noun-loss",
                name: name.to_owned(),
                known: Loss::ALL.map(Loss::name).join(", "),
            })
    }

    /// l and dl/dŷ for one row with target `y` and prediction `y_hat`.
    ///
    /// Not for [`Loss::Bce`], which works on the logit: see [`bce_from_logit`].
    #[inline]
    pub fn value_and_slope(self, y: f64, y_hat: f64) -> (f64, f64) {
        let r = y - y_hat;
        match self {
            Loss::Mse => (r * r, -2.0 * r),
            Loss::HalfMse => (0.5 * r * r, -r),
            Loss::Mae => {
                let slope = if r > 0.0 {
                    -1.0
                } else if r < 0.0 {
                    1.0
                } else {
                    0.0
                };
                (r.abs(), slope)
            }
            Loss::Bce => unreachable!("bce is evaluated from the logit"),
        }
    }
}

/// Binary cross-entropy of a 0/1 target `y` against p = σ(z), and dl/dz = σ(z) − y.
///
/// l = −y·ln σ(z) − (1−y)·ln(1−σ(z)) = softplus((1 − 2y)·z), with
/// softplus(s) = max(s, 0) + ln(1 + e^−|s|), which never overflows. The literal
/// softplus(z) − y·z cancels to 0 when l is tiny (y = 1, z = 40), so the sign is applied
/// to z first; likewise σ(z) − 1 is evaluated as −σ(−z) (README, "Losses").
#[inline]
pub fn bce_from_logit(y: f64, z: f64) -> (f64, f64) {
    let wrong = y == 1.0;
    let s = if wrong { -z } else { z };
    let softplus = s.max(0.0) + super::fastmath::exp_nonpositive(-s.abs()).ln_1p();
    let slope = if wrong {
        -super::model::sigmoid(-z)
    } else {
        super::model::sigmoid(z) - y
    };
    (softplus, slope)
}

impl fmt::Display for Loss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_names() {
        for name in ["mse", "half-mse", "mae", "bce"] {
            assert_eq!(Loss::parse(name).unwrap().to_string(), name);
        }
        assert!(
            Loss::parse("l2")
                .unwrap_err()
                .to_string()
                .contains("unknown loss `l2`")
        );
    }

    #[test]
    fn values_and_slopes_follow_the_definitions() {
        assert_eq!(Loss::Mse.value_and_slope(3.0, 1.0), (4.0, -4.0));
        assert_eq!(Loss::HalfMse.value_and_slope(3.0, 1.0), (2.0, -2.0));
        assert_eq!(Loss::Mae.value_and_slope(3.0, 1.0), (2.0, -1.0));
        assert_eq!(Loss::Mae.value_and_slope(1.0, 3.0), (2.0, 1.0));
        assert_eq!(Loss::Mae.value_and_slope(1.0, 1.0), (0.0, 0.0));
    }

    #[test]
    fn bce_matches_the_probability_form_and_never_overflows() {
        for (y, z) in [(1.0, 0.3), (0.0, -1.2), (1.0, -2.0), (0.0, 4.0)] {
            let p: f64 = 1.0 / (1.0 + f64::exp(-z));
            let direct = -(y * p.ln() + (1.0 - y) * (1.0 - p).ln());
            let (l, dl) = bce_from_logit(y, z);
            assert!((l - direct).abs() < 1e-12, "{l} vs {direct}");
            assert!((dl - (p - y)).abs() < 1e-15);
        }
        let (l, dl) = bce_from_logit(0.0, 1000.0);
        assert_eq!((l, dl), (1000.0, 1.0));
        let (l, _) = bce_from_logit(1.0, 1000.0);
        assert_eq!(l, 0.0);
    }

    #[test]
    fn bce_keeps_full_relative_accuracy_when_the_loss_is_tiny() {
        // Separable data at w = 40: every row is right with margin, so l ≈ e^−|z|.
        let (w, b) = (40.0, 0.0);
        let rows = [(-1.0, 0.0), (-0.8, 0.0), (0.75, 1.0), (1.0, 1.0)];
        let (mut l, mut g) = (0.0, [0.0; 2]);
        let (mut exact_l, mut exact_g) = (0.0, [0.0; 2]);
        for (x, y) in rows {
            let z: f64 = w * x + b;
            let (li, dz) = bce_from_logit(y, z);
            l += li;
            g[0] += dz * x;
            g[1] += dz;
            // Every row is classified right, so l_i = ln(1 + e^−|z|) and dl/dz is
            // ±e^−|z|/(1 + e^−|z|), with no subtraction anywhere.
            let e = (-z.abs()).exp();
            exact_l += e.ln_1p();
            let dz_exact = if y == 1.0 {
                -e / (1.0 + e)
            } else {
                e / (1.0 + e)
            };
            exact_g[0] += dz_exact * x;
            exact_g[1] += dz_exact;
        }
        approx::assert_relative_eq!(l, exact_l, max_relative = 1e-12);
        for j in 0..2 {
            approx::assert_relative_eq!(g[j], exact_g[j], max_relative = 1e-12);
        }
        assert!(l > 0.0 && l < 1e-12);
    }
}
