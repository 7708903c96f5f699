//! Predict mode's panel: the question and the answer being typed, or the answer beside
//! the truth once the update is taken, under the running score.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Widget};

use super::scroll::{ScrollText, Styled, panel_block};
use super::theme::Theme;
use crate::app::{Predict, Stage};
use crate::t;

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
            Stage::Waiting => vec![(t!("predict-waiting"), Style::new())],
            Stage::Asking {
                question,
                typed,
                error,
                ..
            } => {
                let mut text = vec![(question.text.clone(), bold)];
                let choices = question.choices();
                if choices.is_empty() {
                    text.push((t!("predict-your-answer", typed = typed), self.theme.near()));
                } else {
                    let listed: Vec<String> = (choices.iter().enumerate())
                        .map(|(k, c)| t!("predict-choice", n = k + 1, choice = c))
                        .collect();
                    text.push((
                        t!("predict-press", choices = listed.join(" · ")),
                        self.theme.near(),
                    ));
                }
                if let Some(why) = error {
                    text.push((why.clone(), self.theme.danger()));
                }
                text.push((t!("predict-skip"), self.theme.dim()));
                text
            }
            Stage::Revealed {
                question,
                reveal,
                verdict,
            } => {
                let (said, style) = if verdict.right {
                    (t!("predict-right", said = verdict.said), self.theme.safe())
                } else {
                    (
                        t!("predict-wrong", said = verdict.said),
                        self.theme.danger(),
                    )
                };
                vec![
                    (said, style.add_modifier(Modifier::BOLD)),
                    (t!("predict-truth", truth = verdict.truth), Style::new()),
                    (reveal.detail.clone(), Style::new()),
                    (
                        t!("predict-next", question = question.text),
                        self.theme.dim(),
                    ),
                ]
            }
        }
    }

    /// The border, titled with the score.
    pub fn block(&self) -> Block<'static> {
        let s = self.predict.score;
        let title = t!("predict-title", right = s.right, asked = s.asked);
        panel_block(&title, &t!("predict-leaves"), self.theme)
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
