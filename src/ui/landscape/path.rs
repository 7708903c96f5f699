//! A racer's path over the heatmap: its positions joined by Braille line segments, the
//! most recent steps bright and older ones dim, so a zig-zag reads as one.
//!
//! A Braille cell holds 2 × 4 dots, so a line is four times finer down and twice finer
//! across than whole-cell marks. No path glyph resembles a position marker (`●`), and a
//! dot that would vanish into the heat behind it takes a contrasting colour instead of a
//! black box.

use std::collections::HashMap;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::heatmap::{clash, contrast};

/// Braille dots per cell, across and down.
const DOTS: (f64, f64) = (2.0, 4.0);
/// Segments at the end of a path drawn bright.
pub(super) const RECENT: usize = 8;
/// The first Braille pattern, with no dot raised.
const BRAILLE: u32 = 0x2800;
/// The bit of each dot, by column then row (Unicode's dot numbering).
const BITS: [[u8; 4]; 2] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]];

/// True for a Braille pattern, the glyphs paths are drawn with.
#[cfg(test)]
pub(super) fn is_path_glyph(symbol: &str) -> bool {
    symbol
        .chars()
        .next()
        .is_some_and(|c| (BRAILLE + 1..=BRAILLE + 0xFF).contains(&u32::from(c)))
}

/// The raised dots of each cell, and whether a recent segment passes through it.
#[derive(Default)]
struct Dots {
    cells: HashMap<(u16, u16), (u8, bool)>,
}

impl Dots {
    /// Raises the dot at (`x`, `y`), in dots from the plot's corner.
    fn raise(&mut self, plot: Rect, (x, y): (i64, i64), recent: bool) {
        let (w, h) = (i64::from(plot.width) * 2, i64::from(plot.height) * 4);
        if !(0..w).contains(&x) || !(0..h).contains(&y) {
            return;
        }
        let cell = (plot.x + (x / 2) as u16, plot.y + (y / 4) as u16);
        let entry = self.cells.entry(cell).or_default();
        entry.0 |= BITS[(x % 2) as usize][(y % 4) as usize];
        entry.1 |= recent;
    }

    /// The segment from `a` to `b` (in dots), clipped to the plot first so that a
    /// blown-up step costs no more than one across the screen.
    fn segment(&mut self, plot: Rect, a: (f64, f64), b: (f64, f64), recent: bool) {
        let size = (
            f64::from(plot.width) * DOTS.0,
            f64::from(plot.height) * DOTS.1,
        );
        let Some((a, b)) = clip(a, b, size) else {
            return;
        };
        let steps = (b.0 - a.0).abs().max((b.1 - a.1).abs()).ceil().max(1.0) as usize;
        for k in 0..=steps {
            let f = k as f64 / steps as f64;
            let (x, y) = (a.0 + f * (b.0 - a.0), a.1 + f * (b.1 - a.1));
            self.raise(plot, (x.floor() as i64, y.floor() as i64), recent);
        }
    }
}

/// The part of segment `a`–`b` inside [0, w) × [0, h), if any (Cohen–Sutherland).
///
/// An end outside is moved exactly onto the edge it crosses, with the other coordinate
/// found from the segment's slope, so that a step of 1e300 still lands on the right row.
pub(super) fn clip(
    mut a: (f64, f64),
    mut b: (f64, f64),
    (w, h): (f64, f64),
) -> Option<((f64, f64), (f64, f64))> {
    // Just inside the far edges, so that the last dot stays on the plot.
    let (right, bottom) = (w - 1e-9, h - 1e-9);
    let code = |p: (f64, f64)| {
        u8::from(p.0 < 0.0)
            | u8::from(p.0 > right) << 1
            | u8::from(p.1 < 0.0) << 2
            | u8::from(p.1 > bottom) << 3
    };
    for _ in 0..4 {
        let (ca, cb) = (code(a), code(b));
        if ca | cb == 0 {
            return Some((a, b));
        }
        if ca & cb != 0 {
            return None;
        }
        let (out, p, q) = if ca != 0 { (ca, a, b) } else { (cb, b, a) };
        // The ratio first, so that huge coordinates do not overflow on the way.
        let along_x = |x: f64| (x, p.1 + (x - p.0) / (q.0 - p.0) * (q.1 - p.1));
        let along_y = |y: f64| (p.0 + (y - p.1) / (q.1 - p.1) * (q.0 - p.0), y);
        let moved = match out {
            o if o & 1 != 0 => along_x(0.0),
            o if o & 2 != 0 => along_x(right),
            o if o & 4 != 0 => along_y(0.0),
            _ => along_y(bottom),
        };
        if !(moved.0.is_finite() && moved.1.is_finite()) {
            return None;
        }
        if ca != 0 {
            a = moved;
        } else {
            b = moved;
        }
    }
    (code(a) | code(b) == 0).then_some((a, b))
}

/// Draws the path through `points` (fractional cells from the plot's corner, oldest
/// first; non-finite ones break the line): the last [`RECENT`] segments in `recent`,
/// the rest in `old`.
pub(super) fn draw(points: &[(f64, f64)], plot: Rect, recent: Style, old: Style, buf: &mut Buffer) {
    let mut dots = Dots::default();
    let dot = |(c, r): (f64, f64)| ((c + 0.5) * DOTS.0, (r + 0.5) * DOTS.1);
    let segments = points.len().saturating_sub(1);
    for (k, pair) in points.windows(2).enumerate() {
        let (a, b) = (dot(pair[0]), dot(pair[1]));
        let finite = |p: (f64, f64)| p.0.is_finite() && p.1.is_finite();
        if finite(a) && finite(b) {
            dots.segment(plot, a, b, k + RECENT >= segments);
        }
    }
    for ((x, y), (bits, is_recent)) in dots.cells {
        let Some(cell) = buf.cell_mut((x, y)) else {
            continue;
        };
        let glyph = char::from_u32(BRAILLE + u32::from(bits)).unwrap_or(' ');
        let style = if is_recent { recent } else { old };
        cell.set_char(glyph).set_style(style);
        if clash(cell.fg, cell.bg) {
            cell.set_fg(contrast(cell.bg));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_raises_the_dots_between_its_ends() {
        let plot = Rect::new(0, 0, 10, 5);
        let mut buf = Buffer::empty(plot);
        // From the middle of cell (0, 0) to the middle of cell (9, 4): a diagonal.
        draw(
            &[(0.0, 0.0), (9.0, 4.0)],
            plot,
            Style::new(),
            Style::new(),
            &mut buf,
        );
        let drawn: Vec<(u16, u16)> = (0..5)
            .flat_map(|y| (0..10).map(move |x| (x, y)))
            .filter(|&p| is_path_glyph(buf[p].symbol()))
            .collect();
        assert!(
            drawn.contains(&(0, 0)) && drawn.contains(&(9, 4)),
            "{drawn:?}"
        );
        assert!(drawn.len() >= 10, "one cell at least per column: {drawn:?}");
        assert!(!is_path_glyph("●") && !is_path_glyph("⠀"));
    }

    #[test]
    fn huge_steps_are_clipped_to_the_plot() {
        let plot = Rect::new(2, 1, 20, 8);
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 12));
        draw(
            &[(-1e300, 3.0), (1e300, 3.0), (f64::NAN, 1.0), (5.0, 5.0)],
            plot,
            Style::new(),
            Style::new(),
            &mut buf,
        );
        let row: String = (0..30).map(|x| buf[(x, 4)].symbol().to_owned()).collect();
        assert_eq!(
            row.chars()
                .filter(|c| is_path_glyph(&c.to_string()))
                .count(),
            20
        );
        assert!(
            !is_path_glyph(buf[(0, 4)].symbol()),
            "nothing outside the plot"
        );
        assert_eq!(
            clip((0.0, 0.0), (-1.0, -1.0), (4.0, 4.0)).map(|s| s.0),
            Some((0.0, 0.0))
        );
        assert_eq!(clip((-2.0, -2.0), (-1.0, -1.0), (4.0, 4.0)), None);
    }
}
