//! Planes through parameter space spanned by two directions, for landscapes of models
//! with more parameters than two axes can show: two random directions, filter-normalised
//! (Li et al. 2018, "Visualizing the Loss Landscape of Neural Nets", §4), or the two
//! leading principal directions of the path so far (the same paper, §7).
//!
//! Not yet drawn by the view: these are the numbers a plane needs — its directions, the
//! point at plane coordinates (a, b), and where a parameter vector projects.

use std::ops::Range;

use nalgebra::{DMatrix, Matrix2, Vector2};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};
use rayon::prelude::*;

use super::SliceRequest;
use crate::engine::Objective;

/// Two directions in parameter space: the plane θ(a, b) = origin + a·d1 + b·d2.
#[derive(Debug, Clone, PartialEq)]
pub struct Directions {
    /// The horizontal direction.
    pub d1: Vec<f64>,
    /// The vertical direction.
    pub d2: Vec<f64>,
}

impl Directions {
    /// θ(a, b) = `origin` + a·d1 + b·d2.
    pub fn point(&self, origin: &[f64], (a, b): (f64, f64)) -> Vec<f64> {
        origin
            .iter()
            .zip(&self.d1)
            .zip(&self.d2)
            .map(|((o, u), v)| o + a * u + b * v)
            .collect()
    }

    /// The plane coordinates (a, b) of `theta`'s orthogonal projection onto the plane
    /// through `origin`: the least-squares solution of a·d1 + b·d2 ≈ θ − origin, from the
    /// 2×2 normal equations. `None` when the directions are parallel or zero.
    pub fn project(&self, origin: &[f64], theta: &[f64]) -> Option<(f64, f64)> {
        let r: Vec<f64> = theta.iter().zip(origin).map(|(t, o)| t - o).collect();
        let gram = Matrix2::new(
            dot(&self.d1, &self.d1),
            dot(&self.d1, &self.d2),
            dot(&self.d2, &self.d1),
            dot(&self.d2, &self.d2),
        );
        let rhs = Vector2::new(dot(&self.d1, &r), dot(&self.d2, &r));
        let ab = gram.try_inverse()? * rhs;
        (ab[0].is_finite() && ab[1].is_finite()).then_some((ab[0], ab[1]))
    }
}

/// Two seeded random directions, filter-normalised: within each block of `units` (the
/// weights into one unit), the Gaussian direction is rescaled to the norm of `theta`'s
/// weights there, so a step of 1 along it changes every unit by as much as it weighs.
/// Parameters in no block (biases) get 0, as in Li et al., whose directions leave
/// biases out. A block whose weights are all 0 keeps its Gaussian entries unscaled.
pub fn random_directions(theta: &[f64], units: &[Range<usize>], seed: u64) -> Directions {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut draw = || -> Vec<f64> {
        let mut d = vec![0.0; theta.len()];
        for block in units {
            let g: Vec<f64> = block
                .clone()
                .map(|_| StandardNormal.sample(&mut rng))
                .collect();
            let (g_norm, w_norm) = (dot(&g, &g).sqrt(), norm_of(&theta[block.clone()]));
            let scale = if w_norm > 0.0 && g_norm > 0.0 {
                w_norm / g_norm
            } else {
                1.0
            };
            for (k, i) in block.clone().enumerate() {
                d[i] = g[k] * scale;
            }
        }
        d
    };
    let d1 = draw();
    let d2 = draw();
    Directions { d1, d2 }
}

/// The two leading principal directions of `path` (parameter vectors, oldest first) and
/// the share of the path's variance about its mean that they explain; `None` with fewer
/// than three distinct points or no spread in two directions.
///
/// With m points of n parameters, the m×m Gram matrix of the centred points has the same
/// non-zero eigenvalues as the n×n covariance, and its eigenvectors u give the principal
/// directions as Xᵀu (normalised): the cost is O(m²·n + m³), never n×n.
pub fn pca_directions(path: &[Vec<f64>]) -> Option<(Directions, f64)> {
    let (m, n) = (path.len(), path.first()?.len());
    if m < 3 {
        return None;
    }
    let mean: Vec<f64> = (0..n)
        .map(|j| path.iter().map(|p| p[j]).sum::<f64>() / m as f64)
        .collect();
    let centred: Vec<Vec<f64>> = path
        .iter()
        .map(|p| p.iter().zip(&mean).map(|(x, c)| x - c).collect())
        .collect();
    let gram = DMatrix::from_fn(m, m, |i, j| dot(&centred[i], &centred[j]));
    let eigen = gram.symmetric_eigen();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| eigen.eigenvalues[b].total_cmp(&eigen.eigenvalues[a]));
    let total: f64 = eigen.eigenvalues.iter().map(|v| v.max(0.0)).sum();
    let (first, second) = (order[0], order[1]);
    let (l1, l2) = (eigen.eigenvalues[first], eigen.eigenvalues[second]);
    if !(total > 0.0 && l2 > 1e-12 * l1) {
        return None;
    }
    let direction = |k: usize| -> Vec<f64> {
        let u = eigen.eigenvectors.column(k);
        let v: Vec<f64> = (0..n)
            .map(|j| (0..m).map(|i| u[i] * centred[i][j]).sum())
            .collect();
        let len = dot(&v, &v).sqrt();
        v.into_iter().map(|x| x / len).collect()
    };
    let directions = Directions {
        d1: direction(first),
        d2: direction(second),
    };
    Some((directions, (l1 + l2) / total))
}

/// L over the plane θ(a, b) = `origin` + a·d1 + b·d2 at the samples of `request` (whose
/// ranges are in plane coordinates; its axes and centre are not used), row 0 at the top,
/// rows in parallel.
pub fn losses_on(
    objective: &Objective,
    origin: &[f64],
    directions: &Directions,
    request: &SliceRequest,
) -> Vec<f64> {
    (0..request.height)
        .into_par_iter()
        .flat_map_iter(|row| {
            (0..request.width).map(move |col| {
                let theta = directions.point(origin, request.point(col, row));
                objective.evaluate(&theta).loss
            })
        })
        .collect()
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn norm_of(v: &[f64]) -> f64 {
    dot(v, v).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn projection_inverts_the_plane_point() {
        let dirs = Directions {
            d1: vec![1.0, 2.0, 0.0, -1.0],
            d2: vec![0.5, 0.0, 3.0, 1.0],
        };
        let origin = [0.3, -0.2, 1.0, 4.0];
        let theta = dirs.point(&origin, (1.5, -0.25));
        let (a, b) = dirs.project(&origin, &theta).unwrap();
        approx::assert_relative_eq!(a, 1.5, max_relative = 1e-12);
        approx::assert_relative_eq!(b, -0.25, max_relative = 1e-12);
        let parallel = Directions {
            d1: vec![1.0, 1.0],
            d2: vec![2.0, 2.0],
        };
        assert_eq!(parallel.project(&[0.0, 0.0], &[1.0, 0.0]), None);
    }

    #[test]
    fn random_directions_are_filter_normalised_seeded_and_leave_biases_out() {
        // Two units of three weights each, then two biases.
        let theta = [3.0, 0.0, 4.0, 0.1, 0.2, 0.2, 9.0, -9.0];
        let units = [0..3, 3..6];
        let dirs = random_directions(&theta, &units, 7);
        for d in [&dirs.d1, &dirs.d2] {
            approx::assert_relative_eq!(norm_of(&d[0..3]), 5.0, max_relative = 1e-12);
            approx::assert_relative_eq!(norm_of(&d[3..6]), 0.3, max_relative = 1e-12);
            assert_eq!(&d[6..], &[0.0, 0.0]);
        }
        assert_ne!(dirs.d1, dirs.d2);
        assert_eq!(random_directions(&theta, &units, 7), dirs);
        assert_ne!(random_directions(&theta, &units, 8), dirs);
    }

    #[test]
    fn pca_of_a_path_in_a_plane_recovers_the_plane() {
        // Points a·u + b·v (+ a fixed offset) in 5-D: all variance lies in span(u, v).
        let u = [1.0, 0.0, 1.0, 0.0, 0.0];
        let v = [0.0, 1.0, 0.0, 0.0, -1.0];
        let path: Vec<Vec<f64>> = (0..20)
            .map(|k| {
                let (a, b) = ((k as f64 * 0.7).sin() * 3.0, (k as f64 * 0.3).cos());
                (0..5).map(|j| 2.0 + a * u[j] + b * v[j]).collect()
            })
            .collect();
        let (dirs, share) = pca_directions(&path).unwrap();
        approx::assert_relative_eq!(share, 1.0, max_relative = 1e-9);
        for d in [&dirs.d1, &dirs.d2] {
            approx::assert_relative_eq!(norm_of(d), 1.0, max_relative = 1e-12);
            // Each direction lies in span(u, v): projecting onto it loses nothing.
            let in_plane = Directions {
                d1: u.to_vec(),
                d2: v.to_vec(),
            };
            let (a, b) = in_plane.project(&[0.0; 5], d).unwrap();
            let back = in_plane.point(&[0.0; 5], (a, b));
            for (x, y) in back.iter().zip(d.iter()) {
                assert!((x - y).abs() < 1e-9);
            }
        }
        assert!(
            dot(&dirs.d1, &dirs.d2).abs() < 1e-9,
            "principal directions are orthogonal"
        );
        assert!(pca_directions(&path[..2]).is_none());
    }

    #[test]
    fn the_plane_of_two_unit_axes_is_the_two_parameter_slice() {
        let lesson = crate::testing::lesson("wiggle");
        let objective = lesson.trainer().objective().clone();
        let theta = lesson.current().params.to_vec();
        let n = theta.len();
        let request = SliceRequest {
            axes: (0, 2),
            x_range: (-1.0, 2.0),
            y_range: (0.5, 1.5),
            width: 7,
            height: 5,
            center: theta.clone(),
            generation: 0,
        };
        let (mut d1, mut d2, mut origin) = (vec![0.0; n], vec![0.0; n], theta.clone());
        d1[0] = 1.0;
        d2[2] = 1.0;
        origin[0] = 0.0;
        origin[2] = 0.0;
        let plane = losses_on(&objective, &origin, &Directions { d1, d2 }, &request);
        let axes = super::super::compute(&objective, &request, objective.data().len());
        assert_eq!(plane, axes.losses);
    }

    proptest! {
        /// The explained share is a share, and the leading direction carries at least as
        /// much of the spread as any single parameter axis does.
        #[test]
        fn pca_share_is_a_share(seed in any::<u64>(), m in 3usize..30, n in 2usize..12) {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            let path: Vec<Vec<f64>> = (0..m)
                .map(|_| (0..n).map(|_| StandardNormal.sample(&mut rng)).collect())
                .collect();
            if let Some((dirs, share)) = pca_directions(&path) {
                prop_assert!(share > 0.0 && share <= 1.0 + 1e-12, "{share}");
                let spread = |d: &[f64]| -> f64 {
                    let proj: Vec<f64> = path.iter().map(|p| dot(p, d)).collect();
                    let mean = proj.iter().sum::<f64>() / m as f64;
                    proj.iter().map(|x| (x - mean).powi(2)).sum()
                };
                let best = spread(&dirs.d1);
                for j in 0..n {
                    let mut e = vec![0.0; n];
                    e[j] = 1.0;
                    prop_assert!(best >= spread(&e) * (1.0 - 1e-9));
                }
            }
        }
    }
}
