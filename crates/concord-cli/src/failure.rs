//! A failure, sorted into bad input (exit 2) or anything else (exit 1).

use concord_core::export::ExportError;
use concord_core::import::ImportError;
use concord_core::StoreError;

pub struct Failure {
    pub bad_input: bool,
    pub message: String,
}

/// Something the user typed or gave is wrong.
pub fn bad_input(message: String) -> Failure {
    Failure {
        bad_input: true,
        message,
    }
}

/// Every core error knows whether the input was at fault.
macro_rules! from_core {
    ($($error:ty),*) => {$(
        impl From<$error> for Failure {
            fn from(e: $error) -> Self {
                Failure {
                    bad_input: e.code().is_bad_input(),
                    message: e.to_string(),
                }
            }
        }
    )*};
}

from_core!(
    StoreError,
    ImportError,
    ExportError,
    concord_core::import::source::SourceError
);
