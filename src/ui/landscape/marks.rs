//! What is drawn over the heatmap: each racer's path and start, the minimiser, the
//! gradient arrows, the current positions, and an arrow on the edge where a position left
//! the view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

use super::heatmap::{clash, contrast};
use super::{path, put};
use crate::app::{App, Viewport};
use crate::engine::{State, Trainer};
use crate::landscape::Plane;
use crate::ui::theme::{RACER_GLYPHS, Theme};

/// Where the run started.
pub(in crate::ui) const START: char = '○';
/// The state of lowest test loss, on the path.
pub(in crate::ui) const LOWEST_TEST: char = '◆';
/// Where the next update will land.
pub(in crate::ui) const GHOST: char = '◌';
/// The gradient magnitudes the arrow's shortest and longest lengths stand for: its
/// length grows with log |∇| between them, so 1e-3 and 1e4 both read.
const ARROW_SCALE: (f64, f64) = (1e-3, 1e4);
/// The shortest arrow, in columns.
const ARROW_MIN: f64 = 3.0;
/// The longest arrow, as a share of the plot (its width, or twice its height).
const ARROW_MAX: f64 = 0.4;
/// The current position.
pub(in crate::ui) const MARKER: char = '●';
/// The exact minimiser of the slice drawn.
pub(in crate::ui) const MINIMUM: char = '✕';
/// The exact minimiser over every free parameter, where it is not the slice's.
pub(in crate::ui) const GLOBAL_MINIMUM: char = '⊙';
/// The gradient arrow's shaft.
pub(in crate::ui) const SHAFT: char = '∙';
/// Arrowheads by direction, counter-clockwise from east.
pub(in crate::ui) const ARROWS: [char; 8] = ['→', '↗', '↑', '↖', '←', '↙', '↓', '↘'];
/// A terminal cell is about twice as tall as it is wide.
const CELL_ASPECT: f64 = 2.0;

/// Draws a mark over the heatmap; where its colour would vanish into the heat behind
/// it (a red arrow over red, say), the cell gets a black background.
///
/// Only marks that must stand out from everything (positions, arrows, the minimiser) use
/// this; paths and the start take a contrasting colour instead, so that no black box
/// makes them look like a position.
fn mark(buf: &mut Buffer, plot: Rect, (x, y): (u16, u16), ch: char, style: Style) {
    put(buf, plot, x, y, ch, style);
    if let Some(cell) = buf.cell_mut((x, y))
        && plot.contains((x, y).into())
        && clash(cell.fg, cell.bg)
    {
        cell.set_bg(Color::Black);
    }
}

/// Draws a mark that must not look like a position (the start, the arrow's shaft):
/// where its colour would vanish into the heat, it takes a contrasting colour instead of
/// a black box.
fn quiet_mark(buf: &mut Buffer, plot: Rect, (x, y): (u16, u16), ch: char, style: Style) {
    put(buf, plot, x, y, ch, style);
    if let Some(cell) = buf.cell_mut((x, y))
        && plot.contains((x, y).into())
        && clash(cell.fg, cell.bg)
    {
        cell.set_fg(contrast(cell.bg));
    }
}

/// Maps parameter values to cells of the plot.
#[derive(Clone, Copy)]
struct Mapper<'a> {
    view: &'a Viewport,
    plot: Rect,
}

impl Mapper<'_> {
    /// The fractional cell (col, row) of a point, relative to the plot's corner.
    fn cell(&self, (x, y): (f64, f64)) -> (f64, f64) {
        self.view.point_to_cell(self.plot, x, y)
    }

    /// The absolute cell a fractional cell rounds to, when it lies in the plot.
    fn on_screen(&self, (col, row): (f64, f64)) -> Option<(u16, u16)> {
        let (col, row) = (col.round(), row.round());
        let inside = |v: f64, n: u16| v.is_finite() && v >= 0.0 && v < f64::from(n);
        (inside(col, self.plot.width) && inside(row, self.plot.height))
            .then(|| (self.plot.x + col as u16, self.plot.y + row as u16))
    }

    /// Cells per unit of each parameter: columns rightwards, rows downwards.
    fn cells_per_unit(&self) -> (f64, f64) {
        let (w, h) = (self.plot.width.max(2) - 1, self.plot.height.max(2) - 1);
        let (x, y) = (self.view.x, self.view.y);
        (f64::from(w) / (x.1 - x.0), -f64::from(h) / (y.1 - y.0))
    }

    /// A direction in parameter space, as a unit direction in cell space.
    fn direction(&self, (dx, dy): (f64, f64)) -> Option<(f64, f64)> {
        // Scale first so that huge components do not overflow on the way.
        let (dx, dy) = unit((dx, dy))?;
        let (sx, sy) = self.cells_per_unit();
        unit((dx * sx, dy * sy))
    }

    /// The middle of the plot, in fractional cells.
    fn centre(&self) -> (f64, f64) {
        let half = |n: u16| f64::from(n.max(1) - 1) / 2.0;
        (half(self.plot.width), half(self.plot.height))
    }
}

/// `v` scaled to length 1, infinite components winning over finite ones; `None` for
/// zero or NaN.
fn unit((x, y): (f64, f64)) -> Option<(f64, f64)> {
    if x.is_nan() || y.is_nan() {
        return None;
    }
    let (x, y) = if x.is_infinite() || y.is_infinite() {
        let sign = |v: f64| if v.is_infinite() { v.signum() } else { 0.0 };
        (sign(x), sign(y))
    } else {
        (x, y)
    };
    let big = x.abs().max(y.abs());
    if big == 0.0 {
        return None;
    }
    let (x, y) = (x / big, y / big);
    let len = x.hypot(y);
    Some((x / len, y / len))
}

/// The arrow glyph for a direction in cell space (rows downwards).
pub(super) fn arrow_glyph((dc, dr): (f64, f64)) -> char {
    let angle = (-dr * CELL_ASPECT).atan2(dc);
    let octant = (angle / std::f64::consts::FRAC_PI_4).round() as i64;
    ARROWS[octant.rem_euclid(8) as usize]
}

/// Where `params` lies on `plane`: the two axis parameters' values, or its projection.
fn on_plane(params: &ndarray::Array1<f64>, plane: &Plane) -> Option<(f64, f64)> {
    plane.coords(params.as_slice()?)
}

/// Both finite.
fn finite((x, y): (f64, f64)) -> bool {
    x.is_finite() && y.is_finite()
}

/// The newest state of `t` whose parameters are all finite (as [`App::last_finite`]).
fn last_finite(t: &Trainer) -> &State {
    let history = t.kept();
    history
        .iter()
        .rev()
        .find(|s| s.params.iter().all(|p| p.is_finite()))
        .unwrap_or(&history[0])
}

/// The first racer's gradient on the plane at its current position, if finite.
fn gradient(app: &App) -> Option<(f64, f64)> {
    racer_gradient(app.trainer(), &app.viewport().plane)
}

/// A racer's gradient's two components on the plane at its current position, if
/// finite: the axis parameters' entries, or the least-squares components along the
/// plane's directions ([`Plane::components`]).
fn racer_gradient(t: &Trainer, plane: &Plane) -> Option<(f64, f64)> {
    // Frozen parameters never move, so their slope is no part of the step.
    let frozen = &t.config().frozen;
    let grad: Vec<f64> = last_finite(t)
        .grad
        .iter()
        .enumerate()
        .map(|(k, &g)| {
            if frozen.get(k).copied().unwrap_or(false) {
                0.0
            } else {
                g
            }
        })
        .collect();
    plane.components(&grad).filter(|&g| finite(g))
}

/// ‖(∂L/∂x, ∂L/∂y)‖ at the current position, if finite.
pub(super) fn gradient_norm(app: &App) -> Option<f64> {
    let (gx, gy) = gradient(app)?;
    let norm = match app.viewport().plane.axes() {
        Some((i, j)) if i == j => gx.abs(),
        _ => gx.hypot(gy),
    };
    norm.is_finite().then_some(norm)
}

/// Most recent positions drawn in the trail.
const TRAIL_LIMIT: usize = 4096;

/// Draws every mark over the plot.
pub(super) fn draw(app: &App, plot: Rect, theme: &Theme, buf: &mut Buffer) {
    if plot.is_empty() {
        return;
    }
    let map = Mapper {
        view: app.viewport(),
        plot,
    };
    let plane = &app.viewport().plane;
    let racers: Vec<&Trainer> = app.racers().collect();
    paths(&racers, map, theme, buf);
    if let Some(start) = on_plane(&app.trainer().start().params, plane)
        .filter(|&p| finite(p))
        .and_then(|p| map.on_screen(map.cell(p)))
    {
        quiet_mark(buf, plot, start, START, theme.racer_path(0, true));
    }
    // Where the test loss was lowest: where early stopping would have left the point.
    if let Some(low) = app
        .lowest_test()
        .filter(|s| !app.racing() && s.step != app.current().step)
        .and_then(|s| on_plane(&s.params, plane))
        .filter(|&p| finite(p))
        .and_then(|p| map.on_screen(map.cell(p)))
    {
        mark(
            buf,
            plot,
            low,
            LOWEST_TEST,
            theme.test_line().add_modifier(Modifier::BOLD),
        );
    }
    // Where each racer stands: the fractional cell, and the cell when on screen.
    let places: Vec<_> = racers
        .iter()
        .map(|t| {
            let here = on_plane(&last_finite(t).params, plane)
                .filter(|&p| finite(p))
                .map(|p| map.cell(p));
            (here, here.and_then(|c| map.on_screen(c)))
        })
        .collect();
    for (k, t) in racers.iter().enumerate().rev() {
        if let (Some(start), Some(cell)) = places[k] {
            let style = theme.racer_arrow(k);
            // Unless the open question asks where it points.
            if !app.hides_arrow() {
                gradient_arrow(racer_gradient(t, plane), map, start, cell, style, buf);
            }
        }
    }
    ghost(app, map, theme, buf);
    minima(app, map, theme, buf);
    for (k, t) in racers.iter().enumerate().rev() {
        let (here, here_cell) = places[k];
        if let Some((x, y, glyph)) = escape(t, plane, map, here, here_cell.is_some()) {
            mark(buf, plot, (x, y), glyph, theme.racer_arrow(k));
        }
    }
    for (k, &(_, cell)) in places.iter().enumerate().rev() {
        if let Some((x, y)) = cell {
            let glyph = if k == 0 {
                MARKER
            } else {
                RACER_GLYPHS[k % RACER_GLYPHS.len()]
            };
            mark(buf, plot, (x, y), glyph, theme.racer_marker(k));
        }
    }
}

/// ✕ at the slice's exact minimiser, ⊙ at the global one where it is another point, and
/// ✕ at each of a surface's minima.
fn minima(app: &App, map: Mapper, theme: &Theme, buf: &mut Buffer) {
    let (plane, plot) = (&app.viewport().plane, map.plot);
    // Fractional cells: the global minimiser is drawn only a whole cell or more away from
    // the slice's, so that rounding never shows one point twice.
    let place = |m: Option<&ndarray::Array1<f64>>| {
        m.and_then(|m| on_plane(m, plane))
            .filter(|&m| finite(m))
            .map(|m| map.cell(m))
    };
    let slice_minimum = place(app.slice_minimizer());
    if let Some(global) = place(app.minimizer())
        && slice_minimum.is_none_or(|s| (s.0 - global.0).hypot(s.1 - global.1) >= 1.0)
        && let Some(cell) = map.on_screen(global)
    {
        mark(buf, plot, cell, GLOBAL_MINIMUM, theme.minimum());
    }
    if let Some(cell) = slice_minimum.and_then(|s| map.on_screen(s)) {
        mark(buf, plot, cell, MINIMUM, theme.minimum());
    }
    // A surface's minima are known exactly, however many there are.
    for m in app
        .trainer()
        .objective()
        .as_surface()
        .map(|s| s.minima())
        .unwrap_or_default()
    {
        if let Some(cell) =
            place(Some(&ndarray::Array1::from(m.to_vec()))).and_then(|c| map.on_screen(c))
        {
            mark(buf, plot, cell, MINIMUM, theme.minimum());
        }
    }
}

/// The arrow's length in columns for a gradient of magnitude `norm` on `plot`: from
/// [`ARROW_MIN`] at [`ARROW_SCALE`]'s low end to [`ARROW_MAX`] of the plot at its high
/// end, growing with log |∇| between (and held at the ends beyond them).
pub(super) fn arrow_length(norm: f64, plot: Rect) -> f64 {
    let longest = ARROW_MAX * f64::from(plot.width).min(CELL_ASPECT * f64::from(plot.height));
    let (lo, hi) = (ARROW_SCALE.0.log10(), ARROW_SCALE.1.log10());
    let t = if norm > 0.0 {
        ((norm.log10() - lo) / (hi - lo)).clamp(0.0, 1.0)
    } else {
        0.0
    };
    ARROW_MIN + t * (longest - ARROW_MIN).max(0.0)
}

/// Every racer's path, later racers first so that the first racer's wins the cells
/// they share.
fn paths(racers: &[&Trainer], map: Mapper, theme: &Theme, buf: &mut Buffer) {
    let plane = &map.view.plane;
    for (k, t) in racers.iter().enumerate().rev() {
        let history = t.kept();
        // A long run's whole path would cost a frame per million states; the recent part
        // (and the start) is what shows where the run is heading.
        let recent = history.len().saturating_sub(TRAIL_LIMIT).max(1);
        let points: Vec<(f64, f64)> = history[..1]
            .iter()
            .chain(&history[recent.min(history.len())..])
            .map(|s| on_plane(&s.params, plane).map_or((f64::NAN, f64::NAN), |p| map.cell(p)))
            .collect();
        path::draw(
            &points,
            map.plot,
            theme.racer_path(k, true),
            theme.racer_path(k, false),
            buf,
        );
    }
}

/// `◌` where the next update lands: in the arrow's colour, or the danger style when the
/// step goes past the lowest point along −∇L.
fn ghost(app: &App, map: Mapper, theme: &Theme, buf: &mut Buffer) {
    if let Some(landing) = app.landing()
        && let Some(p) = on_plane(&landing.params, &map.view.plane).filter(|&p| finite(p))
        && let Some((x, y)) = map.on_screen(map.cell(p))
    {
        let style = if landing.overshoots == Some(true) {
            theme.danger()
        } else {
            theme.arrow()
        };
        mark(buf, map.plot, (x, y), GHOST, style);
    }
}

/// −∇ from `start` (fractional cell; `cell` is where it rounds to): a shaft of dots whose
/// length grows with log |∇| ([`arrow_length`]) and an arrowhead, clipped to the plot.
fn gradient_arrow(
    gradient: Option<(f64, f64)>,
    map: Mapper,
    start: (f64, f64),
    cell: (u16, u16),
    style: Style,
    buf: &mut Buffer,
) {
    let Some((gx, gy)) = gradient else {
        return;
    };
    let Some((dc, dr)) = map.direction((-gx, -gy)) else {
        return;
    };
    // Length in columns, measured as the eye sees it (a row counts as two columns).
    let plot = map.plot;
    let length = arrow_length(gx.hypot(gy), plot);
    if length < 1.5 {
        return;
    }
    let visual = (dc, dr * CELL_ASPECT);
    let norm = visual.0.hypot(visual.1);
    let (tc, tr) = (dc / norm * length, dr / norm * length);
    let steps = tc.abs().max(tr.abs()).ceil().max(1.0) as usize;
    let mut tip = None;
    for k in 1..=steps {
        let f = k as f64 / steps as f64;
        let Some(at) = map.on_screen((start.0 + f * tc, start.1 + f * tr)) else {
            break;
        };
        if at == cell {
            continue;
        }
        if let Some((x, y)) = tip {
            quiet_mark(buf, plot, (x, y), SHAFT, style);
        }
        tip = Some(at);
    }
    if let Some((x, y)) = tip {
        mark(buf, plot, (x, y), arrow_glyph((dc, dr)), style);
    }
}

/// Where to point at racer `t`'s position off screen: the edge cell on the line from the
/// view's centre towards it, or, once the run has left the finite numbers, the edge cell
/// ahead of the last finite position in the direction it was heading.
fn escape(
    t: &Trainer,
    plane: &Plane,
    map: Mapper,
    here: Option<(f64, f64)>,
    visible: bool,
) -> Option<(u16, u16, char)> {
    let history = t.kept();
    let last = history
        .iter()
        .rposition(|s| s.params.iter().all(|p| p.is_finite()));
    let escaped = last.is_none_or(|k| k + 1 < history.len());
    let (origin, direction) = match (here, visible) {
        (Some(p), false) => {
            let c = map.centre();
            (c, unit((p.0 - c.0, p.1 - c.1))?)
        }
        (Some(p), true) if escaped => {
            let k = last?;
            (
                p,
                heading(history, k, plane).and_then(|d| map.direction(d))?,
            )
        }
        (None, _) => {
            // No finite position on these axes: only an infinite one says where it went.
            let p = on_plane(&t.current().params, plane)?;
            let (sx, sy) = map.cells_per_unit();
            (
                map.centre(),
                unit((p.0 * sx.signum(), p.1 * sy.signum())).filter(|_| !finite(p))?,
            )
        }
        _ => return None,
    };
    let (w, h) = (f64::from(map.plot.width), f64::from(map.plot.height));
    let reach = |o: f64, d: f64, n: f64| {
        if d > 0.0 {
            (n - 1.0 - o) / d
        } else if d < 0.0 {
            -o / d
        } else {
            f64::INFINITY
        }
    };
    let s = reach(origin.0, direction.0, w)
        .min(reach(origin.1, direction.1, h))
        .max(0.0);
    if !s.is_finite() {
        return None;
    }
    let col = (origin.0 + s * direction.0).round().clamp(0.0, w - 1.0);
    let row = (origin.1 + s * direction.1).round().clamp(0.0, h - 1.0);
    let (x, y) = (map.plot.x + col as u16, map.plot.y + row as u16);
    Some((x, y, arrow_glyph(direction)))
}

/// The direction the run was heading when it left the finite numbers after state `k`:
/// towards the next state's (infinite) values, else the last step's direction, else −∇.
pub(super) fn heading(history: &[State], k: usize, plane: &Plane) -> Option<(f64, f64)> {
    let at = |s: &State| on_plane(&s.params, plane);
    let here = at(&history[k])?;
    let toward = |p: (f64, f64)| (p.0 - here.0, p.1 - here.1);
    let usable = |d: (f64, f64)| unit(d).map(|_| d);
    history
        .get(k + 1)
        .and_then(at)
        .map(toward)
        .and_then(usable)
        .or_else(|| {
            let before = at(history.get(k.checked_sub(1)?)?)?;
            usable((here.0 - before.0, here.1 - before.1))
        })
        .or_else(|| {
            let g = history[k].grad.as_slice().and_then(|g| plane.components(g));
            let g = g.filter(|&g| finite(g))?;
            usable((-g.0, -g.1))
        })
}
