//! A revision diff as Markdown or HTML: one row per aligned entry, deletions struck through
//! and insertions marked in place. Text is escaped, never passed through as markup.

use super::markdown::escape;
use crate::model::{AlignedEntry, RevisionDiff, RunKind};

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `**inserted**` and `~~deleted~~`, with the run's surrounding spaces kept outside the marks.
fn md_runs(e: &AlignedEntry) -> String {
    let mark = |text: &str, m: &str| {
        let core = text.trim();
        if core.is_empty() {
            return text.to_string();
        }
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[text.trim_end().len()..];
        format!("{lead}{m}{}{m}{trail}", escape(core))
    };
    e.runs
        .iter()
        .map(|r| match r.kind {
            RunKind::Same => escape(&r.text),
            RunKind::Deleted => mark(&r.text, "~~"),
            RunKind::Inserted => mark(&r.text, "**"),
        })
        .collect()
}

pub fn markdown(d: &RevisionDiff) -> String {
    let mut out = format!(
        "# {} {} → {}\n\n",
        escape(&d.new.symbol),
        escape(&d.old.revision_label),
        escape(&d.new.revision_label)
    );
    for (title, entries) in [("Paragraphs", &d.body), ("Footnotes", &d.footnotes)] {
        out.push_str(&format!("## {title}\n\n| Old | New | Status | Similarity | Text |\n| --- | --- | --- | --- | --- |\n"));
        for e in entries {
            out.push_str(&format!(
                "| {} | {} | {} | {:.2} | {} |\n",
                escape(e.old_label.as_deref().unwrap_or("")),
                escape(e.new_label.as_deref().unwrap_or("")),
                e.status.label(),
                e.similarity,
                md_runs(e)
            ));
        }
        out.push('\n');
    }
    out
}

pub fn html(d: &RevisionDiff) -> String {
    let mut out = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{} {} → {}</title>\
         <style>del{{background:#fdecee;color:#8b1a22}}ins{{background:#e6f4ea;color:#1d5e2c;text-decoration:none}}\
         td,th{{border:1px solid #ccd;padding:4px;vertical-align:top}}table{{border-collapse:collapse}}</style></head><body>\n",
        html_escape(&d.new.symbol),
        html_escape(&d.old.revision_label),
        html_escape(&d.new.revision_label)
    );
    for (title, entries) in [("Paragraphs", &d.body), ("Footnotes", &d.footnotes)] {
        out.push_str(&format!(
            "<h2>{title}</h2>\n<table><tr><th>Old</th><th>New</th><th>Status</th><th>Text</th></tr>\n"
        ));
        for e in entries {
            let text: String = e
                .runs
                .iter()
                .map(|r| match r.kind {
                    RunKind::Same => html_escape(&r.text),
                    RunKind::Deleted => format!("<del>{}</del>", html_escape(&r.text)),
                    RunKind::Inserted => format!("<ins>{}</ins>", html_escape(&r.text)),
                })
                .collect();
            out.push_str(&format!(
                "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{text}</td></tr>\n",
                e.status.as_str(),
                html_escape(e.old_label.as_deref().unwrap_or("")),
                html_escape(e.new_label.as_deref().unwrap_or("")),
                e.status.label()
            ));
        }
        out.push_str("</table>\n");
    }
    out.push_str("</body></html>\n");
    out
}
