//! `concord brief`: what a new revision means for our delegation.

use super::exports::revision;
use crate::failure::{bad_input, Failure};
use clap::{Args, ValueEnum};
use concord_core::export::brief::{blocks, export_brief, markdown};
use concord_core::model::{BriefFormat, BriefRequest};
use concord_core::Store;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Written {
    Md,
    Docx,
}

#[derive(Args)]
pub struct BriefArgs {
    /// The new revision: "SYMBOL LABEL" (e.g. "A/AC.292/2025/L.1 Rev.3") or its id.
    revision: String,
    /// The revision to brief since (else the one before it).
    #[arg(long)]
    since: Option<String>,
    /// md is printed unless --out is given; docx needs --out.
    #[arg(long, value_enum, default_value_t = Written::Md)]
    format: Written,
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn brief(store: &Store, a: BriefArgs) -> Result<(), Failure> {
    let request = BriefRequest {
        revision_id: revision(store, &a.revision)?,
        since_id: a.since.as_deref().map(|s| revision(store, s)).transpose()?,
    };
    let format = match a.format {
        Written::Md => BriefFormat::Md,
        Written::Docx => BriefFormat::Docx,
    };
    let Some(out) = a.out else {
        if format == BriefFormat::Docx {
            return Err(bad_input(
                "a Word brief is a file: give --out FILE.docx".into(),
            ));
        }
        let b = concord_core::draft::brief::brief(store, &request)?;
        print!("{}", markdown(&blocks(&b)));
        return Ok(());
    };
    if BriefFormat::of_file(&out) != Some(format) {
        return Err(bad_input(format!(
            "{} does not end in .{}: the name says what the file is",
            out.display(),
            format.as_str()
        )));
    }
    let done = export_brief(store, &request, format, &out)?;
    let n = done.paragraphs;
    println!(
        "Wrote {}: {n} paragraph{} where we have a position or a request.",
        done.path,
        if n == 1 { "" } else { "s" }
    );
    Ok(())
}
