//! Number and table formatting for people (CSV and JSON keep full precision).

use crate::engine::Stability;

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

/// η_crit and λmax for a quadratic loss, or the local 2/λmax and sharpness otherwise.
pub fn stability_text(stability: &Stability) -> String {
    match *stability {
        Stability::Exact {
            lambda_max,
            eta_crit,
        } => {
            format!(
                "η_crit = 2/λmax = {} (λmax = {})",
                human(eta_crit),
                human(lambda_max)
            )
        }
        Stability::Local {
            sharpness,
            eta_local,
        } => {
            format!(
                "local 2/λmax = {} (sharpness {})",
                human(eta_local),
                human(sharpness)
            )
        }
    }
}

/// Text columns padded to line up: the first column left-aligned, the rest right-aligned.
pub fn aligned(header: &[String], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, &w))| {
                if i == 0 {
                    format!("{cell:<w$}")
                } else {
                    format!("{cell:>w$}")
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// `x` at full precision: the shortest digits that read back to the same f64, in
/// exponent form for magnitudes outside [1e-5, 1e16) so that 1e300 is not 301 digits.
pub fn exact(x: f64) -> String {
    let magnitude = x.abs();
    if x.is_finite() && x != 0.0 && !(1e-5..1e16).contains(&magnitude) {
        format!("{x:e}")
    } else {
        x.to_string()
    }
}

/// A CSV line of full-precision (round-trip) numbers.
pub fn csv_line(values: impl IntoIterator<Item = String>) -> String {
    let mut line = values.into_iter().collect::<Vec<_>>().join(",");
    line.push('\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
