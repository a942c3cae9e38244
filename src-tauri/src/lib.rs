//! Concord's desktop shell: opens the database, registers the commands, shows the window.
//! The house is crates/concord-core; this crate is the door.

pub mod commands;
mod dialogs;
mod error;
mod instance;
mod menu;
mod state;

use concord_core::prefs;
use concord_core::team::SettingsSeal;
use concord_core::{installation, Clock, SystemClock};
use state::AppState;
use std::path::PathBuf;
use tauri::Manager;
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// Starts the app. The database: the file it was given (`concord-desktop FILE`), else
/// `CONCORD_DB` if set, else the last one used, else the demo database in the app's data
/// folder (created with the demo positions on first start). The window opens whatever
/// happens to that file; what went wrong is shown in it. When a window is already open for
/// this user, it gets the file instead and this launch ends (instance.rs).
pub fn run() {
    let args: Vec<String> = std::env::args().collect();
    let given = std::env::current_dir()
        .ok()
        .and_then(|cwd| instance::file_argument(&args, &cwd));
    let result = tauri::Builder::default()
        // First, so that a second launch ends before anything else starts.
        .plugin(instance::plugin(installation::config_dir().as_deref()))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .setup(move |app| {
            let config_dir = installation::config_dir()
                .or_else(|| app.path().app_config_dir().ok())
                .ok_or("no configuration folder: set HOME or XDG_CONFIG_HOME")?;
            let installation = installation::load_or_create(&config_dir, || SystemClock.new_id())?;
            let seal = installation::load_or_create_seal(&config_dir, SettingsSeal::generate)?;
            let demo_path: PathBuf = app.path().app_data_dir()?.join("demo.concord");
            let chosen = given.or_else(|| std::env::var_os("CONCORD_DB").map(PathBuf::from));
            let start = prefs::start_with(chosen, &config_dir, demo_path.clone());
            let (menu_bar, open_recent) =
                menu::build(app.handle(), &prefs::recent_databases(&config_dir))?;
            app.set_menu(menu_bar)?;
            let state = AppState::new(
                installation,
                SettingsSeal::from_bytes(seal),
                config_dir,
                demo_path,
            );
            let handle = app.handle().clone();
            state.on_recent_changed(Box::new(move |recent| {
                if let Err(e) = menu::fill_recent(&handle, &open_recent, &recent) {
                    eprintln!("concord: Open Recent could not be updated: {e}");
                }
            }));
            app.manage(state);
            // The window shows at once; the file opens beside it.
            AppState::start(app.handle(), start);
            Ok(())
        })
        .on_menu_event(menu::chosen)
        // Kept on every move and resize, not only on a clean exit, so a window that was killed
        // or crashed still opens where it was.
        .on_window_event(|window, event| {
            if matches!(
                event,
                tauri::WindowEvent::Moved(_) | tauri::WindowEvent::Resized(_)
            ) {
                let _ = window.app_handle().save_window_state(StateFlags::all());
            }
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("concord: the window could not start: {e}");
        std::process::exit(1);
    }
}
