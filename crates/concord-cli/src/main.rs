//! `concord`: the command line on Concord's core, for analysts and scripts.
//!
//! Exit codes: 0 ok, 2 bad input (a wrong name, a malformed file, a refused database),
//! 1 any other failure.

mod output;

use clap::{Parser, Subcommand};
use concord_core::generate::{generate, GenerateSpec};
use concord_core::import::{import_positions_csv, ImportError, ImportOptions};
use concord_core::model::{ActorKind, PositionFilter, SearchQuery, Stance};
use concord_core::resolve::Resolver;
use concord_core::{installation, Store, StoreError, SystemClock};
use output::Format;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

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
    Actors {
        #[arg(long, value_parser = parse_kind)]
        kind: Option<ActorKind>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// List sessions, in order.
    Sessions {
        /// Process name or short name (default: every process).
        #[arg(long)]
        process: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// List positions, newest session first.
    Positions {
        /// Actor name, short name or ISO3 code.
        #[arg(long)]
        actor: Option<String>,
        /// Session number or title, within --process.
        #[arg(long)]
        session: Option<String>,
        /// Process for --session (default: the OEWG 2021–2025).
        #[arg(long)]
        process: Option<String>,
        /// Topic path or name; includes its sub-topics.
        #[arg(long)]
        topic: Option<String>,
        /// Proposal name or short name.
        #[arg(long)]
        proposal: Option<String>,
        /// Group: its own positions and its members'.
        #[arg(long)]
        group: Option<String>,
        #[arg(long, value_parser = parse_stance)]
        stance: Option<Stance>,
        /// Words in summary, quote, note or source.
        #[arg(long)]
        text: Option<String>,
        /// At most this many rows (default: all).
        #[arg(long)]
        limit: Option<u64>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Full-text search over summaries, quotes, notes and sources (accents and case ignored).
    Search {
        /// The words to find (all of them; each also as a word start).
        query: String,
        #[arg(long)]
        actor: Option<String>,
        /// Session number or title, within --process.
        #[arg(long)]
        session: Option<String>,
        #[arg(long)]
        process: Option<String>,
        /// Topic path or name; includes its sub-topics.
        #[arg(long)]
        topic: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Generate a large synthetic dataset (marked synthetic) for benchmarks and trials.
    Generate {
        #[arg(long, default_value_t = 200)]
        actors: usize,
        #[arg(long, default_value_t = 60)]
        topics: usize,
        #[arg(long, default_value_t = 30)]
        sessions: usize,
        #[arg(long, default_value_t = 3)]
        per_cell: usize,
    },
    /// Bring records in from a file.
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
}

#[derive(Subcommand)]
enum ImportWhat {
    /// Positions from a CSV with a header (actor, session, topic or proposal, stance, ...).
    Positions {
        file: PathBuf,
        /// Create unknown topics, proposals and stakeholders instead of refusing the file.
        #[arg(long)]
        create_missing: bool,
    },
}

fn parse_kind(s: &str) -> Result<ActorKind, String> {
    ActorKind::parse(s).ok_or_else(|| {
        let all: Vec<&str> = ActorKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown kind; use one of {}", all.join(", "))
    })
}

fn parse_stance(s: &str) -> Result<Stance, String> {
    Stance::parse(s).ok_or_else(|| {
        let all: Vec<&str> = Stance::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown stance; use one of {}", all.join(", "))
    })
}

/// A failure, sorted into bad input (exit 2) or anything else (exit 1).
struct Failure {
    bad_input: bool,
    message: String,
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure {
            bad_input: e.is_bad_input(),
            message: e.to_string(),
        }
    }
}

impl From<ImportError> for Failure {
    fn from(e: ImportError) -> Self {
        Failure {
            bad_input: e.is_bad_input(),
            message: e.to_string(),
        }
    }
}

impl From<concord_core::export::ExportError> for Failure {
    fn from(e: concord_core::export::ExportError) -> Self {
        Failure {
            bad_input: false,
            message: e.to_string(),
        }
    }
}

fn bad_input(message: String) -> Failure {
    Failure {
        bad_input: true,
        message,
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("concord: {}", f.message);
            ExitCode::from(if f.bad_input { 2 } else { 1 })
        }
    }
}

fn open(db: Option<&Path>) -> Result<Store, Failure> {
    let db =
        db.ok_or_else(|| bad_input("name the database with --db FILE (or CONCORD_DB)".into()))?;
    let dir = installation::config_dir().ok_or_else(|| {
        bad_input("cannot find a config folder: set HOME or XDG_CONFIG_HOME".into())
    })?;
    let id = installation::load_or_create(&dir, uuid::Uuid::now_v7).map_err(|e| Failure {
        bad_input: false,
        message: format!("cannot keep the installation id in {}: {e}", dir.display()),
    })?;
    Ok(Store::open(db, Arc::new(SystemClock), id)?)
}

/// Names given on the command line, resolved to ids; a name that does not resolve is bad input.
struct Names(Resolver);

impl Names {
    fn resolve<T>(
        what: &str,
        text: Option<&str>,
        find: impl Fn(&str) -> Result<T, concord_core::resolve::Miss>,
    ) -> Result<Option<T>, Failure> {
        text.map(|t| find(t).map_err(|m| bad_input(m.describe(what, t))))
            .transpose()
    }

    /// The process for --session; none given means the OEWG 2021–2025.
    fn process(&self, text: Option<&str>) -> Result<uuid::Uuid, Failure> {
        let text = text.unwrap_or("");
        self.0
            .process(text)
            .map_err(|m| bad_input(m.describe("process", text)))
    }

    fn actor(&self, text: Option<&str>) -> Result<Option<uuid::Uuid>, Failure> {
        Self::resolve("actor", text, |t| self.0.actor(t).map(|a| a.0))
    }

    fn group(&self, text: Option<&str>) -> Result<Option<uuid::Uuid>, Failure> {
        Self::resolve("group", text, |t| self.0.group(t))
    }

    fn session(
        &self,
        process: uuid::Uuid,
        text: Option<&str>,
    ) -> Result<Option<uuid::Uuid>, Failure> {
        Self::resolve("session", text, |t| {
            self.0.session(process, t).map(|s| s.id)
        })
    }

    fn topic(&self, text: Option<&str>) -> Result<Option<uuid::Uuid>, Failure> {
        Self::resolve("topic", text, |t| self.0.topic(t))
    }

    fn proposal(&self, text: Option<&str>) -> Result<Option<uuid::Uuid>, Failure> {
        Self::resolve("proposal", text, |t| self.0.proposal(t))
    }
}

/// Every matching position (or the first `limit`), read a page at a time.
fn all_positions(
    store: &Store,
    mut filter: PositionFilter,
    limit: Option<u64>,
) -> Result<Vec<concord_core::model::Position>, Failure> {
    let wanted = limit.unwrap_or(u64::MAX);
    let mut out = Vec::new();
    loop {
        let remaining = wanted - out.len() as u64;
        filter.limit = Some(remaining.min(concord_core::store::MAX_PAGE as u64) as u32);
        filter.offset = Some(out.len() as u32);
        let page = store.positions(&filter)?;
        let got = page.items.len();
        out.extend(page.items);
        if got == 0 || out.len() as u64 >= wanted.min(page.total) {
            return Ok(out);
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    let mut store = open(cli.db.as_deref())?;
    match cli.command {
        Command::Init => {
            let c = store.load_reference()?;
            println!(
                "{}: {} actors, {} sessions, {} topics, {} proposals, {} positions",
                cli.db
                    .as_deref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                c.actors,
                c.sessions,
                c.topics,
                c.proposals,
                c.positions
            );
        }
        Command::Demo => {
            let added = concord_core::demo::populate(&mut store)?;
            println!("added {added} demo positions");
        }
        Command::Actors { kind, format } => output::actors(&store.actors(kind)?, format)?,
        Command::Sessions { process, format } => {
            let resolver = Resolver::load(&store)?;
            let process_id = process
                .map(|p| {
                    resolver
                        .process(&p)
                        .map_err(|m| bad_input(m.describe("process", &p)))
                })
                .transpose()?;
            output::sessions(&store.sessions(process_id)?, format)?;
        }
        Command::Positions {
            actor,
            session,
            process,
            topic,
            proposal,
            group,
            stance,
            text,
            limit,
            format,
        } => {
            let names = Names(Resolver::load(&store)?);
            let process_id = names.process(process.as_deref())?;
            let filter = PositionFilter {
                actor_id: names.actor(actor.as_deref())?,
                group_id: names.group(group.as_deref())?,
                session_id: names.session(process_id, session.as_deref())?,
                topic_id: names.topic(topic.as_deref())?,
                proposal_id: names.proposal(proposal.as_deref())?,
                stance,
                text,
                limit: None,
                offset: None,
            };
            output::positions(&all_positions(&store, filter, limit)?, format)?;
        }
        Command::Search {
            query,
            actor,
            session,
            process,
            topic,
            limit,
            format,
        } => {
            let names = Names(Resolver::load(&store)?);
            let process_id = names.process(process.as_deref())?;
            let q = SearchQuery {
                text: query,
                actor_id: names.actor(actor.as_deref())?,
                session_id: names.session(process_id, session.as_deref())?,
                topic_id: names.topic(topic.as_deref())?,
                limit: Some(limit),
            };
            if concord_core::store::fts_query(&q.text).is_none() {
                return Err(bad_input("type at least one word to search for".into()));
            }
            output::hits(&store.search(&q)?, format)?;
        }
        Command::Generate {
            actors,
            topics,
            sessions,
            per_cell,
        } => {
            let spec = GenerateSpec {
                actors,
                topics,
                sessions,
                per_cell,
            };
            let g = generate(&mut store, spec)?;
            println!(
                "generated {} synthetic positions: {} actors × {} topics × {} sessions × {} per cell",
                g.positions,
                g.actor_ids.len(),
                g.topic_ids.len(),
                g.session_ids.len(),
                per_cell
            );
        }
        Command::Import {
            what:
                ImportWhat::Positions {
                    file,
                    create_missing,
                },
        } => {
            let reader = std::fs::File::open(&file)
                .map_err(|e| bad_input(format!("cannot read {}: {e}", file.display())))?;
            let report = import_positions_csv(
                &mut store,
                std::io::BufReader::new(reader),
                ImportOptions { create_missing },
            )?;
            println!(
                "imported {} positions from {} (created {} topics, {} proposals, {} stakeholders)",
                report.positions_added,
                file.display(),
                report.topics_created,
                report.proposals_created,
                report.actors_created
            );
        }
    }
    Ok(())
}
