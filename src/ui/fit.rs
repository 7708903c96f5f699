//! The fit panel: the data and the model's current curve.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Widget};

use super::theme::Theme;
use crate::app::App;

/// The fit panel.
pub struct FitPanel<'a> {
    /// What to show.
    pub app: &'a App,
    /// How to colour it.
    pub theme: &'a Theme,
}

impl Widget for FitPanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Block::default().borders(Borders::ALL).title(" fit ").render(area, buf);
    }
}
