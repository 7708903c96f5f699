//! The rule for column names, one for CSV headers and inline `[points]` alike.

use std::collections::HashMap;

use crate::fmt::one_line;

/// Column names that passed [`check_columns`], and where the target is among them.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    /// The names, trimmed, in order.
    pub names: Vec<String>,
    /// 0-based index of the target column.
    pub target: usize,
}

/// Why a list of column names cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnError {
    /// The 1-based column at fault, if one is.
    pub column: Option<usize>,
    /// What is wrong, on one line.
    pub message: String,
}

/// Trims the names and checks them: none blank, no two alike (so the target cannot be
/// there twice), and `target` among them beside at least one feature.
pub fn check_columns<'a>(
    raw: impl IntoIterator<Item = &'a str>,
    target: &str,
) -> Result<Columns, ColumnError> {
    let fault = |column, message| ColumnError {
        column: Some(column),
        message,
    };
    let mut names = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, name) in raw.into_iter().enumerate() {
        let column = index + 1;
        let name = one_line(name.trim());
        if name.is_empty() {
            return Err(fault(column, crate::t!("csv-blank-name", column = column)));
        }
        if let Some(first) = seen.insert(name.clone(), column) {
            let message = crate::t!("csv-duplicate", name = &name, first = first);
            return Err(fault(column, message));
        }
        names.push(name);
    }
    let whole = |message| ColumnError {
        column: None,
        message,
    };
    let target = target.trim();
    let Some(index) = names.iter().position(|name| name == target) else {
        let listed = names
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let target = one_line(target);
        return Err(whole(if names.is_empty() {
            crate::t!("csv-no-target-no-columns", target = target)
        } else {
            crate::t!("csv-no-target", target = target, listed = listed)
        }));
    };
    if names.len() == 1 {
        return Err(whole(crate::t!("csv-only-target", target = &names[0])));
    }
    Ok(Columns {
        names,
        target: index,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(names: &[&str], target: &str) -> ColumnError {
        check_columns(names.iter().copied(), target).unwrap_err()
    }

    #[test]
    fn names_are_trimmed_and_the_target_found() {
        let columns = check_columns([" a", "y ", "b"], "y").unwrap();
        assert_eq!(columns.names, ["a", "y", "b"]);
        assert_eq!(columns.target, 1);
    }

    #[test]
    fn blank_duplicate_and_doubled_target_names_are_refused() {
        assert_eq!(
            problem(&["x", " ", "y"], "y"),
            ColumnError {
                column: Some(2),
                message: "column 2 has a blank name".into()
            }
        );
        let twice = problem(&["y", "y"], "y");
        assert_eq!(twice.column, Some(2));
        assert_eq!(twice.message, "duplicate column name `y` (also column 1)");
        assert_eq!(problem(&["x", "y", " x"], "y").column, Some(3));
    }

    #[test]
    fn the_target_must_be_there_with_a_feature() {
        assert_eq!(
            problem(&[], "y").message,
            "no target column `y`; there are no columns"
        );
        assert_eq!(
            problem(&["a", "b"], "y").message,
            "no target column `y`; the columns are `a`, `b`"
        );
        assert!(problem(&["y"], "y").message.contains("the only column"));
        assert_eq!(
            problem(&["a\nb"], "y").message,
            "no target column `y`; the columns are `a\\nb`"
        );
    }
}
