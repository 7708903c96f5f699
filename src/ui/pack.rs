//! Status-style lines that fit a width: broken only between items (at ` · ` or a double
//! space), never inside one, continuation rows indented.

use ratatui::text::{Line, Span};

/// Where a status line may break.
const SEPARATORS: [&str; 2] = [" · ", "  "];

/// Columns `text` takes on screen.
fn cols(text: &str) -> usize {
    textwrap::core::display_width(text)
}

/// One item: its styled pieces, and the separator written before it (none first).
struct Item {
    before: &'static str,
    spans: Vec<Span<'static>>,
}

impl Item {
    fn width(&self) -> usize {
        self.spans.iter().map(|s| cols(&s.content)).sum()
    }
}

/// `line` as rows of at most `width` columns, broken only between items; an item
/// wider than a row is cut and ends in `…`.
pub fn pack(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    let items = items(line);
    // A line that starts one column in has its continuation rows start there too.
    let indent = items
        .first()
        .and_then(|i| i.spans.first())
        .is_some_and(|s| s.content.starts_with(' '));
    let mut rows: Vec<Vec<Span<'static>>> = Vec::new();
    let mut used = 0;
    for item in items {
        let sep = if used == 0 { "" } else { item.before };
        let need = cols(sep) + item.width();
        if used > 0 && used + need > width {
            rows.push(Vec::new());
            used = 0;
        }
        if rows.is_empty() {
            rows.push(Vec::new());
        }
        let row = rows.last_mut().expect("a row");
        let starts_in = item
            .spans
            .first()
            .is_some_and(|s| s.content.starts_with(' '));
        if used == 0 && indent && !starts_in {
            row.push(Span::raw(" "));
            used += 1;
        } else if used > 0 {
            row.push(Span::raw(sep));
            used += cols(sep);
        }
        for span in item.spans {
            let room = width.saturating_sub(used);
            let w = cols(&span.content);
            if w <= room {
                used += w;
                row.push(span);
            } else {
                row.push(Span::styled(cut(&span.content, room), span.style));
                used = width;
            }
        }
    }
    rows.into_iter().map(Line::from).collect()
}

/// The items of `line`, split at its separators.
fn items(line: Line<'static>) -> Vec<Item> {
    let mut items = vec![Item {
        before: "",
        spans: Vec::new(),
    }];
    for span in line.spans {
        let mut rest: &str = &span.content;
        loop {
            let next = SEPARATORS
                .iter()
                .filter_map(|sep| rest.find(sep).map(|at| (at, *sep)))
                .min_by_key(|&(at, sep)| (at, std::cmp::Reverse(sep.len())));
            let Some((at, sep)) = next else {
                if !rest.is_empty() {
                    let piece = Span::styled(rest.to_owned(), span.style);
                    items.last_mut().expect("an item").spans.push(piece);
                }
                break;
            };
            if at > 0 {
                let piece = Span::styled(rest[..at].to_owned(), span.style);
                items.last_mut().expect("an item").spans.push(piece);
            }
            items.push(Item {
                before: sep,
                spans: Vec::new(),
            });
            rest = &rest[at + sep.len()..];
        }
    }
    items.retain(|i| !i.spans.is_empty());
    items
}

/// `text` in at most `room` columns, ending in `…` when cut.
fn cut(text: &str, room: usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if cols(&out) + cols(&c.to_string()) + 1 > room {
            break;
        }
        out.push(c);
    }
    if room > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(rows: &[Line]) -> Vec<String> {
        rows.iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn breaks_between_items_only_and_indents_continuations() {
        let line = Line::raw(" step 12 · epoch 12 · loss 0.203017 · |∇| 1.2e-7 · ‖ paused (10/s)");
        let rows = text(&pack(line.clone(), 40));
        assert_eq!(
            rows,
            [
                " step 12 · epoch 12 · loss 0.203017",
                " |∇| 1.2e-7 · ‖ paused (10/s)"
            ]
        );
        assert_eq!(text(&pack(line, 200)).len(), 1);
        let params = Line::raw(" w1 = 0.5  w2 = -1.25  w3 = 2  b = 0");
        let rows = text(&pack(params, 24));
        assert_eq!(rows, [" w1 = 0.5  w2 = -1.25", " w3 = 2  b = 0"]);
        for row in &rows {
            assert!(cols(row) <= 24);
        }
    }

    #[test]
    fn a_line_that_starts_at_the_edge_continues_there() {
        let rows = text(&pack(Line::raw("← → pick · Enter set η · w/Esc close"), 24));
        assert_eq!(rows, ["← → pick · Enter set η", "w/Esc close"]);
    }

    #[test]
    fn an_item_wider_than_the_row_ends_in_an_ellipsis() {
        let rows = text(&pack(Line::raw(" abcdefghijklmnop"), 8));
        assert_eq!(rows, [" abcdef…"]);
    }
}
