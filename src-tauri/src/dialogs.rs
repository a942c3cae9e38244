//! The native file dialogs, run by Rust so the webview needs no dialog or file-system
//! permission. Each returns `None` when the user cancels. In a build with the `e2e` feature
//! (the end-to-end tests' build, never a release), CONCORD_OPEN_PATH and CONCORD_SAVE_PATH
//! stand in for the dialogs, which WebDriver cannot drive; other builds ignore them.

use crate::error::{CommandError, CommandResult};
use concord_core::model::{BriefFormat, ErrorCode, ExportFormat, MapFormat};
use std::path::{Path, PathBuf};
use tauri::AppHandle;
use tauri_plugin_dialog::{DialogExt, FilePath};

/// The path a test set in `var` to stand in for a dialog; only in the `e2e` build.
#[cfg(feature = "e2e")]
fn stand_in(var: &str) -> Option<PathBuf> {
    std::env::var_os(var).map(PathBuf::from)
}

#[cfg(not(feature = "e2e"))]
fn stand_in(_var: &str) -> Option<PathBuf> {
    None
}

/// Where to create or copy a database.
pub fn save_database(
    app: &AppHandle,
    title: &str,
    file_name: &str,
) -> CommandResult<Option<PathBuf>> {
    if let Some(path) = stand_in("CONCORD_SAVE_PATH") {
        return Ok(Some(path));
    }
    let picked = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter("Concord database", &["concord"])
        .set_file_name(file_name)
        .blocking_save_file();
    chosen(picked)
}

/// Which database to open.
pub fn open_database(app: &AppHandle) -> CommandResult<Option<PathBuf>> {
    pick_file(
        app,
        "CONCORD_OPEN_PATH",
        "Open a Concord database",
        "Concord database",
        DATABASES,
    )
}

/// Which other copy of the record to merge into the open one.
pub fn open_to_merge(app: &AppHandle) -> CommandResult<Option<PathBuf>> {
    pick_file(
        app,
        "CONCORD_MERGE_PATH",
        "Merge another Concord file into this one",
        "Concord database",
        DATABASES,
    )
}

/// Which draft revision to read.
pub fn open_draft(app: &AppHandle) -> CommandResult<Option<PathBuf>> {
    pick_file(
        app,
        "CONCORD_OPEN_PATH",
        "Open a draft revision",
        "Draft (Word, PDF, text)",
        TEXTS,
    )
}

/// Which statement or transcript to read.
pub fn open_statement(app: &AppHandle) -> CommandResult<Option<PathBuf>> {
    pick_file(
        app,
        "CONCORD_OPEN_PATH",
        "Read a statement or transcript",
        "Statement (Word, PDF, text)",
        TEXTS,
    )
}

/// Which positions file to import (CSV or JSON).
pub fn open_positions(app: &AppHandle) -> CommandResult<Option<PathBuf>> {
    pick_file(
        app,
        "CONCORD_IMPORT_PATH",
        "Import positions",
        "Positions (CSV or JSON)",
        &["csv", "json"],
    )
}

/// What a database file may be called.
const DATABASES: &[&str] = &["concord", "sqlite", "db"];
/// What the draft and statement readers read.
const TEXTS: &[&str] = &["docx", "pdf", "txt"];

/// One file to open, of `extensions`; `stand_in_var` stands in for the dialog in tests.
fn pick_file(
    app: &AppHandle,
    stand_in_var: &str,
    title: &str,
    label: &str,
    extensions: &[&str],
) -> CommandResult<Option<PathBuf>> {
    if let Some(path) = stand_in(stand_in_var) {
        return Ok(Some(path));
    }
    let picked = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter(label, extensions)
        .blocking_pick_file();
    chosen(picked)
}

/// Where to write a summary's export, filtered to its format.
pub fn save_export(app: &AppHandle, format: ExportFormat) -> CommandResult<Option<PathBuf>> {
    save_as(
        app,
        "Export summary",
        format.label(),
        format.as_str(),
        "concord-summary",
    )
}

/// Where to write the agreement map's export, filtered to its format.
pub fn save_map(app: &AppHandle, format: MapFormat) -> CommandResult<Option<PathBuf>> {
    let name = match format {
        MapFormat::Svg | MapFormat::Png => "agreement-map",
        MapFormat::Csv | MapFormat::Xlsx => "agreement-matrix",
    };
    save_as(
        app,
        "Export the agreement map",
        format.label(),
        format.as_str(),
        name,
    )
}

/// Where to write our delegation's brief on a revision.
pub fn save_brief(app: &AppHandle, format: BriefFormat) -> CommandResult<Option<PathBuf>> {
    save_as(
        app,
        "Brief for us",
        format.label(),
        format.as_str(),
        "brief",
    )
}

/// Where to write the Word redline of two revisions.
pub fn save_redline(app: &AppHandle) -> CommandResult<Option<PathBuf>> {
    save_as(
        app,
        "Export the changes as a Word redline",
        "Word document with tracked changes",
        "docx",
        "redline",
    )
}

fn save_as(
    app: &AppHandle,
    title: &str,
    label: &str,
    extension: &str,
    name: &str,
) -> CommandResult<Option<PathBuf>> {
    if let Some(path) = stand_in("CONCORD_SAVE_PATH") {
        return Ok(Some(path));
    }
    let picked = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter(label, &[extension])
        .set_file_name(format!("{name}.{extension}"))
        .blocking_save_file();
    chosen(picked)
}

/// Opens the system's file manager with `path` selected.
pub fn reveal(path: &Path) -> CommandResult<()> {
    tauri_plugin_opener::reveal_item_in_dir(path).map_err(|e| {
        CommandError::new(
            ErrorCode::Internal,
            format!("could not open the folder of {}: {e}", path.display()),
        )
    })
}

fn chosen(path: Option<FilePath>) -> CommandResult<Option<PathBuf>> {
    path.map(|p| {
        p.into_path().map_err(|e| {
            CommandError::new(
                ErrorCode::InvalidInput,
                format!("that location cannot be used: {e}"),
            )
        })
    })
    .transpose()
}
