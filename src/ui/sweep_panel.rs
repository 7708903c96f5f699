//! The learning-rate sweep panel: final loss against η, both on log axes.
//!
//! Finished runs are joined by a line; runs that diverged are `✕` along the top edge.
//! A dashed line `┊` marks plain GD's limit (η_crit, or the local 2/λ), `▲` on the
//! bottom edge the current η, and a highlighted column the cursor, whose run is
//! described under the plot. While runs are still arriving a gauge shows how many.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Line as Segment, Points};
use ratatui::widgets::{Block, Borders, Clear, LineGauge, Paragraph, Widget};

use super::pack::pack;
use super::plot::{AxisLabels, color_of, finite_range};
use super::theme::Theme;
use crate::app::{Action, Sweep, key_for};
use crate::engine::{Outcome, Stability};
use crate::fmt::short;
use crate::sweep::SweepRow;
use crate::t;
use unicode_width::UnicodeWidthStr;

/// Marks a run that diverged, on the top edge.
pub(super) const DIVERGED: &str = "✕";
/// The limit's dashed line.
pub(super) const LIMIT: &str = "┊";
/// Marks the current η, on the bottom edge.
pub(super) const CURRENT: &str = "▲";
/// Share of the loss range left empty above and below it.
const MARGIN: f64 = 0.05;
/// The vertical axis spans at least this many decades.
const MIN_SPAN: f64 = 0.2;

/// The sweep panel.
pub struct SweepPanel<'a> {
    /// The sweep to show.
    pub sweep: &'a Sweep,
    /// The base η now, marked on the plot.
    pub lr: f64,
    /// How to colour it.
    pub theme: &'a Theme,
}

impl SweepPanel<'_> {
    /// ` η sweep · ← → pick · Enter set η · w close `, shortened to fit.
    pub fn title(width: u16) -> String {
        let (left, right) = (
            key_for(&Action::SweepCursor(-1)),
            key_for(&Action::SweepCursor(1)),
        );
        let pick = key_for(&Action::PickSweepRate);
        let close = key_for(&Action::ToggleSweep);
        let long = format!(
            " {} ",
            t!(
                "sweep-title-long",
                left = left,
                right = right,
                pick = pick,
                close = close
            )
        );
        if long.width() + 2 <= usize::from(width) {
            long
        } else {
            let short = t!("sweep-title-short", left = left, right = right, pick = pick);
            format!(" {short} ")
        }
    }

    /// `← → pick · Enter set η · w/Esc close`: the keys, under the plot.
    fn hint() -> String {
        t!(
            "sweep-hint",
            left = key_for(&Action::SweepCursor(-1)),
            right = key_for(&Action::SweepCursor(1)),
            pick = key_for(&Action::PickSweepRate),
            close = key_for(&Action::ToggleSweep),
            esc = key_for(&Action::Dismiss)
        )
    }
}

/// `η_crit` for a quadratic loss, `2/λ` for the local sharpness.
fn limit_name(limit: &Stability) -> &'static str {
    match limit {
        Stability::Exact { .. } => "η_crit",
        Stability::Local { .. } => "2/λ",
    }
}

/// True when the run is drawn as a blowup rather than a point.
fn blew_up(row: &SweepRow) -> bool {
    row.status == Outcome::Diverged || !row.final_loss.is_finite()
}

impl Widget for SweepPanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        Clear.render(area, buf);
        let (sweep, theme) = (self.sweep, self.theme);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(SweepPanel::title(area.width));
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.is_empty() {
            return;
        }
        let total = sweep.rows.len();
        let width = usize::from(inner.width);
        let [head, cursor, legend, hint] = self.notes(inner);
        let rows = |lines: &[Line]| lines.len() as u16;
        let progress_rows = if sweep.finished() {
            rows(&pack(summary(sweep, theme, inner.width), width))
        } else {
            1
        };
        let [
            head_area,
            progress,
            plot,
            cursor_area,
            legend_area,
            hint_area,
        ] = Layout::vertical([
            Constraint::Length(rows(&head)),
            Constraint::Length(progress_rows),
            Constraint::Min(0),
            Constraint::Length(rows(&cursor)),
            Constraint::Length(rows(&legend)),
            Constraint::Length(rows(&hint)),
        ])
        .areas(inner);
        Paragraph::new(head).render(head_area, buf);
        if sweep.finished() {
            Paragraph::new(pack(summary(sweep, theme, progress.width), width))
                .render(progress, buf);
        } else {
            LineGauge::default()
                .ratio(sweep.done as f64 / total.max(1) as f64)
                .label(t!("sweep-runs", done = sweep.done, total = total))
                .filled_symbol("━")
                .filled_style(theme.model())
                .unfilled_style(theme.dim())
                .render(progress, buf);
        }
        Plot::new(sweep, self.lr).render(plot, buf, theme);
        Paragraph::new(cursor).render(cursor_area, buf);
        Paragraph::new(legend).render(legend_area, buf);
        Paragraph::new(hint).render(hint_area, buf);
    }
}

impl SweepPanel<'_> {
    /// The heading, the cursor's lines, the legend and the key hint at `inner`'s width.
    /// They wrap between items (never inside one) and the plot takes the rows left; on a
    /// short panel the heading, then the key hint (the title names the keys too) give
    /// way, so that the plot, which is the point, keeps at least four rows.
    fn notes(&self, inner: Rect) -> [Vec<Line<'static>>; 4] {
        let (sweep, theme) = (self.sweep, self.theme);
        let width = usize::from(inner.width);
        let mut head = pack(
            Line::styled(
                t!(
                    "sweep-head",
                    count = sweep.rows.len(),
                    step = sweep.from_step,
                    most = sweep.job.max_steps
                ),
                theme.dim(),
            ),
            width,
        );
        let cursor: Vec<Line> = cursor_lines(sweep)
            .into_iter()
            .flat_map(|l| pack(l, width))
            .collect();
        let legend = pack(self.legend_line(), width);
        let mut hint = pack(Line::styled(Self::hint(), theme.dim()), width);
        let plot_rows = |h: &[Line], k: &[Line]| {
            let notes = h.len() + cursor.len() + legend.len() + k.len() + 1;
            usize::from(inner.height).saturating_sub(notes)
        };
        if plot_rows(&head, &hint) < 4 {
            head.clear();
        }
        if plot_rows(&head, &hint) < 4 {
            hint.clear();
        }
        [head, cursor, legend, hint]
    }

    /// `┊ η_crit 0.00976 · ▲ η 0.0095`.
    fn legend_line(&self) -> Line<'static> {
        let (sweep, theme) = (self.sweep, self.theme);
        let limit = sweep.limit.eta_limit();
        let mut spans = Vec::new();
        if limit.is_finite() {
            spans.push(Span::styled(LIMIT, theme.near()));
            spans.push(Span::raw(format!(
                " {} {} · ",
                limit_name(&sweep.limit),
                short(limit)
            )));
        }
        spans.push(Span::styled(CURRENT, theme.marker()));
        spans.push(Span::raw(format!(" η {}", short(self.lr))));
        Line::from(spans)
    }
}

/// `✕ 14/41 diverged · best 0.507 at η 0.00603`, without `diverged` when narrower
/// than `width`.
fn summary<'a>(sweep: &Sweep, theme: &Theme, width: u16) -> Line<'a> {
    let rows: Vec<&SweepRow> = sweep.rows.iter().flatten().collect();
    let diverged = rows.iter().filter(|r| blew_up(r)).count();
    let best = rows
        .iter()
        .filter(|r| !blew_up(r))
        .min_by(|a, b| a.final_loss.total_cmp(&b.final_loss));
    let count = format!(" {diverged}/{}", rows.len());
    let best = best.map_or(String::new(), |b| {
        let best = t!("sweep-best", loss = short(b.final_loss), lr = short(b.lr));
        format!(" · {best}")
    });
    let long = format!("{count} {}{best}", t!("sweep-diverged"));
    let text = if long.width() < usize::from(width) {
        long
    } else {
        format!("{count}{best}")
    };
    Line::from(vec![
        Span::styled(DIVERGED, theme.danger()),
        Span::raw(text),
    ])
}

/// `η = 0.00603 · final loss 0.507` and how that run ended.
fn cursor_lines<'a>(sweep: &Sweep) -> Vec<Line<'a>> {
    let lr = sweep.cursor_lr();
    let style = Style::new().add_modifier(Modifier::BOLD);
    match &sweep.rows[sweep.cursor] {
        Some(row) => vec![
            Line::styled(
                t!("sweep-cursor", lr = short(lr), loss = short(row.final_loss)),
                style,
            ),
            Line::raw(t!(
                "sweep-outcome",
                outcome = crate::report::outcome_words(row.status),
                steps = row.steps
            )),
        ],
        None => vec![
            Line::styled(format!("η = {}", short(lr)), style),
            Line::raw(t!("sweep-running")),
        ],
    }
}

/// The runs on log axes.
struct Plot<'a> {
    sweep: &'a Sweep,
    /// The current η.
    lr: f64,
    /// log₁₀ η at the left and right edges.
    x: [f64; 2],
    /// log₁₀ L at the bottom and top edges.
    y: [f64; 2],
}

impl<'a> Plot<'a> {
    fn new(sweep: &'a Sweep, lr: f64) -> Self {
        let lrs = sweep.lrs();
        let (lo, hi) = (lrs[0].log10(), lrs[lrs.len() - 1].log10());
        let x = if hi > lo && (hi - lo).is_finite() {
            [lo, hi]
        } else {
            [lo - 0.5, lo + 0.5]
        };
        let finished = sweep
            .rows
            .iter()
            .flatten()
            .filter(|r| !blew_up(r))
            .map(|r| r.final_loss);
        let logs = |values: &mut dyn Iterator<Item = f64>| {
            finite_range(values.filter(|l| *l > 0.0).map(f64::log10))
        };
        // With no run finished, the lowest losses on the way still give a scale.
        let range = logs(&mut finished.clone())
            .or_else(|| logs(&mut sweep.rows.iter().flatten().map(|r| r.min_loss)));
        let y = match range {
            Some((lo, hi)) if hi - lo >= MIN_SPAN => {
                let pad = MARGIN * (hi - lo);
                [lo - pad, hi + pad]
            }
            Some((lo, hi)) => {
                let mid = (lo + hi) / 2.0;
                [mid - MIN_SPAN / 2.0, mid + MIN_SPAN / 2.0]
            }
            None => [-1.0, 1.0],
        };
        Plot { sweep, lr, x, y }
    }

    /// log₁₀ L of a finished run, with L = 0 on the bottom edge.
    fn height(&self, row: &SweepRow) -> f64 {
        if row.final_loss > 0.0 {
            row.final_loss.log10().clamp(self.y[0], self.y[1])
        } else {
            self.y[0]
        }
    }

    fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let tick = |log: f64| short(10f64.powf(log));
        let axis = t!("sweep-axis");
        let labels = AxisLabels {
            x: (tick(self.x[0]), tick(self.x[1])),
            y: vec![(1.0, tick(self.y[1])), (0.0, tick(self.y[0]))],
            x_name: Some(&axis),
        };
        if area.is_empty() {
            return;
        }
        let area = labels.render(area, buf, theme.dim());
        if area.is_empty() {
            return;
        }
        let points: Vec<(f64, f64)> = self
            .sweep
            .rows
            .iter()
            .flatten()
            .filter(|r| !blew_up(r))
            .map(|r| (r.lr.log10(), self.height(r)))
            .collect();
        let color = color_of(theme.model());
        Canvas::default()
            .marker(Marker::Braille)
            .x_bounds(self.x)
            .y_bounds(self.y)
            .paint(|ctx| {
                // Neighbouring finished runs are joined; a gap in the grid breaks the line.
                let mut prev: Option<(usize, (f64, f64))> = None;
                let mut k = 0;
                for (i, row) in self.sweep.rows.iter().enumerate() {
                    match row {
                        Some(r) if !blew_up(r) => {
                            let p = points[k];
                            k += 1;
                            if let Some((j, q)) = prev
                                && j + 1 == i
                            {
                                ctx.draw(&Segment::new(q.0, q.1, p.0, p.1, color));
                            }
                            prev = Some((i, p));
                        }
                        _ => prev = None,
                    }
                }
                ctx.draw(&Points::new(&points, color));
            })
            .render(area, buf);
        self.draw_limit(area, buf, theme);
        self.draw_marks(area, buf, theme);
    }

    /// The η limit: a dashed line through the empty cells, named near its top.
    fn draw_limit(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let blank = |buf: &Buffer, x: u16, y: u16| matches!(buf[(x, y)].symbol(), " " | "\u{2800}");
        // The limit: a dashed line through the empty cells, named near its top.
        let limit = self.sweep.limit.eta_limit();
        if limit.is_finite()
            && limit > 0.0
            && let Some(col) = self.column(area, limit)
        {
            for y in area.top()..area.bottom() {
                if blank(buf, col, y) {
                    buf[(col, y)].set_symbol(LIMIT).set_style(theme.near());
                }
            }
            let name = limit_name(&self.sweep.limit);
            let width = name.width() as u16;
            let row = area.y + u16::from(area.height >= 3);
            let x = if col + 1 + width <= area.right() {
                Some(col + 1)
            } else {
                col.checked_sub(width).filter(|&x| x >= area.x)
            };
            if let Some(x) = x {
                buf.set_stringn(x, row, name, usize::from(width), theme.near());
            }
        }
    }

    /// Runs that blew up along the top edge, the current η on the bottom edge, and the
    /// cursor's whole column highlighted.
    fn draw_marks(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        // Runs that blew up, along the top edge.
        for r in self.sweep.rows.iter().flatten().filter(|r| blew_up(r)) {
            if let Some(col) = self.column(area, r.lr) {
                buf[(col, area.y)]
                    .set_symbol(DIVERGED)
                    .set_style(theme.danger());
            }
        }
        // The current η, on the bottom edge.
        if let Some(col) = self.column(area, self.lr) {
            buf[(col, area.bottom() - 1)]
                .set_symbol(CURRENT)
                .set_style(theme.marker());
        }
        // The cursor: its whole column highlighted.
        if let Some(col) = self.column(area, self.sweep.cursor_lr()) {
            for y in area.top()..area.bottom() {
                let cell = &mut buf[(col, y)];
                if theme.has_color() {
                    cell.set_bg(Color::DarkGray);
                } else {
                    cell.modifier.insert(Modifier::REVERSED);
                }
            }
        }
    }

    /// The column of `area` the canvas puts η = `lr` in, or `None` off the plot.
    fn column(&self, area: Rect, lr: f64) -> Option<u16> {
        let f = (lr.log10() - self.x[0]) / (self.x[1] - self.x[0]);
        if !(f.is_finite() && (-1e-9..=1.0 + 1e-9).contains(&f)) || area.is_empty() {
            return None;
        }
        let dots = f64::from(area.width) * 2.0;
        let dot = (f.clamp(0.0, 1.0) * (dots - 1.0)).round() as u16;
        Some(area.x + (dot / 2).min(area.width - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, App, update};
    use crate::sweep::sweep_row;
    use crate::testing::lesson;
    use crate::testing::rows;
    use crate::ui::theme::ColorMode;

    /// `app` with its sweep open and every run computed here, in order.
    fn swept(name: &str) -> App {
        let mut app = lesson(name);
        update(&mut app, Action::ToggleSweep);
        let job = app.sweep().unwrap().job.clone();
        for (index, &lr) in job.lrs.iter().enumerate() {
            let row = sweep_row(&job.objective, &job.config, &job.start, job.max_steps, lr);
            update(
                &mut app,
                Action::SweepResult {
                    id: job.id,
                    index,
                    row,
                },
            );
        }
        app
    }

    fn draw(app: &App, mode: ColorMode, width: u16, height: u16) -> Buffer {
        let theme = Theme { mode, light: false };
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        SweepPanel {
            sweep: app.sweep().unwrap(),
            lr: app.trainer().config().lr,
            theme: &theme,
        }
        .render(area, &mut buf);
        buf
    }

    #[test]
    fn a_finished_sweep_shows_its_runs_the_limit_and_the_cursor() {
        let mut app = swept("ravine");
        // From the grid point nearest η = 0.0095 (just past η_crit) to one well below it.
        for _ in 0..5 {
            update(&mut app, Action::SweepCursor(-1));
        }
        let buf = draw(&app, ColorMode::Ansi16, 40, 26);
        let screen = rows(&buf).join("\n");
        assert!(screen.contains(" η sweep · ← → Enter "), "{screen}");
        assert!(screen.contains("41 η from step 0"), "{screen}");
        assert!(
            screen.contains("✕ 10/41 · best 0.491 at η 0.00873"),
            "{screen}"
        );
        assert!(screen.contains(DIVERGED), "{screen}");
        assert!(
            screen.contains(LIMIT) && screen.contains("η_crit"),
            "{screen}"
        );
        assert!(screen.contains("┊ η_crit 0.00976"), "{screen}");
        assert!(screen.contains(CURRENT), "{screen}");
        let s = app.sweep().unwrap();
        let line = format!("η = {}", short(s.cursor_lr()));
        assert!(screen.contains(&line), "{line} in\n{screen}");
        assert!(screen.contains("max_steps after 300 updates"), "{screen}");
        // The ✕ are in the danger style, and the cursor's column is highlighted.
        let theme = Theme {
            mode: ColorMode::Ansi16,
            light: false,
        };
        let cross = buf
            .content()
            .iter()
            .find(|c| c.symbol() == DIVERGED)
            .unwrap();
        assert_eq!(cross.bg, theme.danger().bg.unwrap());
        assert!(buf.content().iter().any(|c| c.bg == Color::DarkGray));
    }

    #[test]
    fn a_running_sweep_shows_progress() {
        let mut app = lesson("ravine");
        update(&mut app, Action::ToggleSweep);
        let job = app.sweep().unwrap().job.clone();
        for index in [40, 3, 17] {
            let row = sweep_row(
                &job.objective,
                &job.config,
                &job.start,
                job.max_steps,
                job.lrs[index],
            );
            update(
                &mut app,
                Action::SweepResult {
                    id: job.id,
                    index,
                    row,
                },
            );
        }
        let screen = rows(&draw(&app, ColorMode::Monochrome, 50, 20)).join("\n");
        assert!(screen.contains("3/41 runs ━"), "{screen}");
        // Wide enough, the summary says what ✕ means.
        let done = swept("line");
        let wide = rows(&draw(&done, ColorMode::Ansi16, 60, 20)).join("\n");
        assert!(wide.contains(" diverged · best "), "{wide}");
        assert!(screen.contains("running…"), "{screen}");
        assert!(
            screen.contains(" η sweep · ← → pick · Enter set η · w close "),
            "{screen}"
        );
    }

    #[test]
    fn odd_results_and_tiny_areas_do_not_panic() {
        let mut app = lesson("sigmoid");
        update(&mut app, Action::ToggleSweep);
        let job = app.sweep().unwrap().job.clone();
        let odd = [f64::NAN, f64::INFINITY, 0.0, -1.0, 1e-300, 1e300];
        for (index, &lr) in job.lrs.iter().enumerate() {
            let loss = odd[index % odd.len()];
            let status = if index % 4 == 0 {
                Outcome::Diverged
            } else {
                Outcome::MaxSteps
            };
            let row = Ok(SweepRow {
                lr,
                final_loss: loss,
                min_loss: loss,
                status,
                steps: index,
            });
            update(
                &mut app,
                Action::SweepResult {
                    id: job.id,
                    index,
                    row,
                },
            );
        }
        for mode in [ColorMode::Rgb, ColorMode::Monochrome] {
            for (w, h) in [
                (0, 0),
                (1, 1),
                (2, 2),
                (3, 1),
                (1, 5),
                (10, 3),
                (12, 9),
                (200, 2),
                (30, 30),
            ] {
                draw(&app, mode, w, h);
            }
        }
        // Every run blew up: no scale from finished runs at all.
        let mut b = lesson("line");
        update(&mut b, Action::ToggleSweep);
        let job = b.sweep().unwrap().job.clone();
        let row = Ok(SweepRow {
            lr: job.lrs[0],
            final_loss: f64::NAN,
            min_loss: f64::NAN,
            status: Outcome::Diverged,
            steps: 1,
        });
        update(
            &mut b,
            Action::SweepResult {
                id: job.id,
                index: 0,
                row,
            },
        );
        let screen = rows(&draw(&b, ColorMode::Ansi16, 40, 20)).join("\n");
        assert!(screen.contains(DIVERGED), "{screen}");
        // An area reaching past the buffer is clipped to it.
        let theme = Theme {
            mode: ColorMode::Ansi16,
            light: false,
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 5));
        SweepPanel {
            sweep: b.sweep().unwrap(),
            lr: f64::NAN,
            theme: &theme,
        }
        .render(Rect::new(5, 3, 40, 40), &mut buf);
    }
}
