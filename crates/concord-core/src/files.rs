//! What is at a path before Concord reads it. Every file from outside (a database, an import,
//! a draft) is read only when it is a regular file: opening a FIFO would block, and a device
//! or a folder is never one of ours.

use std::path::Path;

/// What `path` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Nothing,
    /// A regular file of this many bytes.
    File(u64),
    /// A folder, a pipe, a device or a socket.
    NotAFile,
}

/// Looks at `path` without opening it (links followed).
pub fn found(path: &Path) -> std::io::Result<Found> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Ok(Found::File(m.len())),
        Ok(_) => Ok(Found::NotAFile),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Found::Nothing),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_and_a_folder_are_not_files() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        assert!(std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        assert_eq!(found(&fifo).unwrap(), Found::NotAFile);
        assert_eq!(found(dir.path()).unwrap(), Found::NotAFile);
        assert_eq!(found(&dir.path().join("none")).unwrap(), Found::Nothing);
        std::fs::write(dir.path().join("f"), b"abc").unwrap();
        assert_eq!(found(&dir.path().join("f")).unwrap(), Found::File(3));
    }
}
