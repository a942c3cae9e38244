//! Errors cross to the UI as `{code, message}` (core's `ErrorInfo`): the UI branches on the
//! code (`ErrorCode`, generated to TypeScript) and shows the message.

use concord_core::model::{ErrorCode, ErrorInfo};

/// What a command returns on failure.
#[derive(Debug)]
pub struct CommandError(ErrorInfo);

impl CommandError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        CommandError(ErrorInfo {
            code,
            message: message.into(),
        })
    }
}

/// Every core error names its code and says what happened.
macro_rules! from_core {
    ($($error:ty),*) => {$(
        impl From<$error> for CommandError {
            fn from(e: $error) -> Self {
                CommandError::new(e.code(), e.to_string())
            }
        }
    )*};
}

from_core!(
    concord_core::StoreError,
    concord_core::export::ExportError,
    concord_core::draft::extract::ExtractError,
    concord_core::team::TeamError,
    concord_core::import::ImportError,
    concord_core::guide::GuideError
);

impl serde::Serialize for CommandError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
