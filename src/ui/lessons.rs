//! The lesson menu: every built-in lesson with its one-line description, the one the
//! arrows have reached highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::scenario::LESSONS;

/// The menu over `area`, with lesson `at` highlighted (reversed, which reads in every
/// colour mode) and `open` (the lesson on screen, if any) marked.
pub struct LessonMenu {
    /// The highlighted lesson's index in [`LESSONS`].
    pub at: usize,
    /// The open lesson's index, marked with ●.
    pub open: Option<usize>,
}

impl Widget for LessonMenu {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let name_width = LESSONS.iter().map(|l| l.name.len()).max().unwrap_or(0);
        let rows: Vec<(String, String)> = LESSONS
            .iter()
            .map(|l| (l.name.to_owned(), l.description()))
            .collect();
        let widest = rows
            .iter()
            .map(|(_, d)| name_width + 5 + d.width())
            .max()
            .unwrap_or(0);
        let width = (widest as u16 + 2).min(area.width);
        let height = (rows.len() as u16 + 2).min(area.height);
        let popup = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + (area.height - height) / 2,
            width,
            height,
        };
        super::clear_for_overlay(popup, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(format!(" {} ", crate::t!("lessons-title")));
        let inner = block.inner(popup);
        block.render(popup, buf);
        // Keep the highlighted lesson in view when the list is taller than the popup.
        let shown = usize::from(inner.height).max(1);
        let first = self.at.saturating_sub(shown - 1);
        let text_width = usize::from(inner.width);
        let lines: Vec<Line> = rows
            .iter()
            .enumerate()
            .skip(first)
            .take(shown)
            .map(|(k, (name, about))| {
                let mark = if Some(k) == self.open { "●" } else { " " };
                let text = fitted(&format!(" {mark} {name:<name_width$}  {about}"), text_width);
                let style = if k == self.at {
                    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
                } else {
                    Style::new()
                };
                Line::from(Span::styled(text, style))
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}

/// `text` cut to `width` columns, ending in … when anything was cut; a wide (Chinese)
/// character is kept whole or not at all.
fn fitted(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut kept = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        kept.push(c);
        used += w;
    }
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, update};
    use crate::testing::{lesson, row_text};
    use crate::ui::{ColorMode, Theme, draw};

    fn screen(app: &crate::app::App, width: u16, height: u16) -> Vec<String> {
        let theme = Theme {
            mode: ColorMode::Rgb,
            light: false,
        };
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        draw(app, &theme, area, &mut buf);
        (0..height).map(|y| row_text(&buf, y)).collect()
    }

    #[test]
    fn the_menu_lists_every_lesson_and_enter_opens_the_chosen_one() {
        let mut a = lesson("intro");
        update(&mut a, Action::ToggleLessons);
        let text = screen(&a, 200, 60).concat();
        for l in LESSONS {
            assert!(text.contains(&l.description()), "{} missing", l.name);
        }
        assert!(text.contains("● intro"));
        update(&mut a, Action::LessonCursor(-1));
        assert_eq!(a.lesson_menu(), Some(LESSONS.len() - 1), "wraps round");
        update(&mut a, Action::LessonCursor(2));
        update(&mut a, Action::OpenChosenLesson);
        assert_eq!(a.setup().name, LESSONS[1].name);
        assert_eq!(
            a.lesson_menu(),
            None,
            "the new lesson opens with the menu closed"
        );
    }

    #[test]
    fn at_80x24_the_highlight_stays_in_view_and_cut_text_ends_in_an_ellipsis() {
        let mut a = lesson("intro");
        update(&mut a, Action::ToggleLessons);
        update(&mut a, Action::LessonCursor(-1));
        let rows = screen(&a, 80, 24);
        let last = LESSONS[LESSONS.len() - 1].name;
        assert!(
            rows.iter().any(|r| r.contains(&format!("  {last} "))),
            "{rows:#?}"
        );
        assert!(rows.iter().any(|r| r.contains('…')), "{rows:#?}");
        update(&mut a, Action::Dismiss);
        assert_eq!(a.lesson_menu(), None);
    }
}
