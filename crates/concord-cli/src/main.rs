//! `concord`: the command line on Concord's core, for analysts and scripts.
//!
//! Exit codes: 0 ok, 2 bad input (a wrong name, a malformed file, a refused database),
//! 1 any other failure.

mod output;

use clap::{Parser, Subcommand};
use concord_core::export::{export_summary, summary_text, ExportError};
use concord_core::generate::{generate, GenerateSpec};
use concord_core::import::{
    import_positions_csv, import_positions_json, ImportError, ImportOptions,
};
use concord_core::model::{
    ActorKind, CohesionQuery, DocumentKind, ExportFormat, Grouping, MatrixAxis, MatrixQuery,
    PositionFilter, RevisionInput, SearchQuery, SessionDiffQuery, Stance, SubjectQuery, SubjectRef,
    SummaryRequest,
};
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
        /// Search the paragraphs of draft revisions (each once, in its newest revision)
        /// instead of positions; --actor, --session and --topic do not apply to them.
        #[arg(long, conflicts_with_all = ["actor", "session", "topic"])]
        drafts: bool,
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
    /// Compare two sessions.
    Diff {
        #[command(subcommand)]
        what: DiffWhat,
    },
    /// Whether a group spoke with one voice at a session: who aligned, diverged, was silent.
    Cohesion {
        #[arg(long)]
        group: String,
        /// Session number or title, within --process.
        #[arg(long)]
        session: String,
        #[arg(long)]
        process: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Write summaries for briefs, or the whole database for another Concord.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
}

#[derive(Subcommand)]
enum DiffWhat {
    /// Two revisions of a draft aligned paragraph by paragraph, word by word. A revision is
    /// "SYMBOL LABEL" (e.g. "A/AC.292/2025/L.1 Rev.1") or its id.
    Revisions {
        old: String,
        new: String,
        #[arg(long, default_value = "md")]
        format: String,
    },
    /// What moved between two sessions: changed stances, new positions, positions not
    /// restated, changed quotes. A session is a number or title; "5..7" is a range.
    Sessions {
        before: String,
        after: String,
        #[arg(long)]
        process: Option<String>,
        /// Only this group and its members (membership at the later session).
        #[arg(long)]
        group: Option<String>,
        #[arg(long, value_parser = parse_text_format, default_value = "md")]
        format: ExportFormat,
    },
}

#[derive(Subcommand)]
enum ExportWhat {
    /// A summary: of an actor, a topic, a proposal, two sessions, or the matrix.
    Summary {
        #[arg(long, group = "what")]
        actor: Option<String>,
        #[arg(long, group = "what")]
        topic: Option<String>,
        #[arg(long, group = "what")]
        proposal: Option<String>,
        /// Two sessions to compare (numbers, titles or ranges like 5..7).
        #[arg(long, group = "what", num_args = 2, value_names = ["BEFORE", "AFTER"])]
        sessions: Option<Vec<String>>,
        #[arg(long, group = "what")]
        matrix: bool,
        /// One session (or a range like 5..7) for --actor and --matrix.
        #[arg(long)]
        session: Option<String>,
        #[arg(long)]
        process: Option<String>,
        /// Only this group and its members (--sessions, --matrix).
        #[arg(long)]
        group: Option<String>,
        /// Blocs for --topic/--proposal: regional or negotiating.
        #[arg(long, default_value = "regional")]
        grouping: String,
        /// Matrix columns: proposals or topics.
        #[arg(long, default_value = "proposals")]
        columns: String,
        #[arg(long, value_parser = parse_export_format, default_value = "md")]
        format: ExportFormat,
        #[arg(long)]
        out: PathBuf,
    },
    /// Every table as JSON, for `concord import all` into a new database.
    All {
        #[arg(long, default_value = "json")]
        format: String,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum ImportWhat {
    /// A draft revision from a .txt, .docx or .pdf file; paragraphs are numbered "12." or
    /// "12 bis." (Word's own numbering is read too), sub-paragraphs "(a)", headings
    /// "II. Title", footnotes after a line "Footnotes" (Word's footnotes are read as such).
    Document {
        file: PathBuf,
        #[arg(long)]
        symbol: String,
        #[arg(long)]
        revision: String,
        /// YYYY-MM-DD
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        process: Option<String>,
        /// zero_draft, revised_draft, adopted, crp, limited...
        #[arg(long, default_value = "revised_draft")]
        kind: String,
        #[arg(long, default_value = "")]
        title: String,
    },
    /// Every table from `concord export all`, into a new database.
    All { file: PathBuf },
    /// Positions from a CSV with a header (actor, session, topic or proposal, stance, ...), or
    /// from FILE.json: a list of objects with the same fields.
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

impl From<ExportError> for Failure {
    fn from(e: ExportError) -> Self {
        Failure {
            bad_input: e.code() == "invalid_input" || e.code() == "not_found",
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

fn parse_export_format(text: &str) -> Result<ExportFormat, String> {
    ExportFormat::parse(text)
        .ok_or_else(|| format!("use one of md, csv, xlsx, docx, json (not \"{text}\")"))
}

fn parse_text_format(text: &str) -> Result<ExportFormat, String> {
    match parse_export_format(text)? {
        ExportFormat::Xlsx | ExportFormat::Docx => Err(
            "diff prints md, json or csv; use `concord export summary --sessions` for xlsx or docx"
                .into(),
        ),
        f => Ok(f),
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

    /// A session or range ("7", "7th substantive session", "5..7") as sequence numbers.
    fn seq_range(&self, process: uuid::Uuid, text: &str) -> Result<(i64, i64), Failure> {
        let seq = |t: &str| {
            self.0
                .session(process, t.trim())
                .map(|s| s.seq)
                .map_err(|m| bad_input(m.describe("session", t.trim())))
        };
        match text.split_once("..") {
            Some((a, b)) => Ok((seq(a)?, seq(b)?)),
            None => {
                let s = seq(text)?;
                Ok((s, s))
            }
        }
    }

    fn topic(&self, text: Option<&str>) -> Result<Option<uuid::Uuid>, Failure> {
        Self::resolve("topic", text, |t| self.0.topic(t))
    }

    fn proposal(&self, text: Option<&str>) -> Result<Option<uuid::Uuid>, Failure> {
        Self::resolve("proposal", text, |t| self.0.proposal(t))
    }
}

fn diff_query(
    names: &Names,
    process: Option<&str>,
    before: &str,
    after: &str,
    group: Option<&str>,
) -> Result<SessionDiffQuery, Failure> {
    let process_id = names.process(process)?;
    let (before_from, before_to) = names.seq_range(process_id, before)?;
    let (after_from, after_to) = names.seq_range(process_id, after)?;
    Ok(SessionDiffQuery {
        process_id,
        before_from,
        before_to,
        after_from,
        after_to,
        group_id: names.group(group)?,
    })
}

/// Writes JSON beside `path` first, then moves it into place: no half-written file.
fn write_json_file(path: &Path, data: &serde_json::Value) -> Result<(), Failure> {
    let fail = |e: String| bad_input(format!("cannot write {}: {e}", path.display()));
    let partial = path.with_extension("partial");
    let file = std::fs::File::create(&partial).map_err(|e| fail(e.to_string()))?;
    let mut w = std::io::BufWriter::new(file);
    serde_json::to_writer(&mut w, data).map_err(|e| fail(e.to_string()))?;
    std::io::Write::flush(&mut w).map_err(|e| fail(e.to_string()))?;
    std::fs::rename(&partial, path).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        fail(e.to_string())
    })
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
            drafts,
            format,
        } => {
            if concord_core::store::fts_query(&query).is_none() {
                return Err(bad_input("type at least one word to search for".into()));
            }
            if drafts {
                let mut found = store.search_paragraphs(&query)?;
                found.truncate(limit as usize);
                output::paragraph_hits(&found, format)?;
                return Ok(());
            }
            let names = Names(Resolver::load(&store)?);
            let process_id = names.process(process.as_deref())?;
            let q = SearchQuery {
                text: query,
                actor_id: names.actor(actor.as_deref())?,
                session_id: names.session(process_id, session.as_deref())?,
                topic_id: names.topic(topic.as_deref())?,
                limit: Some(limit),
            };
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
        Command::Diff {
            what: DiffWhat::Revisions { old, new, format },
        } => {
            let find = |text: &str| -> Result<uuid::Uuid, Failure> {
                if let Ok(id) = uuid::Uuid::parse_str(text.trim()) {
                    return Ok(id);
                }
                let (symbol, label) = text.trim().rsplit_once(' ').ok_or_else(|| {
                    bad_input(format!("\"{text}\": give a symbol and a revision label, e.g. \"A/AC.292/2025/L.1 Rev.1\""))
                })?;
                Ok(store.find_revision(symbol, label)?.id)
            };
            let diff = store.diff_revisions(find(&old)?, find(&new)?)?;
            match format.as_str() {
                "json" => println!(
                    "{}",
                    serde_json::to_string_pretty(&diff).map_err(|e| bad_input(e.to_string()))?
                ),
                "md" => print!("{}", concord_core::export::revision::markdown(&diff)),
                "html" => print!("{}", concord_core::export::revision::html(&diff)),
                other => {
                    return Err(bad_input(format!(
                        "--format: use md, json or html, not \"{other}\""
                    )))
                }
            }
        }
        Command::Import {
            what:
                ImportWhat::Document {
                    file,
                    symbol,
                    revision,
                    date,
                    process,
                    kind,
                    title,
                },
        } => {
            let text = concord_core::draft::extract::read_file(&file)
                .map_err(|e| bad_input(e.to_string()))?;
            for warning in concord_core::draft::preview(&text, None).warnings {
                eprintln!("check: {warning}");
            }
            let names = Names(Resolver::load(&store)?);
            let input = RevisionInput {
                symbol,
                revision_label: revision,
                date: date
                    .map(|d| {
                        chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                            .map_err(|_| bad_input(format!("--date: \"{d}\" is not YYYY-MM-DD")))
                    })
                    .transpose()?,
                process_id: process.map(|p| names.process(Some(&p))).transpose()?,
                kind: DocumentKind::parse(&kind).ok_or_else(|| {
                    bad_input(format!("--kind: unknown document kind \"{kind}\""))
                })?,
                title,
            };
            let report = store.import_revision_text(&input, &text)?;
            println!(
                "recorded {} {} with {} provisions{}",
                report.revision.symbol,
                report.revision.revision_label,
                report.revision.provisions,
                match &report.previous {
                    Some(p) => format!(
                        "; {} keep their identity from {}, {} are new",
                        report.inherited, p.revision_label, report.new_keys
                    ),
                    None => String::new(),
                }
            );
            if report.decided > 0 {
                println!(
                    "{} amendment requests on {} were compared with it (see the ledger in the window)",
                    report.decided,
                    report.previous.map(|p| p.revision_label).unwrap_or_default()
                );
            }
        }
        Command::Diff {
            what:
                DiffWhat::Sessions {
                    before,
                    after,
                    process,
                    group,
                    format,
                },
        } => {
            let names = Names(Resolver::load(&store)?);
            let query = diff_query(
                &names,
                process.as_deref(),
                &before,
                &after,
                group.as_deref(),
            )?;
            let text = summary_text(&store, &SummaryRequest::Sessions { query }, format)?;
            print!("{text}");
        }
        Command::Export {
            what:
                ExportWhat::Summary {
                    actor,
                    topic,
                    proposal,
                    sessions,
                    matrix,
                    session,
                    process,
                    group,
                    grouping,
                    columns,
                    format,
                    out,
                },
        } => {
            let names = Names(Resolver::load(&store)?);
            let process_id = names.process(process.as_deref())?;
            let range = session
                .as_deref()
                .map(|s| names.seq_range(process_id, s))
                .transpose()?;
            let grouping = Grouping::parse(&grouping).ok_or_else(|| {
                bad_input(format!(
                    "--grouping: use regional or negotiating, not \"{grouping}\""
                ))
            })?;
            let request = if let Some(a) = actor.as_deref() {
                SummaryRequest::Actor {
                    actor_id: names
                        .actor(Some(a))?
                        .ok_or_else(|| bad_input("--actor".into()))?,
                    process_id: range.map(|_| process_id),
                    from_seq: range.map(|r| r.0),
                    to_seq: range.map(|r| r.1),
                }
            } else if topic.is_some() || proposal.is_some() {
                let subject = match (
                    names.topic(topic.as_deref())?,
                    names.proposal(proposal.as_deref())?,
                ) {
                    (Some(t), _) => SubjectRef::Topic(t),
                    (_, Some(p)) => SubjectRef::Proposal(p),
                    _ => return Err(bad_input("name a topic or proposal".into())),
                };
                SummaryRequest::Subject {
                    query: SubjectQuery {
                        subject,
                        process_id,
                        grouping,
                    },
                }
            } else if let Some(pair) = sessions {
                SummaryRequest::Sessions {
                    query: diff_query(
                        &names,
                        process.as_deref(),
                        &pair[0],
                        &pair[1],
                        group.as_deref(),
                    )?,
                }
            } else if matrix {
                let axis = MatrixAxis::parse(&columns).ok_or_else(|| {
                    bad_input(format!(
                        "--columns: use proposals or topics, not \"{columns}\""
                    ))
                })?;
                SummaryRequest::Matrix {
                    query: MatrixQuery {
                        process_id,
                        from_seq: range.map(|r| r.0),
                        to_seq: range.map(|r| r.1),
                        axis,
                        group_id: names.group(group.as_deref())?,
                    },
                }
            } else {
                return Err(bad_input(
                    "say what to export: --actor, --topic, --proposal, --sessions S1 S2 or --matrix".into(),
                ));
            };
            let outcome = export_summary(&store, &request, format, &out, &mut |step| {
                eprintln!("{step}")
            })?;
            println!(
                "wrote {} rows to {} ({})",
                outcome.rows,
                outcome.path,
                outcome.format.label()
            );
        }
        Command::Cohesion {
            group,
            session,
            process,
            format,
        } => {
            let names = Names(Resolver::load(&store)?);
            let process_id = names.process(process.as_deref())?;
            let (seq, _) = names.seq_range(process_id, &session)?;
            let group_id = names
                .group(Some(&group))?
                .ok_or_else(|| bad_input("--group".into()))?;
            let c = store.cohesion(&CohesionQuery {
                group_id,
                process_id,
                seq,
            })?;
            output::cohesion(&c, format)?;
        }
        Command::Export {
            what: ExportWhat::All { format, out },
        } => {
            if format != "json" {
                return Err(bad_input(format!(
                    "export all writes json only, not \"{format}\""
                )));
            }
            let data = store.export_all(&mut |step| eprintln!("{step}"))?;
            write_json_file(&out, &data)?;
            println!("wrote every table to {}", out.display());
        }
        Command::Import {
            what: ImportWhat::All { file },
        } => {
            let text = std::fs::read(&file)
                .map_err(|e| bad_input(format!("cannot read {}: {e}", file.display())))?;
            let data: serde_json::Value = serde_json::from_slice(&text).map_err(|e| {
                bad_input(format!(
                    "{}: not valid JSON (line {}, column {}): {e}",
                    file.display(),
                    e.line(),
                    e.column()
                ))
            })?;
            let rows = store.import_all(&data, &mut |step| eprintln!("{step}"))?;
            println!("imported {rows} rows from {}", file.display());
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
            let options = ImportOptions { create_missing };
            let input = std::io::BufReader::new(reader);
            let is_json = file
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"));
            let report = if is_json {
                import_positions_json(&mut store, input, options)?
            } else {
                import_positions_csv(&mut store, input, options)?
            };
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
