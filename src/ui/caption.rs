//! The lesson panel: what to try and what to look for.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::theme::Theme;

/// A lesson's caption in a bordered panel.
pub struct CaptionPanel<'a> {
    /// The lesson's name, for the title.
    pub lesson: &'a str,
    /// The caption text.
    pub caption: &'a str,
    /// How to colour it.
    pub theme: &'a Theme,
}

impl Widget for CaptionPanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let block = Block::default()
            .borders(Borders::ALL)
            .title(format!(" lesson: {} ", self.lesson))
            .title_bottom(ratatui::text::Line::styled(" i hides ", self.theme.dim()));
        Paragraph::new(self.caption.trim())
            .wrap(Wrap { trim: true })
            .block(block)
            .render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::theme::ColorMode;

    #[test]
    fn shows_the_lesson_and_wraps_its_caption() {
        let theme = Theme {
            mode: ColorMode::Ansi16,
            light: false,
        };
        let area = Rect::new(0, 0, 24, 6);
        let mut buf = Buffer::empty(area);
        let panel = CaptionPanel {
            lesson: "line",
            caption: "\nPress Space to take one update.\n",
            theme: &theme,
        };
        panel.render(area, &mut buf);
        let row = |y: u16| {
            (0..area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        };
        assert!(row(0).contains("lesson: line"));
        assert!(row(1).contains("Press Space to take"), "{}", row(1));
        assert!(row(2).contains("one update."), "{}", row(2));
        assert!(row(5).contains("i hides"));
        let mut tiny = Buffer::empty(Rect::new(0, 0, 2, 1));
        CaptionPanel {
            lesson: "x",
            caption: "y",
            theme: &theme,
        }
        .render(tiny.area, &mut tiny);
    }
}
