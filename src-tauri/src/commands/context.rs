//! What a command's body can reach: the app (for dialogs and events) and the open database.

use crate::error::CommandResult;
use crate::state::{AppState, StoreGuard};
use tauri::{AppHandle, Emitter};

/// The events the window listens to: (name in the UI's calls, event name, payload type).
pub const EVENTS: &[(&str, &str, &str)] = &[("exportProgress", EXPORT_PROGRESS, "string")];

/// Each step of a running export, as a sentence.
const EXPORT_PROGRESS: &str = "export-progress";

pub struct Cx<'a> {
    pub app: &'a AppHandle,
    pub state: &'a AppState,
}

impl<'a> Cx<'a> {
    pub fn new(app: &'a AppHandle, state: &'a AppState) -> Self {
        Cx { app, state }
    }

    /// The open database, locked for this command.
    pub fn store(&self) -> CommandResult<StoreGuard<'a>> {
        self.state.store()
    }

    /// Tells the window how a running export goes. Best effort: a closed window misses it.
    pub fn progress(&self, step: &str) {
        let _ = self.app.emit(EXPORT_PROGRESS, step);
    }
}
