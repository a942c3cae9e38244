//! `concord import`: a draft revision, positions (CSV or JSON), or a whole database.

use crate::failure::{bad_input, Failure};
use crate::names::Names;
use crate::values::vocab;
use clap::Subcommand;
use concord_core::import::{import_positions_file, source, ImportOptions};
use concord_core::model::{DocumentKind, RevisionInput};
use concord_core::Store;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum ImportWhat {
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
        #[arg(long, value_parser = vocab::<DocumentKind>(), default_value = "revised_draft")]
        kind: DocumentKind,
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

pub fn run(store: &mut Store, what: ImportWhat) -> Result<(), Failure> {
    match what {
        ImportWhat::Document {
            file,
            symbol,
            revision,
            date,
            process,
            kind,
            title,
        } => {
            let names = Names::load(store)?;
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
                kind,
                title,
            };
            document(store, &file, &input)
        }
        ImportWhat::All { file } => all(store, &file),
        ImportWhat::Positions {
            file,
            create_missing,
        } => positions(store, &file, ImportOptions { create_missing }),
    }
}

fn document(store: &mut Store, file: &Path, input: &RevisionInput) -> Result<(), Failure> {
    let text = concord_core::draft::extract::read_file_apart(file)
        .map_err(|e| bad_input(e.to_string()))?;
    for warning in concord_core::draft::preview(&text, None).warnings {
        eprintln!("check: {warning}");
    }
    let report = store.import_revision_text(input, &text)?;
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
            report
                .previous
                .map(|p| p.revision_label)
                .unwrap_or_default()
        );
    }
    Ok(())
}

fn all(store: &mut Store, file: &Path) -> Result<(), Failure> {
    let data = source::read_json(source::open(file)?)?;
    let rows = store.import_all(&data, &mut |step| eprintln!("{step}"))?;
    println!("imported {rows} rows from {}", file.display());
    Ok(())
}

fn positions(store: &mut Store, file: &Path, options: ImportOptions) -> Result<(), Failure> {
    let report = import_positions_file(store, file, options, &mut |_| {
        std::ops::ControlFlow::Continue(())
    })?;
    println!(
        "imported {} positions from {} (created {} topics, {} proposals, {} stakeholders)",
        report.positions_added,
        file.display(),
        report.topics_created,
        report.proposals_created,
        report.actors_created
    );
    Ok(())
}
