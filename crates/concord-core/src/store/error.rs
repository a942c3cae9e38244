use crate::model::ErrorCode;
use std::path::PathBuf;

/// What can go wrong opening, upgrading, reading or writing a Concord database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open {}: {source}", path.display())]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{} is not a Concord database ({reason}); it was left unchanged", path.display())]
    NotConcord { path: PathBuf, reason: String },
    #[error(
        "{} was written by a newer Concord (schema version {found}; this version reads up to \
         {supported}); update Concord to open it. The file was left unchanged",
        path.display()
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error(
        "{} was not opened: its {object} {what}, so it may run code on your edits; \
         it was left unchanged. Ask whoever sent it for a copy made with Save a copy",
        path.display()
    )]
    UnexpectedSchema {
        path: PathBuf,
        object: String,
        what: String,
    },
    #[error(
        "{} is damaged ({detail}); it was left unchanged. Restore a backup, or open another file",
        path.display()
    )]
    Damaged { path: PathBuf, detail: String },
    #[error(
        "Concord may read {} but not write to it (no permission, or a read-only disk); \
         it was left unchanged. Copy it somewhere you can write, or ask for write access",
        path.display()
    )]
    ReadOnly { path: PathBuf },
    #[error(
        "{} is not there any more: it was moved, renamed or deleted. Open it where it is now, \
         or choose another",
        path.display()
    )]
    Missing { path: PathBuf },
    #[error("{} is not a regular file (a folder, a pipe or a device); choose a .concord file", path.display())]
    NotAFile { path: PathBuf },
    #[error(
        "the database is busy: another Concord (a window or the concord command) has been \
         writing to it for {seconds} seconds. Nothing was changed; try again when it is done"
    )]
    Busy { seconds: u64 },
    #[error("could not back up {} before upgrading it, so it was not upgraded: {source}", path.display())]
    Backup {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("upgrading the database to schema version {version} failed and nothing was changed: {source}")]
    Migration {
        version: i64,
        source: rusqlite::Error,
    },
    #[error("could not write a copy to {}: {source}", path.display())]
    Copy {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("no {what} with id {id}")]
    NotFound { what: &'static str, id: String },
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
}

impl StoreError {
    /// A stable code the UI and scripts branch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            StoreError::Open { .. } => ErrorCode::OpenFailed,
            StoreError::NotConcord { .. } => ErrorCode::NotConcord,
            StoreError::NewerSchema { .. } => ErrorCode::NewerSchema,
            StoreError::UnexpectedSchema { .. } => ErrorCode::UntrustedSchema,
            StoreError::Damaged { .. } => ErrorCode::Damaged,
            StoreError::NotAFile { .. } => ErrorCode::NotAFile,
            StoreError::Missing { .. } => ErrorCode::Missing,
            StoreError::ReadOnly { .. } => ErrorCode::NoPermission,
            StoreError::Busy { .. } => ErrorCode::Busy,
            StoreError::Backup { .. } => ErrorCode::BackupFailed,
            StoreError::Migration { .. } => ErrorCode::MigrationFailed,
            StoreError::Copy { .. } => ErrorCode::CopyFailed,
            StoreError::NotFound { .. } => ErrorCode::NotFound,
            StoreError::Invalid { .. } => ErrorCode::InvalidInput,
            StoreError::Sqlite(_) => ErrorCode::Database,
            StoreError::Io(_) => ErrorCode::Io,
        }
    }

    /// True when the caller sent something wrong, as opposed to the machine failing.
    pub fn is_bad_input(&self) -> bool {
        self.code().is_bad_input()
    }

    /// Tells a write that waited for the lock apart from other failures.
    pub(crate) fn busy_or(e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy {
                    seconds: super::BUSY_TIMEOUT.as_secs(),
                }
            }
            _ => StoreError::Sqlite(e),
        }
    }

    pub(crate) fn invalid(field: &str, message: impl Into<String>) -> StoreError {
        StoreError::Invalid {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

impl From<&StoreError> for crate::model::ErrorInfo {
    fn from(e: &StoreError) -> Self {
        crate::model::ErrorInfo {
            code: e.code(),
            message: e.to_string(),
        }
    }
}
