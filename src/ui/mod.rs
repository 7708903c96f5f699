//! Drawing the app. Everything here reads `&App` and never changes it.

mod caption;
mod fit;
mod history;
mod landscape;
pub mod layout;
mod status;
#[cfg(test)]
mod testing;
pub mod theme;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

pub use landscape::{LandscapePanel, plot_area, samples_for};
pub use theme::{ColorMode, Theme};

use crate::app::{App, KEY_HELP};
use crate::cli::human;

/// Draws the whole screen.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame) {
    draw(app, theme, frame.area(), frame.buffer_mut());
}

/// Draws the whole screen into `buf` (what [`render`] does, for tests and benchmarks).
pub fn draw(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(p) = layout::panels(area) else {
        let msg = format!(
            "downhill needs a terminal of at least {}×{} (this one is {}×{})",
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT,
            area.width,
            area.height
        );
        Paragraph::new(msg)
            .wrap(Wrap { trim: true })
            .render(area, buf);
        return;
    };
    title(app, theme).render(p.title, buf);
    LandscapePanel { app, theme }.render(p.landscape, buf);
    let (fit_area, history_area) = match app.shown_caption() {
        Some(text) => {
            // The caption takes the bottom of the side column; the landscape keeps its size.
            let side = p.fit.union(p.history);
            let [fit, history, words] = Layout::vertical([
                Constraint::Percentage(40),
                Constraint::Percentage(30),
                Constraint::Percentage(30),
            ])
            .areas(side);
            caption::CaptionPanel {
                lesson: &app.setup.name,
                caption: text,
                theme,
            }
            .render(words, buf);
            (fit, history)
        }
        None => (p.fit, p.history),
    };
    fit::FitPanel { app, theme }.render(fit_area, buf);
    history::HistoryPanel { app, theme }.render(history_area, buf);
    status::StatusPanel { app, theme }.render(p.status, buf);
    keys_hint(app, theme).render(p.keys, buf);
    if app.diverged() {
        banner(app, theme, p.landscape, buf);
    }
    if app.help {
        help(theme, area, buf);
    }
}

fn title<'a>(app: &App, theme: &Theme) -> Line<'a> {
    let objective = app.trainer.objective();
    let config = app.trainer.config();
    let rows = objective.data().len();
    Line::from(vec![
        Span::styled(" downhill ", theme.marker()),
        Span::raw(format!(
            " {} · {} · {} · {} · {} row{}",
            app.setup.name,
            objective.model(),
            objective.loss(),
            config.optimizer.kind,
            rows,
            if rows == 1 { "" } else { "s" }
        )),
    ])
}

fn keys_hint<'a>(app: &App, theme: &Theme) -> Line<'a> {
    if let Some(line) = &app.command {
        let mut spans = vec![
            Span::styled(format!(":{}", line.text), theme.marker()),
            Span::raw("▏"),
        ];
        if let Some(error) = &line.error {
            spans.push(Span::styled(format!("  {error}"), theme.near()));
        } else {
            spans.push(Span::styled(
                "  Enter runs · Tab completes · Esc cancels",
                theme.dim(),
            ));
        }
        return Line::from(spans);
    }
    // A notice answers the last action; it gets the whole bottom line.
    if let Some(notice) = &app.notice {
        return Line::styled(format!(" {notice}"), theme.near());
    }
    let hint = if app.diverged() {
        " u rewind & halve η · r reset · Backspace step back · ? help · q quit"
    } else {
        " Space step · p play · + - η · : command · x export · ? help · q quit"
    };
    Line::styled(hint, theme.dim())
}

/// `DIVERGED at step k — η = …, loss …` and the way out, over the bottom of the landscape
/// panel (its tick labels and legend), so the edge arrow where the trail escaped stays visible.
fn banner(app: &App, theme: &Theme, landscape: Rect, buf: &mut Buffer) {
    let state = app.current();
    let lines = [
        format!(
            " DIVERGED at step {} — η = {}, loss {} ",
            state.step,
            human(state.lr),
            human(state.loss)
        ),
        " press u: rewind to before the climb, halve η ".to_owned(),
    ];
    let inner = landscape.inner(ratatui::layout::Margin::new(1, 1));
    let top = inner
        .bottom()
        .saturating_sub(lines.len() as u16)
        .max(inner.y);
    for (k, text) in lines.into_iter().enumerate() {
        let area = Rect {
            y: top + k as u16,
            height: 1,
            ..inner
        };
        if area.y >= inner.bottom() {
            break;
        }
        Clear.render(area, buf);
        Line::styled(text, theme.danger())
            .alignment(Alignment::Center)
            .render(area, buf);
    }
}

fn help(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = 64.min(area.width);
    let height = (KEY_HELP.len() as u16 + 2).min(area.height);
    let [_, column, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(width),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [_, popup, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ])
    .areas(column);
    Clear.render(popup, buf);
    let lines: Vec<Line> = KEY_HELP
        .iter()
        .map(|(keys, what)| {
            Line::from(vec![
                Span::styled(format!(" {keys:<15}"), theme.near()),
                Span::raw(*what),
            ])
        })
        .collect();
    Paragraph::new(lines)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(" keys — ? to close "),
        )
        .render(popup, buf);
}
