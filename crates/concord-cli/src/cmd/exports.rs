//! What goes out: `diff` (two sessions, two revisions) and `export` (summaries, every table).

use crate::failure::{bad_input, Failure};
use crate::names::Names;
use crate::values::{vocab, DumpFormat, RevisionFormat, TextFormat};
use clap::Subcommand;
use concord_core::export::{export_summary, summary_text};
use concord_core::model::{
    ExportFormat, Grouping, MatrixAxis, MatrixQuery, SubjectQuery, SubjectRef, SummaryRequest,
};
use concord_core::Store;
use std::path::{Path, PathBuf};
use uuid::Uuid;

#[derive(Subcommand)]
pub enum DiffWhat {
    /// Two revisions of a draft aligned paragraph by paragraph, word by word. A revision is
    /// "SYMBOL LABEL" (e.g. "A/AC.292/2025/L.1 Rev.1") or its id. `--format docx --out F`
    /// writes a Word redline: Word's own tracked changes (Accept All gives the later
    /// revision), a first page of what changed, requests for amendments as comments.
    Revisions {
        old: String,
        new: String,
        #[arg(long, value_enum, default_value_t = RevisionFormat::Md)]
        format: RevisionFormat,
        /// Where the Word redline goes (with --format docx).
        #[arg(long)]
        out: Option<PathBuf>,
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
        /// What is printed; for Word or Excel use `concord export summary --sessions`.
        #[arg(long, value_enum, default_value_t = TextFormat::Md)]
        format: TextFormat,
    },
}

pub fn diff(store: &Store, what: DiffWhat) -> Result<(), Failure> {
    match what {
        DiffWhat::Revisions {
            old,
            new,
            format,
            out,
        } => {
            let (old, new) = (revision(store, &old)?, revision(store, &new)?);
            if format == RevisionFormat::Docx {
                let out = out
                    .filter(|o| {
                        o.extension()
                            .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
                    })
                    .ok_or_else(|| {
                        bad_input("a Word redline is a file: give --out FILE.docx".into())
                    })?;
                let done = concord_core::export::redline::export_redline(store, old, new, &out)?;
                println!(
                    "Wrote {}: changes tracked in {} paragraphs, {} requests as comments.",
                    done.path, done.changes, done.comments
                );
                return Ok(());
            }
            if out.is_some() {
                return Err(bad_input(
                    "--out is for --format docx; the other formats are printed".into(),
                ));
            }
            let diff = store.diff_revisions(old, new)?;
            match format {
                RevisionFormat::Docx => {}
                RevisionFormat::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&diff).map_err(|e| bad_input(e.to_string()))?
                ),
                RevisionFormat::Md => print!("{}", concord_core::export::revision::markdown(&diff)),
                RevisionFormat::Html => print!("{}", concord_core::export::revision::html(&diff)),
            }
        }
        DiffWhat::Sessions {
            before,
            after,
            process,
            group,
            format,
        } => {
            let query = Names::load(store)?.diff_query(
                process.as_deref(),
                &before,
                &after,
                group.as_deref(),
            )?;
            let request = SummaryRequest::Sessions { query };
            print!("{}", summary_text(store, &request, format.into())?);
        }
    }
    Ok(())
}

/// A revision named "SYMBOL LABEL", or its id. A UN symbol holds no space, so the label is
/// all after the first one ("A/AC.292/2025/L.1 Zero draft").
pub fn revision(store: &Store, text: &str) -> Result<Uuid, Failure> {
    if let Ok(id) = Uuid::parse_str(text.trim()) {
        return Ok(id);
    }
    let (symbol, label) = text.trim().split_once(' ').ok_or_else(|| {
        bad_input(format!(
            "\"{text}\": give a symbol and a revision label, e.g. \"A/AC.292/2025/L.1 Rev.1\""
        ))
    })?;
    Ok(store.find_revision(symbol, label)?.id)
}

#[derive(Subcommand)]
pub enum ExportWhat {
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
        /// Blocs for --topic/--proposal.
        #[arg(long, value_parser = vocab::<Grouping>(), default_value = "regional")]
        grouping: Grouping,
        /// Matrix columns.
        #[arg(long, value_parser = vocab::<MatrixAxis>(), default_value = "proposals")]
        columns: MatrixAxis,
        /// The file's format; by default the one its name ends in (.md, .csv, .xlsx, .docx, .json).
        #[arg(long, value_parser = vocab::<ExportFormat>())]
        format: Option<ExportFormat>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Every table as JSON, for `concord import all` into a new database.
    All {
        #[arg(long, value_enum, default_value_t = DumpFormat::Json)]
        format: DumpFormat,
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn export(store: &Store, what: ExportWhat) -> Result<(), Failure> {
    match what {
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
        } => {
            let names = Names::load(store)?;
            let process_id = names.process(process.as_deref())?;
            let range = session
                .as_deref()
                .map(|s| names.seq_range(process_id, s))
                .transpose()?;
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
                    query: names.diff_query(
                        process.as_deref(),
                        &pair[0],
                        &pair[1],
                        group.as_deref(),
                    )?,
                }
            } else if matrix {
                SummaryRequest::Matrix {
                    query: MatrixQuery {
                        process_id,
                        from_seq: range.map(|r| r.0),
                        to_seq: range.map(|r| r.1),
                        axis: columns,
                        group_id: names.group(group.as_deref())?,
                    },
                }
            } else {
                return Err(bad_input(
                    "say what to export: --actor, --topic, --proposal, --sessions S1 S2 or --matrix".into(),
                ));
            };
            let format = ExportFormat::for_file(format, &out).map_err(bad_input)?;
            let outcome = export_summary(store, &request, format, &out, &mut |step| {
                eprintln!("{step}")
            })?;
            println!(
                "wrote {} rows to {} ({})",
                outcome.rows,
                outcome.path,
                outcome.format.label()
            );
        }
        ExportWhat::All {
            format: DumpFormat::Json,
            out,
        } => {
            let data = store.export_all(&mut |step| eprintln!("{step}"))?;
            write_json_file(&out, &data)?;
            println!("wrote every table to {}", out.display());
        }
    }
    Ok(())
}

/// Writes JSON so that a failure never leaves half a file (see `concord_core::atomic`).
fn write_json_file(path: &Path, data: &serde_json::Value) -> Result<(), Failure> {
    let fail = |e: std::io::Error| bad_input(format!("cannot write {}: {e}", path.display()));
    concord_core::atomic::replace_with(
        path,
        |partial| {
            let file = std::fs::File::create(partial).map_err(fail)?;
            let mut w = std::io::BufWriter::new(file);
            serde_json::to_writer(&mut w, data).map_err(|e| fail(e.into()))?;
            std::io::Write::flush(&mut w).map_err(fail)
        },
        fail,
    )
}
