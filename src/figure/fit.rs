//! The fit panel's contents at one state: the rows and the model's curve for one
//! feature, or predicted against actual for more.

use super::scene::Scene;
use crate::engine::{Dataset, Model};

/// Samples along a fitted curve.
const CURVE_SAMPLES: usize = 300;
/// Margin around the rows, as a share of their span.
const MARGIN: f64 = 0.08;

/// What the fit panel draws.
#[derive(Debug, Clone)]
pub struct Fit {
    /// The panel's caption.
    pub caption: String,
    /// The axes' names.
    pub names: (String, String),
    /// Horizontal range.
    pub x: (f64, f64),
    /// Vertical range.
    pub y: (f64, f64),
    /// The training rows: (x, y) in the features' own units, or (predicted, actual).
    pub rows: Vec<(f64, f64)>,
    /// The test rows, likewise.
    pub test: Vec<(f64, f64)>,
    /// Drawn faint and dashed: ŷ(x) at the start, or the diagonal predicted = actual.
    pub start: Vec<(f64, f64)>,
    /// ŷ(x) at the state shown (none for predicted against actual).
    pub now: Vec<(f64, f64)>,
}

impl Fit {
    /// The fit of `scene`'s run at state `upto`.
    pub fn of(scene: &Scene, upto: usize) -> Fit {
        let objective = &scene.objective;
        let (data, model) = (objective.data(), objective.model());
        let test = objective.test().map(|t| t.data().clone());
        let theta = &scene.descent.points[upto].params;
        if data.n_features() == 1 {
            let start = &scene.descent.points[0].params;
            curve(data, test.as_ref(), model, start, theta)
        } else {
            scatter(data, test.as_ref(), model, theta)
        }
    }
}

/// One feature: the rows, and ŷ(x) at the start and now over their range.
fn curve(data: &Dataset, test: Option<&Dataset>, model: Model, start: &[f64], now: &[f64]) -> Fit {
    let rows_of = |d: &Dataset| -> Vec<(f64, f64)> {
        d.original_x()
            .iter()
            .copied()
            .zip(d.y.iter().copied())
            .collect()
    };
    let rows = rows_of(data);
    let test_rows = test.map(rows_of).unwrap_or_default();
    let every = || rows.iter().chain(&test_rows);
    let x = padded(every().map(|p| p.0));
    let y = padded(every().map(|p| p.1));
    // Sampled where the model looks (scaled units) and drawn in the feature's own.
    let z = padded(
        std::iter::once(data.x_bounds(0).0)
            .chain([data.x_bounds(0).1])
            .chain(test.iter().flat_map(|t| [t.x_bounds(0).0, t.x_bounds(0).1])),
    );
    let sample = |theta: &[f64]| -> Vec<(f64, f64)> {
        (0..CURVE_SAMPLES)
            .map(|s| z.0 + (z.1 - z.0) * s as f64 / (CURVE_SAMPLES - 1) as f64)
            .map(|zj| (data.to_original(0, zj), model.predict(theta, &[zj])))
            .map(|(xj, yj)| (xj, yj.clamp(y.0 - (y.1 - y.0), y.1 + (y.1 - y.0))))
            .collect()
    };
    Fit {
        caption: crate::t!("fig-fit-curve"),
        names: (data.features[0].clone(), data.target.clone()),
        x,
        y,
        rows,
        test: test_rows,
        start: sample(start),
        now: sample(now),
    }
}

/// Several features: each row's prediction against its target, on one scale.
fn scatter(data: &Dataset, test: Option<&Dataset>, model: Model, theta: &[f64]) -> Fit {
    let pairs = |d: &Dataset| -> Vec<(f64, f64)> {
        let k = d.n_features();
        d.x_slice()
            .chunks_exact(k)
            .zip(d.y.iter())
            .map(|(row, &y)| (model.predict(theta, row), y))
            .collect()
    };
    let rows = pairs(data);
    let test_rows = test.map(pairs).unwrap_or_default();
    let both = padded(
        rows.iter()
            .chain(&test_rows)
            .flat_map(|&(p, a)| [p, a])
            .filter(|v| v.is_finite()),
    );
    Fit {
        caption: crate::t!("fig-fit-plane"),
        names: (
            crate::t!("fig-predicted"),
            crate::t!("fig-actual", target = data.target),
        ),
        x: both,
        y: both,
        rows,
        test: test_rows,
        start: vec![(both.0, both.0), (both.1, both.1)],
        now: Vec::new(),
    }
}

/// The range of `values` with a margin; (−1, 1) around a lone value or none.
fn padded(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
    if !(lo.is_finite() && hi.is_finite()) {
        return (-1.0, 1.0);
    }
    let span = hi - lo;
    if span <= 1e-12 * lo.abs().max(1.0) {
        return (lo - 1.0, hi + 1.0);
    }
    (lo - MARGIN * span, hi + MARGIN * span)
}
