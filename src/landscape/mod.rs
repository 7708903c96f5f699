//! The loss over a 2-D slice of parameter space, for the landscape panel.
//!
//! Two parameters span the plane, every other held at the current point's value; or two
//! directions do ([`plane`]). Computing a slice can take a while on large data, so the TUI asks
//! a background [`worker::Worker`] for it and keeps drawing meanwhile.

pub mod plane;
pub mod worker;

pub use plane::Plane;

use std::sync::Arc;

use ndarray::Array2;
use rayon::prelude::*;

use crate::engine::{Dataset, Objective};

/// Row evaluations one slice may cost before it is computed from a subsample:
/// about 50 ms of work on two cores.
pub const ROW_BUDGET: usize = 30_000_000;

/// Fewest rows a subsampled slice uses, so its shape stays faithful.
pub const MIN_SUBSAMPLE: usize = 256;

/// Which slice to compute.
#[derive(Debug, Clone, PartialEq)]
pub struct SliceRequest {
    /// The plane: two parameters, or two directions.
    pub plane: Plane,
    /// Horizontal range, left to right.
    pub x_range: (f64, f64),
    /// Vertical range, bottom to top.
    pub y_range: (f64, f64),
    /// Samples across.
    pub width: usize,
    /// Samples down.
    pub height: usize,
    /// The point the slice goes through, less its place on the plane
    /// ([`Plane::off_plane`]).
    pub center: Vec<f64>,
    /// Changes whenever the objective (data, model or loss) changes.
    pub generation: u64,
}

/// A computed slice: L at each sample.
#[derive(Debug, Clone, PartialEq)]
pub struct Slice {
    /// What was asked for.
    pub request: SliceRequest,
    /// L at each sample, row-major, row 0 at the top (the largest vertical value).
    pub losses: Vec<f64>,
    /// Rows of data the slice was computed from (all of them unless subsampled).
    pub rows_used: usize,
    /// Rows in the data.
    pub rows_total: usize,
}

impl SliceRequest {
    /// The parameter values at sample (`col`, `row`), row 0 at the top.
    pub fn point(&self, col: usize, row: usize) -> (f64, f64) {
        let fx = if self.width > 1 {
            col as f64 / (self.width - 1) as f64
        } else {
            0.5
        };
        let fy = if self.height > 1 {
            row as f64 / (self.height - 1) as f64
        } else {
            0.5
        };
        let x = self.x_range.0 + fx * (self.x_range.1 - self.x_range.0);
        let y = self.y_range.1 - fy * (self.y_range.1 - self.y_range.0);
        (x, y)
    }
}

impl Slice {
    /// L at sample (`col`, `row`).
    pub fn at(&self, col: usize, row: usize) -> f64 {
        self.losses[row * self.request.width + col]
    }

    /// True when the slice was computed from a subsample of the rows.
    pub fn is_subsampled(&self) -> bool {
        self.rows_used < self.rows_total
    }
}

/// How many rows a slice of `cells` samples may use within [`ROW_BUDGET`].
pub fn rows_for(objective: &Objective, cells: usize) -> usize {
    let n = objective.data().len();
    if objective.is_quadratic() {
        // Sufficient statistics: a sample costs O(k²) whatever N is.
        return n;
    }
    (ROW_BUDGET / cells.max(1))
        .clamp(MIN_SUBSAMPLE, n.max(MIN_SUBSAMPLE))
        .min(n)
}

/// Subsamples kept from one slice to the next, so that panning large data does not
/// subsample it anew each time.
#[derive(Debug, Default)]
pub struct Subsamples {
    /// The objective's address, the rows kept, and the subsample.
    kept: Option<(usize, usize, Arc<Objective>)>,
}

impl Subsamples {
    /// `objective` itself, or the subsample of it that a slice of `cells` samples uses.
    pub fn for_slice(&mut self, objective: &Arc<Objective>, cells: usize) -> Arc<Objective> {
        let rows = rows_for(objective, cells);
        if rows == objective.data().len() {
            return objective.clone();
        }
        let key = (Arc::as_ptr(objective) as usize, rows);
        match &self.kept {
            Some((ptr, r, sub)) if (*ptr, *r) == key => sub.clone(),
            _ => {
                let sub = Arc::new(subsample(objective, rows));
                self.kept = Some((key.0, key.1, sub.clone()));
                sub
            }
        }
    }
}

/// The slice for `request` as the landscape panel shows it: from a subsample of the
/// rows when the data is large ([`rows_for`]).
pub fn slice_for(
    objective: &Arc<Objective>,
    request: &SliceRequest,
    subsamples: &mut Subsamples,
) -> Slice {
    let used = subsamples.for_slice(objective, request.width * request.height);
    compute(&used, request, objective.data().len())
}

/// Every `n/rows`-th row of the objective's data, with the same model and loss.
pub fn subsample(objective: &Objective, rows: usize) -> Objective {
    let data = objective.data();
    let n = data.len();
    let keep: Vec<usize> = (0..rows).map(|i| i * n / rows).collect();
    let x = Array2::from_shape_fn((rows, data.n_features()), |(i, j)| data.x[[keep[i], j]]);
    let y = keep.iter().map(|&i| data.y[i]).collect();
    let sub = Dataset::new(x, y, data.features.clone(), data.target.clone())
        .expect("rows of a valid dataset are valid");
    Objective::new(sub, objective.model(), objective.loss())
        .expect("same model and loss as a valid objective")
}

/// Computes the slice `request` asks for over `objective` (already subsampled if need be).
pub fn compute(objective: &Objective, request: &SliceRequest, rows_total: usize) -> Slice {
    let losses: Vec<f64> = (0..request.height)
        .into_par_iter()
        .flat_map_iter(|row| {
            (0..request.width).map(move |col| {
                let theta = request.plane.at(&request.center, request.point(col, row));
                objective.evaluate(&theta).loss
            })
        })
        .collect();
    Slice {
        request: request.clone(),
        losses,
        rows_used: objective.data().len(),
        rows_total,
    }
}

/// Contour levels spaced evenly in log10(L) between the slice's finite extremes.
pub fn log_levels(losses: &[f64], count: usize) -> Vec<f64> {
    let positive = losses.iter().copied().filter(|v| v.is_finite() && *v > 0.0);
    let (lo, hi) = positive.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !(lo.is_finite() && hi.is_finite()) || count == 0 {
        return Vec::new();
    }
    let (a, b) = (lo.log10(), hi.log10());
    if b - a < 1e-12 {
        return vec![lo];
    }
    (0..count)
        .map(|k| 10f64.powf(a + (b - a) * (k as f64 + 0.5) / count as f64))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Activation, Loss, Model};
    use ndarray::Array1;

    fn line_objective(n: usize, model: Model) -> Objective {
        let x: Vec<f64> = (0..n).map(|i| i as f64 / n as f64 * 4.0 - 2.0).collect();
        let y: Array1<f64> = x.iter().map(|v| 2.0 * v + 1.0).collect();
        let data = Dataset::new(
            Array2::from_shape_vec((n, 1), x).unwrap(),
            y,
            vec!["x".into()],
            "y",
        )
        .unwrap();
        Objective::new(data, model, Loss::Mse).unwrap()
    }

    fn request(width: usize, height: usize) -> SliceRequest {
        SliceRequest {
            plane: Plane::Params(0, 1),
            x_range: (0.0, 4.0),
            y_range: (-1.0, 3.0),
            width,
            height,
            center: vec![0.0, 0.0],
            generation: 0,
        }
    }

    #[test]
    fn samples_span_the_ranges_with_the_top_row_highest() {
        let r = request(5, 3);
        assert_eq!(r.point(0, 0), (0.0, 3.0));
        assert_eq!(r.point(4, 2), (4.0, -1.0));
        assert_eq!(r.point(2, 1), (2.0, 1.0));
    }

    #[test]
    fn each_sample_is_the_loss_at_its_point() {
        let obj = line_objective(40, Model::Linear { features: 1 });
        let r = request(9, 7);
        let s = compute(&obj, &r, 40);
        for (row, col) in [(0, 0), (3, 4), (6, 8)] {
            let (w, b) = r.point(col, row);
            assert_eq!(s.at(col, row), obj.evaluate(&[w, b]).loss);
        }
        // The exact minimum (w, b) = (2, 1) is a grid point here, where L = 0.
        assert!(s.at(4, 3) < 1e-20);
        assert!(!s.is_subsampled());
    }

    #[test]
    fn big_non_quadratic_data_is_subsampled_within_budget() {
        let obj = line_objective(200_000, Model::Neuron(Activation::Sigmoid));
        let cells = 200 * 120;
        let rows = rows_for(&obj, cells);
        assert!(rows * cells <= ROW_BUDGET && rows >= MIN_SUBSAMPLE);
        let sub = subsample(&obj, rows);
        assert_eq!(sub.data().len(), rows);
        assert_eq!(sub.data().x[[0, 0]], obj.data().x[[0, 0]]);
        let linear = line_objective(200_000, Model::Linear { features: 1 });
        assert_eq!(rows_for(&linear, cells), 200_000);
    }

    #[test]
    fn levels_are_log_spaced_inside_the_range() {
        let levels = log_levels(&[1.0, 10.0, 100.0, 1000.0, f64::INFINITY, f64::NAN], 3);
        assert_eq!(levels.len(), 3);
        approx::assert_relative_eq!(levels[0], 10f64.powf(0.5), max_relative = 1e-12);
        approx::assert_relative_eq!(levels[2], 10f64.powf(2.5), max_relative = 1e-12);
        assert!(log_levels(&[f64::NAN], 4).is_empty());
    }
}
