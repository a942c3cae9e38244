//! A draft's text from a file: plain text, Word (.docx) or PDF. The text comes out as the
//! parser reads it: one paragraph per line, footnote calls as "[n]", footnote texts after a
//! line "Footnotes". A file the readers cannot make sense of is an error that names the file,
//! never a crash: the PDF and DOCX readers (docx.rs, pdf.rs) run in a child process
//! (worker.rs), and a panic inside them becomes an error.

use super::docx::docx_text;
use super::pdf::pdf_text;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Larger than any draft report; a file this big is the wrong file.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is {size} bytes; a draft is far smaller — check the file")]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{path}: Concord reads drafts from .txt, .docx and .pdf files")]
    UnknownKind { path: PathBuf },
    #[error("{path} is not a text file in UTF-8 (byte {at} is not); save it as UTF-8 text")]
    NotUtf8 { path: PathBuf, at: usize },
    #[error("{path} is not a readable Word file: {reason}")]
    Docx { path: PathBuf, reason: String },
    #[error("{path} is not a readable PDF: {reason}")]
    Pdf { path: PathBuf, reason: String },
    #[error(
        "{path} holds {} MB of text; a draft report holds about 1 — check that it is one draft",
        .bytes >> 20
    )]
    TextTooLong { path: PathBuf, bytes: usize },
    #[error("{path} holds no text Concord can read (a scanned PDF needs OCR first)")]
    NoText { path: PathBuf },
    #[error("Concord could not start its reader for {path}: {source}")]
    ReaderUnavailable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the pasted text is {chars} characters; a draft report is far smaller — check what was pasted")]
    PasteTooLong { chars: usize },
}

impl ExtractError {
    /// Every failure to read a draft is about the file or the paste, not the machine.
    pub fn code(&self) -> crate::model::ErrorCode {
        crate::model::ErrorCode::InvalidInput
    }
}

/// Longest pasted text previewed, in characters (a long report is about 200 000).
pub const MAX_PASTE_CHARS: usize = 5_000_000;

/// The parse of a pasted text, for the analyst to check before saving.
pub fn preview_text(text: &str) -> Result<crate::model::DraftPreview, ExtractError> {
    let text = crate::text::strip_bom(text);
    let chars = text.chars().count();
    if chars > MAX_PASTE_CHARS {
        return Err(ExtractError::PasteTooLong { chars });
    }
    Ok(super::preview(text, None))
}

/// The parse of a .txt, .docx or .pdf file, for the analyst to check before saving.
pub fn preview_file(path: &Path) -> Result<crate::model::DraftPreview, ExtractError> {
    let text = read_file_apart(path)?;
    Ok(super::preview(&text, Some(path.display().to_string())))
}

/// Runs a third-party reader so that a panic inside it comes back as an error message.
fn guarded<T>(read: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)) {
        Ok(result) => result,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown failure".into());
            Err(format!("the reader failed inside ({what})"))
        }
    }
}

/// The text of a .txt, .docx or .pdf file, read in this process (tests; the reader process
/// itself). The app and the CLI use [`read_file_apart`].
pub fn read_file(path: &Path) -> Result<String, ExtractError> {
    read_with(path, RunIn::Here)
}

/// The text of a .txt, .docx or .pdf file; a Word or PDF file is read by a child process of
/// this program (see [`super::worker`]), under limits of time and memory, so that a hostile
/// file can neither hang nor take down the window or the command.
pub fn read_file_apart(path: &Path) -> Result<String, ExtractError> {
    read_with(path, RunIn::Apart)
}

/// Where the Word and PDF readers run.
#[derive(Clone, Copy)]
enum RunIn {
    Here,
    Apart,
}

/// The two kinds of file whose readers are third-party code fed with outside bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Packed {
    Docx,
    Pdf,
}

impl Packed {
    pub fn name(self) -> &'static str {
        match self {
            Packed::Docx => "docx",
            Packed::Pdf => "pdf",
        }
    }

    pub fn from_name(name: &str) -> Option<Packed> {
        match name {
            "docx" => Some(Packed::Docx),
            "pdf" => Some(Packed::Pdf),
            _ => None,
        }
    }
}

/// The text of a Word or PDF file's bytes, or why there is none; a panic inside the reader
/// comes back as the reason.
pub fn text_of(kind: Packed, bytes: &[u8]) -> Result<String, String> {
    match kind {
        Packed::Docx => guarded(|| docx_text(bytes)),
        Packed::Pdf => guarded(|| pdf_text(bytes)),
    }
}

/// Refuses what is not a regular file, or is larger than [`MAX_FILE_BYTES`], before reading.
fn check(path: &Path) -> Result<(), ExtractError> {
    let io = |source| ExtractError::Io {
        path: path.to_path_buf(),
        source,
    };
    match crate::files::found(path).map_err(io)? {
        crate::files::Found::File(size) if size > MAX_FILE_BYTES => Err(ExtractError::TooLarge {
            path: path.to_path_buf(),
            size,
        }),
        crate::files::Found::File(_) => Ok(()),
        crate::files::Found::Nothing => Err(io(std::io::ErrorKind::NotFound.into())),
        crate::files::Found::NotAFile => Err(io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a folder, a pipe or a device)",
        ))),
    }
}

/// A file's bytes, no more than [`MAX_FILE_BYTES`], refused if it is not a regular file.
pub(super) fn load(path: &Path) -> Result<Vec<u8>, ExtractError> {
    check(path)?;
    // Read no further than the bound, even if the file grew since it was measured.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|source| ExtractError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ExtractError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

fn read_with(path: &Path, run_in: RunIn) -> Result<String, ExtractError> {
    check(path)?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let packed = match ext.as_str() {
        "txt" | "text" | "md" => None,
        other => Some(
            Packed::from_name(other).ok_or_else(|| ExtractError::UnknownKind {
                path: path.to_path_buf(),
            })?,
        ),
    };
    let text = match packed {
        None => {
            let bytes = load(path)?;
            let text = String::from_utf8(bytes).map_err(|e| ExtractError::NotUtf8 {
                path: path.to_path_buf(),
                at: e.utf8_error().valid_up_to(),
            })?;
            crate::text::strip_bom(&text).to_string()
        }
        Some(kind) => {
            let read = match run_in {
                RunIn::Here => text_of(kind, &load(path)?),
                RunIn::Apart => super::worker::read(path, kind)?,
            };
            read.map_err(|reason| match kind {
                Packed::Docx => ExtractError::Docx {
                    path: path.to_path_buf(),
                    reason,
                },
                Packed::Pdf => ExtractError::Pdf {
                    path: path.to_path_buf(),
                    reason,
                },
            })?
        }
    };
    if text.trim().is_empty() {
        return Err(ExtractError::NoText {
            path: path.to_path_buf(),
        });
    }
    if text.len() > crate::import::revision::MAX_TEXT_BYTES {
        return Err(ExtractError::TextTooLong {
            path: path.to_path_buf(),
            bytes: text.len(),
        });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_reader_becomes_an_error() {
        let got: Result<(), String> = guarded(|| panic!("index out of bounds"));
        assert_eq!(
            got.unwrap_err(),
            "the reader failed inside (index out of bounds)"
        );
    }

    #[test]
    fn unknown_extension_and_non_utf8_text_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let odt = dir.path().join("draft.odt");
        std::fs::write(&odt, b"x").unwrap();
        let err = read_file(&odt).unwrap_err().to_string();
        assert!(err.contains("draft.odt") && err.contains(".docx"), "{err}");
        let latin1 = dir.path().join("draft.txt");
        std::fs::write(&latin1, b"1. C\xf4te").unwrap();
        let err = read_file(&latin1).unwrap_err().to_string();
        assert!(err.contains("byte 4") && err.contains("UTF-8"), "{err}");
    }
}
