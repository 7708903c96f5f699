//! The landscape as a 3-D surface: the same slice as the heatmap, its height log L, seen
//! from an angle as a wireframe coloured by heat, with the path drawn on it and the
//! point as a ball.
//!
//! The projection is orthographic: the slice's square is turned by the camera's azimuth
//! about the vertical, then tilted so that its elevation shows the ground from above.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::symbols::Marker;
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Line as Segment};

use super::heatmap::Scale;
use super::marks::{MARKER, MINIMUM, START};
use super::put;
use crate::app::{App, Camera};
use crate::landscape::Slice;
use crate::ui::plot::color_of;
use crate::ui::theme::Theme;

/// Wireframe lines each way across the slice.
const LINES: usize = 18;
/// The surface's height, against the ground square's half-width of 1.
const HEIGHT: f64 = 1.2;
/// Recent states of the path drawn on the surface.
const PATH: usize = 200;

/// Projects points of the slice onto the screen plane.
struct Projection {
    /// cos and sin of the azimuth and of the elevation.
    azimuth: (f64, f64),
    elevation: (f64, f64),
    /// Canvas bounds, wide enough for the turned square and the height.
    x: [f64; 2],
    y: [f64; 2],
}

impl Projection {
    fn new(camera: Camera, plot: Rect) -> Projection {
        let (a, e) = (camera.azimuth.to_radians(), camera.elevation.to_radians());
        // Braille dots are square: two across and four down a cell twice as tall as wide.
        let aspect = (f64::from(plot.width) * 2.0) / (f64::from(plot.height) * 4.0).max(1.0);
        let reach = 1.5;
        let (half_x, half_y) = if aspect >= 1.0 {
            (reach * aspect, reach)
        } else {
            (reach, reach / aspect)
        };
        Projection {
            azimuth: (a.cos(), a.sin()),
            elevation: (e.cos(), e.sin()),
            x: [-half_x, half_x],
            y: [-half_y, half_y],
        }
    }

    /// The screen point of ground point (`u`, `v`) in [−1, 1]² at height `t` in [0, 1].
    fn point(&self, u: f64, v: f64, t: f64) -> (f64, f64) {
        let (ca, sa) = self.azimuth;
        let (ce, se) = self.elevation;
        let across = u * ca - v * sa;
        let depth = u * sa + v * ca;
        let up = (t - 0.5) * HEIGHT;
        (across, up * ce + depth * se - 0.1)
    }

    /// The cell of a screen point, when it lies in `plot`.
    fn cell(&self, plot: Rect, (x, y): (f64, f64)) -> Option<(u16, u16)> {
        let fx = (x - self.x[0]) / (self.x[1] - self.x[0]);
        let fy = (self.y[1] - y) / (self.y[1] - self.y[0]);
        // As the canvas places it: two Braille dots across a cell, four down.
        let dots = |f: f64, n: u16, per: f64| (f * (f64::from(n) * per - 1.0)).round() / per;
        let (col, row) = (
            dots(fx, plot.width, 2.0).floor(),
            dots(fy, plot.height, 4.0).floor(),
        );
        let inside = |v: f64, n: u16| v.is_finite() && v >= 0.0 && v < f64::from(n);
        (inside(col, plot.width) && inside(row, plot.height))
            .then(|| (plot.x + col as u16, plot.y + row as u16))
    }
}

/// Draws the surface of `slice` in `plot` as seen by `camera`.
pub(super) fn draw(
    app: &App,
    slice: &Slice,
    scale: &Scale,
    camera: Camera,
    plot: Rect,
    theme: &Theme,
    buf: &mut Buffer,
) {
    let (w, h) = (slice.request.width, slice.request.height);
    if w < 2 || h < 2 || plot.is_empty() {
        return;
    }
    let view = Projection::new(camera, plot);
    // Sample (col, row) of the slice: ground point, heat.
    let at = |col: usize, row: usize| {
        let u = 2.0 * col as f64 / (w - 1) as f64 - 1.0;
        let v = 1.0 - 2.0 * row as f64 / (h - 1) as f64;
        let t = scale.t(slice.at(col, row));
        (view.point(u, v, t), t)
    };
    // Evenly spaced sample rows (or columns), both edges included.
    let lines = |n: usize| -> Vec<usize> {
        let m = LINES.min(n);
        (0..m).map(|k| k * (n - 1) / (m - 1)).collect()
    };
    let heat = |t: f64| {
        if theme.has_color() {
            theme.heat(t)
        } else {
            Color::Reset
        }
    };
    let path = path_points(app, &view);
    let path_color = color_of(theme.racer_path(0, true));
    Canvas::default()
        .marker(Marker::Braille)
        .x_bounds(view.x)
        .y_bounds(view.y)
        .paint(|ctx| {
            for row in lines(h) {
                for col in 0..w - 1 {
                    let ((a, ta), (b, tb)) = (at(col, row), at(col + 1, row));
                    ctx.draw(&Segment::new(a.0, a.1, b.0, b.1, heat(0.5 * (ta + tb))));
                }
            }
            for col in lines(w) {
                for row in 0..h - 1 {
                    let ((a, ta), (b, tb)) = (at(col, row), at(col, row + 1));
                    ctx.draw(&Segment::new(a.0, a.1, b.0, b.1, heat(0.5 * (ta + tb))));
                }
            }
            ctx.layer();
            for pair in path.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                ctx.draw(&Segment::new(a.0, a.1, b.0, b.1, path_color));
            }
        })
        .render(plot, buf);
    marks(app, &view, scale, plot, theme, buf);
}

/// Where `params` stands on the surface: its ground point in the view's ranges, at the
/// height of `loss`; `None` off the slice's square.
fn on_surface(
    app: &App,
    params: &ndarray::Array1<f64>,
    t: f64,
    view: &Projection,
) -> Option<(f64, f64)> {
    let v = app.viewport();
    let (x, y) = v.plane.coords(params.as_slice()?)?;
    let u = 2.0 * (x - v.x.0) / (v.x.1 - v.x.0) - 1.0;
    let w = 2.0 * (y - v.y.0) / (v.y.1 - v.y.0) - 1.0;
    let inside = |c: f64| c.is_finite() && (-1.0..=1.0).contains(&c);
    (inside(u) && inside(w)).then(|| view.point(u, w, t))
}

/// The recent path's points on the surface, those on the slice's square.
fn path_points(app: &App, view: &Projection) -> Vec<(f64, f64)> {
    let Some(slice) = app.landscape() else {
        return Vec::new();
    };
    let scale = Scale::of(&slice.losses);
    let history = app.trainer().kept();
    history[history.len().saturating_sub(PATH)..]
        .iter()
        .filter_map(|s| on_surface(app, &s.params, scale.t(s.loss), view))
        .collect()
}

/// `○` the start, `✕` the slice's lowest point and `●` the point, as balls on the surface.
fn marks(app: &App, view: &Projection, scale: &Scale, plot: Rect, theme: &Theme, buf: &mut Buffer) {
    let mut put_at = |params: &ndarray::Array1<f64>, loss: f64, glyph: char, style| {
        if let Some(cell) =
            on_surface(app, params, scale.t(loss), view).and_then(|p| view.cell(plot, p))
        {
            put(buf, plot, cell.0, cell.1, glyph, style);
        }
    };
    let start = app.trainer().start();
    put_at(&start.params, start.loss, START, theme.racer_path(0, true));
    if let Some(m) = app.slice_minimizer() {
        let loss = app
            .trainer()
            .objective()
            .evaluate(m.as_slice().expect("contiguous"))
            .loss;
        put_at(m, loss, MINIMUM, theme.minimum());
    }
    let here = app.last_finite();
    put_at(&here.params, here.loss, MARKER, theme.marker());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn straight_down_the_surface_is_the_flat_map() {
        let plot = Rect::new(0, 0, 40, 20);
        let top = Projection::new(
            Camera {
                azimuth: 0.0,
                elevation: 90.0,
            },
            plot,
        );
        // Seen from above, height does not move a point, and the ground keeps its layout.
        let (a, b) = (top.point(0.5, -0.5, 0.0), top.point(0.5, -0.5, 1.0));
        assert!((a.0 - b.0).abs() < 1e-12 && (a.1 - b.1).abs() < 1e-9);
        assert!((a.0 - 0.5).abs() < 1e-12);
        let side = Projection::new(
            Camera {
                azimuth: 0.0,
                elevation: 10.0,
            },
            plot,
        );
        // From low down, height is most of what is seen.
        let (lo, hi) = (side.point(0.0, 0.0, 0.0), side.point(0.0, 0.0, 1.0));
        assert!(hi.1 - lo.1 > 1.0);
    }
}
