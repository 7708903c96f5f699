//! What the canvas plots share (fit, history, sharpness, sweep): tick labels around
//! a plot, the row a Braille dot lands on, ranges of finite values, canvas colours.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

use crate::fmt::short;

/// The smallest and largest finite values, if any.
pub fn finite_range(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

/// A style's foreground for the canvas (`Reset` when it has none, as in monochrome).
pub fn color_of(style: Style) -> Color {
    style.fg.unwrap_or(Color::Reset)
}

/// Tick labels around a plot: values up the left, the ends of x underneath.
pub struct AxisLabels<'a> {
    /// Left and right ends of the horizontal axis.
    pub x: (String, String),
    /// Labels up the vertical axis: the height as a share of it (0 bottom, 1 top) and
    /// the text. Earlier ones win a row two would share.
    pub y: Vec<(f64, String)>,
    /// What the horizontal axis is, centred between its ends when there is room.
    pub x_name: Option<&'a str>,
}

impl AxisLabels<'_> {
    /// The bottom and top values of a vertical axis as its labels.
    pub fn ends(y: [f64; 2]) -> Vec<(f64, String)> {
        vec![(1.0, short(y[1])), (0.0, short(y[0]))]
    }

    /// Draws the labels that fit in `area` and returns what is left for the plot.
    pub fn render(&self, area: Rect, buf: &mut Buffer, style: Style) -> Rect {
        let width = |s: &str| unicode_width::UnicodeWidthStr::width(s) as u16;
        let x_row = u16::from(area.height >= 3);
        let label_width = self.y.iter().map(|(_, s)| width(s)).max().unwrap_or(0);
        let gutter = if label_width > 0 && area.width >= label_width + 9 {
            label_width + 1
        } else {
            0
        };
        let plot = Rect {
            x: area.x + gutter,
            y: area.y,
            width: area.width - gutter,
            height: area.height - x_row,
        };
        if gutter > 0 && plot.height > 0 {
            let mut taken = Vec::new();
            for (at, text) in &self.y {
                let row = plot.y + row_of(*at, plot.height);
                if !taken.contains(&row) {
                    taken.push(row);
                    let x = area.x + label_width - width(text);
                    buf.set_stringn(x, row, text, usize::from(label_width), style);
                }
            }
        }
        if x_row == 1 {
            let row = plot.bottom();
            let (lo, hi) = (&self.x.0, &self.x.1);
            let (lo_w, hi_w) = (width(lo), width(hi));
            buf.set_stringn(plot.x, row, lo, usize::from(plot.width), style);
            if lo_w + 1 + hi_w <= plot.width {
                buf.set_stringn(plot.right() - hi_w, row, hi, usize::from(hi_w), style);
                if let Some(name) = self.x_name {
                    let name_w = width(name);
                    let free = plot.width - lo_w - hi_w;
                    if name_w + 2 <= free {
                        let x = plot.x + lo_w + (free - name_w) / 2;
                        buf.set_stringn(x, row, name, usize::from(name_w), style);
                    }
                }
            }
        }
        plot
    }
}

/// The row (from the top of a plot `height` cells high) where a Braille canvas draws
/// a point at share `at` of its height (0 bottom, 1 top).
pub fn row_of(at: f64, height: u16) -> u16 {
    let dots = f64::from(height) * 4.0;
    let from_top = (1.0 - at.clamp(0.0, 1.0)) * (dots - 1.0);
    (from_top.round() as u16 / 4).min(height.saturating_sub(1))
}
