//! The extreme eigenvalues of a symmetric matrix seen only through its products with
//! vectors: how curvature is found when the Hessian is too large to form.
//!
//! Lanczos iteration (Golub & Van Loan, *Matrix Computations*, 4th ed., §10.1) builds an
//! orthonormal basis q₁, q₂, … of the Krylov space {q₁, Hq₁, H²q₁, …} in which H is
//! tridiagonal, T = tridiag(β, α, β); the extreme eigenvalues of T (the Ritz values)
//! approach those of H from inside, the largest and smallest first. Each new vector is
//! orthogonalised against every earlier one (full reorthogonalisation, §10.3.1), which
//! costs O(m·n) per step but keeps the Ritz values free of the spurious copies that plain
//! Lanczos produces in floating point.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Most Lanczos steps taken: memory is this many vectors of the free parameters.
pub const MAX_STEPS: usize = 100;

/// A Ritz value is accepted once its residual ‖Hy − θy‖ = β_m·|s_m| is at most this
/// share of the largest |Ritz value|: then some eigenvalue of H lies that close to it.
const RESIDUAL: f64 = 1e-10;

/// The smallest and largest eigenvalues of the symmetric n×n operator `times` (v ↦ H·v),
/// by at most [`MAX_STEPS`] Lanczos steps from a fixed pseudo-random start; (0, 0) when
/// n is 0, `None` when any product is not finite.
pub fn extreme_eigenvalues(
    n: usize,
    mut times: impl FnMut(&[f64]) -> Vec<f64>,
) -> Option<(f64, f64)> {
    if n == 0 {
        return Some((0.0, 0.0));
    }
    let mut basis: Vec<Vec<f64>> = vec![start(n)];
    let (mut alpha, mut beta) = (Vec::new(), Vec::new());
    loop {
        let q = basis.last().expect("the basis starts with one vector");
        let mut w = times(q);
        if w.len() != n || w.iter().any(|v| !v.is_finite()) {
            return None;
        }
        alpha.push(dot(q, &w));
        // Twice is enough (Parlett's "twice is enough", Golub & Van Loan §5.2.8).
        for _ in 0..2 {
            for b in &basis {
                let c = dot(b, &w);
                w.iter_mut().zip(b).for_each(|(wi, bi)| *wi -= c * bi);
            }
        }
        let norm = dot(&w, &w).sqrt();
        let (low, high, settled) = ritz_extremes(&alpha, &beta, norm);
        // An invariant subspace (norm ≈ 0) makes the Ritz values exact eigenvalues.
        let exhausted = basis.len() == n || norm <= 1e-14 * high.abs().max(low.abs()).max(1e-300);
        if settled || exhausted || basis.len() == MAX_STEPS {
            return Some((low, high));
        }
        beta.push(norm);
        basis.push(w.iter().map(|v| v / norm).collect());
    }
}

/// The smallest and largest eigenvalues of T = tridiag(β, α, β), and whether both have
/// residual β_next·|last component of their eigenvector| within [`RESIDUAL`].
fn ritz_extremes(alpha: &[f64], beta: &[f64], beta_next: f64) -> (f64, f64, bool) {
    let m = alpha.len();
    let t = nalgebra::DMatrix::from_fn(m, m, |i, j| match i.abs_diff(j) {
        0 => alpha[i],
        1 => beta[i.min(j)],
        _ => 0.0,
    });
    let eigen = t.symmetric_eigen();
    let (mut lo, mut hi) = (0, 0);
    for (i, &v) in eigen.eigenvalues.iter().enumerate() {
        if v < eigen.eigenvalues[lo] {
            lo = i;
        }
        if v > eigen.eigenvalues[hi] {
            hi = i;
        }
    }
    let (low, high) = (eigen.eigenvalues[lo], eigen.eigenvalues[hi]);
    let scale = low.abs().max(high.abs()).max(1e-300);
    let residual = |k: usize| beta_next * eigen.eigenvectors[(m - 1, k)].abs();
    let settled = residual(lo) <= RESIDUAL * scale && residual(hi) <= RESIDUAL * scale;
    (low, high, settled)
}

/// A unit vector with seeded pseudo-random entries: the same start on every run, and
/// (almost surely) not orthogonal to any eigenvector.
fn start(n: usize) -> Vec<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(0x1a2c_205e);
    let v: Vec<f64> = (0..n).map(|_| rng.random_range(-1.0..1.0)).collect();
    let norm = dot(&v, &v).sqrt();
    v.into_iter().map(|x| x / norm).collect()
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dense_extremes(m: &nalgebra::DMatrix<f64>) -> (f64, f64) {
        let e = m.symmetric_eigenvalues();
        (e.min(), e.max())
    }

    fn times(m: &nalgebra::DMatrix<f64>) -> impl FnMut(&[f64]) -> Vec<f64> + '_ {
        move |v| {
            (m * nalgebra::DVector::from_column_slice(v))
                .as_slice()
                .to_vec()
        }
    }

    #[test]
    fn a_diagonal_matrix_gives_its_extreme_entries() {
        let d = nalgebra::DMatrix::from_diagonal(&nalgebra::DVector::from_fn(300, |i, _| {
            i as f64 * 0.5 - 20.0
        }));
        let (low, high) = extreme_eigenvalues(300, times(&d)).unwrap();
        approx::assert_relative_eq!(low, -20.0, max_relative = 1e-9);
        approx::assert_relative_eq!(high, 129.5, max_relative = 1e-9);
    }

    #[test]
    fn a_small_matrix_is_solved_exactly() {
        let m =
            nalgebra::DMatrix::from_row_slice(3, 3, &[2.0, 1.0, 0.0, 1.0, 3.0, 1.0, 0.0, 1.0, 4.0]);
        let (low, high) = extreme_eigenvalues(3, times(&m)).unwrap();
        let (dl, dh) = dense_extremes(&m);
        approx::assert_relative_eq!(low, dl, max_relative = 1e-12);
        approx::assert_relative_eq!(high, dh, max_relative = 1e-12);
    }

    #[test]
    fn nothing_free_and_non_finite_products() {
        assert_eq!(extreme_eigenvalues(0, |_| vec![]), Some((0.0, 0.0)));
        assert_eq!(extreme_eigenvalues(4, |v| vec![f64::NAN; v.len()]), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        /// Low-rank plus diagonal matrices, like the Hessian of a linear model on few rows.
        #[test]
        fn matches_the_dense_solver(n in 2usize..160, rank in 1usize..6, seed in any::<u64>()) {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            let a = nalgebra::DMatrix::from_fn(n, rank, |_, _| rng.random_range(-3.0..3.0));
            let shift = rng.random_range(-1.0..1.0);
            let m = &a * a.transpose() + nalgebra::DMatrix::identity(n, n) * shift;
            let (low, high) = extreme_eigenvalues(n, times(&m)).unwrap();
            let (dl, dh) = dense_extremes(&m);
            let scale = dl.abs().max(dh.abs());
            prop_assert!((low - dl).abs() <= 1e-8 * scale, "{low} vs {dl}");
            prop_assert!((high - dh).abs() <= 1e-8 * scale, "{high} vs {dh}");
        }
    }
}
