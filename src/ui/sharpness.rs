//! The sharpness view of the history panel: λmax over the steps against the 2/η line.
//!
//! Plain gradient descent is stable near a point while λmax < 2/η; watching λmax climb
//! towards the line is watching a blowup coming.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Line as Segment, Points};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::theme::Theme;
use crate::app::App;
use crate::engine::Stability;
use crate::fmt::human;

/// λmax against step, with the 2/η line.
pub struct SharpnessPanel<'a> {
    /// What to show.
    pub app: &'a App,
    /// How to colour it.
    pub theme: &'a Theme,
}

impl Widget for SharpnessPanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        let lr = app.trainer().config().next_lr(app.current().step);
        let limit = 2.0 / lr;
        let block = Block::default()
            .borders(Borders::ALL)
            .title(title(app, theme, limit));
        let inner = block.inner(area);
        block.render(area, buf);
        let points: Vec<(f64, f64)> = app
            .sharpness_trace()
            .iter()
            .filter(|(_, l)| l.is_finite())
            .map(|&(s, l)| (s as f64, l))
            .collect();
        if inner.is_empty() {
            return;
        }
        if points.is_empty() {
            Paragraph::new(Line::styled(crate::t!("sharpness-none-yet"), theme.dim()))
                .render(inner, buf);
            return;
        }
        let last_step = app.current().step.max(1) as f64;
        let top = points
            .iter()
            .map(|p| p.1)
            .fold(if limit.is_finite() { limit } else { 0.0 }, f64::max);
        let top = if top > 0.0 { top * 1.1 } else { 1.0 };
        let bottom = points.iter().map(|p| p.1).fold(0.0_f64, f64::min);
        let line_color = super::plot::color_of(theme.dim());
        let trace_color = super::plot::color_of(theme.model());
        let marker = if theme.has_color() {
            Marker::Braille
        } else {
            Marker::Dot
        };
        Canvas::default()
            .marker(marker)
            .x_bounds([0.0, last_step])
            .y_bounds([bottom, top])
            .paint(|ctx| {
                if limit.is_finite() {
                    // Dashed: every other stretch of the 2/η level.
                    let dashes = 24;
                    for k in (0..dashes).step_by(2) {
                        let (a, b) = (k as f64 / dashes as f64, (k + 1) as f64 / dashes as f64);
                        ctx.draw(&Segment::new(
                            a * last_step,
                            limit,
                            b * last_step,
                            limit,
                            line_color,
                        ));
                    }
                }
                for pair in points.windows(2) {
                    let ((x1, y1), (x2, y2)) = (pair[0], pair[1]);
                    ctx.draw(&Segment::new(x1, y1, x2, y2, trace_color));
                }
                ctx.draw(&Points::new(&points, trace_color));
            })
            .render(inner, buf);
        if limit.is_finite() && inner.width > 6 {
            // Label the line at its height, on the right.
            let row = inner.y
                + ((1.0 - (limit - bottom) / (top - bottom)) * f64::from(inner.height - 1)).round()
                    as u16;
            let row = row.clamp(inner.y, inner.bottom() - 1);
            buf.set_stringn(inner.right() - 4, row, "2/η", 4, theme.dim());
        }
    }
}

/// ` λmax 12.3 · 2/η = 20 · s: loss `: λmax coloured by which side of 2/η it is.
fn title<'a>(app: &App, theme: &Theme, limit: f64) -> Line<'a> {
    let kind = match app.stability() {
        Stability::Exact { .. } => "λmax".to_owned(),
        Stability::Local { .. } => crate::t!("sharpness-local"),
    };
    let lambda = app.stability().lambda_max();
    let style = if lambda > limit {
        theme.danger()
    } else {
        theme.safe()
    };
    Line::from(vec![
        Span::raw(format!(" {kind} ")),
        Span::styled(human(lambda), style),
        Span::raw(format!(
            " · 2/η = {} · {} ",
            human(limit),
            crate::t!("sharpness-back")
        )),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, update};
    use crate::testing::lesson;
    use crate::ui::theme::ColorMode;

    fn text(app: &App, w: u16, h: u16) -> String {
        let theme = Theme {
            mode: ColorMode::Ansi16,
            light: false,
        };
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        SharpnessPanel { app, theme: &theme }.render(area, &mut buf);
        (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_trace_follows_the_steps_and_the_line_sits_at_two_over_eta() {
        let mut a = lesson("sigmoid");
        for _ in 0..5 {
            update(&mut a, Action::Step);
        }
        assert_eq!(
            a.sharpness_trace().iter().map(|p| p.0).collect::<Vec<_>>(),
            [0, 1, 2, 3, 4, 5]
        );
        let shown = text(&a, 40, 10);
        assert!(shown.contains("local λmax"), "{shown}");
        assert!(shown.contains("2/η = 10"), "{shown}");
        assert!(shown.contains("2/η"), "{shown}");
        update(&mut a, Action::StepBack);
        update(&mut a, Action::StepBack);
        assert_eq!(
            a.sharpness_trace().last().unwrap().0,
            3,
            "undone steps leave the trace"
        );
    }

    #[test]
    fn quadratic_losses_show_the_exact_value_and_tiny_areas_do_not_panic() {
        let mut a = lesson("blowup");
        update(&mut a, Action::Step);
        let shown = text(&a, 50, 8);
        assert!(shown.contains("λmax 8309.22"), "{shown}");
        for (w, h) in [(0, 0), (3, 2), (8, 3)] {
            text(&a, w, h);
        }
    }
}
