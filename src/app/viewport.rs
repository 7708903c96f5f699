//! Geometry of what is on screen: which part of the landscape the viewport shows, where
//! the fit panel's canvas is, and the mapping between cells and values on both.

use crate::t;
use ratatui::layout::Rect;

use super::App;
use super::action::Direction;
use crate::landscape::Plane;
use crate::landscape::plane::FrameKind;

/// Share of the span one pan moves the view.
const PAN_SHARE: f64 = 0.1;
/// Margin added around fitted points, as a share of their span.
const FIT_MARGIN: f64 = 0.15;
/// Zoom factor of one `z` press.
const ZOOM_STEP: f64 = 0.8;
/// While following, the view re-frames once a followed point comes within this share of
/// the span from an edge: early enough that the point never leaves, late enough that the
/// view does not move with every step.
const EDGE: f64 = 0.05;
/// States of each racer's most recent path that the following view keeps on screen.
const RECENT: usize = 12;
/// The minimiser is kept on screen while it is within this many times the recent path's
/// extent from the current position.
const NEAR: f64 = 3.0;
/// While the followed points cover less than this share of the view, it zooms back in.
const SMALL: f64 = 0.1;

/// The landscape's viewport: the plane shown and its ranges.
#[derive(Debug, Clone, PartialEq)]
pub struct Viewport {
    /// Two parameters, or two directions.
    pub plane: Plane,
    /// Horizontal range, left to right.
    pub x: (f64, f64),
    /// Vertical range, bottom to top.
    pub y: (f64, f64),
}

impl Viewport {
    /// A view of `plane` framing every finite point given (plane coordinates), with a
    /// margin.
    pub fn framing(plane: Plane, points: impl IntoIterator<Item = (f64, f64)>) -> Viewport {
        let (x, y) = crate::landscape::framing(points, FIT_MARGIN);
        Viewport { plane, x, y }
    }

    /// The two parameters on the axes, on a plane of parameters.
    pub fn axes(&self) -> Option<(usize, usize)> {
        self.plane.axes()
    }

    /// True when (`x`, `y`) lies inside the view, at least `edge` of each span from its
    /// sides.
    pub fn holds(&self, (x, y): (f64, f64), edge: f64) -> bool {
        let inside = |v: f64, (lo, hi): (f64, f64)| {
            let pad = edge * (hi - lo);
            v >= lo + pad && v <= hi - pad
        };
        inside(x, self.x) && inside(y, self.y)
    }

    /// Moves the view a tenth of its span.
    pub fn pan(&mut self, direction: Direction) {
        let dx = PAN_SHARE * (self.x.1 - self.x.0);
        let dy = PAN_SHARE * (self.y.1 - self.y.0);
        let (sx, sy) = match direction {
            Direction::Left => (-dx, 0.0),
            Direction::Right => (dx, 0.0),
            Direction::Up => (0.0, dy),
            Direction::Down => (0.0, -dy),
        };
        self.x = (self.x.0 + sx, self.x.1 + sx);
        self.y = (self.y.0 + sy, self.y.1 + sy);
    }

    /// Scales both spans by `factor` about the centre (below 1 zooms in).
    pub fn zoom(&mut self, factor: f64) {
        let scale = |(lo, hi): (f64, f64)| {
            let (mid, half) = (0.5 * (lo + hi), 0.5 * (hi - lo) * factor);
            // Spans too small or too large for f64 to tell apart are not worth showing.
            if half.is_finite() && half > 1e-12 * mid.abs().max(1.0) && half < 1e150 {
                (mid - half, mid + half)
            } else {
                (lo, hi)
            }
        };
        self.x = scale(self.x);
        self.y = scale(self.y);
    }

    /// The parameter values at the centre of cell (`col`, `row`) of `plot`.
    pub fn cell_to_point(&self, plot: Rect, col: u16, row: u16) -> (f64, f64) {
        let fx = fraction(col - plot.x, plot.width);
        let fy = fraction(row - plot.y, plot.height);
        (
            self.x.0 + fx * (self.x.1 - self.x.0),
            self.y.1 - fy * (self.y.1 - self.y.0),
        )
    }

    /// Where (`x`, `y`) falls in `plot`, in fractional cells from its top-left corner;
    /// values outside [0, width) × [0, height) are off screen.
    pub fn point_to_cell(&self, plot: Rect, x: f64, y: f64) -> (f64, f64) {
        let fx = (x - self.x.0) / (self.x.1 - self.x.0);
        let fy = (self.y.1 - y) / (self.y.1 - self.y.0);
        (
            fx * (plot.width.max(2) - 1) as f64,
            fy * (plot.height.max(2) - 1) as f64,
        )
    }
}

/// Where the 3-D surface is seen from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Camera {
    /// Turn about the vertical axis, in degrees (0: the horizontal parameter runs left
    /// to right across the screen).
    pub azimuth: f64,
    /// Height above the ground plane, in degrees (90: straight down, as the flat map).
    pub elevation: f64,
}

impl Camera {
    /// Where the 3-D view starts: a quarter turn off square, from 35° up.
    pub const START: Camera = Camera {
        azimuth: -30.0,
        elevation: 35.0,
    };
    /// Degrees one arrow press turns about the vertical.
    pub const TURN: f64 = 15.0;
    /// Degrees one arrow press tilts.
    pub const TILT: f64 = 5.0;

    /// The camera turned one step in `direction`; the elevation stays in [10°, 85°].
    pub fn turned(self, direction: Direction) -> Camera {
        let (azimuth, elevation) = match direction {
            Direction::Left => (self.azimuth - Self::TURN, self.elevation),
            Direction::Right => (self.azimuth + Self::TURN, self.elevation),
            Direction::Up => (self.azimuth, self.elevation + Self::TILT),
            Direction::Down => (self.azimuth, self.elevation - Self::TILT),
        };
        Camera {
            azimuth: azimuth.rem_euclid(360.0),
            elevation: elevation.clamp(10.0, 85.0),
        }
    }
}

/// Where the fit panel's canvas is and what it spans, so a click can be read as data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitFrame {
    /// The canvas inside the panel, labels excluded.
    pub canvas: Rect,
    /// Horizontal range (x), left to right.
    pub x: [f64; 2],
    /// Vertical range (y), bottom to top.
    pub y: [f64; 2],
    /// True for the (x1, x2) plane of two-feature data, where a click adds a row of a
    /// class rather than an (x, y) pair.
    pub plane: bool,
}

impl FitFrame {
    /// The data coordinates under cell (`col`, `row`), if it is on the canvas.
    pub fn point_at(&self, col: u16, row: u16) -> Option<(f64, f64)> {
        let c = self.canvas;
        if col < c.x || col >= c.right() || row < c.y || row >= c.bottom() {
            return None;
        }
        let fx = (f64::from(col - c.x) + 0.5) / f64::from(c.width);
        let fy = (f64::from(row - c.y) + 0.5) / f64::from(c.height);
        Some((
            self.x[0] + fx * (self.x[1] - self.x[0]),
            self.y[1] - fy * (self.y[1] - self.y[0]),
        ))
    }
}

impl App {
    /// A viewport of `plane` framing the trail and the minimisers (the global one and
    /// the slice's).
    pub(super) fn framed(&self, plane: Plane) -> Viewport {
        let trail = self.racers().flat_map(|t| t.kept()).map(|s| &s.params);
        let minima = self.minimizer.iter().chain(&self.slice_minimizer);
        // A surface's minima are framed too: where the point could end up matters.
        let surface_minima: Vec<ndarray::Array1<f64>> = self
            .trainer
            .objective()
            .as_surface()
            .map(|s| {
                s.minima()
                    .iter()
                    .map(|m| ndarray::Array1::from(m.to_vec()))
                    .collect()
            })
            .unwrap_or_default();
        let mut points: Vec<(f64, f64)> = trail
            .chain(minima)
            .chain(&surface_minima)
            .filter_map(|p| coords(&plane, p))
            .collect();
        // Random directions are shown at least one unit either way of where they were
        // drawn, as Li et al. show them: a step of 1 changes every unit by its own size.
        if let Some(FrameKind::Random { .. }) = plane.frame().map(|f| f.kind) {
            points.extend([(-1.0, -1.0), (1.0, 1.0)]);
        }
        Viewport::framing(plane, points)
    }

    /// Arrows: moves the viewport, which then stays where it is put.
    pub(super) fn pan(&mut self, direction: Direction) {
        self.viewport.pan(direction);
        self.view_locked = true;
    }

    /// `z` and `Z`: shows less (`closer`) or more of the landscape, and stays there.
    pub(super) fn zoom(&mut self, closer: bool) {
        self.viewport
            .zoom(if closer { ZOOM_STEP } else { 1.0 / ZOOM_STEP });
        self.view_locked = true;
    }

    /// `f`: fits the viewport to the trail and the minimiser, and follows the descent.
    pub(super) fn fit_view(&mut self) {
        self.viewport = self.framed(self.viewport.plane.clone());
        self.view_locked = false;
    }

    /// `3`: the landscape as a 3-D surface, or flat again; a curve has no surface.
    pub(super) fn toggle_surface(&mut self) {
        self.surface = match self.surface() {
            Some(_) => None,
            None if self.curve_axis().is_some() => {
                return self.tell(t!("notice-curve-is-all"));
            }
            None => Some(Camera::START),
        };
    }

    /// Arrows in 3-D: turn the surface.
    pub(super) fn turn(&mut self, direction: Direction) {
        if let Some(camera) = self.surface() {
            self.surface = Some(camera.turned(direction));
        }
    }

    /// `v`: locks the view where it is, or lets it follow the descent again.
    pub(super) fn toggle_view_lock(&mut self) {
        self.view_locked = !self.view_locked;
        self.follow();
    }

    /// Works out the minimiser of the slice on screen: over the two axis parameters,
    /// every other held where the slice goes through (exact, for quadratic losses only).
    pub(super) fn refresh_slice_minimizer(&mut self) {
        self.slice_minimizer = self.slice_minimum(&self.viewport.plane);
    }

    /// The minimiser of the slice through the current point: over the two axis
    /// parameters, or over the plane of directions (exact, for quadratic losses only).
    pub(super) fn slice_minimum(&self, plane: &Plane) -> Option<ndarray::Array1<f64>> {
        let theta = &self.last_finite().params;
        let Some((i, j)) = plane.axes() else {
            let off = plane.off_plane(theta.as_slice()?);
            let low = plane
                .frame()?
                .quadratic_minimum(self.landscape_objective(), &off)?;
            return Some(ndarray::Array1::from(low));
        };
        let held: Vec<bool> = (0..theta.len()).map(|k| k != i && k != j).collect();
        self.landscape_objective()
            .quadratic_minimizer(theta.as_slice().expect("contiguous"), &held)
    }

    /// A fresh start (a restart, a reset, a rewind): while the view follows, it frames
    /// the whole path and the minimisers again, zooming back in after a blowup.
    pub(super) fn reframe(&mut self) {
        if !self.view_locked {
            self.viewport = self.framed(self.viewport.plane.clone());
        }
    }

    /// While the view follows: re-frames it when a followed point is about to leave it
    /// (every racer's position and recent path, and the minimiser when near), so the
    /// descent, and a blowup's growing zig-zag, stay on screen.
    pub(super) fn follow(&mut self) {
        if self.view_locked {
            return;
        }
        let points = self.followed_points();
        let framed = Viewport::framing(self.viewport.plane.clone(), points.iter().copied());
        let span = |r: (f64, f64)| r.1 - r.0;
        // Zoom back in only when the followed points fit a view half the size or less.
        let shrunk = span(framed.x) * 2.0 < span(self.viewport.x)
            && span(framed.y) * 2.0 < span(self.viewport.y)
            && self.points_span_share(&points) < SMALL;
        if points.iter().all(|&p| self.viewport.holds(p, EDGE)) && !shrunk {
            return;
        }
        self.viewport = framed;
    }

    /// The larger share of the view's two spans that `points` cover.
    fn points_span_share(&self, points: &[(f64, f64)]) -> f64 {
        let extent = |values: Vec<f64>| {
            let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            (hi - lo).max(0.0)
        };
        let (x, y) = (self.viewport.x, self.viewport.y);
        let share_x = extent(points.iter().map(|p| p.0).collect()) / (x.1 - x.0);
        let share_y = extent(points.iter().map(|p| p.1).collect()) / (y.1 - y.0);
        share_x.max(share_y)
    }

    /// What a following view keeps on screen, finite points only.
    fn followed_points(&self) -> Vec<(f64, f64)> {
        let plane = &self.viewport.plane;
        let finite = |p: &(f64, f64)| p.0.is_finite() && p.1.is_finite();
        let mut points: Vec<(f64, f64)> = self
            .racers()
            .flat_map(|t| {
                let kept = t.kept();
                kept[kept.len().saturating_sub(RECENT)..].iter()
            })
            .filter_map(|s| coords(plane, &s.params))
            .filter(finite)
            .collect();
        let Some(here) = coords(plane, &self.last_finite().params) else {
            return points;
        };
        let extent = points
            .iter()
            .map(|p| (p.0 - here.0).hypot(p.1 - here.1))
            .fold(0.0, f64::max);
        if let Some(m) = self.minimizer.as_ref().and_then(|m| coords(plane, m))
            && finite(&m)
            && (m.0 - here.0).hypot(m.1 - here.1) <= NEAR * extent
        {
            points.push(m);
        }
        // Where the next step lands, so the class sees where the point is flung.
        points.extend(
            self.landing
                .iter()
                .filter_map(|l| coords(plane, &l.params))
                .filter(finite),
        );
        points
    }

    /// Shows exactly `viewport`, and stays there; axes past the parameters wrap around
    /// onto them.
    pub(super) fn look_at(&mut self, viewport: Viewport) {
        self.view_locked = true;
        let n = self.param_names().len();
        let plane = match viewport.plane {
            Plane::Params(i, j) => Plane::Params(i % n, j % n),
            along => along,
        };
        self.viewport = Viewport { plane, ..viewport };
        self.refresh_slice_minimizer();
    }

    /// Keeps a slice computed in the background, unless it is of an older objective
    /// (it would paint the wrong function).
    pub(super) fn landscape_ready(&mut self, slice: crate::landscape::Slice) {
        if slice.request.generation == self.generation {
            self.landscape = Some(slice);
        }
    }
}

/// Where parameters (or a minimiser) lie on `plane`.
pub(super) fn coords(plane: &Plane, params: &ndarray::Array1<f64>) -> Option<(f64, f64)> {
    plane.coords(params.as_slice()?)
}

/// Position of cell `i` of `n` across [0, 1], ends included.
fn fraction(i: u16, n: u16) -> f64 {
    if n > 1 {
        f64::from(i) / f64::from(n - 1)
    } else {
        0.5
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, update};
    use crate::testing::{command, lesson};

    /// The position on the view's axes.
    fn here(a: &App) -> (f64, f64) {
        coords(&a.viewport().plane, &a.last_finite().params).unwrap()
    }

    #[test]
    fn the_view_follows_the_descent_and_a_blowup() {
        let runs: [(&str, &str); 4] = [
            ("logistic", ""),
            ("sigmoid", ""),
            ("wiggle", ""),
            ("intro", "lr 0.4"),
        ];
        for (name, setting) in runs {
            let mut a = lesson(name);
            if !setting.is_empty() {
                command(&mut a, setting);
            }
            let mut moves = 0;
            for step in 0..200 {
                let before = a.viewport().clone();
                update(&mut a, Action::Step);
                moves += usize::from(*a.viewport() != before);
                assert!(
                    a.viewport().holds(here(&a), 0.0),
                    "{name}: step {step} at {:?} is off {:?}",
                    here(&a),
                    a.viewport()
                );
                if a.diverged() {
                    break;
                }
            }
            assert!(moves > 0, "{name}: the view moved with the descent");
        }
    }

    #[test]
    fn a_blowup_zooms_out_with_the_zig_zag_and_stays_readable() {
        let mut a = lesson("intro");
        command(&mut a, "lr 0.4");
        let width = |a: &App| a.viewport().x.1 - a.viewport().x.0;
        let start = width(&a);
        while !a.diverged() {
            update(&mut a, Action::Step);
        }
        assert!(width(&a) > 100.0 * start, "{} against {start}", width(&a));
        // The last few swings are what the class watches: they stay on screen.
        let history = a.trainer().kept();
        for s in &history[history.len().saturating_sub(RECENT)..] {
            if s.params.iter().all(|p| p.is_finite()) {
                assert!(a.viewport().holds((s.params[0], s.params[1]), 0.0));
            }
        }
    }

    #[test]
    fn after_a_blowup_the_view_comes_back_in() {
        let mut a = lesson("intro");
        let start = a.viewport().x.1 - a.viewport().x.0;
        command(&mut a, "lr 0.4");
        while !a.diverged() {
            update(&mut a, Action::Step);
        }
        assert!(a.viewport().x.1 - a.viewport().x.0 > 100.0 * start);
        // Rewinding frames what is left; a good run then stays framed close.
        update(&mut a, Action::RecoverFromDivergence);
        update(&mut a, Action::Reset);
        command(&mut a, "lr 0.1");
        for _ in 0..30 {
            update(&mut a, Action::Step);
        }
        let width = a.viewport().x.1 - a.viewport().x.0;
        assert!(width < 3.0 * start, "{width} against {start}");
        // A new model is framed afresh and followed, whatever the old view was.
        update(&mut a, Action::ZoomIn);
        update(&mut a, Action::NextModel);
        assert!(!a.view_locked());
    }

    #[test]
    fn pan_and_zoom_lock_the_view_and_v_or_f_let_it_follow_again() {
        let mut a = lesson("logistic");
        update(&mut a, Action::ZoomIn);
        assert!(a.view_locked());
        let locked = a.viewport().clone();
        for _ in 0..30 {
            update(&mut a, Action::Step);
        }
        assert_eq!(a.viewport(), &locked, "a locked view stays put");
        update(&mut a, Action::ToggleViewLock);
        assert!(!a.view_locked());
        assert!(
            a.viewport().holds(here(&a), 0.0),
            "unlocking brings the point back"
        );
        update(&mut a, Action::Pan(Direction::Left));
        assert!(a.view_locked());
        update(&mut a, Action::FitView);
        assert!(!a.view_locked());
        // The view does not move with every step: only when the point nears an edge.
        let mut b = lesson("intro");
        let mut moves = 0;
        for _ in 0..40 {
            let before = b.viewport().clone();
            update(&mut b, Action::Step);
            moves += usize::from(*b.viewport() != before);
        }
        assert!(moves <= 2, "the converging intro re-framed {moves} times");
    }

    #[test]
    fn framing_contains_every_point_with_a_margin() {
        let v = Viewport::framing(
            Plane::Params(0, 1),
            [(0.0, 0.0), (4.0, 2.0), (f64::NAN, 1.0)],
        );
        assert!(v.x.0 < 0.0 && v.x.1 > 4.0);
        assert!(v.y.0 < 0.0 && v.y.1 > 2.0);
        let lone = Viewport::framing(Plane::Params(0, 1), [(3.0, 3.0)]);
        assert!(lone.x.0 < 3.0 && lone.x.1 > 3.0);
        let none = Viewport::framing(Plane::Params(0, 1), [(f64::INFINITY, 0.0)]);
        assert_eq!((none.x, none.y), ((-1.0, 1.0), (-1.0, 1.0)));
    }

    #[test]
    fn cells_and_points_round_trip() {
        let v = Viewport {
            plane: Plane::Params(0, 1),
            x: (-1.0, 1.0),
            y: (0.0, 10.0),
        };
        let plot = Rect::new(2, 3, 21, 11);
        assert_eq!(v.cell_to_point(plot, 2, 3), (-1.0, 10.0));
        assert_eq!(v.cell_to_point(plot, 22, 13), (1.0, 0.0));
        let (x, y) = v.cell_to_point(plot, 12, 8);
        assert_eq!(v.point_to_cell(plot, x, y), (10.0, 5.0));
    }

    #[test]
    fn pan_and_zoom_move_the_ranges() {
        let mut v = Viewport {
            plane: Plane::Params(0, 1),
            x: (0.0, 10.0),
            y: (0.0, 10.0),
        };
        v.pan(Direction::Right);
        assert_eq!(v.x, (1.0, 11.0));
        v.pan(Direction::Up);
        assert_eq!(v.y, (1.0, 11.0));
        v.zoom(0.5);
        assert_eq!(v.x, (3.5, 8.5));
        let before = v.clone();
        v.zoom(1e300);
        assert_eq!(v, before, "absurd zoom is refused");
    }
}
