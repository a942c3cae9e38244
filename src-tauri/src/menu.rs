//! The window's menu bar: File, Edit, View and Help, with the usual accelerators.
//!
//! The items are the core's `MenuCommand`s (one list, labels included); the one chosen is sent
//! to the page as a `menu` event and the page carries it out, as its own buttons do. Open
//! Recent and Close are done here. Cut, Copy, Paste and Select All are the system's own items:
//! they carry no accelerator of their own, so Ctrl+C and the rest stay the text fields' keys.
//! Undo and Redo Last Entry have none either: Ctrl+Z and Ctrl+Shift+Z undo and redo typing in
//! a field, and the last entry outside one (the page's keys).

use crate::commands::{database_opened, menu_chosen, open_refused};
use crate::error::CommandError;
use crate::state::AppState;
use concord_core::guide;
use concord_core::model::{ErrorCode, MenuCommand};
use std::path::PathBuf;
use tauri::menu::{
    IsMenuItem, Menu, MenuBuilder, MenuEvent, MenuItem, MenuItemBuilder, Submenu, SubmenuBuilder,
};
use tauri::{AppHandle, Manager, Wry};

/// The ids of the items done here rather than by the page.
const RECENT: &str = "recent";
const RECENT_ITEM: &str = "recent:";
const CLOSE: &str = "close";
const GUIDE: &str = "guide";

/// The key each item answers to, where it has one.
fn accelerator(c: MenuCommand) -> Option<&'static str> {
    use MenuCommand::*;
    Some(match c {
        New => "CmdOrCtrl+N",
        Open => "CmdOrCtrl+O",
        ImportPositions => "CmdOrCtrl+I",
        Export => "CmdOrCtrl+E",
        Find => "CmdOrCtrl+F",
        Positions => "CmdOrCtrl+1",
        Matrix => "CmdOrCtrl+2",
        Changes => "CmdOrCtrl+3",
        Coalitions => "CmdOrCtrl+4",
        Drafts => "CmdOrCtrl+5",
        Search => "CmdOrCtrl+6",
        Catalog => "CmdOrCtrl+7",
        Team => "CmdOrCtrl+8",
        SaveCopy | Undo | Redo | Capture | Settings | Backups | About => return None,
    })
}

fn item(app: &AppHandle, c: MenuCommand) -> tauri::Result<MenuItem<Wry>> {
    let mut b = MenuItemBuilder::with_id(c.as_str(), c.label());
    if let Some(keys) = accelerator(c) {
        b = b.accelerator(keys);
    }
    b.build(app)
}

fn as_items(list: &[MenuItem<Wry>]) -> Vec<&dyn IsMenuItem<Wry>> {
    list.iter().map(|i| i as &dyn IsMenuItem<Wry>).collect()
}

/// The menu bar, and its Open Recent submenu (filled again whenever the list changes).
pub fn build(app: &AppHandle, recent: &[PathBuf]) -> tauri::Result<(Menu<Wry>, Submenu<Wry>)> {
    use MenuCommand::*;
    let items = |list: &[MenuCommand]| -> tauri::Result<Vec<MenuItem<Wry>>> {
        list.iter().map(|c| item(app, *c)).collect()
    };
    let open_recent = SubmenuBuilder::with_id(app, RECENT, "Open Recent").build()?;
    fill_recent(app, &open_recent, recent)?;
    let opening = items(&[New, Open])?;
    let writing = items(&[SaveCopy, ImportPositions, Export])?;
    let file_of = items(&[Settings, Backups])?;
    let close = MenuItemBuilder::with_id(CLOSE, "Close")
        .accelerator("CmdOrCtrl+W")
        .build(app)?;
    let file = SubmenuBuilder::new(app, "File")
        .items(&as_items(&opening))
        .item(&open_recent)
        .separator()
        .items(&as_items(&writing))
        .separator()
        .items(&as_items(&file_of))
        .separator()
        .item(&close)
        .build()?;
    let edit = SubmenuBuilder::new(app, "Edit")
        .item(&item(app, Undo)?)
        .item(&item(app, Redo)?)
        .separator()
        .cut()
        .copy()
        .paste()
        .select_all()
        .separator()
        .item(&item(app, Find)?)
        .build()?;
    let pages = items(MenuCommand::PAGES)?;
    let view = SubmenuBuilder::new(app, "View")
        .items(&as_items(&pages))
        .separator()
        .item(&item(app, Capture)?)
        .build()?;
    let guide = MenuItemBuilder::with_id(GUIDE, "User Guide")
        .accelerator("F1")
        .build(app)?;
    let help = SubmenuBuilder::new(app, "Help")
        .item(&guide)
        .item(&item(app, About)?)
        .build()?;
    let menu = MenuBuilder::new(app)
        .items(&[&file, &edit, &view, &help])
        .build()?;
    Ok((menu, open_recent))
}

/// Lists `recent` (newest first) in Open Recent, or says there is none.
pub fn fill_recent(app: &AppHandle, menu: &Submenu<Wry>, recent: &[PathBuf]) -> tauri::Result<()> {
    for old in menu.items()? {
        menu.remove(&old)?;
    }
    if recent.is_empty() {
        let none = MenuItemBuilder::with_id(format!("{RECENT_ITEM}none"), "No recent files")
            .enabled(false)
            .build(app)?;
        return menu.append(&none);
    }
    for (i, path) in recent.iter().enumerate() {
        let entry = MenuItemBuilder::with_id(
            format!("{RECENT_ITEM}{i}"),
            // An underscore would be read as a mnemonic by GTK.
            path.display().to_string().replace('_', "__"),
        )
        .build(app)?;
        menu.append(&entry)?;
    }
    Ok(())
}

/// Does what the chosen item asks: Close and Open Recent here, the rest on the page.
pub fn chosen(app: &AppHandle, event: MenuEvent) {
    let id = event.id().as_ref();
    if id == CLOSE {
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.close();
        }
    } else if id == GUIDE {
        open_guide(app);
    } else if let Some(n) = id.strip_prefix(RECENT_ITEM) {
        let Ok(n) = n.parse::<usize>() else {
            return;
        };
        // Opening checks the file (a large one for a while): off the main thread.
        let app = app.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let state = app.state::<AppState>();
            let Some(path) = state.recent().into_iter().nth(n) else {
                return;
            };
            match state.switch_to(&path) {
                Ok(info) => database_opened(&app, &info),
                Err(e) => open_refused(&app, &e),
            }
        });
    } else if let Some(command) = MenuCommand::parse(id) {
        menu_chosen(app, command);
    }
}

/// Help → User Guide: the guide rendered to web pages in the cache folder
/// (`guide::for_program`), its first page opened by the system's browser.
fn open_guide(app: &AppHandle) {
    let shown = match (std::env::current_exe(), app.path().app_cache_dir()) {
        (Ok(program), Ok(cache)) => {
            guide::for_program(&program, &cache.join("guide")).map_err(CommandError::from)
        }
        (Err(e), _) => Err(CommandError::new(
            ErrorCode::Io,
            format!("the user guide cannot be found: {e}"),
        )),
        (_, Err(e)) => Err(CommandError::new(
            ErrorCode::Io,
            format!("the user guide has no cache folder to be shown from: {e}"),
        )),
    };
    let opened = shown.and_then(|first| {
        tauri_plugin_opener::open_path(&first, None::<&str>).map_err(|e| {
            let why = format!(
                "the user guide {} could not be opened: {e}",
                first.display()
            );
            CommandError::new(ErrorCode::Io, why)
        })
    });
    if let Err(e) = opened {
        open_refused(app, &e);
    }
}
