//! Text that scrolls: a bordered panel of word-wrapped lines, seen from a row offset,
//! that says on its border when more is hidden above or below.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget};

use super::theme::Theme;
use crate::app::{Action, key_for};

/// A side panel's border: its `title` above, and below, dimmed, how to `leave` it.
pub fn panel_block(title: &str, leave: &str, theme: &Theme) -> Block<'static> {
    Block::default()
        .borders(ratatui::widgets::Borders::ALL)
        .title(format!(" {title} "))
        .title_bottom(Line::styled(format!(" {leave} "), theme.dim()))
}

/// One paragraph of the text and the style all of it takes.
pub type Styled = (String, Style);

/// The rows `text` takes when word-wrapped to `width` columns (a word longer than the
/// width is split), each with its paragraph's style.
pub fn wrapped(text: &[Styled], width: u16) -> Vec<Styled> {
    // Break only at spaces (a formula such as dl/dŷ must not split at its slash) and
    // between Chinese characters, which no space separates; fill each row greedily, as
    // a reader expects, rather than balance the rows.
    let options = textwrap::Options::new(usize::from(width.max(1)))
        .word_separator(textwrap::WordSeparator::Custom(words))
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    text.iter()
        .flat_map(|(paragraph, style)| {
            // A row that fits stays as it is, leading spaces included (an indent).
            if textwrap::core::display_width(paragraph) <= options.width {
                return vec![(paragraph.clone(), *style)];
            }
            textwrap::wrap(paragraph, &options)
                .into_iter()
                .map(|row| (row.into_owned(), *style))
                .collect()
        })
        .collect()
}

/// The words of `line` for wrapping: runs between spaces, and each wide (CJK) character
/// a word of its own, so that Chinese text breaks between any two characters but never
/// inside one, and a formula never inside itself.
pub(super) fn words(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    let wide = |c: char| unicode_width::UnicodeWidthChar::width(c) == Some(2);
    // Chinese punctuation never starts a row (closing marks) or ends one (opening ones).
    let closing = |c: char| "，。、；：？！）」』”’》】…".contains(c);
    let opening = |c: char| "（「『“‘《【".contains(c);
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        let next = chars.peek().map(|&(_, n)| n);
        // A word ends before a space, after a wide character, and before one; but not
        // before a closing mark, nor after an opening one.
        let ends =
            next.is_none_or(|n| n == ' ' || ((wide(c) || wide(n)) && !closing(n) && !opening(c)));
        if c == ' ' || !ends {
            continue;
        }
        let mut spaces = end;
        while let Some(&(j, ' ')) = chars.peek() {
            spaces = j + 1;
            chars.next();
        }
        let mut word = textwrap::core::Word::from(&line[start..end]);
        word.whitespace = &line[end..spaces];
        out.push(word);
        start = spaces;
    }
    if start < line.len() {
        // Leading spaces only: keep them as a word, as an indent.
        out.push(textwrap::core::Word::from(&line[start..]));
    }
    Box::new(out.into_iter())
}

/// How many rows of `text` do not fit inside `block` drawn over `area`: the largest
/// useful scroll offset.
pub fn overflow(text: &[Styled], block: &Block, area: Rect) -> usize {
    let inner = block.inner(area);
    wrapped(text, inner.width)
        .len()
        .saturating_sub(usize::from(inner.height))
}

/// A bordered panel of text seen from row `offset` (clamped to the text).
pub struct ScrollText<'a> {
    /// The paragraphs.
    pub text: Vec<Styled>,
    /// The border and its titles.
    pub block: Block<'a>,
    /// Rows scrolled past.
    pub offset: usize,
    /// Colours for the "more" marks.
    pub theme: &'a Theme,
}

impl Widget for ScrollText<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let inner = self.block.inner(area);
        let rows = wrapped(&self.text, inner.width);
        let height = usize::from(inner.height);
        let offset = self.offset.min(rows.len().saturating_sub(height));
        let mut block = self.block;
        if offset > 0 {
            let up = key_for(&Action::ScrollText(-1));
            block =
                block.title(Line::styled(format!(" ↑ {up} "), self.theme.near()).right_aligned());
        }
        if offset + height < rows.len() {
            let down = key_for(&Action::ScrollText(1));
            block = block.title_bottom(
                Line::styled(
                    format!(" {} ", crate::t!("scroll-more", key = down)),
                    self.theme.near(),
                )
                .right_aligned(),
            );
        }
        let lines: Vec<Line> = rows
            .into_iter()
            .skip(offset)
            .take(height)
            .map(|(text, style)| Line::styled(text, style))
            .collect();
        Paragraph::new(lines).block(block).render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::row_text;
    use crate::ui::ColorMode;
    use ratatui::widgets::Borders;

    const THEME: Theme = Theme {
        mode: ColorMode::Ansi16,
        light: false,
    };

    fn text() -> Vec<Styled> {
        vec![(
            "one two three four five six seven eight nine ten eleven twelve".to_owned(),
            Style::new(),
        )]
    }

    fn draw(offset: usize) -> Vec<String> {
        let area = Rect::new(0, 0, 16, 5);
        let mut buf = Buffer::empty(area);
        ScrollText {
            text: text(),
            block: Block::default().borders(Borders::ALL),
            offset,
            theme: &THEME,
        }
        .render(area, &mut buf);
        (0..5).map(|y| row_text(&buf, y)).collect()
    }

    #[test]
    fn chinese_breaks_between_characters_and_never_inside_one() {
        let text = vec![(
            "梯度下降每一步沿负梯度方向走 η·|∇L| 这么远".to_owned(),
            Style::new(),
        )];
        let rows = wrapped(&text, 9);
        for (row, _) in &rows {
            assert!(
                unicode_width::UnicodeWidthStr::width(row.as_str()) <= 9,
                "{row}"
            );
        }
        let joined: String = rows.iter().map(|r| r.0.replace(' ', "")).collect();
        assert_eq!(joined, text[0].0.replace(' ', ""), "nothing lost: {rows:?}");
        assert_eq!(rows[0].0, "梯度下降");
        // A closing mark stays with the character before it, an opening one with the next.
        let marks = vec![("一二三，四五（六）".to_owned(), Style::new())];
        for (row, _) in wrapped(&marks, 6) {
            assert!(
                !row.starts_with('，') && !row.starts_with('）') && !row.ends_with('（'),
                "{row}"
            );
        }
        assert!(
            rows.iter().any(|r| r.0.contains("η·|∇L|")),
            "a formula stays whole: {rows:?}"
        );
    }

    #[test]
    fn words_wrap_whole_and_every_row_is_reachable() {
        let rows = wrapped(&text(), 14);
        assert_eq!(rows[0].0, "one two three");
        let all: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
        assert_eq!(all.join(" "), text()[0].0, "no word lost or cut");
        let block = Block::default().borders(Borders::ALL);
        let max = overflow(&text(), &block, Rect::new(0, 0, 16, 5));
        assert_eq!(max, rows.len() - 3);
        let top = draw(0);
        assert!(top[4].contains("more ↓ PgDn"), "{top:?}");
        assert!(!top[0].contains("more"), "{top:?}");
        let bottom = draw(99);
        assert!(bottom[0].contains("↑ PgUp"), "{bottom:?}");
        assert!(!bottom[4].contains("more"), "{bottom:?}");
        assert!(bottom[3].contains("twelve"), "{bottom:?}");
    }
}
