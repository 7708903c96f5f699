//! The loss landscape panel: heatmap, contours, trail, gradient arrow, minimiser, axes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Widget};

use super::theme::{ColorMode, Theme};
use crate::app::App;

/// Columns left of the plot for vertical tick labels.
const Y_LABEL_WIDTH: u16 = 8;
/// Rows under the plot: tick labels, then the legend.
const BOTTOM_ROWS: u16 = 2;

/// The landscape panel.
pub struct LandscapePanel<'a> {
    /// What to show.
    pub app: &'a App,
    /// How to colour it.
    pub theme: &'a Theme,
}

/// The heatmap's cells inside a landscape panel of `panel` (inside the border and labels).
pub fn plot_area(panel: Rect) -> Rect {
    let inner = Block::default().borders(Borders::ALL).inner(panel);
    Rect {
        x: inner.x + Y_LABEL_WIDTH.min(inner.width),
        y: inner.y,
        width: inner.width.saturating_sub(Y_LABEL_WIDTH),
        height: inner.height.saturating_sub(BOTTOM_ROWS),
    }
}

/// Landscape samples (across, down) for a plot: two per cell vertically with half blocks,
/// one per cell when shading with glyphs.
pub fn samples_for(plot: Rect, theme: &Theme) -> (usize, usize) {
    let down = if theme.mode == ColorMode::Monochrome { 1 } else { 2 };
    (usize::from(plot.width), usize::from(plot.height) * down)
}

impl Widget for LandscapePanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let names = self.app.param_names();
        let (i, j) = self.app.view.axes;
        Block::default()
            .borders(Borders::ALL)
            .title(format!(" loss landscape: {} × {} ", names[i], names[j]))
            .render(area, buf);
    }
}
