//! `downhill presets`: list the built-in lessons, or print one as a scenario file.

use crate::scenario::{LESSONS, lesson};

/// The lesson list, one line each, or the TOML of lesson `show`.
pub fn presets(show: Option<&str>) -> anyhow::Result<String> {
    if let Some(name) = show {
        return lesson(name)
            .map(|l| l.toml.to_owned())
            .map_err(|e| anyhow::anyhow!("--show: {e}"));
    }
    let width = LESSONS.iter().map(|l| l.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for l in LESSONS {
        let about = l.description();
        out.push_str(&format!("{:<width$}  {about}\n", l.name));
    }
    Ok(out)
}
