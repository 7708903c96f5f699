//! The loss history panel: loss against step on a log scale.
//!
//! Every state's log₁₀ L is joined by a line; a loss that is not finite (the run blew
//! up) shoots to the top edge in the danger colour under a `▲`, and L = 0 sits on the
//! smallest positive loss shown. The current state is marked `●` (`▲` once diverged).

use crate::t;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Line as Segment, Points};
use ratatui::widgets::{Block, Borders, Widget};
use unicode_width::UnicodeWidthStr;

use super::plot::{AxisLabels, color_of, finite_range};
use super::theme::{RACER_GLYPHS, Theme};
use crate::app::App;
use crate::engine::{State, Status};
use crate::fmt::short;
use crate::fmt::{decade, human};
use crate::landscape::{signed_exp10, signed_log10};

/// Share of the loss range left empty above and below it.
const MARGIN: f64 = 0.05;

/// The vertical axis spans at least this many decades, so rounding noise stays flat.
const MIN_SPAN: f64 = 0.2;

/// Marks a loss that is not finite, at the top edge, and the current state once diverged.
pub(super) const SPIKE: &str = "▲";

/// Marks the current state.
const CURRENT: &str = "●";

/// Marks the current state's test loss.
const TEST_NOW: &str = "○";

/// The loss history panel.
pub struct HistoryPanel<'a> {
    /// What to show.
    pub app: &'a App,
    /// How to colour it.
    pub theme: &'a Theme,
}

/// Most states plotted per frame.
const SAMPLE_LIMIT: usize = 4096;

impl Widget for HistoryPanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let current = self.app.current();
        let tested = !self.app.racing() && current.test_loss.is_some();
        let signed = falls_below_zero(self.app);
        let mut block = Block::default()
            .borders(Borders::ALL)
            .title(self.title(area.width, tested, signed));
        let lowest = self.app.lowest_test().filter(|_| tested);
        if let Some(words) = lowest
            .filter(|s| s.step != current.step)
            .and_then(|low| lowest_words(low, area.width, theme))
        {
            block = block.title_bottom(words);
        }
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.is_empty() {
            return;
        }
        // One line per racer (just the one run when not racing), on shared axes.
        let mut lines: Vec<Series> = self
            .app
            .racers()
            .enumerate()
            .map(|(k, t)| Series::new(&sampled(t.kept()), Kind::Racer(k), signed))
            .collect();
        if tested {
            let kept = sampled(self.app.trainer().kept());
            lines.push(Series::new(&kept, Kind::Test, signed));
        }
        let series = Series::union(&mut lines);
        let rows = inner.height - u16::from(inner.height >= 3);
        let step = t!("history-step");
        let labels = AxisLabels {
            x: (series.x[0].to_string(), series.last_step.to_string()),
            y: series.y_labels(rows),
            x_name: Some(&step),
        };
        let plot = labels.render(inner, buf, theme.dim());
        rate_changes(self.app, &series, plot, theme, buf);
        // Later racers (and the test line) first, so the first racer's line wins the
        // cells they share.
        for line in lines.iter().rev() {
            line.render(plot, buf, theme);
        }
        if let Some(low) = lowest.filter(|s| s.step != current.step) {
            mark_lowest(&series, low, signed, plot, theme, buf);
        }
    }
}

/// Where the test loss was lowest: where early stopping would have stopped.
const LOWEST: &str = "◆";

/// True when a loss on show is below 0 (a saddle's), which log₁₀ cannot place: the
/// history is then drawn in [`signed_log10`], through 0 and on below it. (A loss of
/// exactly 0 sits on the smallest positive one, as ever.)
fn falls_below_zero(app: &App) -> bool {
    let states = app.racers().flat_map(|t| t.kept());
    states
        .flat_map(|s| [Some(s.loss), s.test_loss])
        .flatten()
        .any(|l| l.is_finite() && l < 0.0)
}

/// `◆` on the test line at the state of lowest test loss.
fn mark_lowest(
    series: &Series,
    low: &State,
    signed: bool,
    plot: Rect,
    theme: &Theme,
    buf: &mut Buffer,
) {
    let Some(loss) = low
        .test_loss
        .filter(|l| l.is_finite() && (signed || *l > 0.0))
    else {
        return;
    };
    if plot.is_empty() {
        return;
    }
    let y = if signed {
        signed_log10(loss)
    } else {
        loss.log10()
    };
    let (col, row) = series.cell(plot, low.step as f64, y);
    buf[(col, row)].set_symbol(LOWEST).set_style(
        theme
            .test_line()
            .add_modifier(ratatui::style::Modifier::BOLD),
    );
}

/// Whose loss a line shows.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// Racer `k`'s training loss (0 when not racing).
    Racer(usize),
    /// The loss on the held-out test rows.
    Test,
}

impl HistoryPanel<'_> {
    /// `loss 0.0066 · test 1.16 (log scale)`, and how the run came to rest where it fits.
    fn title(&self, width: u16, tested: bool, signed: bool) -> Line<'static> {
        let (theme, current) = (self.theme, self.app.current());
        let loss_style = if current.status == Status::Diverged || !current.loss.is_finite() {
            theme.danger()
        } else {
            Default::default()
        };
        // With the test loss beside it the title may not fit: "(log scale)" goes first,
        // then digits, never a cut number.
        let test = current.test_loss.filter(|_| tested);
        let heading = |num: fn(f64) -> String, scale: bool| {
            let mut title = Line::from(vec![
                Span::raw(format!(" {} ", t!("history-loss"))),
                Span::styled(num(current.loss), loss_style),
            ]);
            if let Some(test) = test {
                title.push_span(Span::raw(" · "));
                title.push_span(Span::styled(
                    t!("history-test", value = num(test)),
                    theme.test_line(),
                ));
            }
            title.push_span(Span::raw(match (scale, signed) {
                (false, _) => " ".to_owned(),
                (true, false) => format!(" {} ", t!("history-log")),
                (true, true) => format!(" {} ", t!("history-signed-log")),
            }));
            title
        };
        // The trailing blank may fall on the corner.
        let fits = |t: &Line| {
            let text: String = t.spans.iter().map(|s| s.content.as_ref()).collect();
            text.trim_end().width() + 2 <= usize::from(width)
        };
        let mut title = [
            (human as fn(f64) -> String, true),
            (human, false),
            (short, false),
        ]
        .into_iter()
        .map(|(num, scale)| heading(num, scale))
        .find(fits)
        .unwrap_or_else(|| heading(short, false));
        // Where the run came to rest, say how: a zero gradient is not always a minimum.
        // Only what fits on the border, never a cut word: the reason goes first.
        let room = usize::from(width.saturating_sub(2)).saturating_sub(title.width());
        let rest = match current.status {
            Status::Converged => vec![(format!("{} ", t!("history-converged")), theme.safe())],
            Status::Stalled(stall) => vec![
                (
                    format!(
                        "{} ",
                        t!(
                            "history-stalled-why",
                            why = super::status::stall_words(stall)
                        )
                    ),
                    theme.near(),
                ),
                (format!("{} ", t!("history-stalled")), theme.near()),
            ],
            Status::Running | Status::Diverged => Vec::new(),
        };
        if let Some((text, style)) = rest.into_iter().find(|(t, _)| t.trim_end().width() <= room) {
            title.push_span(Span::styled(text, style));
        }
        title
    }
}

/// `◆ lowest test 0.06 at step 612`, in the fullest words that fit whole on a border
/// `width` wide.
fn lowest_words(low: &State, width: u16, theme: &Theme) -> Option<Line<'static>> {
    let value = human(low.test_loss.unwrap_or(f64::NAN));
    let room = usize::from(width.saturating_sub(4));
    let step = low.step;
    let words = [
        t!("lowest-full", value = value, step = step),
        t!("lowest-step", step = step),
        t!("lowest-short", step = step),
    ]
    .into_iter()
    .map(|w| format!(" {w} "))
    .find(|w| w.width() + 2 <= room)?;
    Some(Line::from(vec![
        Span::styled(format!(" {LOWEST}"), theme.test_line()),
        Span::raw(words),
    ]))
}

/// The states of `history` to plot: past a few thousand, an even stride ending on the
/// current state keeps each frame's cost bounded however long the run; the start
/// anchors the step axis at 0.
fn sampled(history: &[State]) -> Vec<&State> {
    let stride = history.len().div_ceil(SAMPLE_LIMIT).max(1);
    let mut sampled: Vec<&State> = history.iter().rev().step_by(stride).rev().collect();
    if sampled.first().is_some_and(|s| s.step != history[0].step) {
        sampled.insert(0, &history[0]);
    }
    sampled
}

/// Where the base η was changed (with a key or `:lr`): a dotted line up the plot at that
/// step, and the new η at its top where there is room.
fn rate_changes(app: &App, series: &Series, plot: Rect, theme: &Theme, buf: &mut Buffer) {
    if plot.is_empty() {
        return;
    }
    let style = theme.near();
    let mut free_from = plot.x;
    for (k, after) in app.trainer().rate_changes() {
        // The change takes effect with update k, between steps k − 1 and k.
        let (col, _) = series.cell(plot, k as f64 - 0.5, series.y[1]);
        for y in plot.top()..plot.bottom() {
            let cell = &mut buf[(col, y)];
            if matches!(cell.symbol(), " " | "\u{2800}") {
                cell.set_symbol(RATE).set_style(style);
            }
        }
        // A label goes where it fits and does not run into the one before it.
        let label = format!("η {}", short(after));
        let end = col + 1 + label.width() as u16;
        if col + 1 >= free_from && end <= plot.right() {
            buf.set_string(col + 1, plot.y, label, style);
            free_from = end + 1;
        }
    }
}

/// The dotted line where η was changed.
const RATE: &str = "┊";

/// One state as plotted.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Sample {
    /// Its step.
    x: f64,
    /// log₁₀ L, or `None` when L is not finite.
    y: Option<f64>,
    /// True when the state diverged: the line into it is drawn in the danger colour.
    diverged: bool,
}

/// The whole history on log axes.
struct Series {
    /// Every state, in order.
    samples: Vec<Sample>,
    /// Horizontal bounds: first step to current step.
    x: [f64; 2],
    /// The current step.
    last_step: usize,
    /// Vertical bounds in decades, finite and increasing.
    y: [f64; 2],
    /// Whose loss it is.
    kind: Kind,
    /// True when `y` is [`signed_log10`] of the loss rather than log₁₀ of it.
    signed: bool,
}

impl Series {
    fn new(history: &[&State], kind: Kind, signed: bool) -> Series {
        let value = |s: &State| match kind {
            Kind::Racer(_) => s.loss,
            Kind::Test => s.test_loss.unwrap_or(f64::NAN),
        };
        let first = history.first().map_or(0, |s| s.step);
        let last_step = history.last().map_or(0, |s| s.step);
        // L = 0 (or below) sits on the smallest positive loss; with none, on L = 1.
        let floor = history
            .iter()
            .map(|s| value(s))
            .filter(|l| l.is_finite() && *l > 0.0)
            .fold(f64::INFINITY, f64::min);
        let floor = if floor.is_finite() { floor } else { 1.0 };
        let samples: Vec<Sample> = history
            .iter()
            .map(|s| Sample {
                x: s.step as f64,
                y: value(s).is_finite().then(|| match signed {
                    true => signed_log10(value(s)),
                    false => value(s).max(floor).log10(),
                }),
                diverged: s.status == Status::Diverged,
            })
            .collect();
        let (lo, hi) = finite_range(samples.iter().filter_map(|s| s.y)).unwrap_or((0.0, 0.0));
        let y = log_bounds(lo, hi);
        let x = [first as f64, (last_step.max(first + 1)) as f64];
        Series {
            samples,
            x,
            last_step,
            y,
            kind,
            signed,
        }
    }

    /// Puts every series on the same axes (the union of their bounds), and returns
    /// a series standing for those axes, for the labels.
    fn union(lines: &mut [Series]) -> Series {
        let fold = |f: fn(&Series) -> f64, pick: fn(f64, f64) -> f64| {
            lines.iter().map(f).reduce(pick).unwrap_or(0.0)
        };
        let x = [fold(|s| s.x[0], f64::min), fold(|s| s.x[1], f64::max)];
        let y = [fold(|s| s.y[0], f64::min), fold(|s| s.y[1], f64::max)];
        let last_step = lines.iter().map(|s| s.last_step).max().unwrap_or(0);
        for line in lines.iter_mut() {
            line.x = x;
            line.y = y;
        }
        Series {
            samples: Vec::new(),
            x,
            last_step,
            y,
            kind: Kind::Racer(0),
            signed: lines.iter().any(|l| l.signed),
        }
    }

    /// Labels up the vertical axis for a plot `rows` high: whole decades, thinned to
    /// every second row at most; the ends' values too when fewer than two decades show.
    fn y_labels(&self, rows: u16) -> Vec<(f64, String)> {
        if self.signed {
            let end = |t: f64| short(signed_exp10(t));
            return vec![(1.0, end(self.y[1])), (0.0, end(self.y[0]))];
        }
        let [lo, hi] = self.y;
        let at = |log: f64| (log - lo) / (hi - lo);
        let room = (f64::from(rows) / 2.0).floor().max(1.0);
        let step = [1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0]
            .into_iter()
            .find(|s| (hi / s).floor() - (lo / s).ceil() < room)
            .unwrap_or(1000.0);
        let first = (lo / step).ceil() as i64;
        let last = (hi / step).floor() as i64;
        let mut labels: Vec<(f64, String)> = (first..=last)
            .rev()
            .map(|m| {
                let k = m as f64 * step;
                (at(k), decade(k as i32))
            })
            .collect();
        if labels.len() < 2 {
            let end = |log: f64| {
                let v = 10f64.powf(log);
                if v.is_finite() && v > 0.0 {
                    short(v)
                } else {
                    format!("1e{}", log.round())
                }
            };
            labels.push((1.0, end(hi)));
            labels.push((0.0, end(lo)));
        }
        labels
    }

    /// Draws the line in its colour: a racer's (white for the one run), or the test
    /// loss's, which without colour is drawn in dots rather than Braille.
    fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        if area.is_empty() {
            return;
        }
        // About two points per cell column: each column's lowest and highest loss.
        let kept = thin(&self.samples, usize::from(area.width));
        let (line, marker) = match self.kind {
            Kind::Racer(k) => (color_of(theme.racer_trail(k)), Marker::Braille),
            Kind::Test if theme.has_color() => (color_of(theme.test_line()), Marker::Braille),
            Kind::Test => (Color::Reset, Marker::Dot),
        };
        let danger = theme.danger().bg.unwrap_or(Color::Reset);
        let top = self.y[1];
        let bottom = self.y[0];
        Canvas::default()
            .marker(marker)
            .x_bounds(self.x)
            .y_bounds(self.y)
            .paint(|ctx| {
                let mut prev: Option<(f64, f64)> = None;
                let mut lone = Vec::new();
                let mut red = Vec::new();
                for &i in &kept {
                    let s = self.samples[i];
                    match (prev, s.y) {
                        (Some((x0, y0)), Some(y)) if s.diverged => red.push((x0, y0, s.x, y)),
                        (Some((x0, y0)), Some(y)) => ctx.draw(&Segment::new(x0, y0, s.x, y, line)),
                        (None, Some(y)) => lone.push((s.x, y)),
                        (from, None) => {
                            let (x0, y0) = from.unwrap_or((s.x, bottom));
                            red.push((x0, y0, s.x, top));
                        }
                    }
                    prev = s.y.map(|y| (s.x, y));
                }
                ctx.draw(&Points::new(&lone, line));
                // Last, so the danger colour wins the cells it shares.
                for &(x1, y1, x2, y2) in &red {
                    ctx.draw(&Segment::new(x1, y1, x2, y2, danger));
                }
            })
            .render(area, buf);
        for s in kept
            .iter()
            .map(|&i| self.samples[i])
            .filter(|s| s.y.is_none())
        {
            let (col, _) = self.cell(area, s.x, top);
            buf[(col, area.y)]
                .set_symbol(SPIKE)
                .set_style(theme.danger());
        }
        if let Some(last) = self.samples.last() {
            let (col, row) = self.cell(area, last.x, last.y.unwrap_or(top));
            let cell = &mut buf[(col, row)];
            match self.kind {
                _ if last.diverged || last.y.is_none() => {
                    cell.set_symbol(SPIKE).set_style(theme.danger());
                }
                Kind::Racer(0) => {
                    cell.set_symbol(CURRENT).set_style(theme.marker());
                }
                Kind::Racer(k) => {
                    let glyph = RACER_GLYPHS[k % RACER_GLYPHS.len()];
                    cell.set_char(glyph).set_style(theme.racer_marker(k));
                }
                Kind::Test => {
                    cell.set_symbol(TEST_NOW).set_style(theme.test_line());
                }
            }
        }
    }

    /// The cell of `area` the canvas puts the point (x, y) in, clamped to `area`.
    fn cell(&self, area: Rect, x: f64, y: f64) -> (u16, u16) {
        let (w, h) = (f64::from(area.width) * 2.0, f64::from(area.height) * 4.0);
        let fx = ((x - self.x[0]) / (self.x[1] - self.x[0])).clamp(0.0, 1.0);
        let fy = ((self.y[1] - y) / (self.y[1] - self.y[0])).clamp(0.0, 1.0);
        let dot_x = (fx * (w - 1.0)).round() as u16;
        let dot_y = (fy * (h - 1.0)).round() as u16;
        (
            area.x + (dot_x / 2).min(area.width - 1),
            area.y + (dot_y / 4).min(area.height - 1),
        )
    }
}

/// Vertical bounds (in decades) for finite logs from `lo` to `hi`: a margin each way,
/// and never narrower than [`MIN_SPAN`].
fn log_bounds(lo: f64, hi: f64) -> [f64; 2] {
    let span = hi - lo;
    if span < MIN_SPAN {
        let mid = (lo + hi) / 2.0;
        return [mid - MIN_SPAN / 2.0, mid + MIN_SPAN / 2.0];
    }
    [lo - MARGIN * span, hi + MARGIN * span]
}

/// Indices of the samples to draw in about `buckets` runs of consecutive states: all of
/// them when there are at most two per bucket; else, per bucket, the lowest and highest
/// loss (so spikes survive), every non-finite one, and always the first and the last.
fn thin(samples: &[Sample], buckets: usize) -> Vec<usize> {
    let n = samples.len();
    let buckets = buckets.max(1);
    if n <= 2 * buckets {
        return (0..n).collect();
    }
    let mut kept = vec![0];
    for b in 0..buckets {
        let (start, end) = (b * n / buckets, (b + 1) * n / buckets);
        let mut low: Option<(usize, f64)> = None;
        let mut high: Option<(usize, f64)> = None;
        let mut bucket = Vec::new();
        for (i, s) in samples.iter().enumerate().take(end).skip(start) {
            match s.y {
                Some(y) => {
                    if low.is_none_or(|(_, l)| y < l) {
                        low = Some((i, y));
                    }
                    if high.is_none_or(|(_, h)| y > h) {
                        high = Some((i, y));
                    }
                }
                None => bucket.push(i),
            }
        }
        bucket.extend(low.map(|(i, _)| i));
        bucket.extend(high.map(|(i, _)| i));
        bucket.sort_unstable();
        kept.extend(bucket);
    }
    kept.push(n - 1);
    kept.dedup();
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, update};
    use crate::scenario::{Points as Rows, Scenario};
    use crate::testing::row_text;
    use crate::ui::theme::ColorMode;
    use proptest::prelude::*;

    use crate::testing::{app_for, command, lesson};

    fn step(app: &mut App, steps: usize) {
        for _ in 0..steps {
            update(app, Action::Step);
        }
    }

    fn draw(app: &App, mode: ColorMode, width: u16, height: u16) -> Buffer {
        let theme = Theme { mode, light: false };
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        HistoryPanel { app, theme: &theme }.render(area, &mut buf);
        buf
    }

    /// True when `cell` has the colours and modifiers of `style`.
    fn styled(cell: &ratatui::buffer::Cell, style: ratatui::style::Style) -> bool {
        cell.fg == style.fg.unwrap_or(Color::Reset)
            && cell.bg == style.bg.unwrap_or(Color::Reset)
            && cell.modifier.contains(style.add_modifier)
    }

    /// Everything inside the border.
    fn inside(buf: &Buffer) -> String {
        (1..buf.area.height.saturating_sub(1))
            .map(|y| row_text(buf, y))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_long_run_is_sampled_but_ends_on_the_current_state() {
        let mut app = lesson("intro");
        command(&mut app, "lr 1e-4");
        command(&mut app, &format!("steps {}", 3 * SAMPLE_LIMIT));
        update(&mut app, Action::Advance(3 * SAMPLE_LIMIT));
        assert_eq!(app.current().step, 3 * SAMPLE_LIMIT);
        let buf = draw(&app, ColorMode::Rgb, 40, 12);
        let text = inside(&buf);
        assert!(text.contains(&(3 * SAMPLE_LIMIT).to_string()), "{text}");
    }

    #[test]
    fn title_prints_the_current_loss_on_a_log_scale() {
        let mut app = lesson("sigmoid");
        step(&mut app, 50);
        let buf = draw(&app, ColorMode::Rgb, 40, 12);
        let expected = format!(" loss {} (log scale) ", human(app.current().loss));
        assert!(
            row_text(&buf, 0).contains(&expected),
            "{}",
            row_text(&buf, 0)
        );
        // The x axis runs from 0 to the current step.
        let bottom = row_text(&buf, 10);
        assert!(
            bottom.contains('0') && bottom.contains("50") && bottom.contains("step"),
            "{bottom}"
        );
    }

    #[test]
    fn the_line_and_the_current_marker_are_drawn() {
        let mut app = lesson("sigmoid");
        step(&mut app, 50);
        let theme = Theme {
            mode: ColorMode::Rgb,
            light: false,
        };
        let buf = draw(&app, ColorMode::Rgb, 40, 12);
        let line = color_of(theme.trail());
        let drawn = buf
            .content()
            .iter()
            .filter(|c| c.fg == line && c.symbol() != " ")
            .count();
        assert!(drawn >= 20, "{}", inside(&buf));
        let markers: Vec<_> = buf
            .content()
            .iter()
            .filter(|c| c.symbol() == CURRENT)
            .collect();
        assert_eq!(markers.len(), 1);
        assert_eq!(markers[0].style().fg, theme.marker().fg);
        // The loss falls: the line starts high on the left and the marker is low on the right.
        let (col, row) = buf
            .area
            .positions()
            .find(|&p| buf[p].symbol() == CURRENT)
            .map(|p| (p.x, p.y))
            .unwrap();
        assert_eq!(col, 38);
        let first_row = (1..11)
            .find(|&y| (1..20).any(|x| buf[(x, y)].fg == line))
            .unwrap();
        assert!(first_row + 3 < row, "{}", inside(&buf));
    }

    #[test]
    fn a_blowup_is_a_danger_coloured_spike_at_the_top() {
        let mut app = lesson("blowup");
        step(&mut app, 1);
        assert!(app.diverged());
        for mode in [ColorMode::Rgb, ColorMode::Ansi16, ColorMode::Monochrome] {
            let theme = Theme { mode, light: false };
            let buf = draw(&app, mode, 40, 12);
            let top_rows: Vec<_> = (1..3).flat_map(|y| (0..40).map(move |x| (x, y))).collect();
            assert!(
                top_rows
                    .iter()
                    .any(|&p| buf[p].symbol() == SPIKE && styled(&buf[p], theme.danger())),
                "{mode:?}\n{}",
                inside(&buf)
            );
            if theme.has_color() {
                let red = theme.danger().bg.unwrap();
                assert!(
                    buf.content()
                        .iter()
                        .any(|c| c.fg == red && c.symbol() != SPIKE && c.symbol() != " ")
                );
            }
            assert!(!inside(&buf).contains("NaN"));
            // 1.5e4 to 1e12: whole decades on the axis.
            assert!(
                inside(&buf).contains("1e12") && inside(&buf).contains("1e6"),
                "{}",
                inside(&buf)
            );
        }
    }

    #[test]
    fn a_non_finite_loss_is_a_spike_not_garbage() {
        let mut app = app_for(Scenario {
            preset: Some("sigmoid".into()),
            lr: Some(1e308),
            ..Default::default()
        });
        step(&mut app, 3);
        let last = app.current();
        assert!(app.diverged());
        let buf = draw(&app, ColorMode::Rgb, 40, 12);
        let text = inside(&buf);
        assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
        assert!(row_text(&buf, 1).contains(SPIKE), "{text}");
        if !last.loss.is_finite() {
            assert!(row_text(&buf, 0).contains(&human(last.loss)));
        }
        // A hand-made history with NaN and ∞ in the middle.
        let states: Vec<&State> = app.trainer().kept().iter().collect();
        let mut series = Series::new(&states, Kind::Racer(0), false);
        series.samples = (0..10)
            .map(|i| Sample {
                x: f64::from(i),
                y: if i == 4 { None } else { Some(-f64::from(i)) },
                diverged: false,
            })
            .collect();
        series.x = [0.0, 9.0];
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 6));
        series.render(
            Rect::new(0, 0, 20, 6),
            &mut buf,
            &Theme {
                mode: ColorMode::Rgb,
                light: false,
            },
        );
        assert!(row_text(&buf, 0).contains(SPIKE), "{}", row_text(&buf, 0));
    }

    #[test]
    fn zero_and_equal_losses_and_one_state_render() {
        // An exact fit from the start: L = 0 at every step.
        let mut app = app_for(Scenario {
            points: Some(Rows {
                columns: vec!["x".into(), "y".into()],
                rows: vec![vec![0.0, 0.0], vec![1.0, 1.0]],
            }),
            model: Some("linear".into()),
            init: Some("w=1,b=0".into()),
            tolerance: Some(0.0),
            ..Default::default()
        });
        let buf = draw(&app, ColorMode::Rgb, 30, 8);
        assert!(row_text(&buf, 0).contains(" loss 0 (log scale) "));
        assert_eq!(
            buf.content()
                .iter()
                .filter(|c| c.symbol() == CURRENT)
                .count(),
            1
        );
        step(&mut app, 5);
        let buf = draw(&app, ColorMode::Rgb, 30, 8);
        assert!(
            !inside(&buf).contains("NaN") && !inside(&buf).contains("inf"),
            "{}",
            inside(&buf)
        );
        // One state of an ordinary lesson.
        let buf = draw(&lesson("intro"), ColorMode::Rgb, 30, 8);
        assert_eq!(
            buf.content()
                .iter()
                .filter(|c| c.symbol() == CURRENT)
                .count(),
            1
        );
    }

    #[test]
    fn huge_losses_keep_finite_axes() {
        let mut app = app_for(Scenario {
            points: Some(Rows {
                columns: vec!["x".into(), "y".into()],
                rows: vec![vec![0.0, 1e150], vec![1.0, 1e150]],
            }),
            model: Some("linear".into()),
            init: Some("w=0,b=0".into()),
            lr: Some(1e-6),
            ..Default::default()
        });
        step(&mut app, 3);
        assert!(app.current().loss > 1e299);
        let buf = draw(&app, ColorMode::Rgb, 30, 8);
        let text = inside(&buf);
        assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
        assert!(text.contains("1e300"), "{text}");
    }

    #[test]
    fn thinning_keeps_the_spikes_and_both_ends() {
        let samples: Vec<Sample> = (0..10_000)
            .map(|i| Sample {
                x: f64::from(i),
                y: match i {
                    5_001 => Some(12.0),
                    7_777 => None,
                    _ => Some(-f64::from(i) * 1e-4),
                },
                diverged: false,
            })
            .collect();
        let kept = thin(&samples, 60);
        assert!(kept.len() <= 3 * 60 + 3, "{}", kept.len());
        assert!(kept.contains(&5_001) && kept.contains(&7_777));
        assert_eq!((kept[0], *kept.last().unwrap()), (0, 9_999));
        assert!(kept.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(thin(&samples[..50], 60).len(), 50);
    }

    #[test]
    fn the_axis_is_labelled_at_whole_decades() {
        let [a, b] = log_bounds(-0.7, -0.7);
        assert!(a < -0.7 && b > -0.7);
        assert_eq!(log_bounds(4.0, 12.0), [3.6, 12.4]);
        assert_eq!(decade(-3), "0.001");
        assert_eq!(decade(0), "1");
        assert_eq!(decade(12), "1e12");
        assert_eq!(decade(-5), "1e-5");
        let series = |y: [f64; 2]| Series {
            samples: Vec::new(),
            x: [0.0, 1.0],
            last_step: 1,
            y,
            kind: Kind::Racer(0),
            signed: false,
        };
        let texts =
            |labels: Vec<(f64, String)>| labels.into_iter().map(|(_, t)| t).collect::<Vec<_>>();
        // Eight rows: at most four labels, so every third decade.
        assert_eq!(
            texts(series([3.6, 12.4]).y_labels(8)),
            ["1e12", "1e9", "1e6"]
        );
        assert_eq!(texts(series([-2.2, 0.3]).y_labels(8)), ["1", "0.1", "0.01"]);
        // One decade inside: the ends' values as well.
        assert_eq!(
            texts(series([-0.5, 0.5]).y_labels(8)),
            ["1", "3.16", "0.316"]
        );
        assert_eq!(texts(series([-0.7, -0.1]).y_labels(8)), ["0.794", "0.2"]);
        // The whole range of f64 still has finite labels.
        let wide = texts(series([-330.0, 310.0]).y_labels(8));
        assert!(
            wide.len() >= 2 && wide.iter().all(|t| !t.contains("inf")),
            "{wide:?}"
        );
        assert!(
            texts(series([307.0, 308.5]).y_labels(8))
                .iter()
                .all(|t| !t.contains("inf"))
        );
    }

    #[test]
    fn long_histories_render() {
        let mut app = lesson("sigmoid");
        step(&mut app, 500);
        let buf = draw(&app, ColorMode::Rgb, 30, 8);
        assert!(row_text(&buf, 6).contains("500"), "{}", row_text(&buf, 6));
        assert_eq!(
            buf.content()
                .iter()
                .filter(|c| c.symbol() == CURRENT)
                .count(),
            1
        );
    }

    #[test]
    fn monochrome_has_no_colour() {
        for (name, steps) in [("sigmoid", 20), ("blowup", 1)] {
            let mut app = lesson(name);
            step(&mut app, steps);
            let buf = draw(&app, ColorMode::Monochrome, 40, 12);
            for cell in buf.content() {
                assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{name}");
            }
        }
    }

    #[test]
    fn tiny_areas_do_not_panic() {
        let mut app = lesson("blowup");
        step(&mut app, 1);
        let fresh = lesson("sigmoid");
        for (w, h) in [
            (0, 0),
            (1, 1),
            (2, 2),
            (3, 3),
            (3, 1),
            (1, 3),
            (4, 4),
            (12, 3),
            (5, 40),
            (40, 3),
        ] {
            for a in [&app, &fresh] {
                draw(a, ColorMode::Rgb, w, h);
                draw(a, ColorMode::Monochrome, w, h);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        /// Rendering never panics, whatever the area, lesson, progress or colours.
        #[test]
        fn rendering_never_panics(
            lesson_index in 0..crate::scenario::LESSONS.len(),
            steps in 0..40usize,
            x in 0..5u16,
            y in 0..5u16,
            width in 0..60u16,
            height in 0..20u16,
            mode in prop::sample::select(vec![ColorMode::Rgb, ColorMode::Ansi16, ColorMode::Monochrome]),
            huge_lr in any::<bool>(),
        ) {
            let name = crate::scenario::LESSONS[lesson_index].name;
            let mut app = app_for(Scenario {
                preset: Some(name.into()),
                lr: huge_lr.then_some(1e300),
                ..Default::default()
            });
            step(&mut app, steps);
            let theme = Theme { mode, light: false, };
            let mut buf = Buffer::empty(Rect::new(0, 0, 70, 30));
            HistoryPanel { app: &app, theme: &theme }.render(Rect::new(x, y, width, height), &mut buf);
        }
    }

    #[test]
    fn a_race_draws_one_line_per_racer_in_its_colour() {
        let mut app = lesson("intro");
        update(&mut app, Action::ToggleRace);
        step(&mut app, 15);
        let theme = Theme {
            mode: ColorMode::Ansi16,
            light: false,
        };
        let buf = draw(&app, ColorMode::Ansi16, 40, 12);
        let area = buf.area;
        let all: Vec<_> = (area.y..area.bottom())
            .flat_map(|y| (area.x..area.right()).map(move |x| (x, y)))
            .collect();
        for (k, racer_glyph) in RACER_GLYPHS.iter().enumerate().take(3) {
            let color = color_of(theme.racer_trail(k));
            let dots = all
                .iter()
                .filter(|&&p| {
                    buf[p].fg == color
                        && buf[p]
                            .symbol()
                            .chars()
                            .all(|c| ('\u{2800}'..='\u{28ff}').contains(&c))
                })
                .count();
            assert!(dots > 3, "racer {k}'s line: {dots} cells");
            let glyph = if k == 0 {
                CURRENT.to_owned()
            } else {
                racer_glyph.to_string()
            };
            assert!(
                all.iter()
                    .any(|&p| buf[p].symbol() == glyph
                        && buf[p].fg == theme.racer_marker(k).fg.unwrap()),
                "racer {k}'s current marker"
            );
        }
        // A racer that blew up shoots to the top as a spike; the others go on.
        let mut blown = lesson("ravine-blowup");
        blown
            .open_race(&[
                crate::engine::OptimizerKind::Momentum,
                crate::engine::OptimizerKind::Gd,
            ])
            .unwrap();
        step(&mut blown, 200);
        let buf = draw(&blown, ColorMode::Ansi16, 40, 12);
        assert!(inside(&buf).contains(SPIKE), "{}", inside(&buf));
        assert!(inside(&buf).contains(CURRENT), "{}", inside(&buf));
    }

    #[test]
    fn a_changed_learning_rate_is_marked_where_it_took_effect() {
        let mut app = lesson("intro");
        step(&mut app, 3);
        update(&mut app, Action::ScaleLearningRate(2.0));
        step(&mut app, 3);
        let buf = draw(&app, ColorMode::Ansi16, 40, 12);
        let text = inside(&buf);
        assert!(text.contains("η 0.2"), "{text}");
        assert!(
            text.matches('┊').count() > 3,
            "a dotted line up the plot\n{text}"
        );
        // A schedule changes η every update, but not the base η: no marks.
        let mut cosine = app_for(Scenario {
            preset: Some("intro".into()),
            schedule: Some("cosine:20".into()),
            ..Default::default()
        });
        step(&mut cosine, 6);
        let text = inside(&draw(&cosine, ColorMode::Ansi16, 40, 12));
        assert!(!text.contains('┊') && !text.contains("η "), "{text}");
    }

    #[test]
    fn the_title_says_how_the_run_came_to_rest() {
        let screen = |app: &crate::app::App| {
            let area = Rect::new(0, 0, 120, 36);
            let mut buf = Buffer::empty(area);
            let theme = Theme {
                mode: ColorMode::Rgb,
                light: false,
            };
            crate::ui::draw(app, &theme, area, &mut buf);
            crate::testing::text(&buf)
        };
        let mut dead = crate::testing::lesson("relu");
        crate::testing::command(&mut dead, "set w=0.2 b=-1");
        assert!(screen(&dead).contains("(log scale) stalled: dead units"));
        let mut line = crate::testing::lesson("line");
        crate::testing::command(&mut line, "steps 200");
        for _ in 0..10 {
            update(&mut line, Action::Advance(50));
        }
        let text = screen(&line);
        assert!(text.contains("(log scale) converged"), "{text}");
    }
}
