//! Tauri commands: parse the arguments, call one core function, map the error. Nothing else.

use crate::error::{CommandError, CommandResult};
use crate::state::AppState;
use concord_core::model::{
    Actor, ActorKind, ActorSetInput, Amendment, AmendmentInput, AmendmentStatus, CellQuery,
    Cohesion, CohesionQuery, DatabaseInfo, DraftPreview, DraftProvision, ExportFormat,
    ExportOutcome, HistoryEntry, LedgerActor, Matrix, MatrixQuery, ParagraphHit, ParagraphNotes,
    ParagraphRisk, ParagraphSubject, Position, PositionFilter, PositionInput, PositionPage,
    Proposal, Revision, RevisionDiff, RevisionImport, RevisionInput, SearchHit, SearchQuery,
    Session, SessionDiff, SessionDiffQuery, Stance, StanceOption, SubjectOverview, SubjectQuery,
    SummaryRequest, Timeline, Topic,
};
use std::path::PathBuf;
use tauri::{Emitter, State};
use tauri_plugin_dialog::{DialogExt, FilePath};
use uuid::Uuid;

#[tauri::command]
pub fn database_info(state: State<'_, AppState>) -> CommandResult<DatabaseInfo> {
    Ok(state.store()?.info()?)
}

#[tauri::command]
pub fn list_actors(
    state: State<'_, AppState>,
    kind: Option<ActorKind>,
) -> CommandResult<Vec<Actor>> {
    Ok(state.store()?.actors(kind)?)
}

#[tauri::command]
pub fn list_sessions(state: State<'_, AppState>) -> CommandResult<Vec<Session>> {
    Ok(state.store()?.sessions(None)?)
}

#[tauri::command]
pub fn list_topics(state: State<'_, AppState>) -> CommandResult<Vec<Topic>> {
    Ok(state.store()?.topics()?)
}

#[tauri::command]
pub fn list_proposals(state: State<'_, AppState>) -> CommandResult<Vec<Proposal>> {
    Ok(state.store()?.proposals()?)
}

#[tauri::command]
pub fn stance_options() -> Vec<StanceOption> {
    Stance::options()
}

#[tauri::command]
pub async fn list_positions(
    state: State<'_, AppState>,
    filter: PositionFilter,
) -> CommandResult<PositionPage> {
    Ok(state.store()?.positions(&filter)?)
}

#[tauri::command]
pub fn add_position(state: State<'_, AppState>, input: PositionInput) -> CommandResult<Position> {
    Ok(state.store()?.add_position(&input)?)
}

#[tauri::command]
pub fn update_position(
    state: State<'_, AppState>,
    id: Uuid,
    input: PositionInput,
) -> CommandResult<Position> {
    Ok(state.store()?.update_position(id, &input)?)
}

#[tauri::command]
pub fn delete_position(state: State<'_, AppState>, id: Uuid) -> CommandResult<()> {
    Ok(state.store()?.delete_position(id)?)
}

#[tauri::command]
pub fn position_history(state: State<'_, AppState>, id: Uuid) -> CommandResult<Vec<HistoryEntry>> {
    Ok(state.store()?.position_history(id)?)
}

#[tauri::command]
pub async fn matrix(state: State<'_, AppState>, query: MatrixQuery) -> CommandResult<Matrix> {
    Ok(state.store()?.matrix(&query)?)
}

#[tauri::command]
pub async fn actor_timeline(state: State<'_, AppState>, id: Uuid) -> CommandResult<Timeline> {
    Ok(state.store()?.actor_timeline(id)?)
}

#[tauri::command]
pub async fn search(
    state: State<'_, AppState>,
    query: SearchQuery,
) -> CommandResult<Vec<SearchHit>> {
    Ok(state.store()?.search(&query)?)
}

#[tauri::command]
pub async fn matrix_cell(
    state: State<'_, AppState>,
    query: CellQuery,
) -> CommandResult<Vec<Position>> {
    Ok(state.store()?.matrix_cell(&query)?)
}

#[tauri::command]
pub async fn subject_overview(
    state: State<'_, AppState>,
    query: SubjectQuery,
) -> CommandResult<SubjectOverview> {
    Ok(state.store()?.subject_overview(&query)?)
}

#[tauri::command]
pub fn save_actor_set(state: State<'_, AppState>, input: ActorSetInput) -> CommandResult<Actor> {
    Ok(concord_core::sets::save_actor_set(
        &mut *state.store()?,
        &input,
    )?)
}

#[tauri::command]
pub async fn session_diff(
    state: State<'_, AppState>,
    query: SessionDiffQuery,
) -> CommandResult<SessionDiff> {
    Ok(state.store()?.session_diff(&query)?)
}

#[tauri::command]
pub async fn cohesion(state: State<'_, AppState>, query: CohesionQuery) -> CommandResult<Cohesion> {
    Ok(state.store()?.cohesion(&query)?)
}

#[tauri::command]
pub async fn list_revisions(state: State<'_, AppState>) -> CommandResult<Vec<Revision>> {
    Ok(state.store()?.all_revisions()?)
}

/// The parse of a pasted revision, for the analyst to check before recording it.
#[tauri::command]
pub async fn preview_draft_text(text: String) -> CommandResult<DraftPreview> {
    Ok(concord_core::draft::extract::preview_text(&text)?)
}

/// Asks for a .txt, .docx or .pdf file (native dialog) and returns its parse; `None` when
/// cancelled. End-to-end tests set CONCORD_OPEN_PATH to stand in for the dialog.
#[tauri::command]
pub async fn preview_draft_file(app: tauri::AppHandle) -> CommandResult<Option<DraftPreview>> {
    let path = match std::env::var_os("CONCORD_OPEN_PATH") {
        Some(path) => Some(PathBuf::from(path)),
        None => {
            let picked = app
                .dialog()
                .file()
                .set_title("Open a draft revision")
                .add_filter("Draft (Word, PDF, text)", &["docx", "pdf", "txt"])
                .blocking_pick_file();
            chosen(picked)?
        }
    };
    let Some(path) = path else { return Ok(None) };
    Ok(Some(concord_core::draft::extract::preview_file(&path)?))
}

#[tauri::command]
pub async fn import_revision(
    state: State<'_, AppState>,
    input: RevisionInput,
    provisions: Vec<DraftProvision>,
) -> CommandResult<RevisionImport> {
    Ok(state.store()?.import_revision_draft(&input, &provisions)?)
}

/// Paragraphs of draft revisions matching a search, each once, newest revision first.
#[tauri::command]
pub async fn search_paragraphs(
    state: State<'_, AppState>,
    text: String,
) -> CommandResult<Vec<ParagraphHit>> {
    Ok(state.store()?.search_paragraphs(&text)?)
}

#[tauri::command]
pub async fn paragraph_subjects(
    state: State<'_, AppState>,
) -> CommandResult<Vec<ParagraphSubject>> {
    Ok(state.store()?.paragraph_subjects()?)
}

#[tauri::command]
pub async fn log_amendment(
    state: State<'_, AppState>,
    input: AmendmentInput,
) -> CommandResult<Amendment> {
    Ok(state.store()?.log_amendment(&input)?)
}

#[tauri::command]
pub async fn set_amendment_status(
    state: State<'_, AppState>,
    id: Uuid,
    status: AmendmentStatus,
) -> CommandResult<Amendment> {
    Ok(state.store()?.set_amendment_status(id, status)?)
}

#[tauri::command]
pub async fn paragraph_notes(
    state: State<'_, AppState>,
    revision: Uuid,
) -> CommandResult<Vec<ParagraphNotes>> {
    Ok(state.store()?.paragraph_notes(revision)?)
}

#[tauri::command]
pub async fn amendment_ledger(
    state: State<'_, AppState>,
    symbol: String,
) -> CommandResult<Vec<LedgerActor>> {
    Ok(state.store()?.amendment_ledger(&symbol)?)
}

#[tauri::command]
pub async fn consensus_risk(
    state: State<'_, AppState>,
    revision: Uuid,
) -> CommandResult<Vec<ParagraphRisk>> {
    Ok(state.store()?.consensus_risk(revision)?)
}

#[tauri::command]
pub async fn diff_revisions(
    state: State<'_, AppState>,
    old: Uuid,
    new: Uuid,
) -> CommandResult<RevisionDiff> {
    Ok(state.store()?.diff_revisions(old, new)?)
}

/// Asks where to save the summary, then writes it. `None` when the user cancels.
#[tauri::command]
pub async fn export_summary(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    request: SummaryRequest,
    format: ExportFormat,
) -> CommandResult<Option<ExportOutcome>> {
    let Some(path) = export_dialog(&app, format)? else {
        return Ok(None);
    };
    // Each step ("Reading…", "Writing 1 200 rows…") goes to the window as it happens.
    let outcome = concord_core::export::export_summary(
        &*state.store()?,
        &request,
        format,
        &path,
        &mut |step| {
            let _ = app.emit("export-progress", step);
        },
    )?;
    state.remember_export(&path);
    Ok(Some(outcome))
}

/// Opens the system's file manager on the last exported file.
#[tauri::command]
pub fn show_export_in_folder(state: State<'_, AppState>) -> CommandResult<()> {
    let path = state
        .last_export()
        .ok_or_else(|| CommandError::new("not_found", "nothing has been exported yet"))?;
    tauri_plugin_opener::reveal_item_in_dir(&path).map_err(|e| {
        CommandError::new(
            "internal",
            format!("could not open the folder of {}: {e}", path.display()),
        )
    })
}

/// The save dialog for an export, filtered to the format. End-to-end tests set
/// CONCORD_SAVE_PATH to stand in for the native dialog, which WebDriver cannot drive.
fn export_dialog(app: &tauri::AppHandle, format: ExportFormat) -> CommandResult<Option<PathBuf>> {
    if let Some(path) = std::env::var_os("CONCORD_SAVE_PATH") {
        return Ok(Some(PathBuf::from(path)));
    }
    let picked = app
        .dialog()
        .file()
        .set_title("Export summary")
        .add_filter(format.label(), &[format.as_str()])
        .set_file_name(format!("concord-summary.{}", format.as_str()))
        .blocking_save_file();
    chosen(picked)
}

/// Where the user chose to save (`None` when cancelled). Runs the native dialog in Rust,
/// so the webview needs no dialog or file-system permission.
fn save_dialog(
    app: &tauri::AppHandle,
    title: &str,
    file_name: &str,
) -> CommandResult<Option<PathBuf>> {
    let picked = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter("Concord database", &["concord"])
        .set_file_name(file_name)
        .blocking_save_file();
    chosen(picked)
}

fn chosen(path: Option<FilePath>) -> CommandResult<Option<PathBuf>> {
    path.map(|p| {
        p.into_path().map_err(|e| {
            CommandError::new(
                "invalid_input",
                format!("that location cannot be used: {e}"),
            )
        })
    })
    .transpose()
}

/// Asks where to create a new database, creates it with the reference data and opens it.
/// `None` when the user cancels.
#[tauri::command]
pub async fn new_database(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> CommandResult<Option<DatabaseInfo>> {
    let Some(path) = save_dialog(&app, "New Concord database", "positions.concord")? else {
        return Ok(None);
    };
    state.create_new(&path)?;
    Ok(Some(state.store()?.info()?))
}

/// Asks which database to open and opens it. `None` when the user cancels.
#[tauri::command]
pub async fn open_database(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> CommandResult<Option<DatabaseInfo>> {
    let picked = app
        .dialog()
        .file()
        .set_title("Open a Concord database")
        .add_filter("Concord database", &["concord", "sqlite", "db"])
        .blocking_pick_file();
    let Some(path) = chosen(picked)? else {
        return Ok(None);
    };
    state.switch_to(&path)?;
    Ok(Some(state.store()?.info()?))
}

/// Asks where to save a copy of the open database and writes it there. `None` when cancelled.
#[tauri::command]
pub async fn save_copy(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> CommandResult<Option<String>> {
    let Some(path) = save_dialog(
        &app,
        "Save a copy of this database",
        "positions-copy.concord",
    )?
    else {
        return Ok(None);
    };
    state.store()?.save_copy(&path)?;
    Ok(Some(path.display().to_string()))
}
