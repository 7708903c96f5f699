//! Numbers for people: six digits, exact round-trips, labels that fit a width, tables;
//! and names (paths) escaped onto one safe line.
//!
//! The bottom layer: it knows no other module, so every layer above shares one way of
//! writing a number (CSV and JSON keep full precision through [`exact`]).

/// `x` with about six significant digits, plain or scientific by magnitude; `inf`/`NaN` as text.
pub fn human(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    if x == 0.0 {
        return "0".into();
    }
    let magnitude = x.abs().log10().floor() as i32;
    if (-4..7).contains(&magnitude) {
        let decimals = (5 - magnitude).max(0) as usize;
        let s = format!("{x:.decimals$}");
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            s
        }
    } else {
        let s = format!("{x:.5e}");
        match s.split_once('e') {
            Some((mantissa, exp)) if mantissa.contains('.') => {
                format!(
                    "{}e{exp}",
                    mantissa.trim_end_matches('0').trim_end_matches('.')
                )
            }
            _ => s,
        }
    }
}

/// Text columns padded to line up: the first column left-aligned, the rest right-aligned.
pub fn aligned(header: &[String], rows: &[Vec<String>]) -> String {
    let widths = widths(header, rows);
    std::iter::once(header)
        .chain(rows.iter().map(Vec::as_slice))
        .map(|row| aligned_row(row, &widths))
        .collect()
}

/// The width of each column: its widest cell among the header and `rows`.
pub fn widths(header: &[String], rows: &[Vec<String>]) -> Vec<usize> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    widths
}

/// One line of [`aligned`] padded to `widths`; a cell wider than its column widens
/// only its own line.
pub fn aligned_row(row: &[String], widths: &[usize]) -> String {
    use std::fmt::Write as _;
    // One string per line, not one per cell: `downhill run` writes millions of lines.
    let mut line = String::new();
    for (i, (cell, &w)) in row.iter().zip(widths).enumerate() {
        let written = if i == 0 {
            write!(line, "{cell:<w$}")
        } else {
            write!(line, "  {cell:>w$}")
        };
        written.expect("writing to a String cannot fail");
    }
    line.truncate(line.trim_end().len());
    line.push('\n');
    line
}

/// `x` at full precision: the shortest digits that read back to the same f64, in
/// exponent form for magnitudes outside [1e-5, 1e16) so that 1e300 is not 301 digits.
pub fn exact(x: f64) -> String {
    Exact(x).to_string()
}

/// [`exact`] as a `Display`, for writers of millions of numbers: no `String` each.
#[derive(Debug, Clone, Copy)]
pub struct Exact(pub f64);

impl std::fmt::Display for Exact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let x = self.0;
        if x.is_finite() && x != 0.0 && !(1e-5..1e16).contains(&x.abs()) {
            write!(f, "{x:e}")
        } else {
            write!(f, "{x}")
        }
    }
}

/// A CSV line of full-precision (round-trip) numbers and names; a field holding a comma,
/// a quote or a line break (an `mlp` name such as `W1[1,2]`) is quoted as RFC 4180 says.
pub fn csv_line(values: impl IntoIterator<Item = String>) -> String {
    let mut line = values
        .into_iter()
        .map(|v| {
            if v.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", v.replace('"', "\"\""))
            } else {
                v
            }
        })
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

/// `x` in at most `width` chars: `human`'s six digits, or fewer when they do not fit;
/// `None` for values that are not finite or cannot be written that short.
pub fn compact(x: f64, width: usize) -> Option<String> {
    if !x.is_finite() {
        return None;
    }
    let fits = |s: &String| s.chars().count() <= width;
    let s = human(x);
    if fits(&s) {
        return Some(s);
    }
    (1..=5).rev().find_map(|digits| {
        let rounded = round_significant(x, digits);
        Some(human(rounded))
            .filter(|s| rounded.is_finite() && fits(s))
            .or_else(|| Some(scientific(x, digits)).filter(fits))
    })
}

/// `x` as `1.23e45` with `digits` significant digits, trailing zeros dropped.
pub fn scientific(x: f64, digits: i32) -> String {
    let s = format!("{:.*e}", (digits - 1).max(0) as usize, x);
    match s.split_once('e') {
        Some((mantissa, exponent)) if mantissa.contains('.') => {
            format!(
                "{}e{exponent}",
                mantissa.trim_end_matches('0').trim_end_matches('.')
            )
        }
        _ => s,
    }
}

/// `x` rounded to `digits` significant digits (itself when that cannot be done in f64).
pub fn round_significant(x: f64, digits: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let exponent = x.abs().log10().floor() as i32;
    let unit = 10f64.powi(exponent - digits + 1);
    let rounded = (x / unit).round() * unit;
    if rounded.is_finite() && unit > 0.0 {
        rounded
    } else {
        x
    }
}

/// A tick label: `x` to three significant digits, written by [`human`].
pub fn short(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return human(x);
    }
    let scale = 10f64.powi(2 - x.abs().log10().floor() as i32);
    let rounded = (x * scale).round() / scale;
    human(if rounded.is_finite() { rounded } else { x })
}

/// `human(v)`, in parentheses when it starts with a minus sign.
pub fn paren(v: f64) -> String {
    let s = human(v);
    if s.starts_with('-') {
        format!("({s})")
    } else {
        s
    }
}

/// A ratio for `N×`: whole numbers from 10 up, two decimals below.
pub fn times(x: f64) -> String {
    if !x.is_finite() || x >= 1e6 {
        human(x)
    } else if x >= 10.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.2}")
    }
}

/// `1e-5`, `0.001`, `1`, `1000`, `1e12`: ten to the `k`.
pub fn decade(k: i32) -> String {
    if (-3..=3).contains(&k) {
        human(10f64.powi(k))
    } else {
        format!("1e{k}")
    }
}

/// `n` and a noun that agrees with it: `1 row`, `3 rows`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `text` with control characters escaped (`\n`, `\u{1b}`), so a message stays one
/// line and a name chosen by someone else cannot drive the terminal.
pub fn one_line(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// A path as shown in messages: lossy UTF-8, control characters escaped.
pub fn path(path: &std::path::Path) -> String {
    one_line(&path.display().to_string())
}

/// A number as a person types it: a decimal, or a fraction `a/b`, which reaches a limit
/// exactly (`2/15` is η_crit of the `line` lesson); `None` for anything else.
pub fn parse_fraction(text: &str) -> Option<f64> {
    match text.split_once('/') {
        Some((a, b)) => Some(a.trim().parse::<f64>().ok()? / b.trim().parse::<f64>().ok()?),
        None => text.trim().parse().ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_in_paths_are_escaped() {
        let shown = path(std::path::Path::new("a\u{1b}[31mb\nc.toml"));
        assert_eq!(shown, "a\\u{1b}[31mb\\nc.toml");
        assert!(!shown.chars().any(char::is_control));
        assert_eq!(one_line("plain é"), "plain é");
    }

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(count(1, "row"), "1 row");
        assert_eq!(count(0, "row"), "0 rows");
        assert_eq!(count(12, "update"), "12 updates");
    }

    #[test]
    fn six_significant_digits_plain_or_scientific() {
        assert_eq!(human(6854.09), "6854.09");
        assert_eq!(human(14146.7), "14146.7");
        assert_eq!(human(0.0933333333), "0.0933333");
        assert_eq!(human(1026548766283.6302), "1.02655e12");
        assert_eq!(human(1.5e-7), "1.5e-7");
        assert_eq!(human(-2.0), "-2");
        assert_eq!(human(0.0), "0");
        assert_eq!(human(f64::INFINITY), "inf");
        assert_eq!(human(f64::NAN), "NaN");
    }

    #[test]
    fn exact_numbers_read_back_and_stay_short() {
        for x in [
            0.1, 1e300, -1.5e-300, 123456.789, 1e16, 9.999e15, 1e-5, 5e-324, 0.0, -0.0,
        ] {
            let text = exact(x);
            assert_eq!(
                text.parse::<f64>().unwrap().to_bits(),
                x.to_bits(),
                "{x} → {text}"
            );
            assert!(text.len() <= 24, "{text}");
        }
        assert_eq!(exact(1e300), "1e300");
        assert_eq!(exact(0.25), "0.25");
        assert_eq!(exact(f64::NAN), "NaN");
        assert_eq!(exact(f64::NEG_INFINITY), "-inf");
    }

    #[test]
    fn columns_line_up() {
        let t = aligned(
            &["step".into(), "loss".into()],
            &[
                vec!["0".into(), "1.5".into()],
                vec!["10".into(), "22.25".into()],
            ],
        );
        assert_eq!(t, "step   loss\n0       1.5\n10    22.25\n");
    }

    #[test]
    fn compact_numbers_fit_their_width() {
        assert_eq!(compact(2.0, 7).as_deref(), Some("2"));
        assert_eq!(compact(-1.23456789, 7).as_deref(), Some("-1.2346"));
        assert_eq!(compact(1.02655e12, 7).as_deref(), Some("1.03e12"));
        assert_eq!(compact(f64::NAN, 7), None);
        for x in [1e300, -1e-300, 5e-324, f64::MAX, -123456789.0] {
            let s = compact(x, 7).unwrap();
            assert!(s.chars().count() <= 7 && s.parse::<f64>().is_ok(), "{s}");
        }
    }

    #[test]
    fn tick_labels_are_short() {
        assert_eq!(short(3.04912), "3.05");
        assert_eq!(short(-4.4), "-4.4");
        assert_eq!(short(1.0e12), "1e12");
        assert_eq!(short(0.0), "0");
        assert_eq!(short(f64::MAX), human(f64::MAX));
    }

    #[test]
    fn csv_fields_with_commas_are_quoted() {
        let line = csv_line(["step", "W1[1,2]", "a\"b", "1.5"].map(String::from));
        assert_eq!(line, "step,\"W1[1,2]\",\"a\"\"b\",1.5\n");
    }
}
