//! The panel that stands for the fit on a surface: there is no data, so it gives the
//! function, its minima, and which one the point is nearest.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::theme::Theme;
use crate::app::App;
use crate::engine::Surface;
use crate::fmt::short;

/// The function, its minima and the nearest one.
pub struct SurfacePanel<'a> {
    /// What to show.
    pub app: &'a App,
    /// The surface trained on.
    pub surface: Surface,
    /// How to colour it.
    pub theme: &'a Theme,
}

impl Widget for SurfacePanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.surface;
        let here = &self.app.last_finite().params;
        let point = |[x, y]: [f64; 2]| format!("({}, {})", short(x), short(y));
        let minima = s.minima();
        let mut lines = vec![Line::raw(format!("f(x, y) = {}", s.formula()))];
        lines.push(match minima.len() {
            0 => Line::styled(crate::t!("surface-no-minimum"), self.theme.near()),
            1 => Line::raw(crate::t!("surface-minimum", at = point(minima[0]))),
            n => Line::raw(crate::t!(
                "surface-minima",
                count = n,
                at = minima
                    .iter()
                    .map(|&m| point(m))
                    .collect::<Vec<_>>()
                    .join(" ")
            )),
        });
        let nearest = minima
            .iter()
            .map(|m| (m, (here[0] - m[0]).hypot(here[1] - m[1])))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((&m, distance)) = nearest {
            lines.push(Line::from(vec![
                Span::raw(format!("{} ", crate::t!("surface-nearest"))),
                Span::styled(point(m), self.theme.minimum()),
                Span::raw(crate::t!("surface-away", distance = short(distance))),
            ]));
        }
        // The fullest title that fits whole.
        let title = [
            format!(" {} ", crate::t!("surface-title", surface = s)),
            format!(" {s} "),
        ]
        .into_iter()
        .find(|t| unicode_width::UnicodeWidthStr::width(t.as_str()) + 2 <= usize::from(area.width))
        .unwrap_or_default();
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::default().borders(Borders::ALL).title(title))
            .render(area, buf);
    }
}
