//! Tauri commands: parse the arguments, call one core function, map the error. Nothing else.
//! They are declared once, in `declared.rs`; `commands!` below makes the commands, the handler
//! and the spec from which `make bindings` writes the UI's typed calls (`bindings/commands.ts`).

mod context;
pub mod spec;

use crate::dialogs;
use crate::error::CommandResult;
use crate::state::AppState;
use concord_core::catalog;
use concord_core::import::{self, ImportOptions};
use concord_core::model::{
    Actor, ActorInput, ActorKind, ActorSetInput, Amendment, AmendmentInput, AmendmentStatus,
    BracketChain, BriefFormat, BriefOutcome, BriefRequest, CellQuery, Clash, Cohesion,
    CohesionQuery, Conflict, DatabaseInfo, DayReading, DraftPreview, DraftProvision, DrawnMap,
    ExportFormat, ExportOutcome, ExtractRequest, FileSettings, HistoryEntry, ImportPreview,
    ImportReport, Keep, LedgerActor, MapExportOutcome, MapFormat, MapRequest, Matrix, MatrixQuery,
    Meeting, MeetingInput, Membership, MembershipChange, PairPositions, PairQuery, ParagraphHit,
    ParagraphNotes, ParagraphRisk, ParagraphSubject, Position, PositionFilter, PositionInput,
    PositionPage, Process, ProcessInput, Proposal, ProposalInput, ProposedEntry, RedlineOutcome,
    Revision, RevisionDiff, RevisionImport, RevisionInput, SearchHit, SearchQuery, Session,
    SessionDiff, SessionDiffQuery, SessionInput, SessionPair, Stance, StanceOption, StartProblem,
    SubjectOverview, SubjectQuery, SubjectRef, SummaryRequest, Timeline, TimelineRow, Topic,
};
use concord_core::store::MergeReport;
use concord_core::team::{SyncReport, TeamStatus};
pub use context::{database_opened, events, menu_chosen, open_refused, Cx};
use uuid::Uuid;

/// Turns each declared command into an async `#[tauri::command]` whose body runs on the
/// blocking pool: the bodies wait on SQLite, the store's lock, dialogs and the network, and
/// an import or a sync holding the store must never take the async runtime's few threads
/// (as many as cores) from the others, such as Cancel. Lists them all for the handler and
/// the spec. The functions stay private to this module: they are reached through
/// `handler()` only.
macro_rules! commands {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident($cx:ident $(, $arg:ident: $ty:ty)* $(,)?) -> $ret:ty $body:block
    )*) => {
        $(
            $(#[doc = $doc])*
            #[tauri::command]
            async fn $name(app: tauri::AppHandle, $($arg: $ty),*) -> CommandResult<$ret> {
                tauri::async_runtime::spawn_blocking(move || {
                    let state = tauri::Manager::state::<AppState>(&app);
                    let $cx = Cx::new(&app, state.inner());
                    $body
                })
                .await
                .map_err(stopped)?
            }
        )*

        /// Every command, for the builder's `invoke_handler`.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }

        /// Every command's name, documentation, arguments and result, for the UI's calls.
        pub fn specs() -> Vec<spec::Command> {
            vec![$(spec::Command {
                name: stringify!($name),
                doc: vec![$($doc),*],
                args: vec![$(spec::Arg::of::<$ty>(stringify!($arg))),*],
                result: spec::Type::of::<$ret>(),
            }),*]
        }
    };
}

/// A command whose body panicked (its transaction rolled back when the panic dropped it).
fn stopped(e: tauri::Error) -> crate::error::CommandError {
    crate::error::CommandError::new(
        concord_core::model::ErrorCode::Internal,
        format!("the command stopped unexpectedly: {e}"),
    )
}

include!("declared.rs");
