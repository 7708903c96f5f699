//! The help: a reference of every key (from the one key table) and of every symbol on
//! screen, as wide as the screen allows, scrolling where it is taller.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Widget};

use super::fit::{BATCH, DATA, HINGE, TEST};
use super::fit2d::{BOUNDARY, CLASS_ONE, CLASS_ZERO, TEST_ROW, WRONG};
use super::history::SPIKE;
use super::landscape::marks::{GHOST, GLOBAL_MINIMUM, LOWEST_TEST, MARKER, MINIMUM, SHAFT, START};
use super::scroll::{ScrollText, Styled};
use super::sweep_panel::{CURRENT, DIVERGED, LIMIT};
use super::theme::Theme;
use crate::app::{Action, BINDINGS, key_for};
use crate::t;
use unicode_width::UnicodeWidthStr;

/// Width of the column that names a key or a symbol.
const NAME: usize = 12;

/// Every symbol the screen draws, and what it means.
fn symbols() -> Vec<(String, &'static str)> {
    let arrow = format!("{SHAFT}{SHAFT}↘");
    vec![
        (MARKER.to_string(), "sym-marker"),
        (START.to_string(), "sym-start"),
        ("⠤⠒⠉".to_owned(), "sym-path"),
        (arrow, "sym-arrow"),
        (GHOST.to_string(), "sym-ghost"),
        (MINIMUM.to_string(), "sym-minimum"),
        (GLOBAL_MINIMUM.to_string(), "sym-global-minimum"),
        ("· · ·".to_owned(), "sym-contours"),
        ("■ 0.21".to_owned(), "sym-legend"),
        (DATA.to_string(), "sym-data"),
        (TEST.to_string(), "sym-test"),
        (LOWEST_TEST.to_string(), "sym-lowest-test"),
        (BATCH.to_string(), "sym-batch"),
        (
            format!("{CLASS_ONE} {CLASS_ZERO} {WRONG} {TEST_ROW} {BOUNDARY}"),
            "sym-classes",
        ),
        (HINGE.to_string(), "sym-hinge"),
        (SPIKE.to_owned(), "sym-spike"),
        ("┊ η 0.4".to_owned(), "sym-lr-change"),
        (CURRENT.to_owned(), "sym-sweep-current"),
        (DIVERGED.to_owned(), "sym-sweep-diverged"),
        (LIMIT.to_owned(), "sym-sweep-limit"),
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
            let pad =
                usize::from(half).saturating_sub(unicode_width::UnicodeWidthStr::width(l.as_str()));
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
        .word_separator(textwrap::WordSeparator::Custom(super::scroll::words))
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .subsequent_indent(&indent);
    let mut rows = vec![(format!(" {heading}"), theme.near())];
    for (name, does) in items {
        // Padded by display width: a Chinese key name is two columns a character.
        let pad = " ".repeat(NAME.saturating_sub(name.width()));
        let line = format!(" {name}{pad} {}", crate::i18n::tr(does));
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
    let items = BINDINGS.iter().map(|b| (b.label(), b.does));
    entries(&t!("help-keys"), items, theme, width)
}

/// The symbols' rows at `width` columns.
fn symbols_text(theme: &Theme, width: u16) -> Vec<Styled> {
    entries(&t!("help-on-screen"), symbols(), theme, width)
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
            " {} ",
            t!("help-title", key = key_for(&Action::ToggleHelp))
        ))
    }
}

impl Widget for HelpPanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let popup = Self::area(area);
        super::clear_for_overlay(popup, buf);
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

#[cfg(test)]
mod messages {
    use super::*;
    use crate::i18n::{Lang, tr, with_lang};

    #[test]
    fn every_key_hint_and_symbol_has_its_words_in_both_languages() {
        for lang in Lang::ALL {
            with_lang(lang, || {
                for b in BINDINGS {
                    assert_ne!(
                        tr(b.does),
                        b.does,
                        "{} has no words for {}",
                        b.does,
                        lang.code()
                    );
                    assert!(b.hint.is_empty() || tr(b.hint) != b.hint, "{}", b.hint);
                }
                for (_, id) in symbols() {
                    assert_ne!(tr(id), id, "{id} has no words in {}", lang.code());
                }
            });
        }
    }
}
