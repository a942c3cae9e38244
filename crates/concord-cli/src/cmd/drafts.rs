//! `concord brackets`: what a draft still holds open, revision by revision.

use crate::failure::Failure;
use crate::output::{csv_rows, json, table, Format};
use clap::Args;
use concord_core::draft::brackets::chain;
use concord_core::model::{OpenText, RevisionBrackets};
use concord_core::Store;

#[derive(Args)]
pub struct BracketsArgs {
    /// The draft's symbol ("A/AC.292/2025/L.1").
    symbol: String,
    /// table: each revision's totals and how they moved, then each section; csv: one row per
    /// revision and section (and its totals); json: all of it.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

fn name(r: &RevisionBrackets) -> String {
    let label = &r.revision.revision_label;
    match r.revision.date {
        Some(d) => format!("{label} ({d})"),
        None => label.clone(),
    }
}

fn counts(o: &OpenText) -> [String; 4] {
    [o.brackets, o.unclosed, o.alternatives, o.footnotes].map(|n| n.to_string())
}

/// "12 (+3)": a count and its change since the revision before.
fn moved(now: u32, before: Option<u32>) -> String {
    match before {
        Some(b) if b != now => format!("{now} ({:+})", i64::from(now) - i64::from(b)),
        _ => now.to_string(),
    }
}

pub fn brackets(store: &Store, a: BracketsArgs) -> Result<(), Failure> {
    let c = chain(store, &a.symbol)?;
    let header = [
        "revision",
        "section",
        "brackets",
        "unclosed",
        "alternatives",
        "footnotes",
    ];
    let mut rows: Vec<Vec<String>> = Vec::new();
    for r in &c.revisions {
        for o in r.sections.iter().chain([&r.total]) {
            let mut row = vec![name(r), o.section.clone()];
            row.extend(counts(o));
            rows.push(row);
        }
    }
    match a.format {
        Format::Json => json(&c),
        Format::Csv => csv_rows(&header, &rows),
        Format::Table => {
            println!("{}: {} revisions", c.symbol, c.revisions.len());
            let mut before: Option<&OpenText> = None;
            let mut chain_rows = Vec::new();
            for r in &c.revisions {
                let t = &r.total;
                chain_rows.push(vec![
                    name(r),
                    moved(t.brackets, before.map(|b| b.brackets)),
                    moved(t.unclosed, before.map(|b| b.unclosed)),
                    moved(t.alternatives, before.map(|b| b.alternatives)),
                    moved(t.footnotes, before.map(|b| b.footnotes)),
                ]);
                before = Some(t);
            }
            table(
                &[
                    "revision",
                    "brackets",
                    "unclosed",
                    "alternatives",
                    "footnotes",
                ],
                &chain_rows,
            )?;
            println!();
            table(&header, &rows)
        }
    }
}
