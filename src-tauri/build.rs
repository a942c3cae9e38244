// Runs with the repository root as working directory, so tauri-build finds ./tauri.conf.json.
// Every app command gets generated allow-/deny- permissions; capabilities grant only those used.
fn main() {
    let commands: &'static [&'static str] = &[
        "database_info",
        "list_actors",
        "list_sessions",
        "list_topics",
        "list_proposals",
        "stance_options",
        "list_positions",
        "add_position",
        "update_position",
        "delete_position",
        "position_history",
        "new_database",
        "open_database",
        "save_copy",
        "matrix",
        "actor_timeline",
        "search",
        "matrix_cell",
        "subject_overview",
        "save_actor_set",
        "session_diff",
        "cohesion",
        "list_revisions",
        "preview_draft_text",
        "preview_draft_file",
        "import_revision",
        "search_paragraphs",
        "paragraph_subjects",
        "log_amendment",
        "set_amendment_status",
        "paragraph_notes",
        "amendment_ledger",
        "consensus_risk",
        "diff_revisions",
        "export_summary",
        "show_export_in_folder",
    ];
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(commands));
    if let Err(error) = tauri_build::try_build(attributes) {
        eprintln!("tauri build step failed: {error:#}");
        std::process::exit(1);
    }
}
