//! The loss landscape panel: heatmap, contours, trail, gradient arrow, minimiser, axes.
//!
//! The panel only draws: the slice in `app.landscape()` comes from a background worker,
//! asked for exactly [`samples_for`]`(`[`plot_area`]`(panel))` samples by the event loop.
//!
//! - [`heatmap`]: log-loss colours (half blocks, or shading glyphs without colour),
//!   contour marks and the legend of contour levels;
//! - [`axes`]: tick values left of and under the plot;
//! - [`marks`]: the trail, the minimiser, the gradient arrow, the current position and
//!   the arrow on the edge when the position is out of view.

mod axes;
mod curve;
mod heatmap;
pub(super) mod marks;
mod path;
mod surface;
#[cfg(test)]
mod tests;

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::theme::{ColorMode, Theme};
use crate::app::{Action, App, key_for};
use crate::fmt::{human, short};
use crate::landscape::plane::FrameKind;
use crate::landscape::{Plane, Slice};
use crate::scenario::PlaneChoice;
use crate::t;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// What the legend says on a plane of directions, where the path only projects onto the
/// plane and its own losses are not the contour's; nothing on a plane of parameters.
fn projected_note(app: &App) -> String {
    match app.viewport().plane {
        Plane::Params(..) => String::new(),
        Plane::Along(_) => t!("legend-projected"),
    }
}

/// Columns left of the plot for vertical tick labels.
const Y_LABEL_WIDTH: u16 = 8;
/// Rows under the plot: tick labels, then the legend.
const BOTTOM_ROWS: u16 = 2;

/// The landscape panel.
pub struct LandscapePanel<'a> {
    /// What to show.
    pub app: &'a App,
    /// How to colour it.
    pub theme: &'a Theme,
}

/// The heatmap's cells inside a landscape panel of `panel` (inside the border and labels).
pub fn plot_area(panel: Rect) -> Rect {
    let inner = Block::default().borders(Borders::ALL).inner(panel);
    Rect {
        x: inner.x + Y_LABEL_WIDTH.min(inner.width),
        y: inner.y,
        width: inner.width.saturating_sub(Y_LABEL_WIDTH),
        height: inner.height.saturating_sub(BOTTOM_ROWS),
    }
}

/// Landscape samples (across, down) for a plot: two per cell vertically with half blocks,
/// one per cell when shading with glyphs.
pub fn samples_for(plot: Rect, theme: &Theme) -> (usize, usize) {
    let down = if theme.mode == ColorMode::Monochrome {
        1
    } else {
        2
    };
    (usize::from(plot.width), usize::from(plot.height) * down)
}

/// The slice to draw on `plot`, if `app.landscape()` was computed for this very view and
/// size; the flag is true when it went through an older point (a new one is on its way).
fn usable<'a>(app: &'a App, plot: Rect, theme: &Theme) -> Option<(&'a Slice, bool)> {
    let slice = app.landscape()?;
    let (w, h) = samples_for(plot, theme);
    // What the event loop asks the worker for, for this plot (one row for a curve).
    let want = app.slice_request(w, h);
    let r = &slice.request;
    let same = r.plane == want.plane
        && r.x_range == want.x_range
        && r.y_range == want.y_range
        && r.width == want.width
        && r.height == want.height
        && r.generation == want.generation
        && r.test == want.test
        && w > 0
        && h > 0
        && slice.losses.len() == want.width * want.height;
    if !same {
        return None;
    }
    let fresh = r.center.len() == want.center.len()
        && r.center
            .iter()
            .zip(&want.center)
            .all(|(a, b)| a == b || (a.is_nan() && b.is_nan()));
    Some((slice, !fresh))
}

impl Widget for LandscapePanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let (app, theme) = (self.app, self.theme);
        let plot = plot_area(area);
        let slice = usable(app, plot, theme);
        // A slice through an older point is being updated; a coarse one, refined.
        let pending = match slice {
            Some((_, true)) => Some(["updating… ", "… "]),
            Some((s, false)) if s.coarse => Some(["refining… ", "… "]),
            _ => None,
        };
        let (title, label) = titles(app, theme, area.width, pending);
        let mut block = Block::default().borders(Borders::ALL).title(title);
        if let Some(label) = label {
            block = block.title_top(Line::styled(label, theme.arrow()).alignment(Alignment::Right));
        }
        let inner = block.inner(area);
        block.render(area, buf);
        let row = plot.bottom().saturating_add(1);
        let legend_row = (row < inner.bottom()).then(|| Rect::new(inner.x, row, inner.width, 1));
        if app.curve_axis().is_some() {
            match slice {
                Some((slice, _)) => curve::draw(app, slice, plot, inner, legend_row, theme, buf),
                None => computing(app, plot, theme, buf),
            }
            return;
        }
        let shaded = slice.map(|(slice, _)| (slice, heatmap::Shading::of(slice)));
        if let Some(camera) = app.surface() {
            // The whole width: tick values mean little on a turned surface.
            let room = Rect {
                x: inner.x,
                width: inner.width,
                ..plot
            };
            match &shaded {
                Some((slice, shading)) => {
                    surface::draw(app, slice, &shading.scale, camera, room, theme, buf);
                }
                None => computing(app, plot, theme, buf),
            }
            if let (Some((slice, shading)), Some(row)) = (&shaded, legend_row) {
                let notes = heatmap::Notes {
                    always: projected_note(app),
                    arrow: String::new(),
                };
                heatmap::legend(slice, shading, row, notes, theme, buf);
            }
            return;
        }
        match &shaded {
            Some((slice, shading)) => heatmap::draw(slice, shading, plot, theme, buf),
            None => computing(app, plot, theme, buf),
        }
        axes::draw(app.viewport(), plot, inner, theme, buf);
        if let (Some((slice, shading)), Some(row)) = (&shaded, legend_row) {
            let notes = heatmap::Notes {
                always: projected_note(app),
                arrow: t!("legend-arrow"),
            };
            heatmap::legend(slice, shading, row, notes, theme, buf);
        }
        marks::draw(app, plot, theme, buf);
    }
}

/// The panel's title and the |∇| label for its right end, within `width`: the axes; the
/// lock, a slice on its way and an overshoot when they apply; then, with what room is
/// left, the values of the parameters off the axes (right after the axes' names).
fn titles<'a>(
    app: &App,
    theme: &Theme,
    width: u16,
    pending: Option<[&'static str; 2]>,
) -> (Line<'a>, Option<String>) {
    let names = app.param_names();
    // The arrow is −∇ projected on the plane; its label is the whole |∇| (free
    // parameters), the same number as the status line's, so the two never disagree.
    let norm = app.last_finite().grad_norm;
    let label = (marks::gradient_norm(app).is_some() && norm.is_finite())
        .then(|| format!(" |∇| = {} ", human(norm)));
    let heads = heads(app, &names);
    // The longest head that fits whole beside the label, so that an axis name
    // (`W1[1,2]`) is never cut.
    let label_width = label.as_ref().map_or(0, |l| l.width());
    let lock = app.view_locked().then(|| {
        format!(
            "{} ",
            t!("view-locked", key = key_for(&Action::ToggleViewLock))
        )
    });
    let fits = |h: &String, more: usize| h.width() + more + label_width + 2 <= usize::from(width);
    // The lock is said whole beside a head that fits with it, or not at all.
    let lock_width = lock.as_ref().map_or(0, |l| l.width());
    let (head, lock) = match heads.iter().find(|h| fits(h, lock_width)) {
        Some(head) => (head, lock),
        None => (
            heads
                .iter()
                .find(|h| fits(h, 0))
                .unwrap_or(&heads[heads.len() - 1]),
            None,
        ),
    };
    let mut title = vec![Span::raw(head.clone())];
    if let Some(lock) = lock {
        title.push(Span::styled(lock, theme.near()));
    }
    let room = |title: &[Span]| {
        let used: usize = title.iter().map(|s| s.content.width()).sum::<usize>()
            + label.as_ref().map_or(0, |l| l.width())
            + 2;
        usize::from(width).saturating_sub(used)
    };
    // Only what fits whole: a word cut by the border ("u") says nothing.
    if let Some(words) = pending
        .into_iter()
        .flatten()
        .find(|w| w.width() <= room(&title))
    {
        title.push(Span::styled(words, theme.dim()));
    }
    if app.landing().is_some_and(|l| l.overshoots == Some(true))
        && let Some(words) = [t!("title-overshoots-full"), t!("title-overshoots")]
            .into_iter()
            .map(|w| format!(" {w} "))
            .find(|w| w.width() <= room(&title))
    {
        title.push(Span::styled(words, theme.danger()));
    }
    if let Some(place) = slice_place(app, &names, room(&title)) {
        title.insert(1, Span::styled(place, theme.dim()));
    }
    (Line::from(title), label)
}

/// The title's first words, the fullest first: what the panel shows and on which plane.
fn heads(app: &App, names: &[String]) -> Vec<String> {
    let name = |k: usize| names.get(k).map_or("?", String::as_str);
    let plane = plane_words(app, &name);
    let kinds: &[&str] = if let Some(k) = app.curve_axis() {
        return vec![
            format!(" {} ", t!("title-curve", param = name(k))),
            format!(" L({}) ", name(k)),
        ];
    } else if app.surface().is_some() {
        &["title-surface", "title-surface-short", ""]
    } else if app.shows_test() {
        &["title-test", "title-test-short", "title-test-shortest"]
    } else {
        &["title-landscape", "title-landscape-short", ""]
    };
    let kinds: Vec<String> = kinds
        .iter()
        .map(|id| {
            if id.is_empty() {
                String::new()
            } else {
                format!("{}: ", crate::i18n::tr(id))
            }
        })
        .collect();
    // The plane's words matter more than the panel's name: drop the name first.
    let mut heads: Vec<String> = plane
        .iter()
        .flat_map(|words| kinds.iter().map(move |kind| format!(" {kind}{words} ")))
        .collect();
    if app.surface().is_some() {
        heads.insert(
            0,
            format!(" {} ", t!("title-surface-turn", plane = plane[0])),
        );
    }
    heads
}

/// The plane in words, longest first: `w × b`, `random directions (seed 3)`, `PCA plane
/// of steps 0–300, 97% of variance`.
fn plane_words<'n>(app: &App, name: &dyn Fn(usize) -> &'n str) -> Vec<String> {
    let waiting = app.plane_choice() == PlaneChoice::Pca;
    match (
        &app.viewport().plane,
        app.viewport().plane.frame().map(|f| f.kind),
    ) {
        (Plane::Params(i, j), _) => vec![format!("{} × {}", name(*i), name(*j))],
        (_, Some(FrameKind::Random { .. })) if waiting => vec![
            t!("plane-random-waiting"),
            t!("plane-random-waiting-short"),
            t!("plane-random"),
        ],
        (_, Some(FrameKind::Random { seed })) => vec![
            t!("plane-random-seed", seed = seed),
            t!("plane-random-seed-short", seed = seed),
            format!("random {seed}"),
        ],
        (_, Some(FrameKind::Pca { share, steps })) => {
            let percent = percent(share);
            vec![
                t!(
                    "plane-pca-steps",
                    from = steps.0,
                    to = steps.1,
                    percent = percent.clone()
                ),
                t!("plane-pca-variance", percent = percent.clone()),
                t!("plane-pca", percent = percent.clone()),
                format!("PCA {percent}"),
            ]
        }
        (_, None) => vec![t!("plane-plane")],
    }
}

/// A share as a whole percentage, or to one decimal near 100% (where "100%" would claim
/// the path lies wholly in the plane).
fn percent(share: f64) -> String {
    let p = 100.0 * share;
    if (99.5..100.0 - 1e-9).contains(&p) {
        format!("{:.1}%", (p * 10.0).floor() / 10.0)
    } else {
        format!("{p:.0}%")
    }
}

/// `at b = 0.21, c = 1.3 `: where the slice is taken, its off-axis parameters' values
/// (those it goes through), in at most `room` characters; `None` with two parameters.
fn slice_place(app: &App, names: &[String], room: usize) -> Option<String> {
    // A plane of directions moves every parameter: there is none held to name.
    let (i, j) = app.viewport().plane.axes()?;
    let center = &app.last_finite().params;
    // A curve holds every parameter but its own; a slice, every one off its two axes.
    let on_axes = |k: usize| k == i || (k == j && app.curve_axis().is_none());
    let held: Vec<String> = (0..center.len())
        .filter(|&k| !on_axes(k))
        .map(|k| format!("{} = {}", names[k], short(center[k])))
        .collect();
    // A slice through non-finite values is not drawn, so there is nothing to place.
    let finite = (0..center.len()).all(|k| on_axes(k) || center[k].is_finite());
    if held.is_empty() || !finite {
        return None;
    }
    let mut text = format!("{} ", t!("slice-at"));
    for (n, entry) in held.iter().enumerate() {
        let more = held.len() - n - 1;
        let tail = if more > 0 {
            format!(", {} ", t!("slice-more", count = more))
        } else {
            " ".into()
        };
        let candidate = format!("{text}{}{entry}", if n > 0 { ", " } else { "" });
        if candidate.width() + tail.width() > room {
            let rest = held.len() - n;
            return (n > 0).then(|| format!("{text}, {} ", t!("slice-more", count = rest)));
        }
        text = candidate;
    }
    text.push(' ');
    Some(text)
}

/// `computing landscape…`, dim and centred across, while there is no slice to draw: on
/// the plot's top row, or its bottom row when the point is in the upper half, away from
/// the point and its arrow.
fn computing(app: &App, plot: Rect, theme: &Theme, buf: &mut Buffer) {
    if plot.is_empty() {
        return;
    }
    let here = app
        .last_finite()
        .params
        .as_slice()
        .and_then(|p| app.viewport().plane.coords(p));
    let point_row = here.map(|(x, y)| app.viewport().point_to_cell(plot, x, y).1);
    let upper = point_row.is_some_and(|r| r < f64::from(plot.height) / 2.0);
    let offset = if upper { plot.height - 1 } else { 0 };
    let row = Rect::new(plot.x, plot.y + offset, plot.width, 1);
    Line::styled(t!("computing-landscape"), theme.dim())
        .alignment(Alignment::Center)
        .render(row, buf);
}

/// Writes `text` from (`x`, `y`) by display width, dropping whatever falls outside `clip`.
fn put_str(buf: &mut Buffer, clip: Rect, x: u16, y: u16, text: &str, style: ratatui::style::Style) {
    if y < clip.y || y >= clip.bottom() {
        return;
    }
    // Columns left of `clip` are passed a whole character at a time; from there ratatui
    // lays the text out by display width (a Chinese character takes two cells) and stops
    // before a character that would cross the right edge.
    let (mut start, mut rest) = (x, text);
    while start < clip.x {
        let Some(ch) = rest.chars().next() else {
            return;
        };
        start = start.saturating_add(ch.width().unwrap_or(0) as u16);
        rest = &rest[ch.len_utf8()..];
    }
    if start < clip.right() {
        buf.set_stringn(start, y, rest, usize::from(clip.right() - start), style);
    }
}

/// Sets one cell's glyph and patches its style, if (`x`, `y`) lies inside `clip`.
fn put(buf: &mut Buffer, clip: Rect, x: u16, y: u16, ch: char, style: ratatui::style::Style) {
    if x < clip.x || y < clip.y || x >= clip.right() || y >= clip.bottom() {
        return;
    }
    if let Some(cell) = buf.cell_mut((x, y)) {
        cell.set_char(ch).set_style(style);
    }
}
