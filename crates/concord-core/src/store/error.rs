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
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Open { .. } => "open_failed",
            StoreError::NotConcord { .. } => "not_concord",
            StoreError::NewerSchema { .. } => "newer_schema",
            StoreError::Backup { .. } => "backup_failed",
            StoreError::Migration { .. } => "migration_failed",
            StoreError::Copy { .. } => "copy_failed",
            StoreError::NotFound { .. } => "not_found",
            StoreError::Invalid { .. } => "invalid_input",
            StoreError::Sqlite(_) => "database",
            StoreError::Io(_) => "io",
        }
    }

    /// True when the caller sent something wrong, as opposed to the machine failing.
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            StoreError::NotConcord { .. }
                | StoreError::NewerSchema { .. }
                | StoreError::NotFound { .. }
                | StoreError::Invalid { .. }
        )
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
            code: e.code().to_string(),
            message: e.to_string(),
        }
    }
}
