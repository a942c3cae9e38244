//! The redline's first page: what changed between the two revisions, counted the way the
//! diff counts it (`concord diff revisions --format json` gives the same numbers).

use crate::model::{AlignStatus, AlignedEntry, RevisionDiff};
use docx_rs::{Paragraph, Run};

/// How many entries of `entries` have each status, in the vocabulary's order, leaving out
/// the statuses none has.
pub fn counts(entries: &[AlignedEntry]) -> Vec<(AlignStatus, usize)> {
    AlignStatus::ALL
        .iter()
        .map(|s| (*s, entries.iter().filter(|e| e.status == *s).count()))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// Paragraphs whose text is unchanged but whose number is not.
pub fn renumbered(entries: &[AlignedEntry]) -> usize {
    entries
        .iter()
        .filter(|e| e.status == AlignStatus::Unchanged && e.old_labels != e.new_labels)
        .count()
}

fn labels(l: &[String]) -> String {
    l.join(" + ")
}

fn line(text: impl Into<String>) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

fn heading(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(Run::new().add_text(text))
        .style("Heading2")
}

fn counted(entries: &[AlignedEntry]) -> String {
    let c = counts(entries);
    if c.is_empty() {
        return "none".into();
    }
    c.iter()
        .map(|(s, n)| format!("{} {n}", s.label()))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn first_page(d: &RevisionDiff) -> Vec<Paragraph> {
    let name = |r: &crate::model::Revision| match r.date {
        Some(day) => format!("{} ({day})", r.revision_label),
        None => r.revision_label.clone(),
    };
    let mut out = vec![
        Paragraph::new()
            .add_run(Run::new().add_text(format!(
                "{}: {} → {}",
                d.new.symbol, d.old.revision_label, d.new.revision_label
            )))
            .style("Heading1"),
        line(format!(
            "The changes from {} to {} are Word's own tracked changes: Review → Accept All gives \
             {}, Reject All gives {}. Requests for amendments are comments on their paragraph.",
            name(&d.old),
            name(&d.new),
            d.new.revision_label,
            d.old.revision_label
        )),
        heading("Counts"),
        line(format!("Paragraphs: {}.", counted(&d.body))),
        line(format!(
            "Renumbered without a change of text (not counted as changes): {}.",
            renumbered(&d.body)
        )),
        line(format!("Footnotes: {}.", counted(&d.footnotes))),
    ];
    if !d.complete {
        out.push(line(
            "The two texts are so unlike that pairing stopped at its bound: paragraphs not \
             paired by then are shown as added and deleted.",
        ));
    }
    let moves: Vec<&AlignedEntry> = d
        .body
        .iter()
        .filter(|e| {
            matches!(
                e.status,
                AlignStatus::Moved | AlignStatus::Split | AlignStatus::Merged
            )
        })
        .collect();
    out.push(heading("Moved, split and merged paragraphs"));
    if moves.is_empty() {
        out.push(line("None."));
    }
    for e in moves {
        out.push(line(format!(
            "{}: para. {} → para. {}",
            e.status.label(),
            labels(&e.old_labels),
            labels(&e.new_labels)
        )));
    }
    out.push(heading("Footnotes added, changed and dropped"));
    let notes: Vec<&AlignedEntry> = d
        .footnotes
        .iter()
        .filter(|e| e.status != AlignStatus::Unchanged)
        .collect();
    if notes.is_empty() {
        out.push(line("None."));
    }
    for e in notes {
        let what = match e.status {
            AlignStatus::Added => format!("Added: {}", labels(&e.new_labels)),
            AlignStatus::Deleted => format!("Dropped: {}", labels(&e.old_labels)),
            _ => format!(
                "{}: {} → {}",
                e.status.label(),
                labels(&e.old_labels),
                labels(&e.new_labels)
            ),
        };
        out.push(line(what));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(status: AlignStatus, old: &[&str], new: &[&str]) -> AlignedEntry {
        AlignedEntry {
            old_label: None,
            new_label: None,
            old_labels: old.iter().map(|s| s.to_string()).collect(),
            new_labels: new.iter().map(|s| s.to_string()).collect(),
            status,
            status_label: status.label().into(),
            similarity: 1.0,
            inserted: vec![],
            deleted: vec![],
            runs: vec![],
        }
    }

    #[test]
    fn counts_follow_the_statuses_and_renumbering_is_apart() {
        let e = [
            entry(AlignStatus::Unchanged, &["1"], &["1"]),
            entry(AlignStatus::Unchanged, &["2"], &["3"]),
            entry(AlignStatus::Added, &[], &["2"]),
            entry(AlignStatus::Modified, &["3"], &["4"]),
        ];
        assert_eq!(
            counts(&e),
            [
                (AlignStatus::Unchanged, 2),
                (AlignStatus::Modified, 1),
                (AlignStatus::Added, 1)
            ]
        );
        assert_eq!(renumbered(&e), 1);
        assert_eq!(counted(&e), "Unchanged 2, Modified 1, Added 1");
    }
}
