//! Update rules, as defined by torch.optim (no dampening; weight decay only in `adamw`,
//! decoupled as torch.optim.AdamW has it).

use std::fmt;

use ndarray::Array1;

use super::error::Error;

/// Which update rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptimizerKind {
    /// θ ← θ − η·g.
    Gd,
    /// v ← μ·v + g; θ ← θ − η·v.
    Momentum,
    /// v ← μ·v + g; θ ← θ − η·(g + μ·v).
    Nesterov,
    /// G ← G + g²; θ ← θ − η·g/(√G + ε).
    Adagrad,
    /// s ← α·s + (1−α)·g²; θ ← θ − η·g/(√s + ε).
    Rmsprop,
    /// Adam with bias correction (Kingma & Ba 2015, as in torch.optim.Adam).
    Adam,
    /// Adam after decoupled weight decay θ ← θ·(1 − η·λ) (Loshchilov & Hutter 2019, as
    /// in torch.optim.AdamW).
    Adamw,
}

/// Every optimizer, in the order the TUI cycles through them.
pub const OPTIMIZERS: [OptimizerKind; 7] = [
    OptimizerKind::Gd,
    OptimizerKind::Momentum,
    OptimizerKind::Nesterov,
    OptimizerKind::Adagrad,
    OptimizerKind::Rmsprop,
    OptimizerKind::Adam,
    OptimizerKind::Adamw,
];

/// Every hyperparameter an update rule can use: the options `--momentum` … and the
/// `:momentum` … commands (which rules use each is said by the message `uses-NAME`).
pub const HYPERPARAMETERS: [&str; 6] =
    ["momentum", "alpha", "beta1", "beta2", "eps", "weight-decay"];

/// Checks one hyperparameter's value: ε a positive finite number, λ a finite number ≥ 0,
/// the others in [0, 1).
fn check(name: &'static str, value: f64) -> Result<(), Error> {
    let ok = match name {
        // ε = 0 turns a zero gradient (a frozen parameter's) into 0/0 = NaN.
        "eps" => value.is_finite() && value > 0.0,
        "weight-decay" => value.is_finite() && value >= 0.0,
        _ => (0.0..1.0).contains(&value),
    };
    if ok {
        Ok(())
    } else if name == "eps" {
        Err(Error::Hyperparameter {
            name,
            reason: crate::t!("reason-positive", value = value),
        })
    } else if name == "weight-decay" {
        Err(Error::Hyperparameter {
            name,
            reason: crate::t!("reason-nonnegative", value = value),
        })
    } else {
        Err(Error::Hyperparameter {
            name,
            reason: crate::t!("reason-unit-interval", value = value),
        })
    }
}

impl OptimizerKind {
    /// Parses an optimizer name.
    pub fn parse(name: &str) -> Result<Self, Error> {
        OPTIMIZERS
            .into_iter()
            .find(|o| o.name() == name.trim())
            .ok_or_else(|| {
                let known: Vec<_> = OPTIMIZERS.iter().map(|o| o.name()).collect();
                Error::Unknown {
                    what: "noun-optimizer",
                    name: name.trim().to_owned(),
                    known: known.join(", "),
                }
            })
    }

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            OptimizerKind::Gd => "gd",
            OptimizerKind::Momentum => "momentum",
            OptimizerKind::Nesterov => "nesterov",
            OptimizerKind::Adagrad => "adagrad",
            OptimizerKind::Rmsprop => "rmsprop",
            OptimizerKind::Adam => "adam",
            OptimizerKind::Adamw => "adamw",
        }
    }

    /// torch.optim's default ε for this rule (0 where the rule has none).
    pub fn default_eps(self) -> f64 {
        match self {
            OptimizerKind::Adagrad => 1e-10,
            OptimizerKind::Rmsprop | OptimizerKind::Adam | OptimizerKind::Adamw => 1e-8,
            _ => 0.0,
        }
    }
}

impl fmt::Display for OptimizerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Fewest optimizers in a race.
pub const MIN_RACERS: usize = 2;

/// Most optimizers in a race: each racer needs a marker of its own on screen.
pub const MAX_RACERS: usize = 6;

/// Parses `gd,momentum,adam`: known names, no repeats, two to [`MAX_RACERS`].
pub fn parse_race(list: &str) -> Result<Vec<OptimizerKind>, Error> {
    let mut kinds = Vec::new();
    for name in list.split(',') {
        let kind = OptimizerKind::parse(name)?;
        if kinds.contains(&kind) {
            return Err(Error::ListedTwice { kind: kind.name() });
        }
        kinds.push(kind);
    }
    if kinds.len() < MIN_RACERS {
        return Err(Error::TooFewRacers {
            got: kinds.len(),
            fewest: MIN_RACERS,
        });
    }
    if kinds.len() > MAX_RACERS {
        return Err(Error::TooManyRacers {
            got: kinds.len(),
            most: MAX_RACERS,
        });
    }
    Ok(kinds)
}

/// An update rule with its hyperparameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Optimizer {
    /// The rule.
    pub kind: OptimizerKind,
    /// μ for `momentum` and `nesterov` (default 0.9).
    pub momentum: f64,
    /// α for `rmsprop` (default 0.99).
    pub alpha: f64,
    /// β1 for `adam` and `adamw` (default 0.9).
    pub beta1: f64,
    /// β2 for `adam` and `adamw` (default 0.999).
    pub beta2: f64,
    /// ε for `adagrad` (1e-10), `rmsprop`, `adam` and `adamw` (1e-8).
    pub eps: f64,
    /// λ, the decoupled weight decay of `adamw` (default 0.01, as torch.optim.AdamW).
    pub weight_decay: f64,
}

/// What an optimizer remembers between updates.
#[derive(Debug, Clone, PartialEq)]
pub struct OptimizerState {
    /// Updates taken so far (Adam's t).
    pub t: u64,
    /// v (momentum, nesterov), G (adagrad), s (rmsprop) or m (adam).
    pub first: Array1<f64>,
    /// Adam's second moment v; zeros for the other rules.
    pub second: Array1<f64>,
}

impl OptimizerState {
    /// The state before the first update: all zeros.
    pub fn new(n_params: usize) -> Self {
        Self {
            t: 0,
            first: Array1::zeros(n_params),
            second: Array1::zeros(n_params),
        }
    }
}

impl Optimizer {
    /// The rule with torch.optim's default hyperparameters.
    pub fn new(kind: OptimizerKind) -> Self {
        Self {
            kind,
            momentum: 0.9,
            alpha: 0.99,
            beta1: 0.9,
            beta2: 0.999,
            eps: kind.default_eps(),
            weight_decay: 0.01,
        }
    }

    /// Checks the hyperparameters this rule uses; an error names the option and why.
    pub fn validate(&self) -> Result<(), Error> {
        let used: &[&'static str] = match self.kind {
            OptimizerKind::Gd => &[],
            OptimizerKind::Momentum | OptimizerKind::Nesterov => &["momentum"],
            // ε first: it is checked first in the README's order of options.
            OptimizerKind::Adagrad => &["eps"],
            OptimizerKind::Rmsprop => &["eps", "alpha"],
            OptimizerKind::Adam => &["eps", "beta1", "beta2"],
            OptimizerKind::Adamw => &["eps", "beta1", "beta2", "weight-decay"],
        };
        used.iter()
            .try_for_each(|&name| check(name, self.get(name).expect("a known name")))
    }

    /// The value of hyperparameter `name` (one of [`HYPERPARAMETERS`]).
    pub fn get(&self, name: &str) -> Option<f64> {
        Some(match name {
            "momentum" => self.momentum,
            "alpha" => self.alpha,
            "beta1" => self.beta1,
            "beta2" => self.beta2,
            "eps" => self.eps,
            "weight-decay" => self.weight_decay,
            _ => return None,
        })
    }

    /// Sets hyperparameter `name` to `value`, checked as the command line checks it.
    pub fn set(&mut self, name: &str, value: f64) -> Result<(), Error> {
        let known = HYPERPARAMETERS
            .iter()
            .find(|n| **n == name)
            .ok_or_else(|| Error::Unknown {
                what: "noun-hyperparameter",
                name: name.to_owned(),
                known: HYPERPARAMETERS.join(", "),
            })?;
        check(known, value)?;
        match *known {
            "momentum" => self.momentum = value,
            "alpha" => self.alpha = value,
            "beta1" => self.beta1 = value,
            "beta2" => self.beta2 = value,
            "weight-decay" => self.weight_decay = value,
            _ => self.eps = value,
        }
        Ok(())
    }

    /// Applies one update to `theta` with gradient `g` and learning rate `lr`.
    ///
    /// Follows torch.optim's arithmetic order so that its numbers can be reproduced.
    pub fn update(
        &self,
        theta: &mut Array1<f64>,
        g: &Array1<f64>,
        lr: f64,
        state: &mut OptimizerState,
    ) {
        state.t += 1;
        let OptimizerState { t, first, second } = state;
        match self.kind {
            OptimizerKind::Gd => theta.scaled_add(-lr, g),
            OptimizerKind::Momentum => {
                first.zip_mut_with(g, |v, &gi| *v = self.momentum * *v + gi);
                theta.scaled_add(-lr, first);
            }
            OptimizerKind::Nesterov => {
                first.zip_mut_with(g, |v, &gi| *v = self.momentum * *v + gi);
                for ((p, &gi), &v) in theta.iter_mut().zip(g).zip(first.iter()) {
                    *p -= lr * (gi + self.momentum * v);
                }
            }
            OptimizerKind::Adagrad => {
                for ((p, &gi), big_g) in theta.iter_mut().zip(g).zip(first.iter_mut()) {
                    *big_g += gi * gi;
                    *p -= lr * gi / (big_g.sqrt() + self.eps);
                }
            }
            OptimizerKind::Rmsprop => {
                for ((p, &gi), s) in theta.iter_mut().zip(g).zip(first.iter_mut()) {
                    *s = self.alpha * *s + (1.0 - self.alpha) * gi * gi;
                    *p -= lr * gi / (s.sqrt() + self.eps);
                }
            }
            OptimizerKind::Adam => self.adam(theta, g, lr, *t, first, second),
            OptimizerKind::Adamw => {
                // Decoupled: θ shrinks first, then Adam's step, as torch.optim.AdamW does.
                let keep = 1.0 - lr * self.weight_decay;
                theta.mapv_inplace(|p| p * keep);
                self.adam(theta, g, lr, *t, first, second);
            }
        }
    }

    /// Adam's step number `t` on `theta`, its moments m in `first` and v in `second`.
    fn adam(
        &self,
        theta: &mut Array1<f64>,
        g: &Array1<f64>,
        lr: f64,
        t: u64,
        first: &mut Array1<f64>,
        second: &mut Array1<f64>,
    ) {
        let t = t.min(i32::MAX as u64) as i32;
        let bias1 = 1.0 - self.beta1.powi(t);
        let bias2 = 1.0 - self.beta2.powi(t);
        let step_size = lr / bias1;
        let bias2_sqrt = bias2.sqrt();
        for (((p, &gi), m), v) in theta
            .iter_mut()
            .zip(g)
            .zip(first.iter_mut())
            .zip(second.iter_mut())
        {
            *m = self.beta1 * *m + (1.0 - self.beta1) * gi;
            *v = self.beta2 * *v + (1.0 - self.beta2) * gi * gi;
            let denom = v.sqrt() / bias2_sqrt + self.eps;
            *p -= step_size * *m / denom;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// torch.optim.AdamW's rule worked by hand for θ = 1, g = 2 then −1, η = 0.1,
    /// λ = 0.01 and the default β1, β2, ε:
    /// step 1: θ ← 1·(1 − 0.001) = 0.999; m = 0.2, v = 0.004; m̂ = 2, √v̂ = 2;
    ///         θ ← 0.999 − 0.1·2/(2 + 1e-8) = 0.8990000005;
    /// step 2: θ ← 0.8990000005·0.999 = 0.8981010004995; m = 0.08, v = 0.004996;
    ///         θ ← 0.8981010004995 − (0.1/0.19)·0.08/(√(0.004996/0.001999) + 1e-8)
    ///           = 0.8714672967019…
    #[test]
    fn adamw_decays_then_takes_adams_step() {
        let mut o = Optimizer::new(OptimizerKind::Adamw);
        assert_eq!((o.weight_decay, o.eps), (0.01, 1e-8));
        let mut theta = array![1.0];
        let mut state = OptimizerState::new(1);
        o.update(&mut theta, &array![2.0], 0.1, &mut state);
        approx::assert_abs_diff_eq!(theta[0], 0.8990000005, epsilon = 1e-12);
        o.update(&mut theta, &array![-1.0], 0.1, &mut state);
        approx::assert_abs_diff_eq!(theta[0], 0.8714672967019, epsilon = 1e-12);
        // λ = 0 is adam, bit for bit.
        o.weight_decay = 0.0;
        let adam = Optimizer::new(OptimizerKind::Adam);
        let (mut a, mut b) = (array![1.0, -2.0], array![1.0, -2.0]);
        let (mut sa, mut sb) = (OptimizerState::new(2), OptimizerState::new(2));
        for g in [array![0.3, -1.0], array![2.0, 0.5]] {
            o.update(&mut a, &g, 0.05, &mut sa);
            adam.update(&mut b, &g, 0.05, &mut sb);
        }
        assert_eq!(a, b);
        // λ must be a finite number ≥ 0.
        assert!(o.set("weight-decay", -0.1).is_err());
        assert!(o.set("weight-decay", f64::INFINITY).is_err());
        assert!(o.set("weight-decay", 0.5).is_ok());
    }

    #[test]
    fn race_lists_are_checked() {
        assert_eq!(
            parse_race("gd,momentum,adam").unwrap(),
            [
                OptimizerKind::Gd,
                OptimizerKind::Momentum,
                OptimizerKind::Adam
            ]
        );
        assert_eq!(parse_race(" adam , gd").unwrap().len(), 2);
        assert!(
            parse_race("gd,x")
                .unwrap_err()
                .to_string()
                .contains("unknown optimizer `x`")
        );
        assert!(
            parse_race("gd,gd")
                .unwrap_err()
                .to_string()
                .contains("listed twice")
        );
        assert!(
            parse_race("gd")
                .unwrap_err()
                .to_string()
                .contains("at least 2")
        );
        assert!(parse_race("").is_err());
        let six = "gd,momentum,nesterov,adagrad,rmsprop,adam";
        assert_eq!(parse_race(six).unwrap().len(), 6);
        assert!(
            parse_race("gd,momentum,nesterov,adagrad,rmsprop,adam,adamw")
                .unwrap_err()
                .to_string()
                .contains("at most 6")
        );
    }
    use ndarray::array;

    /// Runs `steps` updates of f(θ) = ½θ² style gradients given explicitly.
    fn run(kind: OptimizerKind, grads: &[f64], lr: f64) -> Vec<f64> {
        let opt = Optimizer::new(kind);
        let mut theta = array![1.0];
        let mut state = OptimizerState::new(1);
        grads
            .iter()
            .map(|&g| {
                opt.update(&mut theta, &array![g], lr, &mut state);
                theta[0]
            })
            .collect()
    }

    // Expected values below are worked by hand from the rules in the README,
    // with gradients 2 then 1 and η = 0.1, starting at θ = 1.
    #[test]
    fn gd_by_hand() {
        assert_eq!(run(OptimizerKind::Gd, &[2.0, 1.0], 0.1), [0.8, 0.8 - 0.1]);
    }

    #[test]
    fn momentum_by_hand() {
        // v1 = 2, θ1 = 0.8; v2 = 0.9·2 + 1 = 2.8, θ2 = 0.8 − 0.28 = 0.52.
        let got = run(OptimizerKind::Momentum, &[2.0, 1.0], 0.1);
        approx::assert_relative_eq!(got[0], 0.8, max_relative = 1e-15);
        approx::assert_relative_eq!(got[1], 0.52, max_relative = 1e-15);
    }

    #[test]
    fn nesterov_by_hand() {
        // v1 = 2, θ1 = 1 − 0.1·(2 + 1.8) = 0.62; v2 = 2.8, θ2 = 0.62 − 0.1·(1 + 2.52) = 0.268.
        let got = run(OptimizerKind::Nesterov, &[2.0, 1.0], 0.1);
        approx::assert_relative_eq!(got[0], 0.62, max_relative = 1e-15);
        approx::assert_relative_eq!(got[1], 0.268, max_relative = 1e-14);
    }

    #[test]
    fn adagrad_by_hand() {
        // G1 = 4, θ1 = 1 − 0.1·2/(2 + 1e-10); G2 = 5, θ2 = θ1 − 0.1·1/(√5 + 1e-10).
        let got = run(OptimizerKind::Adagrad, &[2.0, 1.0], 0.1);
        let t1 = 1.0 - 0.2 / (2.0 + 1e-10);
        approx::assert_relative_eq!(got[0], t1, max_relative = 1e-15);
        approx::assert_relative_eq!(
            got[1],
            t1 - 0.1 / (5f64.sqrt() + 1e-10),
            max_relative = 1e-15
        );
    }

    #[test]
    fn rmsprop_by_hand() {
        // η = 0.01 (at η = 0.1 the first step lands within 1e-7 of 0 and hides errors).
        // s1 = 0.01·4 = 0.04, θ1 = 1 − 0.01·2/(0.2 + 1e-8);
        // s2 = 0.99·0.04 + 0.01·1 = 0.0496, θ2 = θ1 − 0.01/(√0.0496 + 1e-8).
        let got = run(OptimizerKind::Rmsprop, &[2.0, 1.0], 0.01);
        let t1 = 1.0 - 0.02 / (0.2 + 1e-8);
        approx::assert_relative_eq!(got[0], t1, max_relative = 1e-14);
        approx::assert_relative_eq!(
            got[1],
            t1 - 0.01 / (0.0496f64.sqrt() + 1e-8),
            max_relative = 1e-14
        );
    }

    #[test]
    fn adam_by_hand() {
        // t = 1: m = 0.2, v = 0.004, m̂ = 2, v̂ = 4: θ1 = 1 − 0.1·2/(2 + 1e-8).
        // t = 2: m = 0.28, v = 0.004996, m̂ = 0.28/0.19, v̂ = 0.004996/0.001999.
        let got = run(OptimizerKind::Adam, &[2.0, 1.0], 0.1);
        let t1 = 1.0 - 0.1 * 2.0 / (2.0 + 1e-8);
        let m_hat = 0.28 / (1.0 - 0.81);
        let v_hat: f64 = 0.004996 / (1.0 - 0.998001);
        approx::assert_relative_eq!(got[0], t1, max_relative = 1e-14);
        approx::assert_relative_eq!(
            got[1],
            t1 - 0.1 * m_hat / (v_hat.sqrt() + 1e-8),
            max_relative = 1e-12
        );
    }

    /// Only adamw's decay moves θ without a gradient, by (1 − η·λ) an update; the
    /// trainer puts frozen parameters back after every rule.
    #[test]
    fn zero_gradient_never_moves_any_rule_but_decay() {
        for kind in OPTIMIZERS {
            let got = run(kind, &[0.0, 0.0, 0.0], 0.5);
            if kind == OptimizerKind::Adamw {
                assert_eq!(got, [0.995, 0.995 * 0.995, 0.995 * 0.995 * 0.995]);
            } else {
                assert_eq!(got, [1.0, 1.0, 1.0], "{kind}");
            }
        }
    }

    #[test]
    fn names_round_trip_and_unknown_is_an_error() {
        for kind in OPTIMIZERS {
            assert_eq!(OptimizerKind::parse(kind.name()), Ok(kind));
        }
        assert!(
            OptimizerKind::parse("sgd")
                .unwrap_err()
                .to_string()
                .contains("unknown optimizer `sgd`")
        );
    }

    #[test]
    fn hyperparameters_out_of_range_are_rejected() {
        let mut adam = Optimizer::new(OptimizerKind::Adam);
        adam.beta2 = 1.0;
        assert!(matches!(
            adam.validate(),
            Err(Error::Hyperparameter { name: "beta2", .. })
        ));
        let mut m = Optimizer::new(OptimizerKind::Momentum);
        m.momentum = -0.1;
        assert!(m.validate().is_err());
    }
}
