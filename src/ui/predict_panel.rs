//! Predict mode's panel: the question and the answer being typed, or the answer beside
//! the truth once the update is taken, under the running score.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Widget};

use super::scroll::{ScrollText, Styled};
use super::theme::Theme;
use crate::app::{Predict, Stage};

/// Predict mode's state in a bordered panel.
pub struct PredictPanel<'a> {
    /// The questions, answers and score.
    pub predict: &'a Predict,
    /// Rows scrolled past (PgUp, PgDn).
    pub offset: usize,
    /// How to colour it.
    pub theme: &'a Theme,
}

impl PredictPanel<'_> {
    /// The paragraphs for the stage predict mode is in.
    pub fn text(&self) -> Vec<Styled> {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        match &self.predict.stage {
            Stage::Waiting => vec![(
                "Space asks about the next update; answer, and it is taken. g leaves predict mode."
                    .to_owned(),
                Style::new(),
            )],
            Stage::Asking {
                question,
                typed,
                error,
                ..
            } => {
                let mut text = vec![(question.text.clone(), bold)];
                let choices = question.choices();
                if choices.is_empty() {
                    text.push((format!("your answer: {typed}▏ (Enter)"), self.theme.near()));
                } else {
                    let listed: Vec<String> = (choices.iter().enumerate())
                        .map(|(k, c)| format!("{} {c}", k + 1))
                        .collect();
                    text.push((format!("press {}", listed.join(" · ")), self.theme.near()));
                }
                if let Some(why) = error {
                    text.push((why.clone(), self.theme.danger()));
                }
                text.push((
                    "Esc skips the question, taking no update".to_owned(),
                    self.theme.dim(),
                ));
                text
            }
            Stage::Revealed {
                question,
                reveal,
                verdict,
            } => {
                let (mark, style) = if verdict.right {
                    ("✓ right", self.theme.safe())
                } else {
                    ("✗ wrong", self.theme.danger())
                };
                vec![
                    (
                        format!("{mark}: you said {}", verdict.said),
                        style.add_modifier(Modifier::BOLD),
                    ),
                    (format!("the answer: {}", verdict.truth), Style::new()),
                    (reveal.detail.clone(), Style::new()),
                    (
                        format!("({}) Space: the next question", question.text),
                        self.theme.dim(),
                    ),
                ]
            }
        }
    }

    /// The border, titled with the score.
    pub fn block(&self) -> Block<'static> {
        let s = self.predict.score;
        Block::default()
            .borders(Borders::ALL)
            .title(format!(" predict · score {}/{} ", s.right, s.asked))
            .title_bottom(Line::styled(" g leaves ", self.theme.dim()))
    }
}

impl Widget for PredictPanel<'_> {
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
