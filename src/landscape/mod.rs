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

/// Rows × parameters × samples one slice may cost before its rows are subsampled: about
/// 1.2 s on two cores for an `mlp` with tanh (whose forward pass costs about 1.3 ns per
/// row and parameter here, most of it tanh). Large models reach it before
/// [`ROW_BUDGET`] does.
pub const WORK_BUDGET: usize = 1_700_000_000;

/// Work (as [`WORK_BUDGET`] counts it) above which a slice comes in two passes: a coarse
/// one of at most a third of this first (about 70 ms for an `mlp`), then the full one.
pub const COARSE_ABOVE: usize = 300_000_000;

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
    /// True when it samples the loss on the test rows rather than the training rows.
    pub test: bool,
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
    /// True for the first, coarse pass of a costly slice: every sample repeats the
    /// nearest of a grid a few times sparser, and the full slice follows.
    pub coarse: bool,
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

/// How many rows a slice of `cells` samples may use within [`ROW_BUDGET`] and
/// [`WORK_BUDGET`].
pub fn rows_for(objective: &Objective, cells: usize) -> usize {
    let n = objective.data().len();
    if objective.has_stats() {
        // Sufficient statistics: a sample costs O(k²) whatever N is.
        return n;
    }
    let cells = cells.max(1);
    let by_work = WORK_BUDGET / cells.saturating_mul(objective.n_params());
    (ROW_BUDGET / cells)
        .min(by_work)
        .clamp(MIN_SUBSAMPLE, n.max(MIN_SUBSAMPLE))
        .min(n)
}

/// The work of a slice of `cells` samples over `rows` rows of `objective`, as
/// [`WORK_BUDGET`] counts it (samples from sufficient statistics cost nothing like it).
fn work_of(objective: &Objective, cells: usize, rows: usize) -> usize {
    if objective.has_stats() {
        return cells;
    }
    cells
        .saturating_mul(rows)
        .saturating_mul(objective.n_params())
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

/// The slice for `request` in passes, each handed to `send` as it is done: one whose
/// work passes `coarse_above` (the worker's is [`COARSE_ABOVE`]) first coarse, then
/// full. The full pass stops early, sending nothing, once `stop` says the slice is no
/// longer wanted.
pub fn progressive(
    objective: &Arc<Objective>,
    request: &SliceRequest,
    subsamples: &mut Subsamples,
    coarse_above: usize,
    stop: &(dyn Fn() -> bool + Sync),
    send: &mut dyn FnMut(Slice),
) {
    let cells = request.width * request.height;
    let used = subsamples.for_slice(objective, cells);
    let (rows, total) = (used.data().len(), objective.data().len());
    let work = work_of(&used, cells, rows);
    if work > coarse_above {
        // Sparser by a factor f each way costs f² less: about a third of `coarse_above`.
        let f = ((3 * work) as f64 / coarse_above as f64).sqrt().ceil() as usize;
        let f = f.clamp(2, 8);
        let sparse = SliceRequest {
            width: request.width.div_ceil(f).max(2).min(request.width),
            height: request.height.div_ceil(f).max(2).min(request.height),
            ..request.clone()
        };
        // The coarse pass is short and always finished, so that even during fast play,
        // when every frame asks for a new slice, a recent picture keeps arriving.
        let coarse = compute(&used, &sparse, total);
        send(widened(&coarse, request));
    }
    if let Some(full) = compute_until(&used, request, total, stop) {
        send(full);
    }
}

/// `coarse` spread over the samples of `request` (same ranges, more samples): each
/// sample takes the nearest coarse one.
fn widened(coarse: &Slice, request: &SliceRequest) -> Slice {
    let (cw, ch) = (coarse.request.width, coarse.request.height);
    let nearest = |i: usize, n: usize, m: usize| {
        if n > 1 && m > 1 {
            ((i * (m - 1)) as f64 / (n - 1) as f64).round() as usize
        } else {
            0
        }
    };
    let losses = (0..request.height)
        .flat_map(|row| {
            let r = nearest(row, request.height, ch);
            (0..request.width).map(move |col| coarse.at(nearest(col, request.width, cw), r))
        })
        .collect();
    Slice {
        request: request.clone(),
        losses,
        coarse: true,
        ..coarse.clone()
    }
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
        .and_then(|o| o.with_penalty(objective.penalty()))
        .expect("same model, loss and penalty as a valid objective")
}

/// Computes the slice `request` asks for over `objective` (already subsampled if need be).
pub fn compute(objective: &Objective, request: &SliceRequest, rows_total: usize) -> Slice {
    compute_until(objective, request, rows_total, &|| false).expect("never stopped")
}

/// [`compute`], giving up (`None`) once `stop` says so; it is asked before each row.
fn compute_until(
    objective: &Objective,
    request: &SliceRequest,
    rows_total: usize,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<Slice> {
    let losses: Vec<f64> = (0..request.height)
        .into_par_iter()
        .flat_map_iter(|row| {
            let skip = stop();
            (0..request.width).map(move |col| {
                if skip {
                    return f64::NAN;
                }
                let theta = request.plane.at(&request.center, request.point(col, row));
                objective.loss_at(&theta)
            })
        })
        .collect();
    (!stop()).then(|| Slice {
        request: request.clone(),
        losses,
        rows_used: objective.data().len(),
        rows_total,
        coarse: false,
    })
}

/// sign(v)·log₁₀(1 + |v|): a log scale that passes through 0 and goes on below it, for
/// losses that can be negative (a saddle's), where log₁₀ L has nothing to say.
pub fn signed_log10(v: f64) -> f64 {
    v.signum() * v.abs().ln_1p() / std::f64::consts::LN_10
}

/// The inverse of [`signed_log10`].
pub fn signed_exp10(t: f64) -> f64 {
    t.signum() * (10f64.powf(t.abs()) - 1.0)
}

/// True when a finite loss of `losses` is below 0, so they need [`signed_log10`].
pub fn any_negative(losses: &[f64]) -> bool {
    losses.iter().any(|v| v.is_finite() && *v < 0.0)
}

/// Horizontal and vertical ranges framing every finite point given, widened by
/// `margin` of the span each way: the view the interactive landscape and the figures of
/// `downhill plot` both open on.
pub fn framing(
    points: impl IntoIterator<Item = (f64, f64)>,
    margin: f64,
) -> ((f64, f64), (f64, f64)) {
    let finite: Vec<(f64, f64)> = points
        .into_iter()
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .collect();
    let span = |values: Vec<f64>| {
        let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if !(lo.is_finite() && hi.is_finite()) {
            return (-1.0, 1.0);
        }
        // A lone point or a flat line still gets a readable window around it.
        let width = (hi - lo).max(0.5 * lo.abs().max(hi.abs())).max(1.0);
        let mid = 0.5 * (lo + hi);
        let half = 0.5 * width * (1.0 + 2.0 * margin);
        (mid - half, mid + half)
    };
    (
        span(finite.iter().map(|p| p.0).collect()),
        span(finite.iter().map(|p| p.1).collect()),
    )
}

/// Contour levels spaced evenly in log10(L) between the slice's finite extremes (in
/// [`signed_log10`] when some loss is below 0).
pub fn log_levels(losses: &[f64], count: usize) -> Vec<f64> {
    let signed = any_negative(losses);
    let usable = losses
        .iter()
        .copied()
        .filter(|v| v.is_finite() && (signed || *v > 0.0));
    let (lo, hi) = usable.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !(lo.is_finite() && hi.is_finite()) || count == 0 {
        return Vec::new();
    }
    type Map = fn(f64) -> f64;
    let (to, from): (Map, Map) = if signed {
        (signed_log10, signed_exp10)
    } else {
        (f64::log10, |t| 10f64.powf(t))
    };
    let (a, b) = (to(lo), to(hi));
    if b - a < 1e-12 {
        return vec![lo];
    }
    (0..count)
        .map(|k| from(a + (b - a) * (k as f64 + 0.5) / count as f64))
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
            test: false,
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

    /// mlp:16,16 on `n` rows of two features: a costly slice.
    fn network(n: usize) -> Arc<Objective> {
        let xs: Vec<f64> = (0..2 * n)
            .map(|i| ((i * 37) % 101) as f64 / 25.0 - 2.0)
            .collect();
        let ys: Vec<f64> = (0..n).map(|i| (xs[2 * i] * xs[2 * i + 1]).sin()).collect();
        let model = Model::parse("mlp:16,16", 2).unwrap();
        let data = crate::testing::dataset(&xs, 2, &ys);
        Arc::new(Objective::new(data, model, Loss::Mse).unwrap())
    }

    #[test]
    fn a_costly_slice_comes_coarse_first_then_whole() {
        let objective = network(100);
        let theta = objective.model().random_params(1);
        let request = SliceRequest {
            plane: Plane::Params(0, 5),
            x_range: (-1.0, 1.0),
            y_range: (-1.0, 1.0),
            width: 30,
            height: 20,
            center: Plane::Params(0, 5).off_plane(&theta),
            generation: 0,
            test: false,
        };
        let mut sent = Vec::new();
        let mut subsamples = Subsamples::default();
        progressive(
            &objective,
            &request,
            &mut subsamples,
            1_000,
            &|| false,
            &mut |s| sent.push(s),
        );
        assert_eq!(sent.len(), 2);
        let (coarse, full) = (&sent[0], &sent[1]);
        assert!(coarse.coarse && !full.coarse);
        assert_eq!(coarse.request, request);
        assert_eq!(full, &compute(&objective, &request, 100));
        // Each coarse sample is the loss at a point of a sparser grid over the same
        // ranges: the corners are exact, and the samples take few distinct values.
        for (col, row) in [(0, 0), (29, 0), (0, 19), (29, 19)] {
            assert_eq!(coarse.at(col, row), full.at(col, row));
        }
        let mut distinct: Vec<u64> = coarse.losses.iter().map(|l| l.to_bits()).collect();
        distinct.sort_unstable();
        distinct.dedup();
        assert!(
            distinct.len() * 4 <= coarse.losses.len(),
            "{}",
            distinct.len()
        );
        // Wanted no more: the full pass is given up, the coarse one still sent.
        let mut after_stop = Vec::new();
        progressive(
            &objective,
            &request,
            &mut subsamples,
            1_000,
            &|| true,
            &mut |s| after_stop.push(s),
        );
        assert_eq!(after_stop.len(), 1);
        assert!(after_stop[0].coarse);
        // A slice within the worker's bound comes whole at once.
        let cheap = SliceRequest {
            width: 8,
            height: 4,
            ..request
        };
        let mut once = Vec::new();
        progressive(
            &objective,
            &cheap,
            &mut subsamples,
            COARSE_ABOVE,
            &|| false,
            &mut |s| once.push(s),
        );
        assert_eq!(once.len(), 1);
        assert!(!once[0].coarse);
        assert_eq!(once[0], compute(&objective, &cheap, 100));
    }

    #[test]
    fn large_models_subsample_within_the_work_budget() {
        let objective = network(5_000);
        let cells = 190 * 112;
        let rows = rows_for(&objective, cells);
        // As many rows as the budget buys, but never fewer than the floor.
        let bought = WORK_BUDGET / (cells * objective.n_params());
        assert_eq!(rows, bought.max(MIN_SUBSAMPLE));
        assert!(rows < 5_000);
        assert!(work_of(&objective, cells, rows) <= WORK_BUDGET || rows == MIN_SUBSAMPLE);
        // Small slices of it keep every row.
        assert_eq!(rows_for(&objective, 20), 5_000);
    }

    #[test]
    fn levels_are_log_spaced_inside_the_range() {
        let levels = log_levels(&[1.0, 10.0, 100.0, 1000.0, f64::INFINITY, f64::NAN], 3);
        assert_eq!(levels.len(), 3);
        approx::assert_relative_eq!(levels[0], 10f64.powf(0.5), max_relative = 1e-12);
        approx::assert_relative_eq!(levels[2], 10f64.powf(2.5), max_relative = 1e-12);
        assert!(log_levels(&[f64::NAN], 4).is_empty());
    }

    #[test]
    fn signed_logs_go_through_zero_and_back() {
        for v in [-1e300, -1e6, -2.5, -0.1, 0.0, 0.1, 3.0, 1e12] {
            let back = signed_exp10(signed_log10(v));
            assert!((back - v).abs() <= 1e-12 * v.abs().max(1.0), "{v} → {back}");
        }
        assert_eq!(signed_log10(9.0), 1.0);
        assert_eq!(signed_log10(-9.0), -1.0);
        // A saddle's slice: levels spread across 0, not only over the positive losses.
        let levels = log_levels(&[-99.0, -9.0, 0.0, 9.0, 99.0], 4);
        assert!(levels[0] < -9.0 && levels[3] > 9.0, "{levels:?}");
    }
}
