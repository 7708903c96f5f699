//! The help: a reference of every key (from the one key table) and of every symbol on
//! screen, as wide as the screen allows, scrolling where it is taller.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::fit::{BATCH, DATA, HINGE, TEST};
use super::fit2d::{BOUNDARY, CLASS_ONE, CLASS_ZERO, TEST_ROW, WRONG};
use super::history::SPIKE;
use super::landscape::marks::{GHOST, GLOBAL_MINIMUM, LOWEST_TEST, MARKER, MINIMUM, SHAFT, START};
use super::scroll::{ScrollText, Styled};
use super::sweep_panel::{CURRENT, DIVERGED, LIMIT};
use super::theme::Theme;
use crate::app::{Action, BINDINGS, key_for};

/// Width of the column that names a key or a symbol.
const NAME: usize = 12;

/// Every symbol the screen draws, and what it means.
fn symbols() -> Vec<(String, &'static str)> {
    let arrow = format!("{SHAFT}{SHAFT}↘");
    vec![
        (
            MARKER.to_string(),
            "the current parameters (a race gives each racer its own shape)",
        ),
        (START.to_string(), "where the run started"),
        (
            "⠤⠒⠉".to_owned(),
            "the path taken, one line between successive updates; the last few brighter",
        ),
        (
            arrow,
            "−∇L, the way downhill; its length grows with log |∇L| (1e-3 to 1e4)",
        ),
        (
            GHOST.to_string(),
            "where the next update will land; red when it goes past the lowest point along −∇L (an overshoot)",
        ),
        (
            MINIMUM.to_string(),
            "the exact minimum of the slice drawn (quadratic losses)",
        ),
        (
            GLOBAL_MINIMUM.to_string(),
            "the exact minimum over every parameter, where it is not the slice's",
        ),
        (
            "· · ·".to_owned(),
            "contour lines: the loss is the same all along one",
        ),
        (
            "■ 0.21".to_owned(),
            "the legend: each colour (or shade) and the lowest loss it stands for",
        ),
        (DATA.to_string(), "a data row, in the fit panel"),
        (
            TEST.to_string(),
            "a held-out test row in the fit panel; in the loss history, the test loss now",
        ),
        (
            LOWEST_TEST.to_string(),
            "where the test loss was lowest (early stopping), on the path and in the loss history",
        ),
        (
            BATCH.to_string(),
            "a row of the next mini-batch, or one the explanation spells out",
        ),
        (
            format!("{CLASS_ONE} {CLASS_ZERO} {WRONG} {TEST_ROW} {BOUNDARY}"),
            "in the fit over two features: class 1, class 0, a point on the wrong side, a held-out test row, the boundary at 0.5",
        ),
        (
            HINGE.to_string(),
            "where a unit of sigmoids:K or relus:K turns: its centre or hinge, −b/w",
        ),
        (
            SPIKE.to_owned(),
            "in the loss history: a loss too large to draw, where the run blew up",
        ),
        (
            "┊ η 0.4".to_owned(),
            "in the loss history: where η was changed, and to what",
        ),
        (CURRENT.to_owned(), "in the sweep: the current η"),
        (DIVERGED.to_owned(), "in the sweep: an η whose run diverged"),
        (LIMIT.to_owned(), "in the sweep: the limit 2/λmax"),
    ]
}

/// From this many columns the keys and the symbols stand side by side.
const TWO_COLUMNS: u16 = 150;

/// The help's rows at `width` columns: keys, then symbols, each description wrapped
/// under itself so that none is cut; side by side where the screen is wide enough.
pub fn text(theme: &Theme, width: u16) -> Vec<Styled> {
    if width < TWO_COLUMNS {
        let mut rows = keys(theme, width);
        rows.push((String::new(), Style::new()));
        rows.extend(symbols_text(theme, width));
        return rows;
    }
    let half = width / 2;
    let (left, right) = (keys(theme, half - 1), symbols_text(theme, width - half));
    let blank = (String::new(), Style::new());
    (0..left.len().max(right.len()))
        .map(|i| {
            let (l, style) = left.get(i).unwrap_or(&blank);
            let r = right.get(i).map_or("", |(r, _)| r.as_str());
            let pad = usize::from(half).saturating_sub(l.chars().count());
            // A row has one style: the headings share the first row, both in it.
            (format!("{l}{}{r}", " ".repeat(pad)), *style)
        })
        .collect()
}

/// Wraps ` NAME  what it does` at `width`, continuing lines under the description.
fn entries<'a>(
    heading: &str,
    items: impl IntoIterator<Item = (String, &'a str)>,
    theme: &Theme,
    width: u16,
) -> Vec<Styled> {
    let indent = " ".repeat(NAME + 2);
    let options = textwrap::Options::new(usize::from(width.max(1)))
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .subsequent_indent(&indent);
    let mut rows = vec![(format!(" {heading}"), theme.near())];
    for (name, does) in items {
        let line = format!(" {name:<NAME$} {does}");
        rows.extend(
            textwrap::wrap(&line, &options)
                .into_iter()
                .map(|r| (r.into_owned(), Style::new())),
        );
    }
    rows
}

/// The keys' rows at `width` columns.
fn keys(theme: &Theme, width: u16) -> Vec<Styled> {
    let items = BINDINGS.iter().map(|b| (b.keys.to_owned(), b.does));
    entries("keys", items, theme, width)
}

/// The symbols' rows at `width` columns.
fn symbols_text(theme: &Theme, width: u16) -> Vec<Styled> {
    entries("on screen", symbols(), theme, width)
}

/// The help over `area`, scrolled by `offset` rows.
pub struct HelpPanel<'a> {
    /// Rows scrolled past.
    pub offset: usize,
    /// Colours.
    pub theme: &'a Theme,
}

impl HelpPanel<'_> {
    /// Where the help goes: all of `area` but a margin of two columns and one row.
    pub fn area(area: Rect) -> Rect {
        Rect {
            x: area.x + 2.min(area.width / 2),
            y: area.y + 1.min(area.height / 2),
            width: area.width.saturating_sub(4),
            height: area.height.saturating_sub(2),
        }
    }

    /// The border and its title.
    pub fn block() -> Block<'static> {
        Block::default().borders(Borders::ALL).title(format!(
            " help — {} closes · PgUp PgDn scroll ",
            key_for(&Action::ToggleHelp)
        ))
    }
}

impl Widget for HelpPanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let popup = Self::area(area);
        Clear.render(popup, buf);
        let block = Self::block();
        let width = block.inner(popup).width;
        ScrollText {
            text: text(self.theme, width),
            block,
            offset: self.offset,
            theme: self.theme,
        }
        .render(popup, buf);
    }
}
