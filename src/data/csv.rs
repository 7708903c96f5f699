//! Loads a dataset from a CSV file with a header row.

use std::path::Path;

use anyhow::{Result, anyhow, bail};
use csv::{ByteRecord, Position, ReaderBuilder};
use ndarray::{Array1, Array2};

use super::columns::{Columns, check_columns};
use super::read::read_regular;
use crate::engine::dataset::Dataset;
use crate::fmt::{self, one_line};
use crate::t;

/// Largest CSV file read, in bytes (64 MiB): the file is held in memory while parsed.
pub const MAX_CSV_BYTES: u64 = 64 << 20;

/// Longest cell excerpt quoted in an error message, in characters.
const MAX_QUOTED_CHARS: usize = 40;

/// Reads `path` as CSV: the column named `target` becomes y, every other column a feature, in file order.
pub fn load_csv(path: &Path, target: &str) -> Result<Dataset> {
    let file_name = fmt::path(path);
    // Read once, whole: line numbers for errors come from these bytes, not a second open.
    let bytes = read_regular(path, MAX_CSV_BYTES, "file-csv")?;
    let mut reader = ReaderBuilder::new()
        .has_headers(true)
        // Ragged rows get our own message (with the line number) instead of csv's.
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(bytes.as_slice());

    let header = reader
        .byte_headers()
        .map_err(|e| csv_error(&file_name, &bytes, &e))?
        .clone();
    if header.is_empty() {
        bail!(t!("csv-empty", file = &file_name));
    }
    let header_line = record_line(&bytes, &header, 1);
    let Columns {
        names,
        target: target_index,
    } = header_columns(&file_name, header_line, &header, target)?;
    let n_columns = names.len();
    // Refused before any row is read: the header alone says how wide the data is.
    crate::engine::dataset::check_size(0, n_columns - 1)
        .map_err(|e| anyhow!("{file_name}:{header_line}: {e}"))?;

    let mut x = Vec::new();
    let mut y = Vec::new();
    let mut record = ByteRecord::new();
    let mut rows = 0_usize;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_error(&file_name, &bytes, &e)),
        }
        rows += 1;
        if record.len() != n_columns {
            let line = record_line(&bytes, &record, header_line + rows as u64);
            bail!(t!(
                "csv-fields",
                file = &file_name,
                line = line,
                expected = n_columns,
                found = record.len()
            ));
        }
        for (index, field) in record.iter().enumerate() {
            let value = parse_cell(field).map_err(|problem| {
                let line = record_line(&bytes, &record, header_line + rows as u64);
                cell_error(&file_name, line, index, &names[index], field, problem)
            })?;
            if index == target_index {
                y.push(value);
            } else {
                x.push(value);
            }
        }
    }
    if rows == 0 {
        bail!(t!("csv-no-rows", file = &file_name));
    }

    let x = Array2::from_shape_vec((rows, n_columns - 1), x)
        .map_err(|e| anyhow!("{file_name}: {e}"))?;
    let mut features = names;
    let target = features.remove(target_index);
    Dataset::new(x, Array1::from(y), features, target)
        .map_err(|e| anyhow!("{file_name}: {}", one_line(&e.to_string())))
}

/// Why a cell could not be used as a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CellProblem {
    Empty,
    NotNumber,
    NotFinite,
}

/// Parses one (untrimmed) cell as a finite number.
fn parse_cell(bytes: &[u8]) -> Result<f64, CellProblem> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| CellProblem::NotNumber)?
        .trim();
    if text.is_empty() {
        return Err(CellProblem::Empty);
    }
    let value: f64 = text.parse().map_err(|_| CellProblem::NotNumber)?;
    // `parse` happily accepts "nan", "inf" and overflowing literals like 1e999.
    if value.is_finite() {
        Ok(value)
    } else {
        Err(CellProblem::NotFinite)
    }
}

/// Builds the one-line error for a bad cell at 0-based field `index`.
fn cell_error(
    file_name: &str,
    line: u64,
    index: usize,
    column: &str,
    field: &[u8],
    problem: CellProblem,
) -> anyhow::Error {
    let at = format!("{file_name}:{line}:{}", index + 1);
    let quoted = quote_cell(field);
    match problem {
        CellProblem::Empty => anyhow!(t!("csv-empty-cell", at = at, column = column)),
        CellProblem::NotNumber => anyhow!(t!(
            "csv-not-number",
            at = at,
            column = column,
            cell = quoted
        )),
        CellProblem::NotFinite => anyhow!(t!(
            "csv-not-finite",
            at = at,
            column = column,
            cell = quoted
        )),
    }
}

/// Quotes a cell for a message: trimmed, escaped onto one line, and cut short if long.
fn quote_cell(field: &[u8]) -> String {
    let text = String::from_utf8_lossy(field);
    let text = text.trim();
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(MAX_QUOTED_CHARS).collect();
    if chars.next().is_some() {
        format!("{head:?}...")
    } else {
        format!("{head:?}")
    }
}

/// The header's names as UTF-8, checked by the rule shared with inline points.
fn header_columns(
    file_name: &str,
    line: u64,
    header: &ByteRecord,
    target: &str,
) -> Result<Columns> {
    let mut raw = Vec::with_capacity(header.len());
    for (index, field) in header.iter().enumerate() {
        let column = index + 1;
        let Ok(name) = std::str::from_utf8(field) else {
            bail!(t!(
                "csv-header-utf8",
                file = file_name,
                line = line,
                column = column
            ));
        };
        raw.push(name);
    }
    check_columns(raw, target).map_err(|e| match e.column {
        Some(column) => anyhow!("{file_name}:{line}:{column}: {}", e.message),
        None => anyhow!("{file_name}:{line}: {}", e.message),
    })
}

/// The 1-based file line a record starts on; only called on the error path.
fn record_line(bytes: &[u8], record: &ByteRecord, fallback: u64) -> u64 {
    record
        .position()
        .map_or(fallback, |pos| line_at(bytes, pos))
}

/// The 1-based line of the first record at or after `pos`.
///
/// csv stamps a record with where the previous one ended, which is before any blank
/// lines it then skips; those are stepped over to reach the record itself. Lines are
/// counted here rather than taken from csv, which counts only `\n`: `\r\n`, `\n` and a
/// lone `\r` each end one line, as they each end a record.
fn line_at(bytes: &[u8], pos: &Position) -> u64 {
    let mut start = usize::try_from(pos.byte()).map_or(bytes.len(), |b| b.min(bytes.len()));
    while bytes.get(start).is_some_and(|b| matches!(b, b'\n' | b'\r')) {
        start += 1;
    }
    let before = &bytes[..start];
    let breaks = before
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && before.get(i + 1) != Some(&b'\n')))
        .count();
    breaks as u64 + 1
}

/// Turns a csv reader error into a one-line message naming the file.
fn csv_error(file_name: &str, bytes: &[u8], error: &csv::Error) -> anyhow::Error {
    match error.kind() {
        csv::ErrorKind::Io(io) => anyhow!(t!(
            "file-cannot-read",
            path = file_name,
            why = one_line(&io.to_string())
        )),
        _ => match error.position() {
            Some(pos) => anyhow!(
                "{file_name}:{}: {}",
                line_at(bytes, pos),
                one_line(&error.to_string())
            ),
            None => anyhow!("{file_name}: {}", one_line(&error.to_string())),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::fs::File;
    use std::io::Write;
    use std::path::PathBuf;
    use tempfile::TempDir;

    /// Writes `contents` to `data.csv` in a fresh directory kept alive by the returned guard.
    fn write_csv(contents: &str) -> (TempDir, PathBuf) {
        write_bytes(contents.as_bytes())
    }

    fn write_bytes(contents: &[u8]) -> (TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.csv");
        let mut file = File::create(&path).unwrap();
        file.write_all(contents).unwrap();
        (dir, path)
    }

    /// Loads `contents` with target `y` and returns the error message, checking it is one line.
    fn error_of(contents: &str) -> (String, String) {
        let (_dir, path) = write_csv(contents);
        let err = load_csv(&path, "y").expect_err("expected the load to fail");
        let message = format!("{err:#}");
        assert!(!message.contains('\n'), "multi-line message: {message:?}");
        assert!(!message.contains('\r'), "multi-line message: {message:?}");
        (message, path.display().to_string())
    }

    #[test]
    fn happy_path_two_features() {
        let (_dir, path) = write_csv("x1,y,x2\n1,10,-1.5\n2,20,2.5e1\n3.25,30,0\n");
        let data = load_csv(&path, "y").unwrap();
        assert_eq!(data.features, vec!["x1".to_string(), "x2".to_string()]);
        assert_eq!(data.target, "y");
        assert_eq!(data.len(), 3);
        assert_eq!(data.n_features(), 2);
        assert_eq!(data.x_slice(), &[1.0, -1.5, 2.0, 25.0, 3.25, 0.0]);
        assert_eq!(data.y_slice(), &[10.0, 20.0, 30.0]);
    }

    #[test]
    fn other_target_name() {
        let (_dir, path) = write_csv("price,size\n100,1\n200,2\n");
        let data = load_csv(&path, "price").unwrap();
        assert_eq!(data.features, vec!["size".to_string()]);
        assert_eq!(data.target, "price");
        assert_eq!(data.y_slice(), &[100.0, 200.0]);
        assert_eq!(data.x_slice(), &[1.0, 2.0]);
    }

    #[test]
    fn whitespace_is_trimmed() {
        let (_dir, path) = write_csv(" x , y \n  1 ,\t2\n 3,4   \n\" 5 \",6\n");
        let data = load_csv(&path, "y").unwrap();
        assert_eq!(data.features, vec!["x".to_string()]);
        assert_eq!(data.target, "y");
        assert_eq!(data.x_slice(), &[1.0, 3.0, 5.0]);
        assert_eq!(data.y_slice(), &[2.0, 4.0, 6.0]);
    }

    #[test]
    fn trailing_empty_line_and_crlf_are_fine() {
        let (_dir, path) = write_csv("x,y\r\n1,2\r\n3,4\r\n\r\n");
        let data = load_csv(&path, "y").unwrap();
        assert_eq!(data.x_slice(), &[1.0, 3.0]);
        assert_eq!(data.y_slice(), &[2.0, 4.0]);
    }

    #[test]
    fn no_trailing_newline_is_fine() {
        let (_dir, path) = write_csv("x,y\n1,2\n3,4");
        let data = load_csv(&path, "y").unwrap();
        assert_eq!(data.len(), 2);
    }

    #[test]
    fn missing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nope.csv");
        let message = format!("{:#}", load_csv(&path, "y").unwrap_err());
        assert!(!message.contains('\n'));
        assert!(
            message.starts_with(&format!("cannot read {}: ", path.display())),
            "{message}"
        );
        assert!(message.contains("os error 2"), "{message}");
    }

    #[test]
    fn directory_is_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let message = format!("{:#}", load_csv(dir.path(), "y").unwrap_err());
        assert!(!message.contains('\n'));
        assert!(
            message.starts_with(&format!("cannot read {}: ", dir.path().display())),
            "{message}"
        );
    }

    #[test]
    fn empty_file() {
        let (message, file) = error_of("");
        assert_eq!(
            message,
            format!("{file}: file is empty; expected a header row naming the columns")
        );
    }

    #[test]
    fn only_blank_lines_is_empty() {
        let (message, file) = error_of("\n\n");
        assert!(
            message.starts_with(&format!("{file}: file is empty")),
            "{message}"
        );
    }

    #[test]
    fn header_without_rows() {
        let (message, file) = error_of("x,y\n");
        assert_eq!(
            message,
            format!("{file}: the header is there but there are no data rows")
        );
        let (message, _) = error_of("x,y");
        assert!(message.contains("no data rows"), "{message}");
    }

    #[test]
    fn missing_target_lists_columns() {
        let (message, file) = error_of("a,b\n1,2\n");
        assert_eq!(
            message,
            format!("{file}:1: no target column `y`; the columns are `a`, `b`")
        );
    }

    #[test]
    fn target_only_column() {
        let (message, file) = error_of("y\n1\n2\n");
        assert_eq!(
            message,
            format!(
                "{file}:1: the target `y` is the only column; need at least one feature column besides it"
            )
        );
    }

    #[test]
    fn non_numeric_cell() {
        let (message, file) = error_of("x1,x2,y\n1,2,3\n4,5,6\n7,abc,9\n");
        assert_eq!(
            message,
            format!("{file}:4:2: cell in column `x2` is not a number: \"abc\"")
        );
    }

    #[test]
    fn non_numeric_target_cell() {
        let (message, file) = error_of("x,y\n1,2\n3,four\n");
        assert_eq!(
            message,
            format!("{file}:3:2: cell in column `y` is not a number: \"four\"")
        );
    }

    #[test]
    fn long_bad_cell_is_cut_short_and_newlines_escaped() {
        let long = "z".repeat(100);
        let (message, file) = error_of(&format!("x,y\n1,\"a\nb\"\n2,{long}\n"));
        assert_eq!(
            message,
            format!("{file}:2:2: cell in column `y` is not a number: \"a\\nb\"")
        );
        let (message, _) = error_of(&format!("x,y\n2,{long}\n"));
        assert!(message.ends_with("...") && message.len() < 120, "{message}");
    }

    #[test]
    fn invalid_utf8_cell() {
        let (_dir, path) = write_bytes(b"x,y\n1,\xff\n");
        let message = format!("{:#}", load_csv(&path, "y").unwrap_err());
        assert!(
            message.starts_with(&format!(
                "{}:2:2: cell in column `y` is not a number",
                path.display()
            )),
            "{message}"
        );
    }

    #[test]
    fn empty_cell() {
        let (message, file) = error_of("x,y\n1,2\n,3\n");
        assert_eq!(message, format!("{file}:3:1: empty cell in column `x`"));
        let (message, file) = error_of("x,y\n1,   \n");
        assert_eq!(message, format!("{file}:2:2: empty cell in column `y`"));
    }

    #[test]
    fn non_finite_values_are_rejected() {
        for bad in [
            "nan", "NaN", "inf", "-inf", "+inf", "infinity", "1e999", "-1e999",
        ] {
            let (message, file) = error_of(&format!("x,y\n1,2\n{bad},3\n"));
            assert_eq!(
                message,
                format!("{file}:3:1: cell in column `x` is not a finite number: \"{bad}\""),
                "for {bad}"
            );
        }
    }

    #[test]
    fn ragged_rows() {
        let (message, file) = error_of("x,y\n1,2\n3,4,5\n");
        assert_eq!(
            message,
            format!("{file}:3: expected 2 fields (as in the header), found 3")
        );
        let (message, file) = error_of("a,b,y\n1,2,3\n4,5,6\n7\n");
        assert_eq!(
            message,
            format!("{file}:4: expected 3 fields (as in the header), found 1")
        );
    }

    #[test]
    fn line_numbers_skip_blank_lines_before_the_bad_row() {
        let cases = [
            ("x,y\n1,2\n\n\n3,bad\n", "5:2"),
            ("x,y\r\n1,2\r\n\r\n3,bad\r\n", "4:2"),
            ("x,y\n1,2\n\n\"3\nz\",4\n", "4:1"),
            ("\u{feff}x,y\n1,bad\n", "2:2"),
            // Carriage returns alone end lines too, as they end records.
            ("x,y\r1,2\r\r2,abc\r", "4:2"),
            ("x,y\r1,2\r3,bad", "3:2"),
            ("x,y\r\n1,2\r\r\n\n3,bad\r\n", "5:2"),
            ("\r\rx,x\r1,2\r", "3:2"),
        ];
        for (text, at) in cases {
            let (message, file) = error_of(text);
            assert!(
                message.starts_with(&format!("{file}:{at}: ")),
                "{text:?}: {message}"
            );
        }
        let (message, file) = error_of("x,y\n1,2\n\n3\n");
        assert!(message.starts_with(&format!("{file}:4: ")), "{message}");
    }

    #[test]
    fn carriage_returns_alone_separate_rows() {
        let (_dir, path) = write_csv("x,y\r1,2\r3,4\r");
        let data = load_csv(&path, "y").unwrap();
        assert_eq!(data.x_slice(), &[1.0, 3.0]);
        assert_eq!(data.y_slice(), &[2.0, 4.0]);
    }

    #[test]
    fn a_file_past_the_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.csv");
        let file = File::create(&path).unwrap();
        // Sparse: the size is past the limit without writing 64 MiB.
        file.set_len(MAX_CSV_BYTES + 1).unwrap();
        let message = format!("{:#}", load_csv(&path, "y").unwrap_err());
        assert_eq!(
            message,
            format!(
                "cannot read {}: larger than 64 MiB, the most a CSV file may hold",
                path.display()
            )
        );
    }

    #[test]
    fn header_after_blank_lines_keeps_its_line_number() {
        let (message, file) = error_of("\n\nx,x\n1,2\n");
        assert_eq!(
            message,
            format!("{file}:3:2: duplicate column name `x` (also column 1)")
        );
    }

    #[test]
    fn line_numbers_count_blank_lines_and_quoted_newlines() {
        let (message, file) = error_of("x,y\n1,2\n\n\"3\n\",4\n5,bad\n");
        assert!(message.starts_with(&format!("{file}:6:2: ")), "{message}");
    }

    #[test]
    fn duplicate_column_names() {
        let (message, file) = error_of("x,y, x\n1,2,3\n");
        assert_eq!(
            message,
            format!("{file}:1:3: duplicate column name `x` (also column 1)")
        );
    }

    #[test]
    fn blank_header_name() {
        let (message, file) = error_of("x, ,y\n1,2,3\n");
        assert_eq!(message, format!("{file}:1:2: column 2 has a blank name"));
        let (message, file) = error_of("x,y,\n1,2,3\n");
        assert_eq!(message, format!("{file}:1:3: column 3 has a blank name"));
    }

    #[test]
    fn header_name_with_newline_stays_one_line() {
        let (message, _) = error_of("\"a\nb\",c\n1,2\n");
        assert!(message.contains("`a\\nb`"), "{message}");
    }

    #[test]
    fn invalid_utf8_header() {
        let (_dir, path) = write_bytes(b"x,\xffy\n1,2\n");
        let message = format!("{:#}", load_csv(&path, "y").unwrap_err());
        assert_eq!(
            message,
            format!(
                "{}:1:2: header name of column 2 is not valid UTF-8",
                path.display()
            )
        );
    }

    #[test]
    fn utf8_bom_is_ignored() {
        let (_dir, path) = write_bytes(b"\xef\xbb\xbfy,x\n1,2\n");
        let data = load_csv(&path, "y").unwrap();
        assert_eq!(data.target, "y");
        assert_eq!(data.features, vec!["x".to_string()]);
    }

    fn finite_f64() -> impl Strategy<Value = f64> {
        use proptest::num::f64::{NEGATIVE, NORMAL, POSITIVE, SUBNORMAL, ZERO};
        POSITIVE | NEGATIVE | NORMAL | SUBNORMAL | ZERO
    }

    proptest! {
        #[test]
        fn finite_values_round_trip(
            rows in proptest::collection::vec((finite_f64(), finite_f64(), finite_f64()), 1..40)
        ) {
            let mut text = String::from("a,y,b\n");
            for (a, y, b) in &rows {
                text.push_str(&format!("{a},{y},{b}\n"));
            }
            let (_dir, path) = write_csv(&text);
            let data = load_csv(&path, "y").unwrap();
            prop_assert_eq!(data.len(), rows.len());
            for (i, (a, y, b)) in rows.iter().enumerate() {
                prop_assert_eq!(data.x[[i, 0]].to_bits(), a.to_bits());
                prop_assert_eq!(data.y[i].to_bits(), y.to_bits());
                prop_assert_eq!(data.x[[i, 1]].to_bits(), b.to_bits());
            }
        }
    }
}
