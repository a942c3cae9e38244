//! What a command's body can reach: the app (for dialogs and events) and the open database.

use super::spec::Event;
use crate::error::{CommandError, CommandResult};
use crate::state::{AppState, StoreGuard};
use concord_core::model::{DatabaseInfo, ErrorInfo, ImportProgress, MenuCommand};
use concord_core::team::SyncProgress;
use tauri::{AppHandle, Emitter};

/// The events the window listens to, with what each carries.
pub fn events() -> Vec<Event> {
    vec![
        Event::of::<String>("exportProgress", EXPORT_PROGRESS),
        Event::of::<SyncProgress>("syncProgress", SYNC_PROGRESS),
        Event::of::<ImportProgress>("importProgress", IMPORT_PROGRESS),
        Event::of::<DatabaseInfo>("databaseOpened", DATABASE_OPENED),
        Event::of::<ErrorInfo>("openRefused", OPEN_REFUSED),
        Event::of::<MenuCommand>("menu", MENU),
    ]
}

/// Each step of a running export, as a sentence.
const EXPORT_PROGRESS: &str = "export-progress";
/// How a running sync goes: files written and read of how many.
const SYNC_PROGRESS: &str = "sync-progress";
/// How a running import of positions goes: positions written of how many.
const IMPORT_PROGRESS: &str = "import-progress";
/// The window now works on another file, opened from outside it (a second launch).
const DATABASE_OPENED: &str = "database-opened";
/// A file handed to the window from outside could not be opened: the error, as a command's.
const OPEN_REFUSED: &str = "open-refused";

/// A menu item the page carries out was chosen.
const MENU: &str = "menu";

/// Tells the page which menu item was chosen.
pub fn menu_chosen(app: &AppHandle, command: MenuCommand) {
    let _ = app.emit(MENU, command);
}

/// Tells the window it now works on `info`'s file. Best effort, as every event.
pub fn database_opened(app: &AppHandle, info: &DatabaseInfo) {
    let _ = app.emit(DATABASE_OPENED, info);
}

/// Tells the window a file handed to it could not be opened, and why.
pub fn open_refused(app: &AppHandle, why: &CommandError) {
    let _ = app.emit(OPEN_REFUSED, why);
}

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

    /// Tells the window how a running import goes, and whether Cancel was pressed since it
    /// began: `Break` stops it, writing nothing.
    pub fn import_progress(&self, done: ImportProgress) -> std::ops::ControlFlow<()> {
        let _ = self.app.emit(IMPORT_PROGRESS, done);
        if self.state.import_stopped() {
            std::ops::ControlFlow::Break(())
        } else {
            std::ops::ControlFlow::Continue(())
        }
    }

    /// Tells the window how a running sync goes. Best effort, as `progress`.
    pub fn sync_progress(&self, done: &SyncProgress) {
        let _ = self.app.emit(SYNC_PROGRESS, done);
    }
}
