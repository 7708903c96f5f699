//! Reading an input file whole, once, up to a size limit; never a FIFO, a device or a folder.

use std::fs::{FileType, Metadata};
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use anyhow::anyhow;

use crate::fmt;

/// The bytes of the regular file at `path`, refused past `limit` bytes; `what` is the
/// message id naming the kind of file in the error (e.g. `file-csv`, "a CSV file").
pub fn read_regular(path: &Path, limit: u64, what: &str) -> anyhow::Result<Vec<u8>> {
    let shown = fmt::path(path);
    let cannot = |reason: String| {
        anyhow!(crate::t!(
            "file-cannot-read",
            path = &shown,
            why = fmt::one_line(&reason)
        ))
    };
    // Checked before opening: opening a FIFO that has no writer blocks until one comes.
    let before = std::fs::metadata(path).map_err(|e| cannot(e.to_string()))?;
    check(&before, limit, what).map_err(&cannot)?;
    // Non-blocking, so that a FIFO put in the file's place since the check cannot hang
    // the open either; on a regular file the flag changes nothing.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| cannot(e.to_string()))?;
    // The name may point elsewhere by now; what counts is the file actually opened.
    let opened = file.metadata().map_err(|e| cannot(e.to_string()))?;
    check(&opened, limit, what).map_err(&cannot)?;
    let expected = usize::try_from(opened.len().min(limit)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(expected.saturating_add(1));
    // One byte past the limit tells a file that grew past it from one that fits exactly,
    // and endless input stops there instead of filling the memory.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(cannot(too_large(limit, what)));
    }
    Ok(bytes)
}

/// Why `meta` cannot be read as an input file of at most `limit` bytes, if it cannot.
fn check(meta: &Metadata, limit: u64, what: &str) -> Result<(), String> {
    if !meta.is_file() {
        let kind = crate::i18n::tr(kind(meta.file_type()));
        return Err(crate::t!("file-not-regular", kind = kind));
    }
    if meta.len() > limit {
        return Err(too_large(limit, what));
    }
    Ok(())
}

/// The error for a file past its limit.
fn too_large(limit: u64, what: &str) -> String {
    let size = if limit >= 1 << 20 {
        format!("{} MiB", limit >> 20)
    } else {
        crate::t!("file-bytes", count = limit)
    };
    crate::t!("file-too-large", size = size, what = crate::i18n::tr(what))
}

/// What kind of file this is, as a message id, for one that is not a regular file.
fn kind(file_type: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "file-kind-fifo";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "file-kind-device";
        }
        if file_type.is_socket() {
            return "file-kind-socket";
        }
    }
    if file_type.is_dir() {
        "file-kind-folder"
    } else {
        "file-kind-other"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(path: &Path, limit: u64) -> String {
        format!("{:#}", read_regular(path, limit, "file-csv").unwrap_err())
    }

    #[test]
    fn reads_a_file_up_to_its_limit_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.txt");
        std::fs::write(&path, b"abcd").unwrap();
        assert_eq!(read_regular(&path, 4, "file-csv").unwrap(), b"abcd");
        let shown = path.display();
        assert_eq!(
            error(&path, 3),
            format!("cannot read {shown}: larger than 3 bytes, the most a CSV file may hold")
        );
    }

    #[test]
    fn folders_and_missing_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let shown = dir.path().display();
        assert_eq!(
            error(dir.path(), 10),
            format!("cannot read {shown}: a folder, not a regular file")
        );
        let missing = error(&dir.path().join("nope"), 10);
        assert!(missing.contains("os error 2"), "{missing}");
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_refused_without_reading() {
        let message = error(Path::new("/dev/zero"), 1 << 20);
        assert_eq!(
            message,
            "cannot read /dev/zero: a device, not a regular file"
        );
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            // No writer: opening it would block, so this returning at all is the test.
            assert!(error(&fifo, 10).ends_with("a FIFO (named pipe), not a regular file"));
        }
    }
}
