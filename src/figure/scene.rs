//! What a figure shows, worked out once from the run: the plane, its framing, the slice
//! of the loss over it, the path and the arrows in plane coordinates, and the minima.

use std::sync::Arc;

use super::descent::Descent;
use crate::engine::Objective;
use crate::landscape::plane::{Frame, FrameKind, pca_frame, random_directions};
use crate::landscape::{Plane, Slice, SliceRequest, Subsamples, framing, slice_for};
use crate::scenario::{PlaneChoice, Setup};

/// Margin around the framed points, as a share of their span (as the view's).
const MARGIN: f64 = 0.15;
/// Samples across and down a heatmap: fine enough for smooth bands at slide sizes.
pub const SAMPLES: (usize, usize) = (160, 120);
/// Samples of an animation's heatmap, one per frame: coarser, as a frame is seen briefly
/// and a slice of a large model costs most of a frame's time.
pub const FRAME_SAMPLES: (usize, usize) = (96, 72);
/// Samples along the curve of a lone free parameter.
const CURVE_SAMPLES: usize = 400;

/// The landscape as drawn: a slice over a plane, or the curve of the one free parameter.
#[derive(Debug, Clone)]
pub enum Ground {
    /// L over two axes, sampled on a grid.
    Heat(Slice),
    /// (θ_k, L) along the one free parameter's axis, every other held where the shown
    /// state has it.
    Curve(Vec<(f64, f64)>),
}

/// The landscape panel's window on the plane, and what fills it.
#[derive(Debug, Clone)]
pub struct View {
    /// Horizontal range (for a curve, θ_k's).
    pub x: (f64, f64),
    /// Vertical range (for a curve, L's).
    pub y: (f64, f64),
    /// The heatmap or the curve.
    pub ground: Ground,
}

/// Everything the panels draw, worked out once for the whole run.
#[derive(Debug, Clone)]
pub struct Scene {
    /// The run.
    pub descent: Descent,
    /// Data, model and loss.
    pub objective: Arc<Objective>,
    /// Lesson or file name, optimizer and η: the title's start.
    pub heading: String,
    /// The axes' names: two parameters, or two directions.
    pub axes: (String, String),
    /// The plane; for a curve, `Params(k, k)` with k the free parameter.
    pub plane: Plane,
    /// Each state's place on the plane (for a curve: (θ_k, L)); `None` where not finite.
    pub path: Vec<Option<(f64, f64)>>,
    /// Each state's −∇L on the plane (for a curve: (−∂L/∂θ_k, 0)).
    pub downhill: Vec<Option<(f64, f64)>>,
    /// Minima on the plane: the slice's exact one for a quadratic loss, a surface's own.
    pub minima: Vec<(f64, f64)>,
}

impl Scene {
    /// The scene of `descent`, a run of `setup`.
    pub fn of(setup: &Setup, descent: Descent) -> Scene {
        let objective = setup.objective.clone();
        let frozen = &setup.config.frozen;
        let free: Vec<usize> = (0..frozen.len()).filter(|&k| !frozen[k]).collect();
        let names = objective.model().param_names();
        let heading = format!(
            "{}: {}, η = {}",
            setup.name,
            setup.config.optimizer.kind.name(),
            crate::fmt::human(setup.config.lr),
        );
        let end = descent.last_finite().params.clone();
        if let [k] = free.as_slice() {
            let k = *k;
            let held: Vec<bool> = (0..end.len()).map(|i| i != k).collect();
            let minimum = objective.quadratic_minimizer(&end, &held).map(|m| {
                let mut theta = end.clone();
                theta[k] = m[k];
                (m[k], objective.loss_at(&theta))
            });
            return Scene {
                axes: (names[k].clone(), "L".to_owned()),
                path: (descent.points.iter())
                    .map(|p| {
                        Some((p.params[k], p.loss)).filter(|(w, l)| w.is_finite() && l.is_finite())
                    })
                    .collect(),
                downhill: (descent.points.iter())
                    .map(|p| Some((-p.grad[k], 0.0)))
                    .collect(),
                minima: minimum.into_iter().collect(),
                descent,
                objective,
                heading,
                plane: Plane::Params(k, k),
            };
        }
        let plane = plane_of(setup, &descent);
        let path = descent
            .points
            .iter()
            .map(|p| plane.coords(&p.params))
            .collect();
        let downhill = (descent.points.iter())
            .map(|p| plane.components(&p.grad).map(|(a, b)| (-a, -b)))
            .collect();
        Scene {
            axes: axis_names(&plane, &names),
            minima: minima_on(&objective, &plane, &end),
            descent,
            objective,
            heading,
            plane,
            path,
            downhill,
        }
    }

    /// True when the landscape is the curve of a lone free parameter.
    pub fn is_curve(&self) -> bool {
        matches!(self.plane, Plane::Params(i, j) if i == j)
    }

    /// The title with the run shown up to state `upto`: the outcome once it is the last.
    pub fn title(&self, upto: usize) -> String {
        let last = self.descent.points.len() - 1;
        let step = self.descent.points[upto].step;
        if upto < last {
            return crate::t!("fig-title-step", heading = self.heading, step = step);
        }
        crate::t!(
            "fig-title-end",
            heading = self.heading,
            step = step,
            outcome = self.descent.outcome
        )
    }

    /// The window on the path up to state `upto` and the minima, sliced through the
    /// shown state (the last finite one up to it) at `samples` across and down, as the
    /// view would frame it.
    pub fn view(&self, upto: usize, samples: (usize, usize)) -> View {
        let here = self.descent.points[..=upto]
            .iter()
            .rev()
            .find(|p| p.params.iter().all(|v| v.is_finite()))
            .unwrap_or(&self.descent.points[0])
            .params
            .clone();
        let shown = self.path[..=upto].iter().flatten();
        if let Plane::Params(k, j) = self.plane
            && k == j
        {
            let ws = shown.map(|p| (p.0, 0.0));
            let (x, _) = framing(ws.chain(self.minima.iter().map(|m| (m.0, 0.0))), MARGIN);
            return self.curve_view(k, x, here, upto);
        }
        let (x, y) = framing(shown.chain(&self.minima).copied(), MARGIN);
        let request = SliceRequest {
            plane: self.plane.clone(),
            x_range: x,
            y_range: y,
            width: samples.0,
            height: samples.1,
            center: self.plane.off_plane(&here),
            generation: 0,
            test: false,
        };
        let slice = slice_for(&self.objective, &request, &mut Subsamples::default());
        View {
            x,
            y,
            ground: Ground::Heat(slice),
        }
    }

    /// L along θ_k over `x`, the others held at `here`, framing the path up to `upto`.
    fn curve_view(&self, k: usize, x: (f64, f64), here: Vec<f64>, upto: usize) -> View {
        let at = |w: f64| {
            let mut theta = here.clone();
            theta[k] = w;
            self.objective.loss_at(&theta)
        };
        let curve: Vec<(f64, f64)> = (0..CURVE_SAMPLES)
            .map(|s| x.0 + (x.1 - x.0) * s as f64 / (CURVE_SAMPLES - 1) as f64)
            .map(|w| (w, at(w)))
            .collect();
        let path = self.path[..=upto].iter().flatten().map(|p| p.1);
        let losses = curve.iter().map(|c| c.1).chain(path);
        let (lo, hi) = losses
            .filter(|l| l.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), l| {
                (a.min(l), b.max(l))
            });
        let pad = 0.05 * (hi - lo).max(1e-12);
        View {
            x,
            y: (lo - pad, hi + pad),
            ground: Ground::Curve(curve),
        }
    }
}

/// The plane the scenario asks for, as the interactive view would first show it; the
/// directions of a random plane are anchored at the start, the PCA plane's at the end.
fn plane_of(setup: &Setup, descent: &Descent) -> Plane {
    let n = setup.start.len();
    let fallback = Plane::Params(0, 1.min(n - 1));
    let start = setup.start.to_vec();
    let frame = match setup.plane {
        PlaneChoice::Params(i, j) if i != j && i.max(j) < n => return Plane::Params(i, j),
        PlaneChoice::Params(..) => return fallback,
        PlaneChoice::Random(seed) => {
            let seed = seed.unwrap_or(0);
            let blocks = setup.objective.model().weight_blocks();
            let d = random_directions(&start, &blocks, &setup.config.frozen, seed);
            Frame::new(FrameKind::Random { seed }, start, d)
        }
        PlaneChoice::Pca => {
            let path: Vec<(usize, &[f64])> = descent
                .points
                .iter()
                .map(|p| (p.step, p.params.as_slice()))
                .collect();
            pca_frame(&path, descent.last_finite().params.clone())
        }
    };
    frame.map_or(fallback, |f| Plane::Along(Arc::new(f)))
}

/// The axes' names: two parameters', or `d1` and `d2` with what chose them.
fn axis_names(plane: &Plane, names: &[String]) -> (String, String) {
    match plane {
        Plane::Params(i, j) => (names[*i].clone(), names[*j].clone()),
        Plane::Along(f) => match f.kind {
            FrameKind::Random { seed } => (
                crate::t!("fig-random-1", seed = seed),
                crate::t!("fig-random-2"),
            ),
            FrameKind::Pca { share, .. } => (
                crate::t!("fig-pc1", share = format!("{:.0}", 100.0 * share)),
                "PC2".to_owned(),
            ),
        },
    }
}

/// The minima to mark: a surface's own, or the exact minimum of a quadratic loss on the
/// plane through `end` (every other parameter held).
fn minima_on(objective: &Objective, plane: &Plane, end: &[f64]) -> Vec<(f64, f64)> {
    if let Some(surface) = objective.as_surface() {
        return surface.minima().iter().map(|m| (m[0], m[1])).collect();
    }
    let low = match plane {
        Plane::Params(i, j) => {
            let held: Vec<bool> = (0..end.len()).map(|k| k != *i && k != *j).collect();
            objective
                .quadratic_minimizer(end, &held)
                .map(|m| m.to_vec())
        }
        Plane::Along(f) => f.quadratic_minimum(objective, &plane.off_plane(end)),
    };
    low.and_then(|m| plane.coords(&m)).into_iter().collect()
}
