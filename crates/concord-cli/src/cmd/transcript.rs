//! `concord extract`: the positions a statement or transcript holds, proposed for review.
//! Nothing is saved; scripts take the JSON, people confirm entries in the window.

use crate::failure::{bad_input, Failure};
use crate::names::Names;
use crate::output::{csv_rows, json, table, Format};
use chrono::NaiveDate;
use clap::Args;
use concord_core::model::{ExtractRequest, ProposedEntry};
use concord_core::Store;
use std::path::PathBuf;

#[derive(Args)]
pub struct ExtractArgs {
    /// The statement or transcript: .txt, .docx or .pdf (read as drafts are, under limits).
    file: PathBuf,
    /// Session number or title, within --process.
    #[arg(long)]
    session: String,
    #[arg(long)]
    process: Option<String>,
    /// The source each entry will cite (default: the file's name).
    #[arg(long)]
    source: Option<String>,
    /// The day it was said (YYYY-MM-DD), which each entry will carry.
    #[arg(long)]
    date: Option<NaiveDate>,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

pub fn extract(store: &Store, a: ExtractArgs) -> Result<(), Failure> {
    let names = Names::load(store)?;
    let process_id = names.process(a.process.as_deref())?;
    let session_id = names.session_named(process_id, &a.session)?;
    let text = concord_core::draft::extract::read_file_apart(&a.file)
        .map_err(|e| bad_input(e.to_string()))?;
    let source = a.source.unwrap_or_else(|| {
        a.file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let entries = concord_core::transcript::propose(
        store,
        &ExtractRequest {
            text,
            session_id,
            source,
            meeting_date: a.date,
        },
    )?;
    let header = [
        "line",
        "speaker",
        "on behalf of",
        "subject",
        "stance",
        "cue",
        "quote",
    ];
    let rows: Vec<Vec<String>> = entries.iter().map(row).collect();
    match a.format {
        Format::Json => json(&entries),
        Format::Csv => csv_rows(&header, &rows),
        Format::Table => table(&header, &rows),
    }
}

fn row(e: &ProposedEntry) -> Vec<String> {
    vec![
        e.line.to_string(),
        e.actor_name
            .clone()
            .unwrap_or_else(|| format!("{} (unknown)", e.speaker)),
        e.on_behalf_of_name.clone().unwrap_or_default(),
        e.subject_label.clone().unwrap_or_default(),
        e.stance.map(|s| s.label().to_string()).unwrap_or_default(),
        e.cue.clone().unwrap_or_default(),
        e.quote.clone(),
    ]
}
