//! Tick values: left of the plot for the vertical axis, under it for the horizontal one.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Y_LABEL_WIDTH, put, put_str};
use crate::app::Viewport;
use crate::fmt::compact;
use crate::ui::theme::Theme;
use unicode_width::UnicodeWidthStr;

/// The value at cell `i` of `n` along a range, as [`Viewport::cell_to_point`] places it.
fn value_at(range: (f64, f64), i: u16, n: u16, downwards: bool) -> f64 {
    let f = if n > 1 {
        f64::from(i) / f64::from(n - 1)
    } else {
        0.5
    };
    if downwards {
        range.1 - f * (range.1 - range.0)
    } else {
        range.0 + f * (range.1 - range.0)
    }
}

/// `v` rounded to three digits of a range `span` wide, so that ticks read `0.42`
/// rather than `0.416964` (and `1e-17` comes out as `0`).
fn tidy(v: f64, span: f64) -> f64 {
    let span = span.abs();
    if !(span.is_finite() && span > 0.0) {
        return v;
    }
    let unit = 10f64.powi(span.log10().floor() as i32 - 2);
    let rounded = (v / unit).round() * unit;
    if rounded.is_finite() && unit > 0.0 {
        rounded
    } else {
        v
    }
}

/// Draws the vertical axis (labels and `┤` ticks) in the column left of `plot`, and the
/// horizontal tick values in the row under it; `inner` is the panel inside its border.
pub(super) fn draw(view: &Viewport, plot: Rect, inner: Rect, theme: &Theme, buf: &mut Buffer) {
    let (w, h) = (plot.width, plot.height);
    let dim = theme.dim();
    let label_width = usize::from(Y_LABEL_WIDTH - 1);
    if h > 0 && plot.x > inner.x {
        let column = Rect::new(inner.x, plot.y, plot.x - inner.x, h);
        let axis = plot.x - 1;
        for row in 0..h {
            put(buf, column, axis, plot.y + row, '│', dim);
        }
        let last = h - 1;
        let mut ticks = [0, last, last / 2, last / 2, last / 2];
        if h >= 9 {
            let quarter = |k: u32| ((u32::from(last) * k + 2) / 4) as u16;
            ticks[3] = quarter(1);
            ticks[4] = quarter(3);
        }
        for (k, &row) in ticks.iter().enumerate() {
            if ticks[..k].contains(&row) {
                continue;
            }
            let y = plot.y + row;
            put(buf, column, axis, y, '┤', dim);
            let Some(text) = compact(
                tidy(value_at(view.y, row, h, true), view.y.1 - view.y.0),
                label_width,
            ) else {
                continue;
            };
            let len = text.width() as u16;
            let x = axis.saturating_sub(len + 1).max(inner.x);
            put_str(buf, column, x, y, &text, dim);
        }
    }
    let row = plot.bottom();
    if w == 0 || row >= inner.bottom() {
        return;
    }
    let strip = Rect::new(plot.x, row, w, 1);
    let width = usize::from(w).min(12);
    let label = |col: u16| {
        compact(
            tidy(value_at(view.x, col, w, false), view.x.1 - view.x.0),
            width,
        )
    };
    // Left, then right, then middle, each only where it does not touch the others.
    let mut taken: Vec<(u16, u16)> = Vec::with_capacity(3);
    let mut place = |text: Option<String>, anchor: u16, align: i8| {
        let Some(text) = text else { return };
        let len = text.width() as u16;
        let start = match align {
            -1 => anchor,
            0 => anchor.saturating_sub(len / 2),
            _ => anchor.saturating_sub(len.saturating_sub(1)),
        }
        .clamp(plot.x, plot.right().saturating_sub(len).max(plot.x));
        let end = start + len;
        if end > plot.right() || taken.iter().any(|&(a, b)| start <= b && a <= end) {
            return;
        }
        taken.push((start, end));
        put_str(buf, strip, start, row, &text, dim);
    };
    place(label(0), plot.x, -1);
    if w > 1 {
        place(label(w - 1), plot.right() - 1, 1);
        place(label((w - 1) / 2), plot.x + (w - 1) / 2, 0);
    }
}
