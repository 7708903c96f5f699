//! Reading scenario TOML, keeping each key's line for error messages.

use std::collections::HashMap;
use std::path::Path;

use anyhow::anyhow;

use super::Scenario;
use crate::data::read::read_regular;
use crate::fmt;

/// Largest scenario file read, in bytes (1 MiB); inline `[points]` beyond that belong in a CSV.
pub const MAX_SCENARIO_BYTES: u64 = 1 << 20;

/// A parsed scenario with where it came from.
#[derive(Debug, Clone)]
pub struct ScenarioFile {
    /// What to call it in messages: a path, or `lesson NAME`.
    pub label: String,
    /// Its options.
    pub scenario: Scenario,
    /// 1-based line of each top-level key.
    key_lines: HashMap<String, usize>,
}

impl ScenarioFile {
    /// Parses scenario TOML `text`; `label` names it in errors.
    pub fn parse(text: &str, label: &str) -> anyhow::Result<Self> {
        let scenario: Scenario = toml::from_str(text).map_err(|e| {
            let at = e
                .span()
                .map(|s| {
                    let (line, col) = line_col(text, s.start);
                    format!(":{line}:{col}")
                })
                .unwrap_or_default();
            anyhow!("{label}{at}: {}", e.message().trim().replace('\n', " "))
        })?;
        // The same text parsed once more, keeping spans, to point at bad values.
        let spans: HashMap<String, toml::Spanned<toml::Value>> =
            toml::from_str(text).unwrap_or_default();
        let mut key_lines: HashMap<String, usize> = spans
            .into_iter()
            .map(|(key, value)| (key, line_col(text, value.span().start).0))
            .collect();
        // `[points]` keys are blamed by name (`points.columns`), so they need lines too.
        let inner: PointsSpans = toml::from_str(text).unwrap_or_default();
        key_lines.extend(inner.points.into_iter().map(|(key, value)| {
            (
                format!("points.{key}"),
                line_col(text, value.span().start).0,
            )
        }));
        Ok(Self {
            label: label.to_owned(),
            scenario,
            key_lines,
        })
    }

    /// The 1-based line where `key` is set, if it is.
    pub fn line_of(&self, key: &str) -> Option<usize> {
        self.key_lines.get(key).copied()
    }
}

/// Where each key of `[points]` is set; every other key of the file is ignored here.
#[derive(Debug, Default, serde::Deserialize)]
struct PointsSpans {
    #[serde(default)]
    points: HashMap<String, toml::Spanned<toml::Value>>,
}

/// Reads a scenario file; a relative `data` path is taken from the file's folder.
pub fn load_scenario_file(path: &Path) -> anyhow::Result<ScenarioFile> {
    let label = fmt::path(path);
    let bytes = read_regular(path, MAX_SCENARIO_BYTES, "file-scenario")?;
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow!(crate::t!(
            "file-not-utf8",
            path = &label,
            byte = e.utf8_error().valid_up_to()
        ))
    })?;
    let mut file = ScenarioFile::parse(&text, &label)?;
    // Files it names are read from its own folder, wherever downhill runs.
    let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
    for named in [&mut file.scenario.data, &mut file.scenario.test] {
        if let Some(p) = named.as_mut().filter(|p| p.is_relative()) {
            *p = folder.join(&*p);
        }
    }
    Ok(file)
}

/// 1-based line and column of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_names_its_line_and_column() {
        let err = ScenarioFile::parse("lr = 0.1\nsteps = 3\nspeed = 2\n", "s.toml").unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.starts_with("s.toml:3:1: unknown field `speed`"),
            "{msg}"
        );
        assert!(!msg.contains('\n'));
    }

    #[test]
    fn a_wrong_type_names_its_line() {
        let msg = ScenarioFile::parse("\nlr = \"fast\"\n", "s.toml")
            .unwrap_err()
            .to_string();
        assert!(msg.starts_with("s.toml:2:"), "{msg}");
    }

    #[test]
    fn key_lines_are_remembered() {
        let f = ScenarioFile::parse("# c\nlr = 0.1\n\nsteps = 3\n", "s.toml").unwrap();
        assert_eq!(
            (f.line_of("lr"), f.line_of("steps"), f.line_of("seed")),
            (Some(2), Some(4), None)
        );
        assert_eq!(f.scenario.steps, Some(3));
    }

    #[test]
    fn points_keys_have_lines_of_their_own() {
        let f = ScenarioFile::parse(
            "lr = 1\n\n[points]\ncolumns = [\"x\", \"y\"]\nrows = [\n  [1, 2],\n]\n",
            "s",
        )
        .unwrap();
        assert_eq!(f.line_of("points.columns"), Some(4));
        assert_eq!(f.line_of("points.rows"), Some(5));
    }

    #[test]
    fn integers_are_accepted_where_numbers_are_expected() {
        let f = ScenarioFile::parse(
            "lr = 1\n[points]\ncolumns = [\"x\", \"y\"]\nrows = [[1, 2]]\n",
            "s",
        )
        .unwrap();
        assert_eq!(f.scenario.lr, Some(1.0));
        assert_eq!(f.scenario.points.unwrap().rows, [[1.0, 2.0]]);
    }
}
