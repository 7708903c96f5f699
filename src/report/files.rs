//! Writing files whole or not at all (a temporary file, then a link or rename into
//! place), never replacing an existing one.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::fmt;

/// Why a file was not written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WriteError {
    /// Something is there already; it is left alone.
    #[error("{}", crate::t!("file-exists", path = .0))]
    Exists(String),
    /// The path ends in `..` or a root, not a file name.
    #[error("{}", crate::t!("file-not-a-name", path = .0))]
    NotAFile(String),
    /// The system refused (no such folder, no space, no permission, …).
    #[error("{}", crate::t!("file-cannot-write", path = path, why = reason))]
    Io {
        /// The path as given.
        path: String,
        /// The system's words.
        reason: String,
    },
    /// The scenario could not be put into TOML.
    #[error("{}", crate::t!("file-cannot-write-scenario", why = .0))]
    Toml(String),
}

/// Temporary files being written now, so that an exit cutting a write short can
/// remove them ([`remove_unfinished`]).
static UNFINISHED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Deletes every temporary file still being written; for exit paths (a signal) that
/// leave before a write finishes. Safe to call at any time, and more than once.
pub fn remove_unfinished() {
    remove_unfinished_where(|_| true);
}

/// Deletes the registered temporary files that `pick` selects, and forgets them.
fn remove_unfinished_where(pick: impl Fn(&Path) -> bool) {
    let picked: Vec<PathBuf> = {
        let mut registry = unfinished();
        let (picked, kept) = std::mem::take(&mut *registry)
            .into_iter()
            .partition(|p| pick(p));
        *registry = kept;
        picked
    };
    for path in picked {
        let _ = std::fs::remove_file(path);
    }
}

/// The registry, usable even if a thread panicked while holding it.
fn unfinished() -> MutexGuard<'static, Vec<PathBuf>> {
    UNFINISHED.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A temporary file this process created: registered while it lives, removed when dropped,
/// so that every return, a panic included, takes it away.
struct TempFile(PathBuf);

impl TempFile {
    /// Creates `path`, which must not exist yet (never someone else's file), and registers it.
    fn create(path: PathBuf) -> std::io::Result<(Self, File)> {
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        unfinished().push(path.clone());
        Ok((Self(path), file))
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
        unfinished().retain(|p| p != &self.0);
    }
}

/// True when something is at `path`, a symbolic link included, even one pointing nowhere.
fn taken(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Writes `contents` to `path` atomically, refusing to replace an existing file (or a
/// symbolic link, dangling or not). Returns the path written, made absolute so that the
/// person can find it.
pub fn write_new(path: &Path, contents: &str) -> Result<PathBuf, WriteError> {
    write_new_with(path, |out| out.write_all(contents.as_bytes()))
}

/// [`write_new`], with the contents written by `fill` as they are made, so that a long
/// file never has to be held whole in memory.
pub fn write_new_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<PathBuf, WriteError> {
    let shown = fmt::path(path);
    let io = |e: std::io::Error| WriteError::Io {
        path: shown.clone(),
        reason: fmt::one_line(&e.to_string()),
    };
    if taken(path) {
        return Err(WriteError::Exists(shown.clone()));
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| WriteError::NotAFile(shown.clone()))?;
    let (temp, file) = TempFile::create(folder.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    )))
    .map_err(io)?;
    let mut out = std::io::BufWriter::new(file);
    fill(&mut out).and_then(|()| out.flush()).map_err(io)?;
    let file = out.into_inner().map_err(|e| io(e.into_error()))?;
    file.sync_all().map_err(io)?;
    drop(file);
    place(&temp.0, path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => WriteError::Exists(shown.clone()),
        _ => io(e),
    })?;
    drop(temp);
    Ok(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// Puts the finished `temp` at `path` without ever replacing what is there.
fn place(temp: &Path, path: &Path) -> std::io::Result<()> {
    // A hard link fails if the name is taken, even by a dangling symbolic link, so the
    // check and the placing are one step.
    match std::fs::hard_link(temp, path) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists && !taken(path) => {
            // Some file systems have no hard links; there a rename is the only way, after
            // a fresh look (a rename would replace whatever is there).
            std::fs::rename(temp, path)
        }
        other => other,
    }
}

/// `stem.ext` in the current folder, or `stem-2.ext`, `stem-3.ext`… if taken.
pub fn unused_name(stem: &str, ext: &str) -> PathBuf {
    let first = PathBuf::from(format!("{stem}.{ext}"));
    if !taken(&first) {
        return first;
    }
    (2..)
        .map(|k| PathBuf::from(format!("{stem}-{k}.{ext}")))
        .find(|p| !taken(p))
        .expect("some suffix is free")
}

#[cfg(test)]
mod tests {

    #[test]
    fn refusals_are_said_in_the_language_in_use() {
        use crate::i18n::{Lang, with_lang};
        let exists = WriteError::Exists("a.svg".into());
        assert_eq!(
            with_lang(Lang::En, || exists.to_string()),
            "a.svg already exists; choose another name"
        );
        assert_eq!(
            with_lang(Lang::Zh, || exists.to_string()),
            "a.svg 已经存在；请换一个名字"
        );
        let io = WriteError::Io {
            path: "x/y.csv".into(),
            reason: "No such file or directory".into(),
        };
        assert_eq!(
            with_lang(Lang::Zh, || io.to_string()),
            "无法写入 x/y.csv：No such file or directory"
        );
    }
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

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_never_replaced_even_dangling() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere.csv");
        let link = dir.path().join("out.csv");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = write_new(&link, "a,b\n").unwrap_err();
        assert_eq!(err, WriteError::Exists(link.display().to_string()));
        assert!(!target.exists(), "nothing is written through the link");
        let kept = std::fs::symlink_metadata(&link).unwrap();
        assert!(kept.file_type().is_symlink(), "the link is still a link");
        // The placing step alone refuses too, for a link that appears after the check.
        let temp = dir.path().join("temp");
        std::fs::write(&temp, "x").unwrap();
        let placed = place(&temp, &link).unwrap_err();
        assert_eq!(placed.kind(), std::io::ErrorKind::AlreadyExists);
        let entries = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(entries, 2, "the link and the test's own temp file only");
    }

    #[test]
    fn unfinished_temp_files_are_removed_on_request() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".half.csv.tmp");
        let (temp, mut file) = TempFile::create(path.clone()).unwrap();
        file.write_all(b"half of it").unwrap();
        assert!(unfinished().contains(&path));
        // As an exit on a signal would, while the write is under way; only this test's
        // folder, since other tests write files at the same time.
        let ours = |p: &Path| p.starts_with(dir.path());
        remove_unfinished_where(ours);
        assert!(!path.exists());
        assert!(!unfinished().contains(&path));
        drop(temp);
        // Someone else's file of the same name is never taken as ours.
        std::fs::write(&path, "theirs").unwrap();
        assert!(TempFile::create(path.clone()).is_err());
        remove_unfinished_where(ours);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "theirs");
    }

    #[test]
    fn a_finished_write_leaves_nothing_registered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("done.toml");
        write_new(&path, "lr = 1\n").unwrap();
        let prefix = dir.path().to_path_buf();
        assert!(!unfinished().iter().any(|p| p.starts_with(&prefix)));
        assert!(write_new(&dir.path().join("no/such/x.csv"), "x").is_err());
        assert!(!unfinished().iter().any(|p| p.starts_with(&prefix)));
    }
}
