//! `concord`: the command line on Concord's core, for analysts and scripts.
//!
//! Exit codes: 0 ok, 2 bad input (a wrong name, a malformed file, a refused database),
//! 1 any other failure.

mod cmd;
mod failure;
mod names;
mod output;
mod values;

use clap::{Parser, Subcommand};
use cmd::{
    brief, catalog, catalog_edit, coalitions, drafts, exports, imports, positions, safety,
    settings, team, transcript,
};
use failure::Failure;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "concord",
    version,
    about = "Who said what at UN negotiations: a local record"
)]
struct Cli {
    /// The Concord database file (also read from CONCORD_DB).
    #[arg(long, env = "CONCORD_DB", global = true)]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the database, or bring an existing one up to date, with the reference data.
    Init,
    /// Like init, plus a few dozen demo positions (public facts with sources, and marked samples).
    Demo,
    /// List actors: States, observers, organizations, groups, stakeholders.
    Actors(catalog::ActorsArgs),
    /// List sessions, in order.
    Sessions(catalog::SessionsArgs),
    /// List positions, newest session first.
    Positions(positions::PositionsArgs),
    /// Full-text search over summaries, quotes, notes and sources (accents and case ignored).
    Search(positions::SearchArgs),
    /// Generate a large synthetic dataset (marked synthetic) for benchmarks and trials.
    Generate(catalog::GenerateArgs),
    /// Bring records in from a file.
    Import {
        #[command(subcommand)]
        what: imports::ImportWhat,
    },
    /// Compare two sessions, or two revisions of a draft.
    Diff {
        #[command(subcommand)]
        what: exports::DiffWhat,
    },
    /// Whether a group spoke with one voice at a session: who aligned, diverged, was silent.
    Cohesion(positions::CohesionArgs),
    /// Who stands with whom: each pair's agreement over the subjects both spoke to (same
    /// camp 1, opposite camps 0, conditional or neutral half-way), and a map placed from it.
    Alignment(coalitions::AlignmentArgs),
    /// Propose the positions a statement or transcript holds (speaker, subject, stance, the
    /// sentence as quote), for review: nothing is saved.
    Extract(transcript::ExtractArgs),
    /// What a draft still holds open, revision by revision and section by section: bracketed
    /// passages, alternatives, footnotes, and how they moved.
    Brackets(drafts::BracketsArgs),
    /// What a new revision means for our delegation: each paragraph where we have a position
    /// or a request (what changed, whether our requests landed, who holds out there), then
    /// what changed most where we said nothing. Markdown printed, or --out F.md / F.docx.
    Brief(brief::BriefArgs),
    /// Show or set what the file knows about itself: the delegation it works for.
    Settings(settings::SettingsArgs),
    /// Write summaries for briefs, or the whole database for another Concord.
    Export {
        #[command(subcommand)]
        what: exports::ExportWhat,
    },
    /// Check the database file in full (SQLite's integrity check and Concord's schema), reading only.
    Check,
    /// Back the database up now into the data folder (checked), or list its backups.
    Backup(safety::BackupArgs),
    /// Put a backup back as the database; the file that was there is kept beside it.
    Restore {
        /// The backup to restore (see `concord backup --list`).
        file: PathBuf,
    },
    /// Bring in what another copy of the record (a colleague's file) has that this one lacks
    /// (the other file is only read); or `merge topics A B`: A's positions and sub-topics go
    /// to B, and A is deleted.
    #[command(args_conflicts_with_subcommands = true)]
    Merge {
        /// The other .concord file.
        other: Option<PathBuf>,
        #[command(subcommand)]
        what: Option<MergeWhat>,
    },
    /// Add to the catalog: a process, session, meeting, topic, proposal or actor.
    Add {
        #[command(subcommand)]
        what: catalog_edit::AddWhat,
    },
    /// Move a topic, with its sub-topics, under another.
    Move {
        #[command(subcommand)]
        what: MoveWhat,
    },
    /// Record that a member joined or left a group, on a date.
    Membership {
        #[command(subcommand)]
        what: catalog_edit::MembershipWhat,
    },
    /// Record who champions a proposal, and when.
    Champion {
        #[command(subcommand)]
        what: catalog_edit::ChampionWhat,
    },
    /// A fingerprint of the shared content: equal on copies that hold the same changes.
    Digest,
    /// Values merges set aside (edits of one field made apart, deletions against edits).
    Conflicts(team::ConflictsArgs),
    /// Keys two copies both claimed (a topic's name, a session's number): every row is kept
    /// and listed here until an edit settles it.
    Clashes(team::ClashesArgs),
    /// The team record: one record shared through a folder the team already has.
    Team {
        #[command(subcommand)]
        what: team::TeamWhat,
    },
    /// Send this copy's changes to the team store and apply the others'.
    Sync,
    /// Change a record as the window does (history kept).
    Edit {
        #[command(subcommand)]
        what: team::EditWhat,
    },
    /// Delete a record as the window does (history kept).
    Delete {
        #[command(subcommand)]
        what: team::DeleteWhat,
    },
}

#[derive(Subcommand)]
enum MergeWhat {
    /// Merge topic A into topic B (paths or unique names).
    Topics { from: String, into: String },
}

#[derive(Subcommand)]
enum MoveWhat {
    /// Move a topic under another parent (or --top).
    Topic(catalog_edit::MoveTopic),
}

/// Runs the command line on `args` (the program's name first) and says how it ended. The
/// `concord` program is this alone; the desktop program runs it when started as
/// `concord-desktop --cli ARGS` (the packages' `concord` command), so one program holds both.
pub fn main_from<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    // This program is also the reader of Word and PDF files, in a child process of itself.
    if let Some(code) = concord_core::draft::worker::serve_if_asked() {
        return ExitCode::from(u8::try_from(code).unwrap_or(1));
    }
    let cli = Cli::parse_from(args);
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("concord: {}", f.message);
            ExitCode::from(if f.bad_input { 2 } else { 1 })
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    // These two read or replace the file itself, so they never open it as a store first.
    match &cli.command {
        Command::Check => return safety::check(names::named(cli.db.as_deref())?),
        Command::Restore { file } => {
            return safety::restore(names::named(cli.db.as_deref())?, file)
        }
        _ => {}
    }
    let mut store = names::open(cli.db.as_deref())?;
    match cli.command {
        Command::Init => catalog::init(&mut store, cli.db.as_deref()),
        Command::Demo => catalog::demo(&mut store),
        Command::Actors(a) => catalog::actors(&store, a),
        Command::Sessions(a) => catalog::sessions(&store, a),
        Command::Generate(a) => catalog::generate_data(&mut store, a),
        Command::Positions(a) => positions::positions(&store, a),
        Command::Search(a) => positions::search(&store, a),
        Command::Cohesion(a) => positions::cohesion(&store, a),
        Command::Alignment(a) => coalitions::alignment(&store, a),
        Command::Extract(a) => transcript::extract(&store, a),
        Command::Settings(a) => settings::settings(&store, a),
        Command::Brackets(a) => drafts::brackets(&store, a),
        Command::Brief(a) => brief::brief(&store, a),
        Command::Import { what } => imports::run(&mut store, what),
        Command::Diff { what } => exports::diff(&store, what),
        Command::Export { what } => exports::export(&store, what),
        Command::Backup(a) => safety::backup(&store, names::named(cli.db.as_deref())?, a),
        Command::Merge {
            what: Some(MergeWhat::Topics { from, into }),
            ..
        } => catalog_edit::merge_topics(&mut store, &from, &into),
        Command::Merge {
            other: Some(other), ..
        } => team::merge(&mut store, team::other_file(&other)?),
        Command::Merge { .. } => Err(failure::bad_input(
            "name the other .concord file to merge, or `merge topics A B`".into(),
        )),
        Command::Add { what } => catalog_edit::add(&mut store, what),
        Command::Move {
            what: MoveWhat::Topic(a),
        } => catalog_edit::move_topic(&mut store, a),
        Command::Membership { what } => catalog_edit::membership(&mut store, what),
        Command::Champion { what } => catalog_edit::champion(&mut store, what),
        Command::Digest => team::digest(&store),
        Command::Conflicts(a) => team::conflicts(&mut store, a),
        Command::Clashes(a) => output::clashes(&store.clashes()?, a.format),
        Command::Team { what } => team::team(&mut store, what),
        Command::Sync => team::sync(&mut store),
        Command::Edit { what } => team::edit(&mut store, what),
        Command::Delete { what } => team::delete(&mut store, what),
        Command::Check | Command::Restore { .. } => Ok(()),
    }
}
