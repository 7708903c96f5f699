//! The loss history panel: loss against step on a log scale.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Widget};

use super::theme::Theme;
use crate::app::App;

/// The loss history panel.
pub struct HistoryPanel<'a> {
    /// What to show.
    pub app: &'a App,
    /// How to colour it.
    pub theme: &'a Theme,
}

impl Widget for HistoryPanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Block::default().borders(Borders::ALL).title(" loss (log) ").render(area, buf);
    }
}
