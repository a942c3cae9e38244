//! Writing a file so that a reader, a crash or a failure never sees half of it: the content
//! goes to a temporary file beside the destination, is synced, renamed into place, and the
//! folder is synced. On any failure the temporary file is removed and the old file stays whole.

use std::fs::File;
use std::path::{Path, PathBuf};

/// Writes `dest` through `write`, which fills the temporary path it is given. `io` turns a
/// file-system failure into the caller's error.
pub fn replace_with<E>(
    dest: &Path,
    write: impl FnOnce(&Path) -> Result<(), E>,
    io: impl Fn(std::io::Error) -> E,
) -> Result<(), E> {
    let partial = partial_path(dest);
    let done = write(&partial).and_then(|()| {
        File::open(&partial)
            .and_then(|f| f.sync_all())
            .and_then(|()| std::fs::rename(&partial, dest))
            .map_err(&io)
    });
    if done.is_err() {
        let _ = std::fs::remove_file(&partial);
        return done;
    }
    // The rename is durable once the folder is; a folder that cannot be synced (some network
    // file systems) still holds the whole new file.
    if let Some(dir) = folder(dest) {
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

/// `replace_with` for content already in memory.
pub fn write(dest: &Path, bytes: &[u8]) -> std::io::Result<()> {
    replace_with(dest, |p| std::fs::write(p, bytes), |e| e)
}

/// The folder `path` is in ("." for a bare file name).
pub fn folder(path: &Path) -> Option<&Path> {
    match path.parent() {
        Some(d) if d.as_os_str().is_empty() => Some(Path::new(".")),
        other => other,
    }
}

fn partial_path(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "file".into());
    let dir = folder(dest).unwrap_or(Path::new("."));
    dir.join(format!(".{name}.partial"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.txt");
        write(&dest, b"old").unwrap();
        let failed: Result<(), std::io::Error> = replace_with(
            &dest,
            |p| {
                std::fs::write(p, b"half")?;
                Err(std::io::Error::other("disk full"))
            },
            |e| e,
        );
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&dest).unwrap(), b"old");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no partial left"
        );
        write(&dest, b"new").unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"new");
    }
}
