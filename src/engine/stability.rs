//! How large a learning rate the landscape tolerates: the Hessian's largest eigenvalue.

use ndarray::Array2;

use super::objective::Objective;

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

/// The stability of plain GD at `theta` over the parameters not `frozen`.
pub fn stability(objective: &Objective, theta: &[f64], frozen: &[bool]) -> Stability {
    match objective.quadratic_hessian() {
        Some(h) => {
            let lambda_max = largest_eigenvalue(&h, frozen);
            Stability::Exact {
                lambda_max,
                eta_crit: two_over(lambda_max),
            }
        }
        None => {
            let sharpness =
                largest_eigenvalue(&finite_difference_hessian(objective, theta), frozen);
            Stability::Local {
                sharpness,
                eta_local: two_over(sharpness),
            }
        }
    }
}

fn two_over(lambda: f64) -> f64 {
    if lambda > 0.0 {
        2.0 / lambda
    } else {
        f64::INFINITY
    }
}

/// The Hessian by central differences of the analytic gradient, symmetrised.
///
/// Column j is (∇L(θ + h·e_j) − ∇L(θ − h·e_j)) / 2h with h = 1e-5·max(1, |θ_j|):
/// the O(h²) truncation error stays well below the quantities shown (4 significant digits).
pub fn finite_difference_hessian(objective: &Objective, theta: &[f64]) -> Array2<f64> {
    let n = theta.len();
    let mut h = Array2::zeros((n, n));
    let mut probe = theta.to_vec();
    for j in 0..n {
        let step = 1e-5 * theta[j].abs().max(1.0);
        probe[j] = theta[j] + step;
        let up = objective.evaluate(&probe).grad;
        probe[j] = theta[j] - step;
        let down = objective.evaluate(&probe).grad;
        probe[j] = theta[j];
        for i in 0..n {
            h[[i, j]] = (up[i] - down[i]) / (2.0 * step);
        }
    }
    (&h + &h.t()) / 2.0
}

/// Largest eigenvalue of symmetric `h` restricted to the rows and columns not `frozen`.
pub fn largest_eigenvalue(h: &Array2<f64>, frozen: &[bool]) -> f64 {
    let free: Vec<usize> = (0..h.nrows()).filter(|&i| !frozen[i]).collect();
    if free.is_empty() {
        return 0.0;
    }
    if h.iter().any(|v| !v.is_finite()) {
        return f64::NAN;
    }
    let m = nalgebra::DMatrix::from_fn(free.len(), free.len(), |i, j| h[[free[i], free[j]]]);
    m.symmetric_eigenvalues().max()
}
