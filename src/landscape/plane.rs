//! Planes through parameter space spanned by two directions, for landscapes of models
//! with more parameters than two axes can show: two random directions, filter-normalised
//! (Li et al. 2018, "Visualizing the Loss Landscape of Neural Nets", §4), or the two
//! leading principal directions of the path so far (the same paper, §7).
//!
//! A [`Plane`] is what the landscape panel shows: two parameters, or two directions. Its
//! coordinates of a parameter vector are where the vector projects, and its point at
//! coordinates (a, b) is where a slice through a given centre samples the loss.

use std::sync::Arc;

use nalgebra::{DMatrix, Matrix2, Vector2};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

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

/// The plane a landscape shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Plane {
    /// Two parameters by index (horizontal, vertical); every other parameter is held
    /// where the slice goes through. One index twice is a curve's single axis.
    Params(usize, usize),
    /// Two directions through parameter space, coordinates counted from a fixed anchor.
    Along(Arc<Frame>),
}

/// Two directions, and the point their coordinates count from.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// How the directions were chosen.
    pub kind: FrameKind,
    /// Coordinates (0, 0): the parameters when the directions were chosen.
    pub anchor: Vec<f64>,
    /// The horizontal and vertical directions.
    pub directions: Directions,
    /// The inverse Gram matrix of the directions and their products with the anchor,
    /// kept so that projecting a path costs two dot products a point.
    gram_inverse: Matrix2<f64>,
    anchor_dots: Vector2<f64>,
}

/// How a [`Frame`]'s directions were chosen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FrameKind {
    /// Filter-normalised random directions drawn with this seed.
    Random {
        /// The seed of the draw.
        seed: u64,
    },
    /// The two leading principal directions of the path.
    Pca {
        /// Share of the path's variance the two directions explain.
        share: f64,
        /// The first and last step of the path they were computed from.
        steps: (usize, usize),
    },
}

impl Frame {
    /// The frame of `directions` anchored at `anchor`; `None` when the directions are
    /// parallel, zero or not finite (no plane).
    pub fn new(kind: FrameKind, anchor: Vec<f64>, directions: Directions) -> Option<Frame> {
        let (d1, d2) = (&directions.d1, &directions.d2);
        debug_assert!(d1.len() == anchor.len() && d2.len() == anchor.len());
        if !independent(&directions) {
            return None;
        }
        let gram = Matrix2::new(dot(d1, d1), dot(d1, d2), dot(d2, d1), dot(d2, d2));
        let gram_inverse = gram
            .try_inverse()
            .filter(|m| m.iter().all(|v| v.is_finite()))?;
        let anchor_dots = Vector2::new(dot(d1, &anchor), dot(d2, &anchor));
        Some(Frame {
            kind,
            anchor,
            directions,
            gram_inverse,
            anchor_dots,
        })
    }

    /// The least-squares (a, b) with a·d1 + b·d2 ≈ `v`.
    fn components(&self, v: &[f64]) -> Option<(f64, f64)> {
        let (d1, d2) = (&self.directions.d1, &self.directions.d2);
        let ab = self.gram_inverse * Vector2::new(dot(d1, v), dot(d2, v));
        (ab[0].is_finite() && ab[1].is_finite()).then_some((ab[0], ab[1]))
    }
}

impl Frame {
    /// The lowest point of a quadratic loss on the plane through `off` (a slice's
    /// off-plane part): L(off + a·d1 + b·d2) is a quadratic in (a, b) whose minimum solves
    /// M·(a, b) = −r, with M = DᵀHD and r = Dᵀ∇L(off) for D = (d1 d2). `None` for other
    /// losses, or when M is not positive definite (no lowest point).
    pub fn quadratic_minimum(&self, objective: &Objective, off: &[f64]) -> Option<Vec<f64>> {
        if !objective.is_quadratic() {
            return None;
        }
        let (d1, d2) = (&self.directions.d1, &self.directions.d2);
        let g = objective.evaluate(off).grad;
        let g = g.as_slice()?;
        let (h1, h2) = (
            objective.hessian_times(off, d1),
            objective.hessian_times(off, d2),
        );
        let m = Matrix2::new(dot(d1, &h1), dot(d1, &h2), dot(d2, &h1), dot(d2, &h2));
        let ab = m.cholesky()?.solve(&-Vector2::new(dot(d1, g), dot(d2, g)));
        let point = self.directions.point(off, (ab[0], ab[1]));
        point.iter().all(|v| v.is_finite()).then_some(point)
    }
}

impl Plane {
    /// The two parameters on the axes, for a plane of parameters.
    pub fn axes(&self) -> Option<(usize, usize)> {
        match *self {
            Plane::Params(i, j) => Some((i, j)),
            Plane::Along(_) => None,
        }
    }

    /// The frame of a plane of directions.
    pub fn frame(&self) -> Option<&Frame> {
        match self {
            Plane::Params(..) => None,
            Plane::Along(frame) => Some(frame),
        }
    }

    /// Where `theta` lies on the plane: its two parameters' values, or the coordinates
    /// of its orthogonal projection ([`Directions::project`] from the anchor).
    pub fn coords(&self, theta: &[f64]) -> Option<(f64, f64)> {
        match self {
            Plane::Params(i, j) => Some((*theta.get(*i)?, *theta.get(*j)?)),
            Plane::Along(f) => {
                let (d1, d2) = (&f.directions.d1, &f.directions.d2);
                let rhs = Vector2::new(dot(d1, theta), dot(d2, theta)) - f.anchor_dots;
                let ab = f.gram_inverse * rhs;
                (ab[0].is_finite() && ab[1].is_finite()).then_some((ab[0], ab[1]))
            }
        }
    }

    /// The plane's components of a vector such as ∇L: its two parameters' entries, or
    /// the least-squares (a, b) with a·d1 + b·d2 ≈ `v`.
    pub fn components(&self, v: &[f64]) -> Option<(f64, f64)> {
        match self {
            Plane::Params(..) => self.coords(v),
            Plane::Along(f) => f.components(v),
        }
    }

    /// What a slice through `center` depends on: `center` less its place on the plane
    /// (the two axis parameters zeroed, or center − a·d1 − b·d2 at its coordinates), so
    /// that moving within the plane does not ask for a new slice.
    pub fn off_plane(&self, center: &[f64]) -> Vec<f64> {
        let mut off = center.to_vec();
        match self {
            Plane::Params(i, j) => {
                off[*i] = 0.0;
                off[*j] = 0.0;
            }
            Plane::Along(f) => {
                if let Some((a, b)) = self.coords(center) {
                    let (d1, d2) = (&f.directions.d1, &f.directions.d2);
                    for ((o, u), v) in off.iter_mut().zip(d1).zip(d2) {
                        *o -= a * u + b * v;
                    }
                }
            }
        }
        off
    }

    /// The parameters at coordinates (`a`, `b`) of the slice whose off-plane part is
    /// `off` ([`Plane::off_plane`]).
    pub fn at(&self, off: &[f64], (a, b): (f64, f64)) -> Vec<f64> {
        match self {
            Plane::Params(i, j) => {
                let mut theta = off.to_vec();
                theta[*i] = a;
                theta[*j] = b;
                theta
            }
            Plane::Along(f) => f.directions.point(off, (a, b)),
        }
    }

    /// The parameters at (`a`, `b`) on the slice through `center`: where a click on the
    /// landscape restarts.
    pub fn point_through(&self, center: &[f64], ab: (f64, f64)) -> Vec<f64> {
        self.at(&self.off_plane(center), ab)
    }
}

/// Two seeded random directions, filter-normalised: within each block of `units` (the
/// weights into one unit), the Gaussian direction is rescaled to the norm of `theta`'s
/// weights there, so a step of 1 along it changes every unit by as much as it weighs.
/// Parameters in no block (biases) get 0, as in Li et al., whose directions leave
/// biases out, and so do the `frozen` ones, which training never moves. A block whose
/// weights are all 0 keeps its Gaussian entries unscaled.
///
/// Where that cannot give two independent directions (units of one weight each, as a
/// neuron's, turn a Gaussian into ±|w|; a one-feature line has a single weight), both
/// are drawn instead over every free parameter, biases included, each scaled as a whole
/// to the norm of the free parameters (left unscaled when that is 0).
pub fn random_directions(
    theta: &[f64],
    units: &[Vec<usize>],
    frozen: &[bool],
    seed: u64,
) -> Directions {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let is_free = |i: usize| !frozen.get(i).copied().unwrap_or(false);
    let blocks: Vec<Vec<usize>> = units
        .iter()
        .map(|block| block.iter().copied().filter(|&i| is_free(i)).collect())
        .collect();
    let mut draw = |blocks: &[Vec<usize>]| -> Vec<f64> {
        let mut d = vec![0.0; theta.len()];
        for block in blocks {
            gaussian_scaled_to(theta, block, &mut rng, &mut d);
        }
        d
    };
    let filtered = Directions {
        d1: draw(&blocks),
        d2: draw(&blocks),
    };
    if independent(&filtered) {
        return filtered;
    }
    // Every free parameter as one block.
    let whole = [(0..theta.len()).filter(|&i| is_free(i)).collect()];
    Directions {
        d1: draw(&whole),
        d2: draw(&whole),
    }
}

/// Writes into `d`, at the indices of `block`, Gaussian entries scaled together to the
/// norm of `theta` there ([`scale_to`]).
fn gaussian_scaled_to(theta: &[f64], block: &[usize], rng: &mut ChaCha8Rng, d: &mut [f64]) {
    let g: Vec<f64> = block
        .iter()
        .map(|_| StandardNormal.sample(&mut *rng))
        .collect();
    let w: Vec<f64> = block.iter().map(|&i| theta[i]).collect();
    let scale = scale_to(&g, &w);
    for (k, &i) in block.iter().enumerate() {
        d[i] = g[k] * scale;
    }
}

/// The factor that gives `g` the norm of `w` (1 when either is 0).
fn scale_to(g: &[f64], w: &[f64]) -> f64 {
    let (g_norm, w_norm) = (norm_of(g), norm_of(w));
    if w_norm > 0.0 && g_norm > 0.0 {
        w_norm / g_norm
    } else {
        1.0
    }
}

/// True when the two directions span a plane: neither is 0 and they are not parallel
/// (to within 1e-9 of the sine of the angle between them).
fn independent(d: &Directions) -> bool {
    let (aa, bb, ab) = (dot(&d.d1, &d.d1), dot(&d.d2, &d.d2), dot(&d.d1, &d.d2));
    aa > 0.0 && bb > 0.0 && aa * bb - ab * ab > 1e-18 * aa * bb
}

/// Most points of a path the PCA plane is computed from, spread evenly along it: enough
/// for its shape, few enough that the m×m eigenproblem stays cheap.
pub const PCA_POINTS: usize = 40;

/// The PCA plane of `path` ((step, θ) pairs, oldest first; those with a non-finite entry
/// are left out), from at most [`PCA_POINTS`] of its points spread evenly, anchored at
/// `anchor`; `None` where [`pca_directions`] finds no plane.
pub fn pca_frame(path: &[(usize, &[f64])], anchor: Vec<f64>) -> Option<Frame> {
    let finite: Vec<&(usize, &[f64])> = path
        .iter()
        .filter(|(_, p)| p.iter().all(|v| v.is_finite()))
        .collect();
    let m = finite.len();
    let picks: Vec<usize> = if m <= PCA_POINTS {
        (0..m).collect()
    } else {
        (0..PCA_POINTS)
            .map(|k| k * (m - 1) / (PCA_POINTS - 1))
            .collect()
    };
    let points: Vec<Vec<f64>> = picks.iter().map(|&k| finite[k].1.to_vec()).collect();
    let (directions, share) = pca_directions(&points)?;
    let steps = (finite.first()?.0, finite.last()?.0);
    Frame::new(FrameKind::Pca { share, steps }, anchor, directions)
}

/// The two leading principal directions of `path` (parameter vectors, oldest first) and
/// the share of the path's variance about its mean that they explain; `None` with fewer
/// than three distinct points or no spread in two directions. Each direction points
/// away from the path's first point, so the path runs left to right and upwards.
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
        // An eigenvector's sign is arbitrary: choose the one that puts the path's first
        // point left of (or below) its mean, so the path reads left to right.
        let len = dot(&v, &v).sqrt()
            * if dot(&v, &centred[0]) > 0.0 {
                -1.0
            } else {
                1.0
            };
        v.into_iter().map(|x| x / len).collect()
    };
    let directions = Directions {
        d1: direction(first),
        d2: direction(second),
    };
    Some((directions, (l1 + l2) / total))
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
    use crate::landscape::SliceRequest;
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
        let units = [vec![0, 1, 2], vec![3, 4, 5]];
        let dirs = random_directions(&theta, &units, &[], 7);
        for d in [&dirs.d1, &dirs.d2] {
            approx::assert_relative_eq!(norm_of(&d[0..3]), 5.0, max_relative = 1e-12);
            approx::assert_relative_eq!(norm_of(&d[3..6]), 0.3, max_relative = 1e-12);
            assert_eq!(&d[6..], &[0.0, 0.0]);
        }
        assert_ne!(dirs.d1, dirs.d2);
        assert_eq!(random_directions(&theta, &units, &[], 7), dirs);
        assert_ne!(random_directions(&theta, &units, &[], 8), dirs);
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
        // The first point lies at or before the mean along both directions.
        let mean: Vec<f64> = (0..5)
            .map(|j| path.iter().map(|p| p[j]).sum::<f64>() / 20.0)
            .collect();
        let first: Vec<f64> = path[0].iter().zip(&mean).map(|(x, m)| x - m).collect();
        assert!(dot(&dirs.d1, &first) <= 0.0 && dot(&dirs.d2, &first) <= 0.0);
        assert!(pca_directions(&path[..2]).is_none());
    }

    #[test]
    fn the_plane_of_two_unit_axes_is_the_two_parameter_slice() {
        let lesson = crate::testing::lesson("wiggle");
        let objective = lesson.trainer().objective().clone();
        let theta = lesson.current().params.to_vec();
        let n = theta.len();
        let params = Plane::Params(0, 2);
        let request = |plane: &Plane| SliceRequest {
            plane: plane.clone(),
            x_range: (-1.0, 2.0),
            y_range: (0.5, 1.5),
            width: 7,
            height: 5,
            center: plane.off_plane(&theta),
            generation: 0,
            test: false,
        };
        let (mut d1, mut d2) = (vec![0.0; n], vec![0.0; n]);
        d1[0] = 1.0;
        d2[2] = 1.0;
        let kind = FrameKind::Random { seed: 0 };
        let along = Plane::Along(Arc::new(
            Frame::new(kind, vec![0.0; n], Directions { d1, d2 }).unwrap(),
        ));
        assert_eq!(along.coords(&theta), params.coords(&theta));
        let rows = objective.data().len();
        let on_directions = super::super::compute(&objective, &request(&along), rows);
        let on_axes = super::super::compute(&objective, &request(&params), rows);
        assert_eq!(on_directions.losses, on_axes.losses);
    }

    #[test]
    fn a_plane_of_directions_goes_through_its_centre_and_projects_back() {
        let dirs = Directions {
            d1: vec![1.0, 2.0, 0.0, -1.0],
            d2: vec![0.5, 0.0, 3.0, 1.0],
        };
        let kind = FrameKind::Random { seed: 1 };
        let plane = Plane::Along(Arc::new(Frame::new(kind, vec![1.0; 4], dirs).unwrap()));
        let center = [0.3, -0.2, 1.0, 4.0];
        let (a, b) = plane.coords(&center).unwrap();
        // The slice through the centre holds it at its own coordinates.
        let back = plane.point_through(&center, (a, b));
        for (x, y) in back.iter().zip(center) {
            assert!((x - y).abs() < 1e-12, "{back:?}");
        }
        // A point of the slice lies at the coordinates it was asked for.
        let moved = plane.point_through(&center, (a + 0.5, b - 2.0));
        let (a2, b2) = plane.coords(&moved).unwrap();
        approx::assert_relative_eq!(a2, a + 0.5, max_relative = 1e-12);
        approx::assert_relative_eq!(b2, b - 2.0, max_relative = 1e-12);
        // Moving within the plane leaves the slice as it was.
        let off = plane.off_plane(&center);
        for (x, y) in plane.off_plane(&moved).iter().zip(&off) {
            assert!((x - y).abs() < 1e-12);
        }
        let zero = vec![0.0; 4];
        let parallel = Directions {
            d1: vec![1.0, 1.0, 0.0, 0.0],
            d2: vec![2.0, 2.0, 0.0, 0.0],
        };
        assert!(Frame::new(kind, zero, parallel).is_none());
    }

    #[test]
    fn a_quadratic_has_its_lowest_point_on_the_plane_where_the_slope_along_it_vanishes() {
        let lesson = crate::testing::lesson("plane");
        let objective = lesson.trainer().objective().clone();
        let theta = lesson.current().params.to_vec();
        let blocks = objective.model().weight_blocks();
        let frame = Frame::new(
            FrameKind::Random { seed: 3 },
            theta.clone(),
            random_directions(&theta, &blocks, &[], 3),
        )
        .unwrap();
        let plane = Plane::Along(Arc::new(frame.clone()));
        let off = plane.off_plane(&theta);
        let low = frame.quadratic_minimum(&objective, &off).unwrap();
        let g = objective.evaluate(&low).grad.to_vec();
        let scale = objective
            .evaluate(&theta)
            .grad
            .iter()
            .map(|v| v.abs())
            .sum::<f64>();
        for d in [&frame.directions.d1, &frame.directions.d2] {
            assert!(dot(d, &g).abs() <= 1e-9 * scale, "{}", dot(d, &g));
        }
        let (a, b) = plane.coords(&low).unwrap();
        let at = |p: (f64, f64)| objective.evaluate(&plane.at(&off, p)).loss;
        for (da, db) in [(1e-3, 0.0), (-1e-3, 0.0), (0.0, 1e-3), (0.0, -1e-3)] {
            assert!(at((a + da, b + db)) > objective.evaluate(&low).loss);
        }
        // Not a quadratic loss: no such point is claimed.
        let wiggle = crate::testing::lesson("wiggle");
        let objective = wiggle.trainer().objective().clone();
        let theta = wiggle.current().params.to_vec();
        let dirs = random_directions(&theta, &objective.model().weight_blocks(), &[], 1);
        let frame = Frame::new(FrameKind::Random { seed: 1 }, theta.clone(), dirs).unwrap();
        assert_eq!(frame.quadratic_minimum(&objective, &theta), None);
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
