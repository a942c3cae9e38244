// Every command the window can call, declared once: name, arguments, result, and the one core
// call it makes. This file is read twice: by `commands/mod.rs`, where `commands!` turns each
// entry into a `#[tauri::command]`, the handler list and the spec the UI's typed calls are
// generated from; and by `build.rs`, where the same `commands!` only lists the names, for the
// permissions and the capability. Adding a command is: a core function, an entry here, the UI.
// `cx` is the command's context (see `Cx`); `?` maps core errors to `{code, message}`.
commands! {
    /// The open database: its file, schema version, installation and counts.
    database_info(cx) -> DatabaseInfo {
        Ok(cx.store()?.info()?)
    }

    /// Why the database chosen at start is not open (null when it is): the window then shows
    /// what went wrong with Open…, New…, the demo and Restore a backup….
    start_problem(cx) -> Option<StartProblem> {
        Ok(cx.state.start_problem())
    }

    /// The file chosen at start while it is still opening (null once it is open or refused):
    /// the window says so meanwhile, since a file new to this computer is checked first.
    opening_file(cx) -> Option<String> {
        Ok(cx.state.opening())
    }

    /// Opens the demo database (made with the demo positions the first time).
    open_demo(cx) -> DatabaseInfo {
        cx.state.open_demo()
    }

    /// The backups of the window's file (or of the one that could not be opened), newest first.
    list_backups(cx) -> Vec<concord_core::backup::BackupInfo> {
        cx.state.backups()
    }

    /// Puts a backup back as the window's file (the old one is kept beside it) and opens it.
    restore_backup(cx, path: String) -> DatabaseInfo {
        cx.state.restore(std::path::Path::new(&path))
    }

    /// SQLite's full integrity check and Concord's schema check of the window's file.
    check_database(cx) -> String {
        cx.state.check()
    }

    /// Which Concord this is, its schema, and where it keeps its files (the About box).
    app_info(cx) -> concord_core::installation::AppInfo {
        Ok(concord_core::installation::app_info(&*cx.store()?)?)
    }

    /// Actors of one kind, or all of them.
    list_actors(cx, kind: Option<ActorKind>) -> Vec<Actor> {
        Ok(cx.store()?.actors(kind)?)
    }

    list_sessions(cx) -> Vec<Session> {
        Ok(cx.store()?.sessions(None)?)
    }

    list_topics(cx) -> Vec<Topic> {
        Ok(cx.store()?.topics()?)
    }

    list_proposals(cx) -> Vec<Proposal> {
        Ok(cx.store()?.proposals()?)
    }

    /// The stance vocabulary with labels and places on the support spectrum.
    stance_options(_cx) -> Vec<StanceOption> {
        Ok(Stance::options())
    }

    list_positions(cx, filter: PositionFilter) -> PositionPage {
        Ok(cx.store()?.positions(&filter)?)
    }

    add_position(cx, input: PositionInput) -> Position {
        Ok(cx.store()?.add_position(&input)?)
    }

    update_position(cx, id: Uuid, input: PositionInput) -> Position {
        Ok(cx.store()?.update_position(id, &input)?)
    }

    delete_position(cx, id: Uuid) -> () {
        Ok(cx.store()?.delete_position(id)?)
    }

    /// Puts a deleted position back as it was (Redo after Undo Last Entry).
    restore_position(cx, id: Uuid) -> Position {
        Ok(cx.store()?.restore_position(id)?)
    }

    position_history(cx, id: Uuid) -> Vec<HistoryEntry> {
        Ok(cx.store()?.position_history(id)?)
    }

    /// Asks where to create a new database (native dialog), creates and opens it; null when
    /// cancelled.
    new_database(cx) -> Option<DatabaseInfo> {
        let Some(path) = dialogs::save_database(cx.app, "New Concord database", "positions.concord")? else {
            return Ok(None);
        };
        Ok(Some(cx.state.create_new(&path)?))
    }

    /// Asks which database to open (native dialog) and opens it; null when cancelled.
    open_database(cx) -> Option<DatabaseInfo> {
        let Some(path) = dialogs::open_database(cx.app)? else {
            return Ok(None);
        };
        Ok(Some(cx.state.switch_to(&path)?))
    }

    /// Asks where to save a copy of the open database and writes it; the path, or null when
    /// cancelled.
    save_copy(cx) -> Option<String> {
        let Some(path) = dialogs::save_database(cx.app, "Save a copy of this database", "positions-copy.concord")? else {
            return Ok(None);
        };
        cx.store()?.save_copy(&path)?;
        Ok(Some(path.display().to_string()))
    }

    /// Asks for another copy of the record (native dialog), a colleague's file, and brings in
    /// what it has that the open one lacks; the other file is only read. Null when cancelled.
    merge_file(cx) -> Option<MergeReport> {
        let Some(path) = dialogs::open_to_merge(cx.app)? else {
            return Ok(None);
        };
        Ok(Some(cx.store()?.merge_file(&path)?))
    }

    /// Asks for a positions file (CSV or JSON; native dialog), reads and checks it whole, and
    /// returns what it holds with every problem by line and column; nothing is written. The
    /// file chosen is the one `import_positions` imports. Null when cancelled.
    preview_positions_file(cx, create_missing: bool) -> Option<ImportPreview> {
        let Some(path) = dialogs::open_positions(cx.app)? else {
            return Ok(None);
        };
        let preview = import::preview_positions(&*cx.store()?, &path, ImportOptions { create_missing })?;
        cx.state.choose_import(&path);
        Ok(Some(preview))
    }

    /// The chosen positions file checked again, with or without creating what is missing.
    recheck_positions_file(cx, create_missing: bool) -> ImportPreview {
        let path = cx.state.chosen_import()?;
        Ok(import::preview_positions(&*cx.store()?, &path, ImportOptions { create_missing })?)
    }

    /// Imports the chosen positions file in one transaction: all of it, or nothing. Progress
    /// goes out as `import-progress` events; `cancel_import` stops it, writing nothing.
    import_positions(cx, create_missing: bool) -> ImportReport {
        let path = cx.state.chosen_import()?;
        let options = ImportOptions { create_missing };
        let done = import::import_positions_file(&mut *cx.store()?, &path, options, &mut |p| cx.import_progress(p));
        cx.state.import_ended();
        Ok(done?)
    }

    /// Stops the running import of positions; it writes nothing.
    cancel_import(cx) -> () {
        cx.state.stop_import();
        Ok(())
    }

    /// The conflicts merges set aside that no one has settled, oldest first.
    conflicts(cx) -> Vec<Conflict> {
        Ok(cx.store()?.conflicts()?)
    }

    /// Keys more than one row claims since a merge (two topics of one name…), topics first.
    clashes(cx) -> Vec<Clash> {
        Ok(cx.store()?.clashes()?)
    }

    /// Settles a conflict: keep the value shown, take the one set aside, or keep both.
    resolve_conflict(cx, id: Uuid, keep: Keep) -> () {
        Ok(cx.store()?.resolve_conflict(id, keep)?)
    }

    /// The file's team: its store, last sync and what went each way, open conflicts.
    team_status(cx) -> TeamStatus {
        Ok(concord_core::team::status(&*cx.store()?)?)
    }

    /// Puts the file in a new team syncing through `store` (a shared or synced folder, a
    /// WebDAV address, an S3 prefix), with the login it asks for (an empty user: none);
    /// returns the new key, to be shown once.
    create_team(cx, store: String, user: String, password: String) -> String {
        let login = concord_core::team::Login::given(&user, &password);
        Ok(concord_core::team::create_shared(|| cx.store(), &store, login.as_ref())?.to_text())
    }

    /// Joins the team syncing through `store`, with the key a colleague passed on.
    join_team(cx, store: String, key: String, user: String, password: String) -> () {
        let login = concord_core::team::Login::given(&user, &password);
        concord_core::team::join_shared(|| cx.store(), &store, &key, login.as_ref())
    }

    /// Whether the team store as typed so far asks for a user and password (WebDAV, S3).
    store_asks_for_login(_cx, store: String) -> bool {
        Ok(concord_core::team::asks_for_login(&store))
    }

    /// Gives this copy the name colleagues see beside its changes and conflicts.
    set_team_name(cx, name: String) -> () {
        Ok(concord_core::team::set_name(&mut *cx.store()?, &name)?)
    }

    /// Sends this copy's changes to the team store and applies the others'. The file is
    /// held only while it is read or written, not while the network is used.
    sync_team(cx) -> SyncReport {
        concord_core::team::sync_shared(|| cx.store(), chrono::Utc::now(), &|p| cx.sync_progress(p))
    }

    matrix(cx, query: MatrixQuery) -> Matrix {
        Ok(cx.store()?.matrix(&query)?)
    }

    /// An actor's page: per subject, the `latest` newest statements (all when null).
    actor_timeline(cx, id: Uuid, latest: Option<u32>) -> Timeline {
        Ok(cx.store()?.actor_timeline(id, latest)?)
    }

    /// Every statement of an actor on one subject: a row of its page, unfolded.
    actor_timeline_subject(cx, id: Uuid, subject: SubjectRef) -> TimelineRow {
        Ok(cx.store()?.actor_timeline_subject(id, subject)?)
    }

    search(cx, query: SearchQuery) -> Vec<SearchHit> {
        Ok(cx.store()?.search(&query)?)
    }

    /// The positions behind one matrix cell.
    matrix_cell(cx, query: CellQuery) -> Vec<Position> {
        Ok(cx.store()?.matrix_cell(&query)?)
    }

    /// A topic's or proposal's page: who stands where, per session, by bloc.
    subject_overview(cx, query: SubjectQuery) -> SubjectOverview {
        Ok(cx.store()?.subject_overview(&query)?)
    }

    save_actor_set(cx, input: ActorSetInput) -> Actor {
        Ok(concord_core::sets::save_actor_set(&mut *cx.store()?, &input)?)
    }

    /// What moved between two sessions.
    /// The two sessions the Changes page opens on (the last two holding positions), if any.
    latest_session_pair(cx) -> Option<SessionPair> {
        Ok(cx.store()?.latest_session_pair()?)
    }

    session_diff(cx, query: SessionDiffQuery) -> SessionDiff {
        Ok(cx.store()?.session_diff(&query)?)
    }

    /// Whether a group spoke with one voice at a session.
    cohesion(cx, query: CohesionQuery) -> Cohesion {
        Ok(cx.store()?.cohesion(&query)?)
    }

    /// Who stands with whom over a range of sessions: every pair's agreement, the map, and the
    /// map laid out for drawing (coloured by the group asked for).
    agreement_map(cx, request: MapRequest) -> DrawnMap {
        Ok(concord_core::coalitions::drawing::drawn_map(&*cx.store()?, &request)?)
    }

    /// The positions a pasted statement or transcript holds, proposed for review (nothing saved).
    propose_entries(cx, request: ExtractRequest) -> Vec<ProposedEntry> {
        Ok(concord_core::transcript::propose(&*cx.store()?, &request)?)
    }

    /// Records the entries the analyst confirmed, all in one transaction or none.
    record_entries(cx, inputs: Vec<PositionInput>) -> Vec<Uuid> {
        Ok(cx.store()?.add_positions(&inputs)?)
    }

    /// Two actors' stances side by side, for a pair picked on the map.
    agreement_pair(cx, query: PairQuery) -> PairPositions {
        Ok(concord_core::coalitions::pair_positions(&*cx.store()?, &query)?)
    }

    /// Every revision of every document, by symbol then order.
    list_revisions(cx) -> Vec<Revision> {
        Ok(cx.store()?.list_revisions()?)
    }

    /// What a date field shows for what was typed in it: the day and how the UN writes it
    /// ("2 December 2024"), or why it names no day ("12/01/2026" reads two ways).
    read_day(_cx, text: String) -> DayReading {
        Ok(concord_core::days::read_day(&text))
    }

    /// The parse of a pasted revision, for the analyst to check before recording it.
    preview_draft_text(_cx, text: String) -> DraftPreview {
        Ok(concord_core::draft::extract::preview_text(&text)?)
    }

    /// Asks for a .txt, .docx or .pdf file (native dialog) and returns its parse; null when
    /// cancelled.
    preview_draft_file(cx) -> Option<DraftPreview> {
        let Some(path) = dialogs::open_draft(cx.app)? else {
            return Ok(None);
        };
        Ok(Some(concord_core::draft::extract::preview_file(&path)?))
    }

    /// Asks for a statement or transcript (.txt, .docx or .pdf; native dialog) and returns its
    /// text, read under the draft reader's limits; null when cancelled.
    open_statement(cx) -> Option<String> {
        let Some(path) = dialogs::open_statement(cx.app)? else {
            return Ok(None);
        };
        Ok(Some(concord_core::draft::extract::read_file_apart(&path)?))
    }

    /// Records a revision from its checked provisions.
    import_revision(cx, input: RevisionInput, provisions: Vec<DraftProvision>) -> RevisionImport {
        // Read under the lock, align with the store free, write under the lock again.
        let parsed = import::revision::checked(&provisions)?;
        let basis = cx.store()?.revision_basis(&input, &parsed)?;
        let plan = basis.plan(&parsed);
        Ok(cx.store()?.record_planned(&input, &parsed, plan)?)
    }

    /// Paragraphs of draft revisions matching a search, each once, newest revision first.
    search_paragraphs(cx, text: String) -> Vec<ParagraphHit> {
        Ok(cx.store()?.search_paragraphs(&text)?)
    }

    /// The paragraphs of each symbol's latest revision, for the capture bar.
    paragraph_subjects(cx) -> Vec<ParagraphSubject> {
        Ok(cx.store()?.paragraph_subjects()?)
    }

    log_amendment(cx, input: AmendmentInput) -> Amendment {
        Ok(cx.store()?.log_amendment(&input)?)
    }

    set_amendment_status(cx, id: Uuid, status: AmendmentStatus) -> Amendment {
        Ok(cx.store()?.set_amendment_status(id, status)?)
    }

    paragraph_notes(cx, revision: Uuid) -> Vec<ParagraphNotes> {
        Ok(cx.store()?.paragraph_notes(revision)?)
    }

    amendment_ledger(cx, symbol: String) -> Vec<LedgerActor> {
        Ok(cx.store()?.amendment_ledger(&symbol)?)
    }

    /// What each revision of a draft holds open (brackets, alternatives, footnotes), by section.
    draft_brackets(cx, symbol: String) -> BracketChain {
        Ok(concord_core::draft::brackets::chain(&*cx.store()?, &symbol)?)
    }

    consensus_risk(cx, revision: Uuid) -> Vec<ParagraphRisk> {
        Ok(cx.store()?.consensus_risk(revision)?)
    }

    /// Reads both texts under the store lock, then aligns them with the lock released.
    diff_revisions(cx, from: Uuid, to: Uuid) -> RevisionDiff {
        let pair = cx.store()?.revision_pair(from, to)?;
        Ok(pair.compare())
    }

    /// Asks where to save the summary (native dialog), then writes it; null when cancelled.
    /// Each step ("Reading…", "Writing 1 200 rows…") is sent as an `export-progress` event.
    export_summary(cx, request: SummaryRequest, format: ExportFormat) -> Option<ExportOutcome> {
        let Some(path) = dialogs::save_export(cx.app, format)? else {
            return Ok(None);
        };
        let outcome = concord_core::export::export_summary(
            &*cx.store()?,
            &request,
            format,
            &path,
            &mut |step| cx.progress(step),
        )?;
        cx.state.remember_export(&path);
        Ok(Some(outcome))
    }

    /// The file's own settings (the delegation it works for).
    file_settings(cx) -> FileSettings {
        Ok(concord_core::settings::file_settings(&*cx.store()?)?)
    }

    /// Makes an actor our delegation, or clears it with null.
    set_our_delegation(cx, actor_id: Option<Uuid>) -> FileSettings {
        Ok(concord_core::settings::set_our_delegation(&*cx.store()?, actor_id)?)
    }

    /// Asks where to save the agreement map (native dialog), then writes it as a picture or
    /// the matrix; null when cancelled.
    export_agreement(cx, request: MapRequest, format: MapFormat) -> Option<MapExportOutcome> {
        let Some(path) = dialogs::save_map(cx.app, format)? else {
            return Ok(None);
        };
        let outcome =
            concord_core::export::agreement::export_map(&*cx.store()?, &request, format, &path)?;
        cx.state.remember_export(&path);
        Ok(Some(outcome))
    }

    /// Asks where to save the Word redline of two revisions (native dialog), then writes it:
    /// texts read under the store lock, aligned and written with it released; null when
    /// cancelled.
    export_redline(cx, from: Uuid, to: Uuid) -> Option<RedlineOutcome> {
        let Some(path) = dialogs::save_redline(cx.app)? else {
            return Ok(None);
        };
        let source = concord_core::export::redline::read_redline(&*cx.store()?, from, to)?;
        let outcome = source.write(&path)?;
        cx.state.remember_export(&path);
        Ok(Some(outcome))
    }

    /// Asks where to save our delegation's brief on a revision (native dialog), then writes
    /// it: what it needs read under the store lock, aligned and written with it released;
    /// null when cancelled.
    export_brief(cx, request: BriefRequest, format: BriefFormat) -> Option<BriefOutcome> {
        let Some(path) = dialogs::save_brief(cx.app, format)? else {
            return Ok(None);
        };
        let source = concord_core::draft::brief::read_brief(&*cx.store()?, &request)?;
        let outcome = concord_core::export::brief::write_brief(source, format, &path)?;
        cx.state.remember_export(&path);
        Ok(Some(outcome))
    }

    /// Opens the system's file manager on the last exported file.
    show_export_in_folder(cx) -> () {
        dialogs::reveal(&cx.state.last_export()?)
    }

    // ---- the delegation's own catalog (concord_core::catalog) ----

    /// Every process, archived ones too, by name.
    list_processes(cx) -> Vec<Process> {
        Ok(cx.store()?.processes()?)
    }

    /// The meetings of a session, by day.
    list_meetings(cx, session_id: Uuid) -> Vec<Meeting> {
        Ok(cx.store()?.meetings(session_id)?)
    }

    /// The dated memberships of a group.
    list_memberships(cx, group_id: Uuid) -> Vec<Membership> {
        Ok(cx.store()?.memberships(group_id)?)
    }

    add_process(cx, input: ProcessInput) -> Process {
        Ok(catalog::add_process(&mut *cx.store()?, &input)?)
    }

    edit_process(cx, id: Uuid, input: ProcessInput) -> Process {
        Ok(catalog::edit_process(&mut *cx.store()?, id, &input)?)
    }

    /// Hides a process's sessions from the capture pickers (every view keeps them), or back.
    archive_process(cx, id: Uuid, archived: bool) -> Process {
        Ok(catalog::archive_process(&mut *cx.store()?, id, archived)?)
    }

    add_session(cx, input: SessionInput) -> Session {
        Ok(catalog::add_session(&mut *cx.store()?, &input)?)
    }

    /// Dates, renumbers, retitles or moves a session.
    edit_session(cx, id: Uuid, input: SessionInput) -> Session {
        Ok(catalog::edit_session(&mut *cx.store()?, id, &input)?)
    }

    add_meeting(cx, input: MeetingInput) -> Meeting {
        Ok(catalog::add_meeting(&mut *cx.store()?, &input)?)
    }

    add_topic(cx, parent_id: Option<Uuid>, name: String) -> Topic {
        Ok(catalog::add_topic(&mut *cx.store()?, parent_id, &name, None)?)
    }

    rename_topic(cx, id: Uuid, name: String) -> Topic {
        Ok(catalog::rename_topic(&mut *cx.store()?, id, &name)?)
    }

    /// Puts a topic, with its sub-topics, under another (null: at the top).
    move_topic(cx, id: Uuid, parent_id: Option<Uuid>) -> Topic {
        Ok(catalog::move_topic(&mut *cx.store()?, id, parent_id)?)
    }

    /// Moves a topic to place `index` among its siblings; returns the whole tree.
    reorder_topic(cx, id: Uuid, index: u32) -> Vec<Topic> {
        Ok(catalog::reorder_topic(&mut *cx.store()?, id, index as usize)?)
    }

    /// Merges `from` into `into`: positions (with history) and sub-topics move, `from` goes.
    merge_topics(cx, from: Uuid, into: Uuid) -> catalog::TopicMerge {
        Ok(catalog::merge_topics(&mut *cx.store()?, from, into)?)
    }

    delete_topic(cx, id: Uuid) -> () {
        Ok(catalog::delete_topic(&mut *cx.store()?, id)?)
    }

    add_proposal(cx, input: ProposalInput, champions: Vec<Uuid>) -> Proposal {
        Ok(catalog::add_proposal(&mut *cx.store()?, &input, &champions)?)
    }

    edit_proposal(cx, id: Uuid, input: ProposalInput) -> Proposal {
        Ok(catalog::edit_proposal(&mut *cx.store()?, id, &input)?)
    }

    /// Records an actor as a champion of a proposal, with the dates where known.
    set_champion(cx, input: catalog::ChampionInput) -> Proposal {
        Ok(catalog::set_champion(&mut *cx.store()?, &input)?)
    }

    remove_champion(cx, proposal_id: Uuid, actor_id: Uuid) -> Proposal {
        Ok(catalog::remove_champion(&mut *cx.store()?, proposal_id, actor_id)?)
    }

    add_actor(cx, input: ActorInput) -> Actor {
        Ok(catalog::add_actor(&mut *cx.store()?, &input)?)
    }

    /// Sets an actor's name, short name, ISO3 code and note (not its kind).
    edit_actor(cx, id: Uuid, input: ActorInput) -> Actor {
        Ok(catalog::edit_actor(&mut *cx.store()?, id, &input)?)
    }

    /// A member joins a group on a date.
    add_membership(cx, change: MembershipChange) -> Membership {
        Ok(catalog::add_membership(&mut *cx.store()?, &change)?)
    }

    /// A member's open membership of a group ends on a date.
    end_membership(cx, change: MembershipChange) -> Membership {
        Ok(catalog::end_membership(&mut *cx.store()?, &change)?)
    }
}
