//! Lengths and curvatures in parameter space: the trainer's |∇L| and the explanations'
//! step lengths and curvature.

use super::objective::Objective;

/// Euclidean norm, scaled by the largest entry so that squares of huge values don't
/// overflow. A NaN among finite values gives NaN; NaN alone is skipped by the scale, so
/// all-NaN values give 0, as the trainer's |∇L| always has.
pub fn scaled_norm(values: impl Iterator<Item = f64> + Clone) -> f64 {
    let scale = values.clone().fold(0.0, |m: f64, v| m.max(v.abs()));
    if scale == 0.0 || !scale.is_finite() {
        return scale;
    }
    scale
        * values
            .map(|v| (v / scale) * (v / scale))
            .sum::<f64>()
            .sqrt()
}

/// [`scaled_norm`], but NaN whenever any value is NaN: a length that cannot be known.
pub fn norm(values: &[f64]) -> f64 {
    if values.iter().any(|v| v.is_nan()) {
        return f64::NAN;
    }
    scaled_norm(values.iter().copied())
}

/// The curvature of L at `theta` along the unit vector `dir`: exact from the constant
/// Hessian of a quadratic loss (then the second value is `None`), otherwise a central
/// finite difference of ∇L along `dir` with the step ε it returns.
pub fn curvature_along(objective: &Objective, theta: &[f64], dir: &[f64]) -> (f64, Option<f64>) {
    if let Some(h) = objective.quadratic_hessian() {
        let mut q = 0.0;
        for (a, da) in dir.iter().enumerate() {
            for (b, db) in dir.iter().enumerate() {
                q += da * h[[a, b]] * db;
            }
        }
        return (q, None);
    }
    if objective.is_quadratic() {
        // Too many parameters to hold H: one exact product instead.
        let hv = objective.hessian_times(theta, dir);
        return (hv.iter().zip(dir).map(|(a, b)| a * b).sum(), None);
    }
    let eps = 1e-5 * norm(theta).max(1.0);
    let grad_at = |s: f64| {
        let p: Vec<f64> = theta.iter().zip(dir).map(|(t, d)| t + s * d).collect();
        objective.smooth_gradient(&p)
    };
    let (up, down) = (grad_at(eps), grad_at(-eps));
    let slope = up
        .iter()
        .zip(&down)
        .zip(dir)
        .map(|((u, d), g)| (u - d) * g)
        .sum::<f64>()
        / (2.0 * eps);
    (slope, Some(eps))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_survives_huge_and_non_finite_entries() {
        approx::assert_relative_eq!(
            scaled_norm([3.0, 4.0].into_iter()),
            5.0,
            max_relative = 1e-15
        );
        // Summing squares directly would overflow to inf here.
        approx::assert_relative_eq!(
            scaled_norm([3e200, 4e200].into_iter()),
            5e200,
            max_relative = 1e-15
        );
        assert_eq!(scaled_norm([0.0, 0.0].into_iter()), 0.0);
        assert_eq!(scaled_norm([1.0, f64::INFINITY].into_iter()), f64::INFINITY);
        assert!(scaled_norm([1.0, f64::NAN].into_iter()).is_nan());
    }

    #[test]
    fn any_nan_makes_the_strict_norm_nan() {
        assert!(norm(&[f64::NAN, f64::NAN]).is_nan());
        assert_eq!(scaled_norm([f64::NAN, f64::NAN].into_iter()), 0.0);
        approx::assert_relative_eq!(norm(&[3e200, 4e200]), 5e200, max_relative = 1e-15);
    }
}
