//! How large a learning rate the landscape tolerates: the Hessian's largest eigenvalue.

use ndarray::Array2;

use super::lanczos;
use super::objective::{DENSE_MAX_PARAMS, Objective};
use super::scaling::Scale;

/// The curvature along the steepest direction, and what it means for plain GD.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stability {
    /// A quadratic loss: λmax of its constant Hessian, and η_crit = 2/λmax,
    /// above which plain GD diverges from almost every start.
    Exact {
        /// Largest eigenvalue of the Hessian over the free parameters.
        lambda_max: f64,
        /// 2/λmax (infinite when λmax ≤ 0).
        eta_crit: f64,
    },
    /// Any other loss: λmax of the Hessian at one point (its sharpness there).
    Local {
        /// Largest eigenvalue of the finite-difference Hessian over the free parameters.
        sharpness: f64,
        /// 2/sharpness: plain GD's step-size limit near that point.
        eta_local: f64,
    },
}

impl Stability {
    /// λmax, exact or local.
    pub fn lambda_max(&self) -> f64 {
        match *self {
            Stability::Exact { lambda_max, .. } => lambda_max,
            Stability::Local { sharpness, .. } => sharpness,
        }
    }

    /// 2/λmax, exact or local.
    pub fn eta_limit(&self) -> f64 {
        match *self {
            Stability::Exact { eta_crit, .. } => eta_crit,
            Stability::Local { eta_local, .. } => eta_local,
        }
    }
}

/// The smallest and largest eigenvalues of the Hessian at `theta` over the parameters
/// not `frozen` (the exact one for a quadratic loss): how a point whose gradient is
/// within the tolerance is judged. (0, 0) with nothing free; NaN where not finite.
pub fn curvature_range(objective: &Objective, theta: &[f64], frozen: &[bool]) -> (f64, f64) {
    extremes(objective, theta, frozen).unwrap_or((f64::NAN, f64::NAN))
}

/// The stability of plain GD at `theta` over the parameters not `frozen`.
pub fn stability(objective: &Objective, theta: &[f64], frozen: &[bool]) -> Stability {
    let lambda_max = extremes(objective, theta, frozen).map_or(f64::NAN, |(_, high)| high);
    stability_from(objective, lambda_max)
}

/// The stability that λmax `lambda_max` of `objective`'s Hessian (found elsewhere, as by
/// [`curvature_range`]) means: exact for a quadratic loss, local otherwise.
pub fn stability_from(objective: &Objective, lambda_max: f64) -> Stability {
    if objective.is_quadratic() {
        Stability::Exact {
            lambda_max,
            eta_crit: two_over(lambda_max),
        }
    } else {
        Stability::Local {
            sharpness: lambda_max,
            eta_local: two_over(lambda_max),
        }
    }
}

/// About how many multiply-adds [`stability`] costs on `objective`: what decides whether
/// it can run between two frames or belongs on a worker.
pub fn curvature_cost(objective: &Objective) -> f64 {
    let n = objective.n_params() as f64;
    let rows = objective.data().len() as f64;
    if objective.n_params() > DENSE_MAX_PARAMS {
        // Each Lanczos step is a product (two row passes) and a reorthogonalisation.
        let steps = lanczos::MAX_STEPS as f64;
        steps * (2.0 * rows * n + steps * n)
    } else if objective.has_quadratic_hessian() {
        n * n * n
    } else {
        // 2·n gradients, each a pass over the rows, then the eigen-solve.
        2.0 * n * rows * n + n * n * n
    }
}

/// What a feature scaling did to the curvature: the Hessian's extreme eigenvalues over
/// the free parameters on the features as given and as scaled, each at the same start
/// values (the same minimum for a quadratic loss, whose Hessian is constant).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Conditioning {
    /// (λmin, λmax) on the features as given.
    pub before: (f64, f64),
    /// (λmin, λmax) on the scaled features.
    pub after: (f64, f64),
    /// True for a quadratic loss: the eigenvalues hold everywhere, not only at the start.
    pub exact: bool,
}

impl Conditioning {
    /// The condition number κ = λmax/λmin of `range`; infinite when λmin ≤ 0 (a flat
    /// or saddle direction, along which GD makes no progress).
    pub fn kappa((low, high): (f64, f64)) -> f64 {
        if low > 0.0 { high / low } else { f64::INFINITY }
    }

    /// Plain GD's η_crit = 2/λmax of `range`; infinite when λmax ≤ 0.
    pub fn eta_crit((_, high): (f64, f64)) -> f64 {
        two_over(high)
    }
}

/// The curvature at `theta` over the parameters not `frozen`, before and after the
/// feature scaling of `objective`'s data; `None` for raw features.
pub fn conditioning(objective: &Objective, theta: &[f64], frozen: &[bool]) -> Option<Conditioning> {
    let data = objective.data();
    data.scaling()?;
    let raw = Objective::new(
        data.scaled(Scale::Raw).ok()?,
        objective.model(),
        objective.loss(),
    )
    .and_then(|o| o.with_penalty(objective.penalty()))
    .ok()?;
    Some(Conditioning {
        before: curvature_range(&raw, theta, frozen),
        after: curvature_range(objective, theta, frozen),
        exact: objective.is_quadratic(),
    })
}

/// (λmin, λmax) of the Hessian's free block: from the whole matrix up to
/// [`DENSE_MAX_PARAMS`] parameters, by Lanczos above; `None` when not finite.
fn extremes(objective: &Objective, theta: &[f64], frozen: &[bool]) -> Option<(f64, f64)> {
    if objective.n_params() <= DENSE_MAX_PARAMS {
        let h = objective
            .quadratic_hessian()
            .unwrap_or_else(|| finite_difference_hessian(objective, theta));
        return free_eigenvalues(&h, frozen).map(|values| match values.len() {
            0 => (0.0, 0.0),
            _ => (values.min(), values.max()),
        });
    }
    let free: Vec<usize> = (0..theta.len()).filter(|&i| !frozen[i]).collect();
    let mut whole = vec![0.0; theta.len()];
    lanczos::extreme_eigenvalues(free.len(), |v| {
        // Embed v in the whole parameter space (frozen entries 0) and keep the free rows.
        whole.iter_mut().for_each(|w| *w = 0.0);
        free.iter().zip(v).for_each(|(&i, &x)| whole[i] = x);
        let hv = objective.hessian_times(theta, &whole);
        free.iter().map(|&i| hv[i]).collect()
    })
}

/// 2/λ; infinite where λ ≤ 0 (no limit), NaN where λ is not known.
fn two_over(lambda: f64) -> f64 {
    if lambda > 0.0 {
        2.0 / lambda
    } else if lambda.is_nan() {
        f64::NAN
    } else {
        f64::INFINITY
    }
}

/// The Hessian by central differences of the analytic gradient (without an L1 term:
/// [`Objective::smooth_gradient`]), symmetrised.
///
/// Column j is (∇L(θ + h·e_j) − ∇L(θ − h·e_j)) / 2h with h = 1e-5·max(1, |θ_j|):
/// the O(h²) truncation error is about 1e-10 relative for smooth losses, below the six
/// significant digits shown.
pub fn finite_difference_hessian(objective: &Objective, theta: &[f64]) -> Array2<f64> {
    let n = theta.len();
    let mut h = Array2::zeros((n, n));
    let mut probe = theta.to_vec();
    for j in 0..n {
        let step = 1e-5 * theta[j].abs().max(1.0);
        probe[j] = theta[j] + step;
        let up = objective.smooth_gradient(&probe);
        probe[j] = theta[j] - step;
        let down = objective.smooth_gradient(&probe);
        probe[j] = theta[j];
        for i in 0..n {
            h[[i, j]] = (up[i] - down[i]) / (2.0 * step);
        }
    }
    (&h + &h.t()) / 2.0
}

/// The eigenvalues of symmetric `h`'s block over the parameters not `frozen`; `None`
/// when that block is not finite.
fn free_eigenvalues(h: &Array2<f64>, frozen: &[bool]) -> Option<nalgebra::DVector<f64>> {
    let free: Vec<usize> = (0..h.nrows()).filter(|&i| !frozen[i]).collect();
    if free.is_empty() {
        return Some(nalgebra::DVector::zeros(0));
    }
    let m = nalgebra::DMatrix::from_fn(free.len(), free.len(), |i, j| h[[free[i], free[j]]]);
    // Only the free block matters: a frozen parameter's non-finite curvature does not.
    if m.iter().any(|v| !v.is_finite()) {
        return None;
    }
    Some(m.symmetric_eigenvalues())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Activation, Dataset, Loss, Model};
    use ndarray::{Array1, Array2};

    fn data(x: &[f64], y: &[f64]) -> Dataset {
        Dataset::new(
            Array2::from_shape_vec((x.len(), 1), x.to_vec()).unwrap(),
            Array1::from(y.to_vec()),
            vec!["x".into()],
            "y",
        )
        .unwrap()
    }

    #[test]
    fn line_lesson_has_eta_crit_two_fifteenths_with_b_frozen() {
        // L(w) = 7.5·(1 − w)² so L'' = 15 and η_crit = 2/15.
        let obj = Objective::new(
            data(&[1.0, 2.0, 3.0, 4.0], &[1.0, 2.0, 3.0, 4.0]),
            Model::Linear { features: 1 },
            Loss::Mse,
        )
        .unwrap();
        let s = stability(&obj, &[0.0, 0.0], &[false, true]);
        let Stability::Exact {
            lambda_max,
            eta_crit,
        } = s
        else {
            panic!("quadratic")
        };
        approx::assert_relative_eq!(lambda_max, 15.0, max_relative = 1e-12);
        approx::assert_relative_eq!(eta_crit, 2.0 / 15.0, max_relative = 1e-12);
    }

    #[test]
    fn finite_differences_recover_the_exact_hessian() {
        let obj = Objective::new(
            data(&[8.0, 9.5, 11.0, 12.0], &[8.0, 10.0, 12.5, 14.0]),
            Model::Linear { features: 1 },
            Loss::HalfMse,
        )
        .unwrap();
        let exact = obj.quadratic_hessian().unwrap();
        let fd = finite_difference_hessian(&obj, &[0.3, -2.0]);
        for (a, b) in exact.iter().zip(fd.iter()) {
            approx::assert_relative_eq!(a, b, max_relative = 1e-6);
        }
    }

    #[test]
    fn local_sharpness_of_a_sigmoid_matches_its_second_derivative() {
        // With w and c frozen, L(b) = mean((y − σ(w·x + b))²) is one-dimensional: compare
        // the sharpness with a second difference of the loss itself.
        let obj = Objective::new(
            data(&[-1.0, 0.5, 2.0], &[0.1, 0.6, 0.9]),
            Model::Neuron(Activation::Sigmoid),
            Loss::Mse,
        )
        .unwrap();
        let theta = [1.2, -0.3, 1.0];
        let s = stability(&obj, &theta, &[true, false, true]);
        let h = 1e-4;
        let l = |b: f64| obj.evaluate(&[1.2, b, 1.0]).loss;
        let second = (l(-0.3 + h) - 2.0 * l(-0.3) + l(-0.3 - h)) / (h * h);
        approx::assert_relative_eq!(s.lambda_max(), second, max_relative = 1e-5);
        assert!(matches!(s, Stability::Local { .. }));
        approx::assert_relative_eq!(s.eta_limit(), 2.0 / second, max_relative = 1e-5);
    }

    #[test]
    fn everything_frozen_means_no_limit() {
        let obj = Objective::new(
            data(&[1.0, 2.0], &[1.0, 2.0]),
            Model::Linear { features: 1 },
            Loss::Mse,
        )
        .unwrap();
        assert_eq!(
            stability(&obj, &[0.0, 0.0], &[true, true]).eta_limit(),
            f64::INFINITY
        );
    }

    /// A linear model on `k` seeded random features over `rows` rows.
    fn wide(k: usize, rows: usize) -> Objective {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let x = Array2::from_shape_fn((rows, k), |_| rng.random_range(-2.0..2.0));
        let y = Array1::from_shape_fn(rows, |_| rng.random_range(-1.0..1.0));
        let names = (1..=k).map(|i| format!("x{i}")).collect();
        let data = Dataset::new(x, y, names, "y").unwrap();
        Objective::new(data, Model::Linear { features: k }, Loss::Mse).unwrap()
    }

    /// 2·mean(x̃x̃ᵀ) formed whole, for checking the wide path against.
    fn dense_hessian(obj: &Objective) -> Array2<f64> {
        let d = obj.data();
        let (n, k) = (d.len(), d.n_features());
        let mut h = Array2::zeros((k + 1, k + 1));
        for r in 0..n {
            let xt: Vec<f64> = d.x.row(r).iter().copied().chain([1.0]).collect();
            for i in 0..=k {
                for j in 0..=k {
                    h[[i, j]] += 2.0 * xt[i] * xt[j] / n as f64;
                }
            }
        }
        h
    }

    #[test]
    fn past_the_dense_limit_lanczos_finds_the_exact_extremes() {
        for rows in [3, 40, 250] {
            let obj = wide(120, rows);
            assert!(
                obj.quadratic_hessian().is_none(),
                "no 121×121 matrix is formed"
            );
            let mut frozen = vec![false; 121];
            frozen[5] = true;
            frozen[120] = true;
            let values = free_eigenvalues(&dense_hessian(&obj), &frozen).unwrap();
            let theta = vec![0.3; 121];
            let (low, high) = curvature_range(&obj, &theta, &frozen);
            approx::assert_relative_eq!(high, values.max(), max_relative = 1e-9);
            assert!(
                (low - values.min()).abs() <= 1e-9 * values.max(),
                "{low} vs {}",
                values.min()
            );
            let s = stability(&obj, &theta, &frozen);
            assert!(matches!(s, Stability::Exact { .. }));
            approx::assert_relative_eq!(s.eta_limit(), 2.0 / values.max(), max_relative = 1e-9);
        }
    }

    #[test]
    fn finite_difference_products_match_the_finite_difference_hessian() {
        let obj = Objective::new(
            data(&[-1.0, 0.5, 2.0, 3.0], &[0.1, 0.6, 0.9, 0.2]),
            Model::Sum {
                activation: Activation::Sigmoid,
                units: 2,
            },
            Loss::Mse,
        )
        .unwrap();
        let theta = [1.2, -0.3, 1.0, -0.7, 0.4, 0.5, 0.1];
        let v = [0.3, -1.0, 0.2, 0.0, 0.5, -0.4, 1.0];
        let h = finite_difference_hessian(&obj, &theta);
        let hv = obj.hessian_times(&theta, &v);
        for (i, got) in hv.iter().enumerate() {
            let want: f64 = (0..7).map(|j| h[[i, j]] * v[j]).sum();
            assert!(
                (got - want).abs() <= 1e-6 * want.abs().max(1.0),
                "{i}: {got} vs {want}"
            );
        }
    }

    #[test]
    fn curvature_that_overflows_gives_no_limit_to_state() {
        let obj = Objective::new(
            data(&[1e200, -1e200], &[1.0, 2.0]),
            Model::Linear { features: 1 },
            Loss::Mse,
        )
        .unwrap();
        // The loss itself is exact by row passes: mean(y²) at θ = 0.
        assert_eq!(obj.evaluate(&[0.0, 0.0]).loss, 2.5);
        let s = stability(&obj, &[0.0, 0.0], &[false, false]);
        assert!(s.lambda_max().is_nan() && s.eta_limit().is_nan(), "{s:?}");
    }

    /// |w| curves nowhere but at its kink: an L1 penalty leaves the sharpness as it was,
    /// even at w = 0 (where differencing across the kink would add λ₁/h).
    #[test]
    fn an_l1_penalty_adds_no_curvature_even_at_its_kink() {
        use crate::engine::Penalty;
        let lesson = crate::testing::lesson("plane");
        let plain = lesson.trainer().objective().as_ref().clone();
        let l1 = plain
            .clone()
            .with_penalty(Penalty { l2: 0.0, l1: 0.1 })
            .unwrap();
        let theta = [0.0, 0.3, 0.0];
        let frozen = [false; 3];
        let (Stability::Exact { lambda_max, .. }, Stability::Local { sharpness, .. }) = (
            stability(&plain, &theta, &frozen),
            stability(&l1, &theta, &frozen),
        ) else {
            panic!("a quadratic loss, and one with a kink")
        };
        approx::assert_relative_eq!(sharpness, lambda_max, max_relative = 1e-6);
    }
}
