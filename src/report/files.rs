//! Writing files whole or not at all (a temporary file, then a link or rename into
//! place), never replacing an existing one.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file was not written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WriteError {
    /// Something is there already; it is left alone.
    #[error("{0} already exists; choose another name")]
    Exists(String),
    /// The path ends in `..` or a root, not a file name.
    #[error("{0} is not a file name")]
    NotAFile(String),
    /// The system refused (no such folder, no space, no permission, …).
    #[error("cannot write {path}: {reason}")]
    Io {
        /// The path as given.
        path: String,
        /// The system's words.
        reason: String,
    },
    /// The scenario could not be put into TOML.
    #[error("cannot write the scenario: {0}")]
    Toml(String),
}

/// Writes `contents` to `path` atomically, refusing to replace an existing file.
/// Returns the path written, made absolute so that the person can find it.
pub fn write_new(path: &Path, contents: &str) -> Result<PathBuf, WriteError> {
    let shown = path.display().to_string();
    let io = |e: std::io::Error| WriteError::Io {
        path: shown.clone(),
        reason: e.to_string(),
    };
    if path.exists() {
        return Err(WriteError::Exists(shown.clone()));
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| WriteError::NotAFile(shown.clone()))?;
    let temp = folder.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|mut f| f.write_all(contents.as_bytes()).and_then(|()| f.sync_all()));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(io(e));
    }
    // A hard link fails if the name was taken meanwhile, so nothing is ever replaced.
    let placed = std::fs::hard_link(&temp, path).or_else(|_| {
        if path.exists() {
            Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "already exists",
            ))
        } else {
            std::fs::rename(&temp, path)
        }
    });
    let _ = std::fs::remove_file(&temp);
    placed.map_err(io)?;
    Ok(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// `stem.ext` in the current folder, or `stem-2.ext`, `stem-3.ext`… if taken.
pub fn unused_name(stem: &str, ext: &str) -> PathBuf {
    let first = PathBuf::from(format!("{stem}.{ext}"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|k| PathBuf::from(format!("{stem}-{k}.{ext}")))
        .find(|p| !p.exists())
        .expect("some suffix is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        let written = write_new(&path, "a,b\n").unwrap();
        assert_eq!(std::fs::read_to_string(&written).unwrap(), "a,b\n");
        let err = write_new(&path, "other").unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "a,b\n");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
        assert!(write_new(&dir.path().join("no/such/folder/x.csv"), "x").is_err());
    }
}
