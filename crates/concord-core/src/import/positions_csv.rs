//! `concord import positions FILE.csv`: one position per row.
//!
//! Columns (header required, any order, case-insensitive): actor, session, stance, and one of
//! topic or proposal per row; optional: process (default the OEWG 2021–2025), summary, quote,
//! source, date (YYYY-MM-DD, the day it was said), on_behalf_of, note, provenance (recorded,
//! illustrative or synthetic; default recorded). A `provision` column is read but must be empty:
//! positions on paragraphs arrive with the draft-revisions work.

use super::checked::{Checked, Keep};
use super::write::write_rows;
use super::{ImportError, ImportOptions, Place, Problem};
use crate::model::{ImportReport, PreviewRow, Provenance, Stance, SubjectRef};
use crate::resolve::{Miss, Resolver};
use crate::store::{Store, MAX_NOTE_CHARS, MAX_QUOTE_CHARS, MAX_SOURCE_CHARS, MAX_SUMMARY_CHARS};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::io::Read;
use std::ops::ControlFlow;
use uuid::Uuid;

/// The columns understood; an export from `concord positions --format csv` uses the same.
pub(super) const COLUMNS: &[&str] = crate::export::POSITION_CSV_COLUMNS;

/// Who the row is about, or what must be created for it first (with --create-missing).
#[derive(Debug, Clone)]
pub(super) enum Subject {
    Known(SubjectRef),
    NewTopic(String),
    NewProposal(String),
}

#[derive(Debug, Clone)]
pub(super) enum Speaker {
    Known(Uuid),
    NewStakeholder(String),
}

#[derive(Debug)]
pub(super) struct Row {
    pub(super) actor: Speaker,
    pub(super) subject: Subject,
    pub(super) session_id: Uuid,
    pub(super) date: Option<NaiveDate>,
    pub(super) stance: Stance,
    pub(super) summary: String,
    pub(super) quote: String,
    pub(super) source: String,
    pub(super) on_behalf_of: Option<Uuid>,
    pub(super) note: String,
    pub(super) provenance: Provenance,
}

/// Reads the whole CSV, checks every row, then writes all rows in one transaction.
pub fn import_positions_csv(
    store: &mut Store,
    input: impl Read,
    options: ImportOptions,
) -> Result<ImportReport, ImportError> {
    let resolver = Resolver::load(store)?;
    let rows = check(input, &resolver, options, Keep::Rows)?.into_rows()?;
    write_rows(store, rows, &mut |_| ControlFlow::Continue(()))
}

/// Reads the whole CSV and checks every row; only a file that cannot be read as CSV at all
/// (or whose header is wrong) is an error here. The rows that passed are kept when `keep`.
pub(super) fn check(
    input: impl Read,
    resolver: &Resolver,
    options: ImportOptions,
    keep: Keep,
) -> Result<Checked, ImportError> {
    let mut records = CsvRows::open(input)?;
    let mut checked = Checked::new(Place::CsvLine, keep);
    while let Some((line, row, problems)) = records.next(resolver, options)? {
        checked.add(row, problems, || records.preview(line));
    }
    Ok(checked)
}

/// A CSV of positions read one record at a time, each checked as it comes.
pub(super) struct CsvRows<R> {
    reader: csv::Reader<R>,
    columns: Columns,
    record: csv::StringRecord,
}

impl<R: Read> CsvRows<R> {
    /// Reads the header; a file without the columns Concord needs is refused here.
    pub(super) fn open(input: R) -> Result<CsvRows<R>, ImportError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(input);
        let header = reader
            .headers()
            .map_err(|e| malformed(&e, 1))?
            .iter()
            .map(|h| {
                crate::text::strip_bom(h.trim())
                    .to_lowercase()
                    .replace([' ', '-'], "_")
            })
            .collect::<Vec<_>>();
        Ok(CsvRows {
            reader,
            columns: Columns::from_header(&header)?,
            record: csv::StringRecord::new(),
        })
    }

    /// The next record that is not blank, checked: the line it starts on, its row when it
    /// passed, and its problems. `None` at the end of the file.
    #[allow(clippy::type_complexity)] // one record's verdict, taken apart where it is used
    pub(super) fn next(
        &mut self,
        resolver: &Resolver,
        options: ImportOptions,
    ) -> Result<Option<(u64, Option<Row>, Vec<Problem>)>, ImportError> {
        loop {
            let line_hint = self.reader.position().line();
            match self.reader.read_record(&mut self.record) {
                Ok(false) => return Ok(None),
                Ok(true) => {}
                Err(e) => return Err(malformed(&e, line_hint)),
            }
            if self.record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let line = self.record.position().map_or(line_hint, |p| p.line());
            let mut problems = Vec::new();
            let row = parse_row(
                &self.record,
                &self.columns,
                resolver,
                options,
                (Place::CsvLine, line),
                &mut problems,
            );
            return Ok(Some((line, row, problems)));
        }
    }

    /// The record last read, as the preview shows it.
    pub(super) fn preview(&self, line: u64) -> PreviewRow {
        self.columns.preview(&self.record, line)
    }
}

fn malformed(e: &csv::Error, line: u64) -> ImportError {
    let line = e.position().map(|p| p.line()).unwrap_or(line);
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "it is not UTF-8 text (save it as CSV UTF-8)".to_string(),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("this row has {len} fields where the header has {expected_len}"),
        _ => e.to_string(),
    };
    ImportError::Malformed { line, message }
}

/// Where each known column sits in a row.
pub(super) struct Columns {
    index: HashMap<&'static str, usize>,
}

impl Columns {
    pub(super) fn from_header(header: &[String]) -> Result<Columns, ImportError> {
        let mut index = HashMap::new();
        for (i, name) in header.iter().enumerate() {
            let Some(known) = COLUMNS.iter().find(|c| **c == name.as_str()) else {
                return Err(ImportError::Header(format!(
                    "unknown column \"{name}\"; the columns are {}",
                    COLUMNS.join(", ")
                )));
            };
            if index.insert(*known, i).is_some() {
                return Err(ImportError::Header(format!(
                    "column \"{name}\" appears twice"
                )));
            }
        }
        let missing: Vec<&str> = ["actor", "session", "stance"]
            .into_iter()
            .filter(|c| !index.contains_key(c))
            .collect();
        if !missing.is_empty() {
            return Err(ImportError::Header(format!(
                "missing required column(s): {}",
                missing.join(", ")
            )));
        }
        if !index.contains_key("topic") && !index.contains_key("proposal") {
            return Err(ImportError::Header(
                "a \"topic\" or a \"proposal\" column is required".into(),
            ));
        }
        Ok(Columns { index })
    }

    /// A record's cells as the preview shows them.
    pub(super) fn preview(&self, record: &csv::StringRecord, line: u64) -> PreviewRow {
        let cell = |c: &str| self.get(record, c).to_string();
        let topic = cell("topic");
        PreviewRow {
            line,
            actor: cell("actor"),
            session: cell("session"),
            subject: if topic.is_empty() {
                cell("proposal")
            } else {
                topic
            },
            stance: cell("stance"),
            summary: cell("summary"),
            has_problem: false,
        }
    }

    fn get<'r>(&self, record: &'r csv::StringRecord, column: &str) -> &'r str {
        self.index
            .get(column)
            .and_then(|i| record.get(*i))
            // A cell Concord's export kept from running as a formula ("'=…") reads back as typed.
            .map(|cell| crate::export::cells::from_csv(cell).trim())
            .unwrap_or("")
    }
}

pub(super) fn parse_row(
    record: &csv::StringRecord,
    columns: &Columns,
    resolver: &Resolver,
    options: ImportOptions,
    (place, line): (Place, u64),
    problems: &mut Vec<Problem>,
) -> Option<Row> {
    let mut problem = |column: &str, message: String| {
        problems.push(Problem {
            place,
            line,
            column: column.to_string(),
            message,
        })
    };
    let get = |c: &str| columns.get(record, c);

    let actor_text = get("actor");
    let actor = if actor_text.is_empty() {
        problem("actor", "is empty".into());
        None
    } else {
        match resolver.actor(actor_text) {
            Ok((id, _)) => Some(Speaker::Known(id)),
            Err(Miss::Unknown) if options.create_missing => {
                Some(Speaker::NewStakeholder(actor_text.to_string()))
            }
            Err(miss) => {
                let hint = if matches!(miss, Miss::Unknown) {
                    " (use a UN name, short name or ISO3 code; or create it as a stakeholder: --create-missing, or “Create unknown …” in the window)"
                } else {
                    ""
                };
                problem(
                    "actor",
                    format!("{}{hint}", resolver.explain("actor", actor_text, &miss)),
                );
                None
            }
        }
    };

    let process_text = get("process");
    let process = match resolver.process(process_text) {
        Ok(p) => Some(p),
        Err(miss) => {
            problem("process", resolver.explain("process", process_text, &miss));
            None
        }
    };
    let session_text = get("session");
    let session = match (process, session_text.is_empty()) {
        (_, true) => {
            problem("session", "is empty".into());
            None
        }
        (Some(p), false) => match resolver.session(p, session_text) {
            Ok(s) => Some(s),
            Err(miss) => {
                problem("session", resolver.explain("session", session_text, &miss));
                None
            }
        },
        (None, false) => None,
    };

    if !get("provision").is_empty() {
        problem(
            "provision",
            "positions on document paragraphs cannot be imported from CSV yet; leave it empty"
                .into(),
        );
    }
    let provenance_text = get("provenance");
    let provenance = if provenance_text.is_empty() {
        Some(Provenance::Recorded)
    } else {
        let p = Provenance::parse(provenance_text);
        if p.is_none() {
            problem(
                "provenance",
                format!("unknown provenance \"{provenance_text}\"; use recorded, illustrative or synthetic"),
            );
        }
        p
    };
    let (topic_text, proposal_text) = (get("topic"), get("proposal"));
    let subject = match (topic_text.is_empty(), proposal_text.is_empty()) {
        (true, true) => {
            problem("topic", "each row needs a topic or a proposal".into());
            None
        }
        (false, false) => {
            problem("proposal", "give a topic or a proposal, not both".into());
            None
        }
        (false, true) => match resolver.topic(topic_text) {
            Ok(id) => Some(Subject::Known(SubjectRef::Topic(id))),
            Err(Miss::Unknown) if options.create_missing => {
                Some(Subject::NewTopic(topic_text.to_string()))
            }
            Err(miss) => {
                problem("topic", resolver.explain("topic", topic_text, &miss));
                None
            }
        },
        (true, false) => match resolver.proposal(proposal_text) {
            Ok(id) => Some(Subject::Known(SubjectRef::Proposal(id))),
            Err(Miss::Unknown) if options.create_missing => {
                Some(Subject::NewProposal(proposal_text.to_string()))
            }
            Err(miss) => {
                problem(
                    "proposal",
                    resolver.explain("proposal", proposal_text, &miss),
                );
                None
            }
        },
    };

    let stance_text = get("stance");
    let stance = Stance::parse(stance_text);
    if stance.is_none() {
        let known: Vec<&str> = Stance::ALL.iter().map(|s| s.as_str()).collect();
        problem(
            "stance",
            format!(
                "unknown stance \"{stance_text}\"; use one of {}",
                known.join(", ")
            ),
        );
    }

    let date_text = get("date");
    let date = if date_text.is_empty() {
        None
    } else {
        match NaiveDate::parse_from_str(date_text, "%Y-%m-%d") {
            Ok(d) => {
                if let Some(s) = session {
                    let before = s.start_date.is_some_and(|start| d < start);
                    let after = s.end_date.is_some_and(|end| d > end);
                    if before || after {
                        problem(
                            "date",
                            format!(
                                "{d} is outside the session \"{}\" ({} to {})",
                                s.title,
                                s.start_date.map(|x| x.to_string()).unwrap_or_default(),
                                s.end_date.map(|x| x.to_string()).unwrap_or_default()
                            ),
                        );
                    }
                }
                Some(d)
            }
            Err(_) => {
                problem(
                    "date",
                    format!("\"{date_text}\" is not a date (write YYYY-MM-DD)"),
                );
                None
            }
        }
    };

    let behalf_text = get("on_behalf_of");
    let on_behalf_of = if behalf_text.is_empty() {
        None
    } else {
        match resolver.group(behalf_text) {
            Ok(id) => Some(id),
            Err(Miss::Unknown) if resolver.actor(behalf_text).is_ok() => {
                problem(
                    "on_behalf_of",
                    format!("\"{behalf_text}\" is not a group or organization"),
                );
                None
            }
            Err(miss) => {
                problem(
                    "on_behalf_of",
                    resolver.explain("group", behalf_text, &miss),
                );
                None
            }
        }
    };

    let mut text = |column: &str, max: usize| -> String {
        let value = get(column);
        let chars = value.chars().count();
        if chars > max {
            problem(
                column,
                format!("is {chars} characters long; the limit is {max}"),
            );
        }
        value.to_string()
    };
    let summary = text("summary", MAX_SUMMARY_CHARS);
    let quote = text("quote", MAX_QUOTE_CHARS);
    let source = text("source", MAX_SOURCE_CHARS);
    let note = text("note", MAX_NOTE_CHARS);

    Some(Row {
        actor: actor?,
        subject: subject?,
        session_id: session?.id,
        date,
        stance: stance?,
        summary,
        quote,
        source,
        on_behalf_of,
        note,
        provenance: provenance?,
    })
}
