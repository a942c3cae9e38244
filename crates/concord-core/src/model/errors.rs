//! Errors as the UI and scripts receive them: a stable code to branch on and a sentence.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

vocabulary! {
    /// What kind of failure it was. The UI branches on it; every error of the core names one.
    ErrorCode {
        OpenFailed => "open_failed", "The file could not be opened";
        NotConcord => "not_concord", "Not a Concord database";
        NewerSchema => "newer_schema", "Written by a newer Concord";
        UntrustedSchema => "untrusted_schema", "The file holds objects Concord did not make";
        Damaged => "damaged", "The file is damaged";
        NotAFile => "not_a_file", "Not a regular file";
        Busy => "busy", "The file is busy";
        Missing => "missing", "The file is not there";
        NoPermission => "no_permission", "Concord may not write to the file";
        NoDatabase => "no_database", "No database is open";
        BackupFailed => "backup_failed", "The backup failed";
        MigrationFailed => "migration_failed", "The upgrade failed";
        CopyFailed => "copy_failed", "The copy failed";
        NotFound => "not_found", "Not found";
        InvalidInput => "invalid_input", "Not valid";
        MalformedFile => "malformed_file", "The file is malformed";
        BadHeader => "bad_header", "The header is wrong";
        BadRows => "bad_rows", "Some rows are wrong";
        ExportFailed => "export_failed", "The export failed";
        Database => "database", "Database error";
        Io => "io", "File error";
        Offline => "offline", "The team store cannot be reached";
        Cancelled => "cancelled", "Stopped on request: nothing was written";
        Internal => "internal", "Internal error";
    }
}

impl ErrorCode {
    /// True when the caller sent something wrong, as opposed to the machine failing.
    pub fn is_bad_input(self) -> bool {
        matches!(
            self,
            ErrorCode::NotConcord
                | ErrorCode::NewerSchema
                | ErrorCode::UntrustedSchema
                | ErrorCode::Damaged
                | ErrorCode::NotAFile
                | ErrorCode::Missing
                | ErrorCode::NoPermission
                | ErrorCode::NotFound
                | ErrorCode::InvalidInput
                | ErrorCode::MalformedFile
                | ErrorCode::BadHeader
                | ErrorCode::BadRows
        )
    }
}

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ErrorInfo {
    pub code: ErrorCode,
    pub message: String,
}

/// Why the database Concord was to open at start is not open: the window shows it with
/// Open…, New…, the demo and Restore a backup…, and leaves the file untouched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StartProblem {
    pub path: String,
    pub error: ErrorInfo,
}
