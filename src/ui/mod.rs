//! Drawing the app. Everything here reads `&App` and never changes it.

mod caption;
pub mod explain_panel;
mod fit;
mod fit2d;
mod fit_shared;
mod help;
mod history;
mod landscape;
pub mod layout;
mod lessons;
mod pack;
mod plot;
mod predict_panel;
mod scroll;
mod sharpness;
mod status;
mod surface;
pub mod svg;
pub mod sweep_panel;
pub mod theme;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

pub use fit::fit_frame;
pub use landscape::{LandscapePanel, plot_area, samples_for};
pub use theme::{ColorMode, Theme};

use crate::app::{Action, App, DIVERGED_HINTS, NORMAL_HINTS, RACE_HINTS, hint_line, key_for};
use crate::fmt::human;
use crate::t;

/// Draws the whole screen.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame) {
    draw(app, theme, frame.area(), frame.buffer_mut());
}

/// Draws the whole screen into `buf` (what [`render`] does, for tests and benchmarks).
pub fn draw(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(p) = layout::panels(area) else {
        let msg = crate::t!(
            "too-small",
            least = format!("{}×{}", layout::MIN_WIDTH, layout::MIN_HEIGHT),
            size = format!("{}×{}", area.width, area.height)
        );
        Paragraph::new(msg)
            .wrap(Wrap { trim: true })
            .render(area, buf);
        return;
    };
    title(app, theme).render(p.title, buf);
    LandscapePanel { app, theme }.render(p.landscape, buf);
    side_column(app, theme, &p, buf);
    status::StatusPanel { app, theme }.render(p.status, buf);
    keys_hint(app, theme).render(p.keys, buf);
    if app.diverged() {
        banner(app, theme, p.landscape, buf);
    }
    if app.help_open() {
        help::HelpPanel {
            offset: app.text_scroll(),
            theme,
        }
        .render(area, buf);
    }
    if let Some(at) = app.lesson_menu() {
        lessons::LessonMenu {
            at,
            open: app.lesson_index(),
        }
        .render(area, buf);
    }
}

/// The column beside the landscape: the fit and the loss history, or explain mode, the
/// sweep, predict mode's question or the lesson's caption in their place.
fn side_column(app: &App, theme: &Theme, p: &layout::Panels, buf: &mut Buffer) {
    let side = side_panels(app, p);
    if let (Some(area), Some((phase, text))) = (side.explain, &app.explaining()) {
        explain_panel::ExplainPanel {
            explanation: text,
            phase: *phase,
            offset: app.text_scroll(),
            theme,
        }
        .render(area, buf);
    }
    if let (Some(area), Some(sweep)) = (side.sweep, &app.sweep()) {
        sweep_panel::SweepPanel {
            sweep,
            lr: app.trainer().config().lr,
            theme,
        }
        .render(area, buf);
    }
    if let (Some(area), Some(predict)) = (side.predict, app.predict()) {
        predict_panel::PredictPanel {
            predict,
            offset: app.text_scroll(),
            theme,
        }
        .render(area, buf);
    }
    if let (Some(area), Some(text)) = (side.caption, app.shown_caption()) {
        caption::CaptionPanel {
            lesson: &app.setup().name,
            caption: text,
            as_written: app.as_written(),
            translated: app.caption_translated(),
            offset: app.text_scroll(),
            theme,
        }
        .render(area, buf);
    }
    if let Some(area) = side.fit {
        fit::FitPanel { app, theme }.render(area, buf);
    }
    if let Some(area) = side.history {
        if app.show_sharpness() {
            sharpness::SharpnessPanel { app, theme }.render(area, buf);
        } else {
            history::HistoryPanel { app, theme }.render(area, buf);
        }
    }
}

/// Clears `area` for a panel drawn over the screen, and the wide (Chinese) character
/// just left of it, if one is there: its second half would cover the panel's left edge.
pub(crate) fn clear_for_overlay(area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    Clear.render(area, buf);
    if area.x == buf.area.x {
        return;
    }
    for y in area.top()..area.bottom() {
        let before = &mut buf[(area.x - 1, y)];
        if unicode_width::UnicodeWidthStr::width(before.symbol()) > 1 {
            before.set_symbol(" ");
        }
    }
}

/// The side column's scrolling text as PgUp/PgDn need it: the largest useful offset
/// and the rows of one page (one row less than the panel shows, so a page overlaps).
/// `None` when no text panel is on screen.
pub fn text_scroll_limits(app: &App, theme: &Theme, p: &layout::Panels) -> Option<(usize, usize)> {
    let side = side_panels(app, p);
    let page = |area: Rect| usize::from(area.height.saturating_sub(3)).max(1);
    if app.help_open() {
        let popup = help::HelpPanel::area(p.title.union(p.keys));
        let block = help::HelpPanel::block();
        let text = help::text(theme, block.inner(popup).width);
        return Some((scroll::overflow(&text, &block, popup), page(popup)));
    }
    if let (Some(area), Some((phase, explanation))) = (side.explain, app.explaining()) {
        let panel = explain_panel::ExplainPanel {
            explanation,
            phase,
            offset: 0,
            theme,
        };
        return Some((
            scroll::overflow(&panel.text(), &panel.block(area.width), area),
            page(area),
        ));
    }
    if let (Some(area), Some(predict)) = (side.predict, app.predict()) {
        let panel = predict_panel::PredictPanel {
            predict,
            offset: 0,
            theme,
        };
        return Some((
            scroll::overflow(&panel.text(), &panel.block(), area),
            page(area),
        ));
    }
    let (area, caption) = (side.caption?, app.shown_caption()?);
    let panel = caption::CaptionPanel {
        lesson: &app.setup().name,
        caption,
        as_written: app.as_written(),
        translated: app.caption_translated(),
        offset: 0,
        theme,
    };
    Some((
        scroll::overflow(&panel.text(), &panel.block(), area),
        page(area),
    ))
}

/// What the side column beside the landscape holds: the fit over explain mode or the
/// sweep; otherwise the fit and the loss history, with the lesson's caption under them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SidePanels {
    /// The fit panel, unless explain mode is open.
    pub fit: Option<Rect>,
    /// The loss history, unless explain mode is open.
    pub history: Option<Rect>,
    /// The lesson's caption, when shown.
    pub caption: Option<Rect>,
    /// Explain mode's panel, when open.
    pub explain: Option<Rect>,
    /// The learning-rate sweep's panel, when open.
    pub sweep: Option<Rect>,
    /// Predict mode's panel, while it is on.
    pub predict: Option<Rect>,
}

/// The side column's panels for `app` (a pure function: mouse clicks map through it too).
pub fn side_panels(app: &App, p: &layout::Panels) -> SidePanels {
    let side = p.fit.union(p.history);
    // An open question comes first: explain mode or the sweep could answer it.
    if app.predict().is_some()
        && (app.asking() || (app.explaining().is_none() && app.sweep().is_none()))
    {
        return predict_side(side);
    }
    if app.explaining().is_some() || app.sweep().is_some() {
        // The fit stays on top, so the predictions being explained (or the fit a swept
        // η gives) stay in sight; the text or the sweep takes the rest, and scrolls.
        // The sweep's plot needs rows more than the fit does: on a short terminal it
        // takes the whole column.
        let fit_share = match app.sweep() {
            Some(_) if side.height < 24 => 0,
            Some(_) => 30,
            None => 40,
        };
        let [fit, rest] = Layout::vertical([
            Constraint::Percentage(fit_share),
            Constraint::Percentage(100 - fit_share),
        ])
        .areas(side);
        let rest = Some(rest);
        return SidePanels {
            fit: Some(fit).filter(|f| f.height > 0),
            history: None,
            caption: None,
            explain: rest.filter(|_| app.explaining().is_some()),
            sweep: rest.filter(|_| app.sweep().is_some()),
            predict: None,
        };
    }
    if app.shown_caption().is_some() {
        // The caption takes the bottom of the side column; the landscape keeps its size.
        let [fit, history, words] = Layout::vertical([
            Constraint::Percentage(40),
            Constraint::Percentage(30),
            Constraint::Percentage(30),
        ])
        .areas(side);
        return SidePanels {
            fit: Some(fit),
            history: Some(history),
            caption: Some(words),
            explain: None,
            sweep: None,
            predict: None,
        };
    }
    SidePanels {
        fit: Some(p.fit),
        history: Some(p.history),
        caption: None,
        explain: None,
        sweep: None,
        predict: None,
    }
}

/// The side column in predict mode: the question takes the caption's place, which may
/// hold its answer.
fn predict_side(side: Rect) -> SidePanels {
    let [fit, history, words] = Layout::vertical([
        Constraint::Percentage(36),
        Constraint::Percentage(24),
        Constraint::Percentage(40),
    ])
    .areas(side);
    SidePanels {
        fit: Some(fit),
        history: Some(history),
        caption: None,
        explain: None,
        sweep: None,
        predict: Some(words),
    }
}

fn title<'a>(app: &App, theme: &Theme) -> Line<'a> {
    let objective = app.trainer().objective();
    let config = app.trainer().config();
    let rows = objective.data().len();
    let optimizer = if app.racing() {
        let names: Vec<&str> = app
            .racers()
            .map(|t| t.config().optimizer.kind.name())
            .collect();
        t!(
            "title-race",
            names = names.join(&format!(" {} ", t!("race-vs")))
        )
    } else {
        config.optimizer.kind.to_string()
    };
    // A penalty changes the loss itself, so it is named beside it.
    let p = objective.penalty();
    let penalty: String = [("l2", p.l2), ("l1", p.l1)]
        .iter()
        .filter(|(_, l)| *l > 0.0)
        .map(|(name, l)| format!(" + {name} {}", crate::fmt::human(*l)))
        .collect();
    // Scaled features change what the parameters mean, so the title says so.
    let scale = objective.data().scale();
    let scaled = match scale {
        crate::engine::Scale::Raw => String::new(),
        _ => format!(" · {} x", crate::report::scaled_words(scale)),
    };
    let changed = if app.as_written() {
        String::new()
    } else {
        format!(" {}", t!("title-changed"))
    };
    // A surface has no model, loss or rows: the function is all of them.
    if let Some(surface) = objective.as_surface() {
        return Line::from(vec![
            Span::styled(" downhill ", theme.marker()),
            Span::raw(format!(
                " {}{changed} · L = {surface}(x, y) · {optimizer}",
                app.setup().name
            )),
        ]);
    }
    Line::from(vec![
        Span::styled(" downhill ", theme.marker()),
        Span::raw(format!(
            " {}{changed} · {} · {}{penalty}{scaled} · {} · {}",
            app.setup().name,
            objective.model(),
            objective.loss(),
            optimizer,
            t!("title-rows", count = rows)
        )),
        // The held-out rows, beside the rows that train.
        Span::raw(match objective.test() {
            Some(test) => format!(" + {}", t!("title-test-rows", count = test.data().len())),
            None => String::new(),
        }),
    ])
}

fn keys_hint<'a>(app: &App, theme: &Theme) -> Line<'a> {
    if let Some(line) = &app.command_line() {
        let mut spans = vec![
            Span::styled(format!(":{}", line.text), theme.marker()),
            Span::raw("▏"),
        ];
        if let Some(error) = &line.error {
            spans.push(Span::styled(format!("  {error}"), theme.near()));
        } else {
            spans.push(Span::styled(
                format!(
                    "  {}",
                    crate::t!(
                        "command-hints",
                        run = key_for(&Action::CommandSubmit),
                        complete = key_for(&Action::CommandComplete),
                        cancel = key_for(&Action::CommandCancel)
                    )
                ),
                theme.dim(),
            ));
        }
        return Line::from(spans);
    }
    if app.asking() {
        let hints = crate::t!(
            "predict-hints",
            submit = key_for(&Action::AnswerSubmit),
            delete = key_for(&Action::AnswerBackspace),
            skip = key_for(&Action::AnswerCancel)
        );
        return Line::styled(format!(" {hints}"), theme.dim());
    }
    // A notice answers the last action; it gets the whole bottom line.
    if let Some(notice) = &app.notice() {
        return Line::styled(format!(" {notice}"), theme.near());
    }
    let hints = if app.diverged() {
        DIVERGED_HINTS
    } else if app.racing() {
        RACE_HINTS
    } else {
        NORMAL_HINTS
    };
    Line::styled(hint_line(hints), theme.dim())
}

/// `DIVERGED at step k — η = …, loss …` and the way out, inside the landscape's plot at
/// the top or the bottom, whichever is further from the point: the tick labels, the
/// legend and the point itself stay readable. Shorter words are used where the plot is
/// narrow.
fn banner(app: &App, theme: &Theme, landscape: Rect, buf: &mut Buffer) {
    let state = app.current();
    let rewind = key_for(&Action::RecoverFromDivergence);
    let loss = human(state.loss);
    let (step, lr) = (state.step, human(state.lr));
    let first = [
        crate::t!("banner-diverged-full", step = step, lr = lr, loss = loss),
        crate::t!("banner-diverged-loss", step = step, loss = loss),
        crate::t!("banner-diverged", step = step),
    ]
    .map(|t| format!(" {t} "));
    let second = [
        crate::t!("banner-rewind-full", key = rewind),
        crate::t!("banner-rewind", key = rewind),
    ]
    .map(|t| format!(" {t} "));
    let plot = plot_area(landscape);
    let width = usize::from(plot.width);
    let fitting = |options: &[String]| {
        options
            .iter()
            .find(|t| unicode_width::UnicodeWidthStr::width(t.as_str()) <= width)
            .unwrap_or(&options[options.len() - 1])
            .clone()
    };
    let lines = [fitting(&first), fitting(&second)];
    let here = app.last_finite().params.as_slice().expect("contiguous");
    let (x, y) = app
        .viewport()
        .plane
        .coords(here)
        .unwrap_or((f64::NAN, f64::NAN));
    let (_, row) = app.viewport().point_to_cell(plot, x, y);
    let point_above = row.is_finite() && row < f64::from(plot.height) / 2.0;
    let top = if point_above {
        plot.bottom().saturating_sub(lines.len() as u16).max(plot.y)
    } else {
        plot.y
    };
    for (k, text) in lines.into_iter().enumerate() {
        let area = Rect {
            y: top + k as u16,
            height: 1,
            ..plot
        };
        if area.y >= plot.bottom() {
            break;
        }
        Clear.render(area, buf);
        Line::styled(text, theme.danger())
            .alignment(Alignment::Center)
            .render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    use super::*;
    use crate::app::{Key, Press, action_for, update};
    use crate::scenario::LESSONS;
    use crate::testing::{deliver_screen_slice, lesson};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(40))]

        /// Whole screens after random keys, in every view (curve, surface, race, explain,
        /// sweep) and colour mode, at any size, never panic.
        #[test]
        fn any_keys_at_any_size_draw_without_panicking(
            lesson_index in 0..LESSONS.len(),
            keys in proptest::collection::vec(
                proptest::sample::select(" pb+-=3vcewmluazZf?iDRL".chars().collect::<Vec<_>>()),
                0..30,
            ),
            (w, h) in (1u16..180, 1u16..60),
            mode in proptest::sample::select(vec![
                ColorMode::Rgb,
                ColorMode::Ansi256,
                ColorMode::Ansi16,
                ColorMode::Monochrome,
            ]),
            light in any::<bool>(),
        ) {
            let mut app = lesson(LESSONS[lesson_index].name);
            let theme = Theme { mode, light };
            for c in keys {
                let press = Press { key: Key::Char(c), plain: true };
                if let Some(action) = action_for(app.key_mode(), press) {
                    update(&mut app, action);
                }
                update(&mut app, crate::app::Action::Advance(3));
            }
            let area = Rect::new(0, 0, w, h);
            if layout::panels(area).is_some() {
                deliver_screen_slice(&mut app, area, &theme);
            }
            let mut buf = Buffer::empty(area);
            draw(&app, &theme, area, &mut buf);
        }
    }
}
