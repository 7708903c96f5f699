//! Lengths and curvatures in parameter space, shared by the explanations and the views.

use super::objective::Objective;

/// Euclidean norm, scaled by the largest entry so that huge values don't overflow.
pub fn norm(values: &[f64]) -> f64 {
    let scale = values.iter().fold(0.0, |m: f64, v| m.max(v.abs()));
    if values.iter().any(|v| v.is_nan()) {
        return f64::NAN;
    }
    if scale == 0.0 || !scale.is_finite() {
        return scale;
    }
    scale
        * values
            .iter()
            .map(|v| (v / scale) * (v / scale))
            .sum::<f64>()
            .sqrt()
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
    let eps = 1e-5 * norm(theta).max(1.0);
    let grad_at = |s: f64| {
        let p: Vec<f64> = theta.iter().zip(dir).map(|(t, d)| t + s * d).collect();
        objective.evaluate(&p).grad
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
