//! Errors cross to the UI as `{code, message}` (core's `ErrorInfo`): the UI branches on the code
//! and shows the message.

use concord_core::model::ErrorInfo;
use concord_core::StoreError;

/// What a command returns on failure.
#[derive(Debug)]
pub struct CommandError(ErrorInfo);

impl CommandError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        CommandError(ErrorInfo {
            code: code.to_string(),
            message: message.into(),
        })
    }
}

impl From<StoreError> for CommandError {
    fn from(e: StoreError) -> Self {
        CommandError(ErrorInfo::from(&e))
    }
}

impl From<concord_core::export::ExportError> for CommandError {
    fn from(e: concord_core::export::ExportError) -> Self {
        CommandError::new(e.code(), e.to_string())
    }
}

impl From<concord_core::draft::extract::ExtractError> for CommandError {
    fn from(e: concord_core::draft::extract::ExtractError) -> Self {
        CommandError::new("invalid_input", e.to_string())
    }
}

impl serde::Serialize for CommandError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
