//! One free parameter: the landscape is the curve L(θ) itself. The point sits on the
//! curve, the tangent through it has the gradient for its slope, each update is a jump
//! from one point of the curve to the next, and `◌` marks where the next one lands.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Line as Segment};

use super::marks::{GHOST, MARKER, START};
use super::path::clip;
use super::{axes, put};
use crate::app::{App, Viewport};
use crate::fmt::{human, short};
use crate::landscape::Slice;
use crate::t;
use crate::ui::plot::color_of;
use crate::ui::theme::Theme;
use unicode_width::UnicodeWidthStr;

/// Past updates drawn as jumps along the curve.
const JUMPS: usize = 40;
/// Share of the loss range left empty above and below the curve.
const MARGIN: f64 = 0.08;
/// Half the tangent's length, as a share of the horizontal span.
const TANGENT: f64 = 0.18;

/// Maps (θ, L) to cells of the plot.
struct Frame {
    plot: Rect,
    x: (f64, f64),
    y: (f64, f64),
}

impl Frame {
    /// (θ, L) as shares of the frame, (0, 0) bottom left and (1, 1) top right. The canvas
    /// draws in these: ratatui's own mapping overflows on spans beyond about 1e306.
    fn unit(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (
            (x - self.x.0) / (self.x.1 - self.x.0),
            (y - self.y.0) / (self.y.1 - self.y.0),
        )
    }

    /// The cell the canvas puts (θ, L) in (two dots across, four down a cell), when it
    /// lies in the plot.
    fn cell(&self, p: (f64, f64)) -> Option<(u16, u16)> {
        let (fx, fy) = self.unit(p);
        let dots = |f: f64, n: u16, per: f64| (f * (f64::from(n) * per - 1.0)).round() / per;
        let (col, row) = (
            dots(fx, self.plot.width, 2.0),
            dots(1.0 - fy, self.plot.height, 4.0),
        );
        let inside = |v: f64, n: u16| v.is_finite() && v >= 0.0 && v < f64::from(n);
        (inside(col, self.plot.width) && inside(row, self.plot.height))
            .then(|| (self.plot.x + col as u16, self.plot.y + row as u16))
    }

    /// Draws the segment `a`–`b`, in (θ, L), clipped to the frame.
    fn segment(
        &self,
        ctx: &mut ratatui::widgets::canvas::Context,
        a: (f64, f64),
        b: (f64, f64),
        color: Color,
    ) {
        let (a, b) = (self.unit(a), self.unit(b));
        if let Some((a, b)) = clip(a, b, (1.0, 1.0)) {
            ctx.draw(&Segment::new(a.0, a.1, b.0, b.1, color));
        }
    }
}

/// The curve's samples (θ, L) from the slice, one row along the free parameter.
fn samples(slice: &Slice) -> Vec<(f64, f64)> {
    (0..slice.request.width)
        .map(|col| (slice.request.point(col, 0).0, slice.at(col, 0)))
        .collect()
}

/// L at θ, read off the curve's samples (linear between the two nearest).
fn loss_at(samples: &[(f64, f64)], x: f64) -> Option<f64> {
    let k = samples
        .windows(2)
        .position(|w| w[0].0 <= x && x <= w[1].0)?;
    let ((x0, y0), (x1, y1)) = (samples[k], samples[k + 1]);
    let f = if x1 > x0 { (x - x0) / (x1 - x0) } else { 0.0 };
    Some(y0 + f * (y1 - y0)).filter(|v| v.is_finite())
}

/// The loss range to show: the curve's, and the recent positions' that lie in view.
fn loss_range(samples: &[(f64, f64)], path: &[(f64, f64)], x: (f64, f64)) -> (f64, f64) {
    let (lo, hi) = samples
        .iter()
        .chain(path.iter().filter(|p| p.0 >= x.0 && p.0 <= x.1))
        .map(|p| p.1)
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if !(lo.is_finite() && hi.is_finite()) {
        return (0.0, 1.0);
    }
    let span = (hi - lo).max(1e-12 * hi.abs().max(1.0));
    // A loss is never negative: the axis stops at 0 rather than show room below it.
    let bottom = lo - MARGIN * span;
    (
        if lo >= 0.0 { bottom.max(0.0) } else { bottom },
        hi + MARGIN * span,
    )
}

/// Draws the curve, the jumps, the tangent and the marks in `plot`, the ticks around it
/// in `inner`, and the legend on `legend_row`.
pub(super) fn draw(
    app: &App,
    slice: &Slice,
    plot: Rect,
    inner: Rect,
    legend_row: Option<Rect>,
    theme: &Theme,
    buf: &mut Buffer,
) {
    let view = app.viewport();
    let i = app.curve_axis().unwrap_or(0);
    let history = app.trainer().kept();
    let recent = &history[history.len().saturating_sub(JUMPS + 1)..];
    let path: Vec<(f64, f64)> = recent.iter().map(|s| (s.params[i], s.loss)).collect();
    let curve = samples(slice);
    let y = loss_range(&curve, &path, view.x);
    let frame = Frame { plot, x: view.x, y };
    let here = app.last_finite();
    let (x0, l0, slope) = (here.params[i], here.loss, here.grad[i]);
    let half = TANGENT * (view.x.1 - view.x.0);
    let (curve_color, jump_color, tangent_color) = (
        color_of(theme.model()),
        color_of(theme.racer_path(0, true)),
        color_of(theme.arrow()),
    );
    let finite = |p: &(f64, f64)| p.0.is_finite() && p.1.is_finite();
    Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([0.0, 1.0])
        .y_bounds([0.0, 1.0])
        .paint(|ctx| {
            for w in curve.windows(2) {
                if w.iter().all(finite) {
                    frame.segment(ctx, w[0], w[1], curve_color);
                }
            }
            ctx.layer();
            for w in path.windows(2) {
                if w.iter().all(finite) {
                    frame.segment(ctx, w[0], w[1], jump_color);
                }
            }
            if slope.is_finite() && l0.is_finite() {
                let (a, b) = (x0 - half, x0 + half);
                let at = |x: f64| l0 + slope * (x - x0);
                frame.segment(ctx, (a, at(a)), (b, at(b)), tangent_color);
            }
        })
        .render(plot, buf);
    marks(app, &frame, &curve, theme, buf);
    let axes_view = Viewport {
        plane: view.plane.clone(),
        x: view.x,
        y,
    };
    axes::draw(&axes_view, plot, inner, theme, buf);
    if let Some(row) = legend_row {
        legend(app, row, theme, buf);
    }
}

/// `○` the start, `◌` where the next update lands (red when it overshoots), `●` the
/// current position, each on the curve.
fn marks(app: &App, frame: &Frame, curve: &[(f64, f64)], theme: &Theme, buf: &mut Buffer) {
    let i = app.curve_axis().unwrap_or(0);
    let start = app.trainer().start();
    if let Some(cell) = frame.cell((start.params[i], start.loss)) {
        put(
            buf,
            frame.plot,
            cell.0,
            cell.1,
            START,
            theme.racer_path(0, true),
        );
    }
    if let Some(landing) = app.landing() {
        let x = landing.params[i];
        let style = if landing.overshoots == Some(true) {
            theme.danger()
        } else {
            theme.arrow()
        };
        if let Some(cell) = loss_at(curve, x).and_then(|l| frame.cell((x, l))) {
            put(buf, frame.plot, cell.0, cell.1, GHOST, style);
        }
    }
    let here = app.last_finite();
    if let Some(cell) = frame.cell((here.params[i], here.loss)) {
        put(buf, frame.plot, cell.0, cell.1, MARKER, theme.marker());
    }
}

/// `━ L(w)  ━ tangent: slope ∂L/∂w = -3.2  ◌ next step`, in shorter words where the row
/// is narrow.
fn legend(app: &App, row: Rect, theme: &Theme, buf: &mut Buffer) {
    let names = app.param_names();
    let i = app.curve_axis().unwrap_or(0);
    let name = &names[i];
    let slope = app.last_finite().grad[i];
    if !slope.is_finite() {
        // Nothing to say of a tangent that cannot be drawn.
        return;
    }
    let swatch = |style: ratatui::style::Style| {
        Span::styled("━ ", style.fg(color_of(style)).bg(Color::Reset))
    };
    let wordings = [
        (
            format!(
                "{}  ",
                t!("curve-tangent-long", name = name, slope = human(slope))
            ),
            t!("curve-next-long"),
        ),
        (
            format!(
                "{}  ",
                t!("curve-tangent", name = name, slope = short(slope))
            ),
            t!("curve-next"),
        ),
    ];
    let width =
        |(tangent, next): &(String, String)| tangent.width() + next.width() + name.width() + 13;
    let (tangent, next) = wordings
        .iter()
        .find(|w| width(w) <= usize::from(row.width))
        .unwrap_or(&wordings[1]);
    Line::from(vec![
        Span::raw(" "),
        swatch(theme.model()),
        Span::raw(format!("L({name})  ")),
        swatch(theme.arrow()),
        Span::raw(tangent.clone()),
        Span::styled(format!("{GHOST} "), theme.arrow()),
        Span::raw(next.clone()),
    ])
    .render(row, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn losses_are_read_off_between_samples() {
        let curve = [(0.0, 1.0), (1.0, 3.0), (2.0, 2.0)];
        assert_eq!(loss_at(&curve, 0.5), Some(2.0));
        assert_eq!(loss_at(&curve, 2.0), Some(2.0));
        assert_eq!(loss_at(&curve, 2.5), None);
        let (lo, hi) = loss_range(&curve, &[(5.0, 100.0), (1.5, 4.0)], (0.0, 2.0));
        assert!(lo < 1.0 && hi > 4.0 && hi < 100.0, "{lo} {hi}");
    }
}
