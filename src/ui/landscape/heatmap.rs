//! The heatmap of log-loss, its contour marks, and the legend of contour levels.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

use super::{put, put_str};
use crate::fmt::{compact, round_significant};
use crate::landscape::{Slice, any_negative, log_levels, signed_exp10, signed_log10};
use crate::ui::theme::{ColorMode, Theme};
use unicode_width::UnicodeWidthStr;

/// Contour levels drawn (and listed in the legend).
pub(super) const LEVELS: usize = 7;
/// Upper half block: foreground paints the upper sample, background the lower.
pub(super) const HALF: char = '▀';
/// The contour mark, in every colour mode.
pub(super) const CONTOUR: char = '·';
/// Legend swatch in colour modes.
const SWATCH: char = '■';

/// How a slice is shaded: its heat scale and contour levels, worked out once per frame
/// for both the heatmap and its legend.
pub(super) struct Shading {
    /// Loss to heat.
    pub scale: Scale,
    /// The contour levels, log-spaced.
    pub levels: Vec<f64>,
}

impl Shading {
    /// The shading of `slice`.
    pub(super) fn of(slice: &Slice) -> Shading {
        Shading {
            scale: Scale::of(&slice.losses),
            levels: log_levels(&slice.losses, LEVELS),
        }
    }
}

/// Maps losses to heat: log10 L spread over [0, 1] between the slice's finite positive
/// extremes, or [`signed_log10`] L between its finite extremes when some are below 0.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scale {
    /// The transformed smallest loss.
    lo: f64,
    /// The transformed largest, minus `lo` (0 when flat or empty).
    span: f64,
    /// True when the losses go below 0 and the transform is [`signed_log10`].
    signed: bool,
}

impl Scale {
    /// The scale of `losses`.
    pub(super) fn of(losses: &[f64]) -> Scale {
        let signed = any_negative(losses);
        let (lo, hi) = losses
            .iter()
            .filter(|l| l.is_finite() && (signed || **l > 0.0))
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &l| {
                (lo.min(l), hi.max(l))
            });
        if lo.is_finite() && hi.is_finite() {
            let to = |v: f64| if signed { signed_log10(v) } else { v.log10() };
            let (lo, hi) = (to(lo), to(hi));
            Scale {
                lo,
                span: (hi - lo).max(0.0),
                signed,
            }
        } else {
            Scale {
                lo: 0.0,
                span: 0.0,
                signed,
            }
        }
    }

    /// The loss whose heat is `t` (the inverse of [`Scale::t`] on the slice's range).
    pub(super) fn loss(&self, t: f64) -> f64 {
        let v = self.lo + t * self.span;
        if self.signed {
            signed_exp10(v)
        } else {
            10f64.powf(v)
        }
    }

    /// Heat of `loss` in [0, 1]: 0 at the lowest (and for L ≤ 0), 1 at the highest and
    /// for losses that are not finite.
    pub(super) fn t(&self, loss: f64) -> f64 {
        if loss.is_nan() || loss == f64::INFINITY {
            1.0
        } else if self.span <= 0.0 || (!self.signed && loss <= 0.0) {
            0.0
        } else if self.signed {
            ((signed_log10(loss) - self.lo) / self.span).clamp(0.0, 1.0)
        } else {
            ((loss.log10() - self.lo) / self.span).clamp(0.0, 1.0)
        }
    }
}

/// Number of contour `levels` at or below `loss` (all of them when it is not finite).
fn band(loss: f64, levels: &[f64]) -> u8 {
    let count = if loss.is_nan() {
        levels.len()
    } else {
        levels.iter().filter(|&&level| loss >= level).count()
    };
    u8::try_from(count).unwrap_or(u8::MAX)
}

/// A sample's heat and contour band.
#[derive(Debug, Clone, Copy)]
struct Sample {
    t: f64,
    band: u8,
}

/// Paints `slice` over `plot` (the slice has exactly [`super::samples_for`] samples).
pub(super) fn draw(slice: &Slice, shading: &Shading, plot: Rect, theme: &Theme, buf: &mut Buffer) {
    let (w, h) = (usize::from(plot.width), usize::from(plot.height));
    if w == 0 || h == 0 || slice.request.width != w || slice.losses.len() % w != 0 {
        return;
    }
    let per_cell = slice.losses.len() / w / h;
    if per_cell == 0 || slice.losses.len() != w * h * per_cell {
        return;
    }
    let (scale, levels) = (&shading.scale, &shading.levels);
    let samples: Vec<Sample> = slice
        .losses
        .iter()
        .map(|&l| Sample {
            t: scale.t(l),
            band: band(l, levels),
        })
        .collect();
    let sample = |col: usize, row: usize, k: usize| samples[(row * per_cell + k) * w + col];
    // A cell's band: the highest of its samples'.
    let cell_band = |col: usize, row: usize| {
        (0..per_cell)
            .map(|k| sample(col, row, k).band)
            .max()
            .unwrap_or(0)
    };
    for row in 0..h {
        for col in 0..w {
            let top = sample(col, row, 0);
            let bottom = sample(col, row, per_cell - 1);
            let b = cell_band(col, row);
            // Marked on the high side of a level: a crossing inside the cell, or a
            // neighbour in a lower band.
            let lower = |c: usize, r: usize| cell_band(c, r) < b;
            let contour = top.band != bottom.band
                || (col > 0 && lower(col - 1, row))
                || (col + 1 < w && lower(col + 1, row))
                || (row > 0 && lower(col, row - 1))
                || (row + 1 < h && lower(col, row + 1));
            let (x, y) = (plot.x + col as u16, plot.y + row as u16);
            let Some(cell) = buf.cell_mut((x, y)) else {
                continue;
            };
            cell.reset();
            match theme.mode {
                ColorMode::Monochrome => {
                    let t = 0.5 * (top.t + bottom.t);
                    cell.set_char(if contour { CONTOUR } else { theme.shade(t) });
                }
                _ if contour => {
                    let bg = theme.heat(0.5 * (top.t + bottom.t));
                    cell.set_char(CONTOUR).set_fg(contrast(bg)).set_bg(bg);
                }
                _ => {
                    cell.set_char(HALF)
                        .set_fg(theme.heat(top.t))
                        .set_bg(theme.heat(bottom.t));
                }
            }
        }
    }
}

/// Black on bright colours, white on dark ones.
pub(super) fn contrast(color: Color) -> Color {
    if luminance(color).is_some_and(|l| l > 140.0) {
        Color::Black
    } else {
        Color::White
    }
}

/// A colour as xterm shows it; `None` for the terminal's default.
fn rgb(color: Color) -> Option<(u8, u8, u8)> {
    Some(match color {
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Black => (0, 0, 0),
        Color::Red => (205, 0, 0),
        Color::Green => (0, 205, 0),
        Color::Yellow => (205, 205, 0),
        Color::Blue => (0, 0, 238),
        Color::Magenta => (205, 0, 205),
        Color::Cyan => (0, 205, 205),
        Color::Gray => (229, 229, 229),
        Color::DarkGray => (127, 127, 127),
        Color::LightRed => (255, 0, 0),
        Color::LightGreen => (0, 255, 0),
        Color::LightYellow => (255, 255, 0),
        Color::LightBlue => (92, 92, 255),
        Color::LightMagenta => (255, 0, 255),
        Color::LightCyan => (0, 255, 255),
        Color::White => (255, 255, 255),
        _ => return None,
    })
}

/// Perceived brightness of a colour, 0 to 255; `None` for the terminal's default.
fn luminance(color: Color) -> Option<f64> {
    let (r, g, b) = rgb(color)?;
    Some(0.299 * f64::from(r) + 0.587 * f64::from(g) + 0.114 * f64::from(b))
}

/// Hue in degrees, or `None` for greys (and the terminal's default).
fn hue(color: Color) -> Option<f64> {
    let (r, g, b) = rgb(color)?;
    let (r, g, b) = (f64::from(r), f64::from(g), f64::from(b));
    let (max, min) = (r.max(g).max(b), r.min(g).min(b));
    if max - min < 30.0 {
        return None;
    }
    let h = if max == r {
        (g - b) / (max - min)
    } else if max == g {
        2.0 + (b - r) / (max - min)
    } else {
        4.0 + (r - g) / (max - min)
    };
    Some((h * 60.0).rem_euclid(360.0))
}

/// True when `fg` would be hard to make out on `bg`: close in brightness, and in hue
/// unless one of them is grey.
pub(super) fn clash(fg: Color, bg: Color) -> bool {
    let (Some(a), Some(b)) = (luminance(fg), luminance(bg)) else {
        return false;
    };
    if (a - b).abs() >= 60.0 {
        return false;
    }
    match (hue(fg), hue(bg)) {
        (Some(x), Some(y)) => {
            let d = (x - y).abs();
            d.min(360.0 - d) <= 60.0
        }
        _ => true,
    }
}

/// The legend's entries: labels and the heat of each swatch. A few colours (16-colour)
/// or shades (no colour) get one swatch each, labelled with the loss its band starts at,
/// written shorter where they would not all fit in `width`; otherwise the contour levels,
/// each in its own colour.
fn entries(shading: &Shading, theme: &Theme, width: u16) -> (Vec<String>, Vec<f64>) {
    let (scale, levels) = (&shading.scale, &shading.levels);
    // A few colours (16-colour) or shades (no colour): one swatch each, labelled with the
    // loss its band starts at. Otherwise the contour levels, each in its own colour.
    // On the 256-colour cube two nearby levels can share a colour: only the first shows.
    let (levels, heats): (Vec<f64>, Vec<f64>) = match theme.ramp_steps() {
        Some(k) => (0..k)
            .map(|i| (scale.loss(i as f64 / k as f64), (i as f64 + 0.5) / k as f64))
            .unzip(),
        None => {
            let mut seen = Vec::new();
            levels
                .iter()
                .map(|&l| (l, scale.t(l)))
                .filter(|&(_, t)| {
                    let color = theme.heat(t);
                    let new = !seen.contains(&color);
                    seen.push(color);
                    new
                })
                .unzip()
        }
    };
    let mut labels = level_labels(&levels);
    // A ramp of a few colours shows every one of them: where their labels do not fit,
    // they are written shorter (down to `5e4`).
    if theme.ramp_steps().is_some() {
        let total = |labels: &[String]| -> usize { labels.iter().map(|l| l.width() + 4).sum() };
        for most in [8, 6, 5, 4, 3] {
            if total(&labels) <= usize::from(width).saturating_sub(1) {
                break;
            }
            labels = levels
                .iter()
                .map(|&l| compact(round_significant(l, 2), most).unwrap_or_default())
                .collect();
        }
    }
    (labels, heats)
}

/// What the legend says besides the levels.
#[derive(Debug, Clone)]
pub(super) struct Notes {
    /// Said whenever the row can hold it, levels giving way (empty: nothing).
    pub always: String,
    /// Said only where every level still fits beside it (empty: nothing).
    pub arrow: String,
}

/// `■ 0.01  ■ 0.1  ■ 1 …` in `row`: the contour levels with their heat, as many as fit,
/// then where a subsampled slice came from and the notes' `always`, then their `arrow`
/// (what the gradient arrow's length means) where there is room for it.
pub(super) fn legend(
    slice: &Slice,
    shading: &Shading,
    row: Rect,
    notes: Notes,
    theme: &Theme,
    buf: &mut Buffer,
) {
    if row.is_empty() {
        return;
    }
    let (labels, heats) = entries(shading, theme, row.width);
    let subsampled = slice.is_subsampled().then(|| {
        crate::t!(
            "legend-subsampled",
            used = slice.rows_used,
            total = slice.rows_total
        )
    });
    // What must be said stays, levels giving way to it; the arrow's note goes only where
    // every level still fits beside it.
    let kept: Vec<String> = subsampled
        .into_iter()
        .chain((!notes.always.is_empty()).then_some(notes.always))
        .collect();
    let kept = (!kept.is_empty()).then(|| kept.join("  "));
    let all_levels: usize = labels.iter().map(|l| l.width() + 4).sum();
    let spare = usize::from(row.width)
        .saturating_sub(all_levels + kept.as_ref().map_or(0, |n| n.width() + 2));
    let arrow = notes.arrow;
    let fits = !arrow.is_empty() && spare > arrow.width() + 2;
    let note = match kept {
        Some(n) if fits => Some(format!("{n}  {arrow}")),
        None if fits => Some(arrow),
        other => other,
    };
    let note_width = note.as_ref().map_or(0, |n| n.width() + 1);
    let room = usize::from(row.width).saturating_sub(note_width + 1);
    // Items are "■ label" with two spaces between them; keep an even spread that fits.
    let width_of =
        |m: usize| -> usize { spread(labels.len(), m).map(|k| labels[k].width() + 4).sum() };
    // The last item's two trailing spaces may overhang the row's end, but not the note,
    // which they separate from it.
    let slack = if note.is_some() { 1 } else { 2 };
    let shown = (1..=labels.len())
        .rev()
        .find(|&m| width_of(m) <= room + slack)
        .unwrap_or(0);
    let mut x = row.x.saturating_add(1);
    for k in spread(labels.len(), shown) {
        let t = heats[k];
        let (swatch, style) = match theme.mode {
            ColorMode::Monochrome => (theme.shade(t), Style::new()),
            _ => (SWATCH, Style::new().fg(theme.heat(t))),
        };
        put(buf, row, x, row.y, swatch, style);
        put_str(
            buf,
            row,
            x.saturating_add(2),
            row.y,
            &labels[k],
            Style::new(),
        );
        x = x.saturating_add(labels[k].width() as u16 + 4);
    }
    if let Some(note) = note {
        let start = if shown > 0 {
            x
        } else {
            row.x.saturating_add(1)
        };
        put_str(buf, row, start, row.y, &note, theme.dim());
    }
}

/// `m` indices spread evenly over `0..n`, first and last included.
fn spread(n: usize, m: usize) -> impl Iterator<Item = usize> {
    (0..m.min(n)).map(move |i| {
        if m > 1 {
            (i * (n - 1) + (m - 1) / 2) / (m - 1)
        } else {
            0
        }
    })
}

/// The levels written with as few significant digits (2 to 6) as keep them apart.
fn level_labels(levels: &[f64]) -> Vec<String> {
    let write = |digits: i32| -> Vec<String> {
        levels
            .iter()
            .map(|&l| compact(round_significant(l, digits), 12).unwrap_or_default())
            .collect()
    };
    for digits in 2..6 {
        let labels = write(digits);
        if labels.windows(2).all(|p| p[0] != p[1]) {
            return labels;
        }
    }
    write(6)
}
