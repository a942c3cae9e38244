//! Files from outside, opened the one way every import opens them: only a regular file (a
//! FIFO would hang the import, a device never ends), JSON read up to a size bound, a UTF-8
//! byte order mark accepted and dropped.

use super::ImportError;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest JSON file an import reads: JSON is parsed whole, at several times its size in
/// memory. A whole database (`export all`) of a million positions is about 600 MB; beyond
/// this, bring positions in as CSV, which streams.
pub const MAX_JSON_BYTES: u64 = 1 << 30;

/// Why a file could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{} is not a regular file (a folder, a pipe or a device); nothing was imported", path.display())]
    NotAFile { path: PathBuf },
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the JSON is larger than {} MB, the most an import reads; nothing was imported. Bring positions in as CSV, or split the file", MAX_JSON_BYTES >> 20)]
    TooLarge,
}

impl SourceError {
    pub fn code(&self) -> crate::model::ErrorCode {
        use crate::model::ErrorCode;
        match self {
            SourceError::NotAFile { .. } => ErrorCode::NotAFile,
            SourceError::Io { source, .. } => match source.kind() {
                std::io::ErrorKind::NotFound => ErrorCode::Missing,
                std::io::ErrorKind::PermissionDenied => ErrorCode::NoPermission,
                _ => ErrorCode::Io,
            },
            SourceError::TooLarge => ErrorCode::MalformedFile,
        }
    }
}

/// Opens `path` for an import: a regular file only.
pub fn open(path: &Path) -> Result<std::fs::File, SourceError> {
    let io = |source| SourceError::Io {
        path: path.to_path_buf(),
        source,
    };
    if crate::files::found(path).map_err(io)? == crate::files::Found::NotAFile {
        return Err(SourceError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    std::fs::File::open(path).map_err(io)
}

/// Reads JSON from `input`, at most [`MAX_JSON_BYTES`], a byte order mark dropped.
pub fn read_json(input: impl Read) -> Result<serde_json::Value, ImportError> {
    let mut bytes = Vec::new();
    input
        .take(MAX_JSON_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ImportError::MalformedJson {
            line: 0,
            column: 0,
            message: e.to_string(),
        })?;
    if bytes.len() as u64 > MAX_JSON_BYTES {
        return Err(SourceError::TooLarge.into());
    }
    let text = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    serde_json::from_slice(text).map_err(|e| ImportError::MalformedJson {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bom_is_dropped_and_a_folder_refused() {
        let v = read_json("\u{feff}[1]".as_bytes()).unwrap();
        assert_eq!(v, serde_json::json!([1]));
        let dir = tempfile::tempdir().unwrap();
        let err = open(dir.path()).unwrap_err().to_string();
        assert!(err.contains("not a regular file"), "{err}");
    }
}
