//! One window per user: a second launch of the app (a file opened from the file manager, a
//! second `concord-desktop FILE`) brings the first window forward, hands it the file and
//! exits, so that two windows never work on two views of the same record.
//!
//! "User" here is a configuration folder: a profile kept apart with XDG_CONFIG_HOME (the
//! end-to-end tests give each test its own) is a Concord of its own.

use crate::commands::{database_opened, open_refused};
use crate::state::AppState;
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Manager};

/// The plugin that makes this the one instance for `config_dir`.
pub fn plugin(config_dir: Option<&Path>) -> tauri::plugin::TauriPlugin<tauri::Wry> {
    let mut builder = tauri_plugin_single_instance::Builder::new().callback(second_launch);
    if let Some(dir) = config_dir {
        let key = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, dir.to_string_lossy().as_bytes());
        builder = builder.dbus_id(format!("org.concord.desktop.p{}", key.simple()));
    }
    builder.build()
}

/// The file a launch was given (`concord-desktop FILE`), relative to `cwd`; options ignored.
pub fn file_argument(args: &[String], cwd: &Path) -> Option<PathBuf> {
    args.iter()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(|a| cwd.join(a))
}

/// What the first window does when the app is launched again.
fn second_launch(app: &AppHandle, args: Vec<String>, cwd: String) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    let Some(path) = file_argument(&args, Path::new(&cwd)) else {
        return;
    };
    let state = app.state::<AppState>();
    match state.switch_to(&path) {
        Ok(info) => database_opened(app, &info),
        Err(e) => open_refused(app, &e),
    }
}
