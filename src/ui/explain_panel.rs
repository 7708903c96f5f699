//! The explain panel: one phase of an explained update, in a bordered box.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::scroll::{ScrollText, Styled};
use super::theme::Theme;
use crate::app::{Action, key_for};
use crate::explain::{Explanation, Phase};

/// One phase of an explained update: its title, then its lines, wrapped. Formula lines
/// (`∂L/∂…`, `… ← …`, `L = …`) are picked out in the model's colour, and the lines that
/// say why the loss climbs in the danger style.
pub struct ExplainPanel<'a> {
    /// The text to show.
    pub explanation: &'a Explanation,
    /// Which phase it is, for the title.
    pub phase: Phase,
    /// Rows scrolled past.
    pub offset: usize,
    /// How to colour it.
    pub theme: &'a Theme,
}

impl ExplainPanel<'_> {
    /// ` explain 3/4: backward · e next · Esc close `, or the longest shorter form that
    /// fits whole in a panel `width` wide (a key cut in half would mislead).
    pub fn title(phase: Phase, width: u16) -> String {
        let n = phase.number();
        let name = crate::i18n::tr(&format!("phase-{}", phase.name()));
        let (next, close) = (key_for(&Action::Explain), key_for(&Action::Dismiss));
        let explain = crate::t!("explain-title", n = n, phase = name.clone());
        let forms = [
            format!(
                " {explain} · {} ",
                crate::t!("explain-next-close", next = next, close = close)
            ),
            format!(" {explain} · {} ", crate::t!("explain-next", next = next)),
            format!(" {explain} "),
            format!(" {n}/4 {name} "),
        ];
        let room = usize::from(width).saturating_sub(2);
        let fits = forms
            .iter()
            .find(|f| unicode_width::UnicodeWidthStr::width(f.as_str()) <= room);
        fits.unwrap_or(&forms[forms.len() - 1]).clone()
    }

    /// The style of line `index` of the explanation.
    fn style(&self, index: usize, text: &str) -> Style {
        let blowup = self.explanation.blowup.is_some_and(|start| index >= start);
        if blowup {
            self.theme.danger()
        } else if is_formula(text) {
            self.theme.model()
        } else {
            Style::new()
        }
    }
}

/// The lines worth picking out: a gradient, an update, the loss.
fn is_formula(text: &str) -> bool {
    text.starts_with("∂L/∂")
        || text.contains('←')
        || text.starts_with("L = ")
        || text.starts_with("new loss")
}

impl ExplainPanel<'_> {
    /// The title line, then every line of the phase, each with its style.
    pub fn text(&self) -> Vec<Styled> {
        let mut text = vec![(
            self.explanation.title.clone(),
            Style::new().add_modifier(Modifier::BOLD),
        )];
        text.extend(
            self.explanation
                .lines
                .iter()
                .enumerate()
                .map(|(i, line)| (line.clone(), self.style(i, line))),
        );
        text
    }

    /// The border of a panel `width` wide, titled with the phase.
    pub fn block(&self, width: u16) -> Block<'static> {
        Block::default()
            .borders(Borders::ALL)
            .title(Self::title(self.phase, width))
    }
}

impl Widget for ExplainPanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        Clear.render(area, buf);
        // Scrolls (PgUp/PgDn), and its border says when more is hidden.
        ScrollText {
            text: self.text(),
            block: self.block(area.width),
            offset: self.offset,
            theme: self.theme,
        }
        .render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::rows;

    #[test]
    fn a_cut_off_explanation_says_so() {
        let theme = Theme {
            mode: crate::ui::theme::ColorMode::Ansi16,
            light: false,
        };
        let long = Explanation {
            title: "t".into(),
            lines: (0..30).map(|i| format!("line {i}")).collect(),
            blowup: None,
        };
        let render = |h: u16, offset: usize| {
            let area = Rect::new(0, 0, 40, h);
            let mut buf = Buffer::empty(area);
            ExplainPanel {
                explanation: &long,
                phase: Phase::Update,
                offset,
                theme: &theme,
            }
            .render(area, &mut buf);
            rows(&buf)
        };
        let top = render(10, 0);
        assert!(top[9].contains("more ↓ PgDn"), "{top:?}");
        assert!(!render(40, 0)[39].contains("more"));
        // Scrolled to the end, the last line shows and the top border says more is above.
        let end = render(10, 99);
        assert!(end[8].contains("line 29"), "{end:?}");
        assert!(
            end[0].contains("↑ PgUp") && !end[9].contains("more"),
            "{end:?}"
        );
    }
    use crate::engine::Trainer;
    use crate::explain::explain;
    use crate::scenario::{Scenario, resolve};
    use crate::ui::theme::ColorMode;

    fn explanation(name: &str, phase: Phase) -> Explanation {
        let setup = resolve(
            &Scenario {
                preset: Some(name.into()),
                ..Default::default()
            },
            None,
        )
        .unwrap();
        let t = Trainer::new(setup.objective, setup.config, setup.start).unwrap();
        explain(
            t.objective(),
            t.config(),
            t.current(),
            t.kept()[0].loss,
            phase,
        )
    }

    fn render(e: &Explanation, phase: Phase, theme: Theme, area: Rect) -> Buffer {
        let mut buf = Buffer::empty(area);
        ExplainPanel {
            explanation: e,
            phase,
            offset: 0,
            theme: &theme,
        }
        .render(area, &mut buf);
        buf
    }

    /// The screen row holding `text`.
    fn row_of(buf: &Buffer, text: &str) -> u16 {
        let found = rows(buf).iter().position(|r| r.contains(text));
        buf.area.y
            + found.unwrap_or_else(|| panic!("{text:?} not on screen:\n{}", rows(buf).join("\n")))
                as u16
    }

    #[test]
    fn shows_the_title_and_the_lines() {
        let e = explanation("blowup", Phase::Backward);
        let buf = render(
            &e,
            Phase::Backward,
            Theme {
                mode: ColorMode::Ansi16,
                light: false,
            },
            Rect::new(0, 0, 100, 20),
        );
        let screen = rows(&buf);
        assert!(
            screen[0].contains(" explain 3/4: backward · e next · Esc close "),
            "{}",
            screen[0]
        );
        assert!(screen[1].contains("backward: the gradient ∇L by the chain rule"));
        let y = row_of(&buf, "∂L/∂w1 = mean(δ·x1) = mean(-243.9·28.1) = -6853.59");
        // A gradient line is picked out in the model's colour; a plain line is not.
        let theme = Theme {
            mode: ColorMode::Ansi16,
            light: false,
        };
        assert_eq!(buf[(1, y)].fg, theme.model().fg.unwrap());
        let plain = row_of(&buf, "then the chain rule");
        assert_eq!(buf[(1, plain)].fg, ratatui::style::Color::Reset);
    }

    #[test]
    fn long_lines_wrap_inside_the_border() {
        let e = explanation("sigmoid", Phase::Backward);
        let buf = render(
            &e,
            Phase::Backward,
            Theme {
                mode: ColorMode::Monochrome,
                light: false,
            },
            Rect::new(0, 0, 50, 30),
        );
        let screen = rows(&buf);
        // Every line keeps to the box: the right border is intact on every inner row.
        for row in &screen[1..29] {
            assert!(row.ends_with('│'), "{row:?}");
        }
        assert!(
            screen.iter().any(|r| r.contains("… 17 more)")),
            "{}",
            screen.join("\n")
        );
    }

    #[test]
    fn the_blowup_lines_are_in_the_danger_style() {
        let e = explanation("blowup", Phase::Update);
        let start = e.blowup.unwrap();
        for theme in [
            Theme {
                mode: ColorMode::Ansi16,
                light: false,
            },
            Theme {
                mode: ColorMode::Monochrome,
                light: false,
            },
        ] {
            let buf = render(&e, Phase::Update, theme, Rect::new(0, 0, 120, 24));
            assert!(rows(&buf)[0].contains(" explain 4/4: update · e next · Esc close "));
            let heading = row_of(&buf, "why it blows up:");
            let overshoot = row_of(&buf, "η is 8309× η*");
            for y in [heading, overshoot] {
                let cell = &buf[(1, y)];
                assert_eq!(cell.style().add_modifier, theme.danger().add_modifier);
                assert_eq!(cell.bg, theme.danger().bg.unwrap_or_default());
            }
            // Lines before the heading are not.
            let update_line = row_of(&buf, "w1 ← w1 − η·∂L/∂w1");
            assert!(!buf[(1, update_line)].modifier.contains(Modifier::REVERSED));
            assert!(start > 0);
        }
    }

    #[test]
    fn tiny_areas_do_not_panic() {
        let e = explanation("wiggle", Phase::Update);
        let theme = Theme {
            mode: ColorMode::Rgb,
            light: false,
        };
        for (w, h) in [(0, 0), (1, 1), (2, 2), (3, 1), (1, 5), (10, 3), (200, 2)] {
            render(&e, Phase::Update, theme, Rect::new(0, 0, w, h));
        }
        // An area reaching past the buffer is clipped to it.
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 5));
        ExplainPanel {
            explanation: &e,
            phase: Phase::Forward,
            offset: 0,
            theme: &theme,
        }
        .render(Rect::new(5, 3, 40, 40), &mut buf);
    }

    #[test]
    fn the_title_shortens_whole_words_never_cut_keys() {
        for width in 10..90u16 {
            let title = ExplainPanel::title(Phase::Backward, width);
            let room = usize::from(width).saturating_sub(2);
            assert!(
                title.chars().count() <= room || title == " 3/4 backward ",
                "{width}: {title}"
            );
            // A key is shown with its whole word or not at all.
            assert_eq!(
                title.contains("next"),
                title.contains(" e next"),
                "{width}: {title}"
            );
            assert_eq!(
                title.contains("close"),
                title.contains("Esc close"),
                "{width}: {title}"
            );
        }
        assert_eq!(
            ExplainPanel::title(Phase::Backward, 80),
            " explain 3/4: backward · e next · Esc close "
        );
        assert_eq!(
            ExplainPanel::title(Phase::Backward, 30),
            " explain 3/4: backward "
        );
    }
}
