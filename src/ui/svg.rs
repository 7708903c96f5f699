//! The screen as SVG, cell by cell from the buffer the view draws into: what key `X`
//! writes and what `downhill screenshot` makes, so that a handout or the README shows
//! exactly what the program shows, colours and all.

use std::fmt::Write;

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};

use super::Theme;

/// A cell's width and height in pixels: a terminal's cell is about twice as tall as wide.
const CELL: (f64, f64) = (9.0, 18.0);
/// Text size in pixels, and how far below a cell's top its baseline sits.
const FONT: (f64, f64) = (15.0, 13.5);
/// Fonts with the box, block and Braille characters the view draws, in order of choice,
/// and with Chinese characters for a screen in Chinese.
const FONTS: &str = "'DejaVu Sans Mono','Menlo','Consolas','Liberation Mono',\
                     'Noto Sans Mono CJK SC','WenQuanYi Micro Hei Mono','Microsoft YaHei',monospace";

/// The xterm colours of the 16 ANSI names, black to bright white.
const ANSI: [(u8, u8, u8); 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

/// `buf` as an SVG document, drawn as a terminal with `theme`'s background would.
pub fn screen(buf: &Buffer, theme: &Theme) -> String {
    let area = buf.area;
    let (w, h) = (
        f64::from(area.width) * CELL.0,
        f64::from(area.height) * CELL.1,
    );
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\">\n<style>text{{font-family:{FONTS};font-size:{}px;\
         }}</style>\n<rect width=\"{w}\" height=\"{h}\" fill=\"{}\"/>\n",
        FONT.0,
        hex(default_color(theme, false)),
    );
    for y in area.top()..area.bottom() {
        let row: Vec<&Cell> = (area.left()..area.right()).map(|x| &buf[(x, y)]).collect();
        backgrounds(&mut svg, &row, f64::from(y - area.top()), theme);
        glyphs(&mut svg, &row, f64::from(y - area.top()), theme);
    }
    svg.push_str("</svg>\n");
    svg
}

/// A cell's colours as drawn: (foreground, background), reversed where it says so.
fn colors(cell: &Cell, theme: &Theme) -> ((u8, u8, u8), (u8, u8, u8)) {
    let fg = rgb(cell.fg).unwrap_or_else(|| default_color(theme, true));
    let bg = rgb(cell.bg).unwrap_or_else(|| default_color(theme, false));
    if cell.modifier.contains(Modifier::REVERSED) {
        (bg, fg)
    } else {
        (fg, bg)
    }
}

/// The terminal's own text (`fg`) or background colour, dark or light.
fn default_color(theme: &Theme, fg: bool) -> (u8, u8, u8) {
    match (theme.light, fg) {
        (false, true) => (208, 208, 208),
        (false, false) => (16, 20, 24),
        (true, true) => (30, 30, 30),
        (true, false) => (255, 255, 255),
    }
}

/// The RGB of a colour; `None` for the terminal's default.
fn rgb(color: Color) -> Option<(u8, u8, u8)> {
    let named = |i: usize| Some(ANSI[i]);
    match color {
        Color::Reset => None,
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
        Color::Rgb(r, g, b) => Some((r, g, b)),
        Color::Indexed(i) => Some(indexed(i)),
    }
}

/// Entry `i` of the xterm 256-colour palette: the 16 names, a 6×6×6 cube, 24 greys.
fn indexed(i: u8) -> (u8, u8, u8) {
    use super::theme::CUBE_LEVELS as LEVELS;
    match i {
        0..=15 => ANSI[usize::from(i)],
        16..=231 => {
            let k = usize::from(i - 16);
            (LEVELS[k / 36], LEVELS[(k / 6) % 6], LEVELS[k % 6])
        }
        _ => {
            let v = 8 + 10 * (i - 232);
            (v, v, v)
        }
    }
}

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The part of a cell a block glyph fills, as (x, y, w, h) shares of the cell.
fn block(symbol: &str) -> Option<(f64, f64, f64, f64)> {
    match symbol {
        "█" => Some((0.0, 0.0, 1.0, 1.0)),
        "▀" => Some((0.0, 0.0, 1.0, 0.5)),
        "▄" => Some((0.0, 0.5, 1.0, 0.5)),
        "▌" => Some((0.0, 0.0, 0.5, 1.0)),
        "▐" => Some((0.5, 0.0, 0.5, 1.0)),
        _ => None,
    }
}

/// The background of cell `x` of `row` as a terminal paints it: the second half of a
/// wide character takes the character's, whatever its own cell holds.
fn background(row: &[&Cell], x: usize, theme: &Theme) -> (u8, u8, u8) {
    let covered = x > 0 && unicode_width::UnicodeWidthStr::width(row[x - 1].symbol()) == 2;
    colors(row[if covered { x - 1 } else { x }], theme).1
}

/// Row `y`'s backgrounds and block glyphs as rectangles, runs of one colour merged.
fn backgrounds(svg: &mut String, row: &[&Cell], y: f64, theme: &Theme) {
    let default = default_color(theme, false);
    let mut x = 0;
    while x < row.len() {
        let bg = background(row, x, theme);
        let mut end = x + 1;
        while end < row.len() && background(row, end, theme) == bg {
            end += 1;
        }
        if bg != default {
            rect(
                svg,
                (x as f64, y),
                (end - x) as f64,
                (0.0, 0.0, 1.0, 1.0),
                bg,
            );
        }
        x = end;
    }
    for (x, cell) in row.iter().enumerate() {
        if let Some(part) = block(cell.symbol()) {
            rect(svg, (x as f64, y), 1.0, part, colors(cell, theme).0);
        }
    }
}

/// A rectangle over `cells` cells from cell (x, y), covering `part` of each's height.
fn rect(
    svg: &mut String,
    (x, y): (f64, f64),
    cells: f64,
    part: (f64, f64, f64, f64),
    color: (u8, u8, u8),
) {
    let (px, py, pw, ph) = part;
    let _ = writeln!(
        svg,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
        (x + px) * CELL.0,
        (y + py) * CELL.1,
        // Merged runs are one rectangle; a sliver more keeps anti-aliasing seams away.
        (cells - 1.0 + pw) * CELL.0 + 0.3,
        ph * CELL.1 + 0.3,
        hex(color)
    );
}

/// How a run of text looks: colour and emphasis.
#[derive(PartialEq)]
struct Look {
    color: (u8, u8, u8),
    bold: bool,
    italic: bool,
    dim: bool,
    underlined: bool,
}

fn look(cell: &Cell, theme: &Theme) -> Look {
    let m = cell.modifier;
    Look {
        color: colors(cell, theme).0,
        bold: m.contains(Modifier::BOLD),
        italic: m.contains(Modifier::ITALIC),
        dim: m.contains(Modifier::DIM),
        underlined: m.contains(Modifier::UNDERLINED),
    }
}

/// Row `y`'s characters, runs of one look as one `<text>` stretched to its cells'
/// width (`textLength`), so that a font's own widths never shift a column.
fn glyphs(svg: &mut String, row: &[&Cell], y: f64, theme: &Theme) {
    let drawn = |c: &Cell| {
        let s = c.symbol();
        !s.is_empty() && s != " " && block(s).is_none()
    };
    // A wide (Chinese) character is a run of its own, placed at its two cells: in a run
    // with narrow ones, a font's own widths would shift the columns after it.
    let wide = |c: &Cell| unicode_width::UnicodeWidthStr::width(c.symbol()) == 2;
    // A space takes any look; a block or a wide character ends a run.
    let blank = |c: &Cell| c.symbol().is_empty() || c.symbol() == " ";
    let mut x = 0;
    while x < row.len() {
        if !drawn(row[x]) {
            x += 1;
            continue;
        }
        if wide(row[x]) {
            let end = (x + 1).min(row.len() - 1);
            text(svg, &row[x..=end], (x, y), &look(row[x], theme));
            x = end + 1;
            continue;
        }
        let here = look(row[x], theme);
        let mut end = x + 1;
        let mut last = x;
        while end < row.len()
            && !wide(row[end])
            && (blank(row[end]) || (drawn(row[end]) && look(row[end], theme) == here))
        {
            if drawn(row[end]) {
                last = end;
            }
            end += 1;
        }
        text(svg, &row[x..=last], (x, y), &here);
        x = last + 1;
    }
}

/// The characters of `cells`, from cell (x, y), as one `<text>`.
fn text(svg: &mut String, cells: &[&Cell], (x, y): (usize, f64), look: &Look) {
    // The cell after a wide character is its second half: the character covers it.
    let mut chars = String::new();
    let mut covered = false;
    for cell in cells {
        if !std::mem::take(&mut covered) {
            chars.push_str(&escape(cell.symbol()));
            covered = unicode_width::UnicodeWidthStr::width(cell.symbol()) == 2;
        }
    }
    let mut style = String::new();
    if look.bold {
        style.push_str(" font-weight=\"bold\"");
    }
    if look.italic {
        style.push_str(" font-style=\"italic\"");
    }
    if look.dim {
        style.push_str(" opacity=\"0.65\"");
    }
    if look.underlined {
        style.push_str(" text-decoration=\"underline\"");
    }
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"{}\" textLength=\"{}\" lengthAdjust=\"spacing\" \
         xml:space=\"preserve\" fill=\"{}\"{style}>{chars}</text>",
        x as f64 * CELL.0,
        y * CELL.1 + FONT.1,
        cells.len() as f64 * CELL.0,
        hex(look.color)
    );
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::ColorMode;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    const DARK: Theme = Theme {
        mode: ColorMode::Rgb,
        light: false,
    };

    #[test]
    fn the_palette_is_xterms() {
        assert_eq!(indexed(16), (0, 0, 0));
        assert_eq!(indexed(196), (255, 0, 0));
        assert_eq!(indexed(231), (255, 255, 255));
        assert_eq!(indexed(244), (128, 128, 128));
        assert_eq!(rgb(Color::Indexed(9)), rgb(Color::LightRed));
    }

    #[test]
    fn cells_become_placed_text_and_merged_backgrounds() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 2));
        buf.set_string(0, 0, "a<b", Style::new().fg(Color::Red).bg(Color::Blue));
        buf.set_string(0, 1, "▀", Style::new().fg(Color::Rgb(1, 2, 3)));
        buf.set_string(3, 1, "x", Style::new().add_modifier(Modifier::REVERSED));
        let svg = screen(&buf, &DARK);
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let root = doc.root_element();
        assert_eq!(root.attribute("width"), Some("54"));
        assert_eq!(root.attribute("height"), Some("36"));
        let texts: Vec<_> = root
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .collect();
        assert_eq!(texts[0].text(), Some("a<b"));
        assert_eq!(texts[0].attribute("x"), Some("0"));
        assert_eq!(texts[0].attribute("textLength"), Some("27"));
        assert_eq!(texts[0].attribute("fill"), Some("#cd0000"));
        // The blue run is one rectangle three cells wide.
        let rects: Vec<_> = root
            .descendants()
            .filter(|n| n.has_tag_name("rect"))
            .collect();
        assert!(rects.iter().any(
            |r| r.attribute("fill") == Some("#0000ee") && r.attribute("width") == Some("27.3")
        ));
        // ▀ is the top half of its cell in its colour, not a glyph left to a font.
        assert!(rects.iter().any(
            |r| r.attribute("fill") == Some("#010203") && r.attribute("height") == Some("9.3")
        ));
        // A wide character covers its second cell, which adds nothing to the text.
        let mut wide = Buffer::empty(Rect::new(0, 0, 7, 1));
        wide.set_string(0, 0, "损失 ab", Style::new());
        let svg = screen(&wide, &DARK);
        for (x, text, length) in [(0, "损", 18), (18, "失", 18), (45, "ab", 18)] {
            let run = format!("x=\"{x}\" y=\"13.5\" textLength=\"{length}\"");
            assert!(
                svg.contains(&run) && svg.contains(&format!(">{text}</text>")),
                "{svg}"
            );
        }
        // Reversed: the default background's colour on the default text colour.
        let x = texts.iter().find(|t| t.text() == Some("x")).unwrap();
        assert_eq!(x.attribute("fill"), Some("#101418"));
        // A wide character paints both its cells, as a terminal does, whatever the
        // second cell's own style: one rectangle two cells wide.
        let mut badge = Buffer::empty(Rect::new(0, 0, 4, 1));
        badge.set_string(0, 0, "损", Style::new().add_modifier(Modifier::REVERSED));
        badge[(1, 0)].set_style(Style::reset());
        let svg = screen(&badge, &DARK);
        assert!(
            svg.contains("<rect x=\"0\" y=\"0\" width=\"18.3\""),
            "{svg}"
        );
    }
}
