//! The brief on a new revision (`draft::brief`) written out: one list of blocks, rendered as
//! Markdown or as a Word document, so both say the same.

use super::markdown::escape;
use super::ExportError;
use crate::draft::brief::{read_brief, BriefSource};
use crate::model::{Brief, BriefFormat, BriefOutcome, BriefParagraph, BriefRequest};
use crate::store::Store;
use docx_rs::{Docx, Paragraph, Run, Style, StyleType};
use std::path::Path;

/// One piece of the brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Title(String),
    Heading(String),
    Line(String),
    Bullet(String),
}

/// "1 paragraph", "3 paragraphs".
fn paragraphs(n: u32) -> String {
    format!("{n} paragraph{}", if n == 1 { "" } else { "s" })
}

fn quoted(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("“{}”", w.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What changed in a paragraph's words: "deleted “a”; inserted “b”".
fn words_changed(deleted: &[String], inserted: &[String]) -> String {
    let mut parts = Vec::new();
    if !deleted.is_empty() {
        parts.push(format!("deleted {}", quoted(deleted)));
    }
    if !inserted.is_empty() {
        parts.push(format!("inserted {}", quoted(inserted)));
    }
    parts.join("; ")
}

fn paragraph_blocks(p: &BriefParagraph, since: &str, out: &mut Vec<Block>) {
    let was = p
        .was
        .as_ref()
        .map_or_else(String::new, |w| format!(" (was {w})"));
    out.push(Block::Heading(format!(
        "{}: {}{was}",
        p.citation, p.status_label
    )));
    let words = words_changed(&p.deleted, &p.inserted);
    out.push(Block::Bullet(if words.is_empty() {
        "Its words did not change.".to_string()
    } else {
        format!("Its words: {words}.")
    }));
    if let Some(stance) = p.our_stance {
        let said = if p.our_words.is_empty() {
            String::new()
        } else {
            format!(": {}", p.our_words)
        };
        out.push(Block::Bullet(format!(
            "Our position: {}{said}",
            stance.label()
        )));
    }
    for r in &p.requests {
        let reason = if r.reason.is_empty() {
            String::new()
        } else {
            format!(" ({})", r.reason)
        };
        out.push(Block::Bullet(format!(
            "Our request — {}: {}{reason}.",
            r.asked, r.verdict
        )));
    }
    if !p.held.is_empty() {
        let held: Vec<String> = p
            .held
            .iter()
            .map(|h| format!("{} ({})", h.actor, h.stance_label.to_lowercase()))
            .collect();
        out.push(Block::Bullet(format!(
            "Holding out here: {}.",
            held.join(", ")
        )));
    }
    if !p.stated_since.is_empty() {
        out.push(Block::Bullet(format!(
            "Stated a position on it since {since}: {}.",
            p.stated_since.join(", ")
        )));
    }
}

/// The brief as blocks, counts first.
pub fn blocks(b: &Brief) -> Vec<Block> {
    let c = &b.counts;
    let mut out = vec![
        Block::Title(format!(
            "Brief for {}: {} {} (since {})",
            b.our_name, b.symbol, b.revision_label, b.since_label
        )),
        Block::Line(format!(
            "{} changed since {}. We have a position or a request on {}, of which {} \
             changed. Our requests: {} landed, {} diluted, {} dropped, {} not yet decided.",
            paragraphs(c.changed),
            b.since_label,
            c.ours,
            c.ours_changed,
            c.landed,
            c.diluted,
            c.dropped,
            c.pending
        )),
        Block::Heading("Where we have a position or a request".into()),
    ];
    if b.ours.is_empty() {
        out.push(Block::Line(
            "We have recorded no position and no request on this draft's paragraphs.".into(),
        ));
    }
    for p in &b.ours {
        paragraph_blocks(p, &b.since_label, &mut out);
    }
    out.push(Block::Heading("Changed most where we said nothing".into()));
    if b.changed_most.is_empty() {
        out.push(Block::Line("Nothing else changed.".into()));
    }
    for ch in &b.changed_most {
        let words = words_changed(&ch.deleted, &ch.inserted);
        out.push(Block::Bullet(format!(
            "{}: {}, {:.0} % of its wording{}",
            ch.citation,
            ch.status_label.to_lowercase(),
            ch.changed * 100.0,
            if words.is_empty() {
                ".".to_string()
            } else {
                format!(" ({words}).")
            }
        )));
    }
    out
}

pub fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Title(t) => out.push_str(&format!("# {}\n\n", escape(t))),
            Block::Heading(t) => out.push_str(&format!("\n## {}\n\n", escape(t))),
            Block::Line(t) => out.push_str(&format!("{}\n\n", escape(t))),
            Block::Bullet(t) => out.push_str(&format!("- {}\n", escape(t))),
        }
    }
    out
}

fn docx(blocks: &[Block]) -> Docx {
    let mut doc = Docx::new()
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("Heading 1")
                .size(32)
                .bold(),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("Heading 2")
                .size(24)
                .bold(),
        );
    for b in blocks {
        let (text, style) = match b {
            Block::Title(t) => (t.clone(), Some("Heading1")),
            Block::Heading(t) => (t.clone(), Some("Heading2")),
            Block::Line(t) => (t.clone(), None),
            Block::Bullet(t) => (format!("• {t}"), None),
        };
        let p = Paragraph::new().add_run(Run::new().add_text(text));
        doc = doc.add_paragraph(match style {
            Some(s) => p.style(s),
            None => p,
        });
    }
    doc
}

/// Writes the brief on `request` to `path` as `format` (whole, or nothing).
pub fn export_brief(
    store: &Store,
    request: &BriefRequest,
    format: BriefFormat,
    path: &Path,
) -> Result<BriefOutcome, ExportError> {
    write_brief(read_brief(store, request)?, format, path)
}

/// Writes the brief read by [`read_brief`] — under the store's lock — to `path` as
/// `format`, the store free again (whole, or nothing).
pub fn write_brief(
    source: BriefSource,
    format: BriefFormat,
    path: &Path,
) -> Result<BriefOutcome, ExportError> {
    super::folder_must_exist(path)?;
    let b = source.brief();
    let blocks = blocks(&b);
    crate::atomic::replace_with(
        path,
        |partial| match format {
            BriefFormat::Md => Ok(std::fs::write(partial, markdown(&blocks))?),
            BriefFormat::Docx => {
                let file = std::fs::File::create(partial)?;
                docx(&blocks)
                    .build()
                    .pack(file)
                    .map_err(|e| ExportError::Docx(e.to_string()))
            }
        },
        |e| ExportError::Destination {
            path: path.display().to_string(),
            reason: e.to_string(),
        },
    )?;
    Ok(BriefOutcome {
        path: path.display().to_string(),
        paragraphs: b.ours.len() as u32,
    })
}
