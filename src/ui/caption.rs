//! The lesson panel: what to try and what to look for.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Widget};

use super::scroll::{ScrollText, Styled, panel_block};

use super::theme::Theme;
use crate::t;

/// A lesson's caption in a bordered panel.
pub struct CaptionPanel<'a> {
    /// The lesson's name, for the title.
    pub lesson: &'a str,
    /// The caption text.
    pub caption: &'a str,
    /// False once the model, loss, optimizer or data differ from the lesson's: the text
    /// is then marked as written for the lesson's own set-up, and dimmed.
    pub as_written: bool,
    /// False when the caption is English on a screen in another language.
    pub translated: bool,
    /// Rows scrolled past.
    pub offset: usize,
    /// How to colour it.
    pub theme: &'a Theme,
}

impl CaptionPanel<'_> {
    /// The paragraphs: the note when the set-up changed, then the caption.
    pub fn text(&self) -> Vec<Styled> {
        let mut text = Vec::new();
        if !self.as_written {
            text.push((t!("caption-other-setup"), self.theme.near()));
        }
        let style = if self.as_written {
            Style::new()
        } else {
            self.theme.dim()
        };
        text.extend(
            self.caption
                .trim()
                .lines()
                .map(|line| (line.trim().to_owned(), style)),
        );
        text
    }

    /// The border, titled with the lesson.
    pub fn block(&self) -> Block<'static> {
        let title = if self.translated {
            t!("caption-title", name = self.lesson)
        } else {
            t!("caption-untranslated", name = self.lesson)
        };
        panel_block(&title, &t!("caption-hides"), self.theme)
    }
}

impl Widget for CaptionPanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        ScrollText {
            text: self.text(),
            block: self.block(),
            offset: self.offset,
            theme: self.theme,
        }
        .render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;
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
            as_written: true,
            translated: true,
            offset: 0,
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
            as_written: false,
            translated: true,
            offset: 0,
            theme: &theme,
        }
        .render(tiny.area, &mut tiny);
    }

    #[test]
    fn a_switch_marks_the_caption_and_keeps_it_out_of_a_saved_file() {
        use crate::app::{Action, update};
        use crate::testing::{command, lesson, text};
        let draw = |app: &crate::app::App| {
            let area = Rect::new(0, 0, 200, 60);
            let mut buf = Buffer::empty(area);
            let theme = Theme {
                mode: ColorMode::Rgb,
                light: false,
            };
            crate::ui::draw(app, &theme, area, &mut buf);
            text(&buf)
        };
        let mut a = lesson("intro");
        command(&mut a, "lr 0.3");
        update(&mut a, Action::Step);
        assert!(a.as_written(), "η and steps are what the caption asks for");
        assert!(a.saved_scenario().scenario.caption.is_some());
        update(&mut a, Action::NextModel);
        assert!(!a.as_written());
        let screen = draw(&a);
        assert!(screen.contains("intro (changed) · sigmoid"), "{screen}");
        assert!(
            screen.contains("Written for the lesson's own set-up"),
            "{screen}"
        );
        assert_eq!(a.saved_scenario().scenario.caption, None);
        // A set-up the caption asks for itself holds; one it does not, does not.
        let mut xor = lesson("xor");
        command(&mut xor, "model mlp:4");
        assert!(xor.as_written());
        assert!(xor.saved_scenario().scenario.caption_also.is_some());
        command(&mut xor, "model mlp:8,8");
        assert!(!xor.as_written());
        command(&mut xor, "model mlp:4");
        command(&mut xor, "optimizer adam");
        assert!(!xor.as_written(), "a variant changes only what it names");
        // Options over the lesson count as switches when they change what the caption
        // speaks of, and not when they only change η or the steps.
        let over = |change: fn(&mut Scenario)| {
            let mut s = Scenario {
                preset: Some("line".into()),
                ..Default::default()
            };
            change(&mut s);
            crate::testing::app_for(s).as_written()
        };
        assert!(!over(|s| s.model = Some("sigmoid".into())));
        assert!(!over(|s| s.optimizer = Some("adam".into())));
        assert!(!over(|s| s.l2 = Some(1.0)));
        assert!(over(|s| s.lr = Some(0.5)));
        assert!(over(|s| s.steps = Some(7)));
        // A penalty changes the loss, and the caption's numbers with it.
        let mut line = lesson("line");
        command(&mut line, "l2 5");
        assert!(!line.as_written());
        command(&mut line, "l2 0");
        assert!(line.as_written());
        // Back to the lesson's model, loss, optimizer and data: the caption holds again.
        command(&mut a, "model linear");
        assert!(a.as_written());
        assert!(!draw(&a).contains("(changed)"));
        update(&mut a, Action::NextOptimizer);
        assert!(!a.as_written());
    }
}
