//! Two revisions of a draft as one Word document whose differences are Word's own tracked
//! changes: words inserted and deleted (`w:ins` / `w:del`), paragraphs added and dropped
//! (their paragraph marks too), a moved paragraph as `w:moveFrom` at its old place and
//! `w:moveTo` at its new one, and a new paragraph number as a change of the number alone.
//! "Accept all" gives the later revision, "Reject all" the earlier. A first page says what
//! changed; amendment requests on a paragraph are Word comments anchored on it.
//!
//! The document's order is the merge of both revisions' orders: paragraphs in both (not
//! moved) keep their order in each, so everything only in the earlier one goes before the
//! next shared paragraph that follows it there, and likewise for the later one.

use super::ExportError;
use crate::draft::compare::RevisionPair;
use crate::import::revision::StoredProvision;
use crate::model::{
    AlignStatus, AlignedEntry, Amendment, ProvisionKind, RedlineOutcome, Revision, RevisionDiff,
    RunKind,
};
use crate::store::Store;
use docx_rs::{Comment, Delete, Docx, Insert, MoveFrom, MoveTo, Paragraph, Run, Style, StyleType};
use std::collections::HashMap;
use std::path::Path;
use uuid::Uuid;

/// A provision of one side: its label, kind and text.
type Provision = (String, ProvisionKind, String);

/// The heading the tracked text starts under, after the first page.
pub const TEXT_HEADING: &str = "The text, with the changes tracked";

/// Writes the redline of revision `old` → `new` to `path` (whole, or nothing).
pub fn export_redline(
    store: &Store,
    old: Uuid,
    new: Uuid,
    path: &Path,
) -> Result<RedlineOutcome, ExportError> {
    read_redline(store, old, new)?.write(path)
}

/// What a redline is made from, read from the store: both texts and the requests on them.
/// Aligning and writing need no store ([`RedlineSource::write`]), so the window reads this
/// under the store's lock and writes with the lock released.
pub struct RedlineSource {
    pair: RevisionPair,
    sides: Sides,
    requests: Vec<Amendment>,
}

pub fn read_redline(store: &Store, old: Uuid, new: Uuid) -> Result<RedlineSource, ExportError> {
    let pair = store.revision_pair(old, new)?;
    let sides = Sides {
        old: store.stored_provisions(old)?,
        new: store.stored_provisions(new)?,
    };
    // Each revision's requests include its chain's earlier ones: one of each.
    let mut requests = store.amendments_on(old)?;
    requests.extend(store.amendments_on(new)?);
    let mut seen = std::collections::HashSet::new();
    requests.retain(|a| seen.insert(a.id));
    Ok(RedlineSource {
        pair,
        sides,
        requests,
    })
}

impl RedlineSource {
    /// Aligns the two texts and writes the redline to `path` (whole, or nothing).
    pub fn write(self, path: &Path) -> Result<RedlineOutcome, ExportError> {
        super::folder_must_exist(path)?;
        let diff = self.pair.compare();
        let (doc, outcome) = build(&diff, &self.sides, &self.requests, path);
        crate::atomic::replace_with(
            path,
            |partial| {
                let file = std::fs::File::create(partial)?;
                doc.build()
                    .pack(file)
                    .map_err(|e| ExportError::Docx(e.to_string()))
            },
            |e| ExportError::Destination {
                path: path.display().to_string(),
                reason: e.to_string(),
            },
        )?;
        Ok(outcome)
    }
}

/// Both revisions' provisions, in their order.
struct Sides {
    old: Vec<StoredProvision>,
    new: Vec<StoredProvision>,
}

/// What one change is marked with: the later revision as its author, on its date.
struct Mark {
    author: String,
    date: String,
}

/// One place in the merged order: in both revisions, only the earlier, or only the later.
#[derive(Clone, Copy)]
enum Item<'d> {
    Both(&'d AlignedEntry),
    Old(&'d AlignedEntry),
    New(&'d AlignedEntry),
}

fn build(
    diff: &RevisionDiff,
    sides: &Sides,
    requests: &[Amendment],
    path: &Path,
) -> (Docx, RedlineOutcome) {
    let mark = Mark {
        author: format!("{} {}", diff.new.symbol, diff.new.revision_label),
        date: diff.new.date.map_or_else(
            || "1970-01-01T00:00:00Z".to_string(),
            |d| format!("{d}T00:00:00Z"),
        ),
    };
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
                .size(26)
                .bold(),
        );
    for p in super::redline_summary::first_page(diff) {
        doc = doc.add_paragraph(p);
    }
    doc = doc.add_paragraph(
        Paragraph::new()
            .add_run(Run::new().add_text(TEXT_HEADING))
            .style("Heading1")
            .page_break_before(true),
    );
    let mut writer = Writer {
        sides,
        mark,
        requests,
        comments: 0,
        changes: 0,
        next_comment: 1,
        revisions: (&diff.old, &diff.new),
    };
    for p in writer.part(&diff.body, false) {
        doc = doc.add_paragraph(p);
    }
    if !diff.footnotes.is_empty() {
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("Footnotes"))
                .style("Heading2"),
        );
        for p in writer.part(&diff.footnotes, true) {
            doc = doc.add_paragraph(p);
        }
    }
    let outcome = RedlineOutcome {
        path: path.display().to_string(),
        changes: writer.changes,
        comments: writer.comments,
    };
    (doc, outcome)
}

/// The merged order of one part (body or footnotes) of the two revisions.
fn merged<'d>(entries: &'d [AlignedEntry], old_order: &HashMap<&str, usize>) -> Vec<Item<'d>> {
    let old_rank = |e: &AlignedEntry| {
        e.old_labels
            .iter()
            .filter_map(|l| old_order.get(l.as_str()).copied())
            .min()
            .unwrap_or(usize::MAX)
    };
    let mut olds: Vec<&AlignedEntry> = entries
        .iter()
        .filter(|e| matches!(e.status, AlignStatus::Deleted | AlignStatus::Moved))
        .collect();
    olds.sort_by_key(|e| old_rank(e));
    let mut olds = olds.into_iter().peekable();
    let mut out = Vec::new();
    let mut news: Vec<&AlignedEntry> = Vec::new();
    for e in entries {
        match e.status {
            AlignStatus::Deleted => {}
            AlignStatus::Added | AlignStatus::Moved => news.push(e),
            _ => {
                let here = old_rank(e);
                while let Some(o) = olds.next_if(|o| old_rank(o) < here) {
                    out.push(Item::Old(o));
                }
                out.extend(news.drain(..).map(Item::New));
                out.push(Item::Both(e));
            }
        }
    }
    out.extend(olds.map(Item::Old));
    out.extend(news.into_iter().map(Item::New));
    out
}

struct Writer<'a> {
    sides: &'a Sides,
    mark: Mark,
    requests: &'a [Amendment],
    comments: u32,
    changes: u32,
    next_comment: usize,
    revisions: (&'a Revision, &'a Revision),
}

/// How a change is written round a run of text.
#[derive(Clone, Copy, PartialEq)]
enum Change {
    None,
    Inserted,
    Deleted,
    MovedFrom,
    MovedTo,
}

impl Writer<'_> {
    fn part(&mut self, entries: &[AlignedEntry], footnotes: bool) -> Vec<Paragraph> {
        let of_part = |side: &[StoredProvision]| -> Vec<Provision> {
            side.iter()
                .filter(|p| (p.kind == ProvisionKind::Footnote) == footnotes)
                .map(|p| (p.label.clone(), p.kind, p.text.clone()))
                .collect()
        };
        let (old, new) = (of_part(&self.sides.old), of_part(&self.sides.new));
        let old_order: HashMap<&str, usize> = old
            .iter()
            .enumerate()
            .map(|(i, p)| (p.0.as_str(), i))
            .collect();
        let find = |side: &[Provision], label: &str| side.iter().find(|p| p.0 == label).cloned();
        let mut out = Vec::new();
        for item in merged(entries, &old_order) {
            match item {
                Item::Both(e) if matches!(e.status, AlignStatus::Split | AlignStatus::Merged) => {
                    // Written as the earlier paragraphs dropped and the later ones added.
                    for l in &e.old_labels {
                        if let Some(p) = find(&old, l) {
                            out.push(self.whole(&p, Change::Deleted));
                        }
                    }
                    for l in &e.new_labels {
                        if let Some(p) = find(&new, l) {
                            out.push(self.whole(&p, Change::Inserted));
                        }
                    }
                }
                Item::Both(e) => {
                    let o = e.old_labels.first().and_then(|l| find(&old, l));
                    let n = e.new_labels.first().and_then(|l| find(&new, l));
                    if let (Some(o), Some(n)) = (o, n) {
                        out.push(self.changed(e, &o, &n));
                    }
                }
                Item::Old(e) => {
                    let change = if e.status == AlignStatus::Moved {
                        Change::MovedFrom
                    } else {
                        Change::Deleted
                    };
                    for l in &e.old_labels {
                        if let Some(p) = find(&old, l) {
                            out.push(self.whole(&p, change));
                        }
                    }
                }
                Item::New(e) => {
                    let change = if e.status == AlignStatus::Moved {
                        Change::MovedTo
                    } else {
                        Change::Inserted
                    };
                    for l in &e.new_labels {
                        if let Some(p) = find(&new, l) {
                            out.push(self.whole(&p, change));
                        }
                    }
                }
            }
        }
        out
    }

    /// A paragraph wholly added, dropped or moved: its number and text, and its mark.
    fn whole(&mut self, p: &Provision, change: Change) -> Paragraph {
        let (label, kind, text) = p;
        self.changes += 1;
        let on_new = matches!(change, Change::Inserted | Change::MovedTo);
        let (mut para, opened) = self.open_comments(styled(*kind), on_new, label);
        para = self.run(para, &format!("{} ", number(label, *kind)), change);
        para = self.run(para, text, change);
        para = close_comments(para, &opened);
        let (author, date) = (self.mark.author.clone(), self.mark.date.clone());
        match change {
            Change::Inserted | Change::MovedTo => para.insert(author, date),
            Change::Deleted | Change::MovedFrom => para.delete(author, date),
            Change::None => para,
        }
    }

    /// A paragraph in both revisions: its number changed alone when renumbered, its words
    /// changed in place.
    fn changed(&mut self, e: &AlignedEntry, old: &Provision, new: &Provision) -> Paragraph {
        let (para, mut opened) = self.open_comments(styled(new.1), false, &old.0);
        let (mut para, more) = self.open_comments(para, true, &new.0);
        opened.extend(more);
        let (was, is) = (number(&old.0, old.1), number(&new.0, new.1));
        if was == is {
            para = self.run(para, &format!("{is} "), Change::None);
        } else {
            para = self.run(para, &format!("{was} "), Change::Deleted);
            para = self.run(para, &format!("{is} "), Change::Inserted);
        }
        if e.status == AlignStatus::Unchanged || e.runs.is_empty() {
            para = self.run(para, &new.2, Change::None);
        } else {
            self.changes += 1;
            for r in &e.runs {
                let change = match r.kind {
                    RunKind::Same => Change::None,
                    RunKind::Inserted => Change::Inserted,
                    RunKind::Deleted => Change::Deleted,
                };
                para = self.run(para, &r.text, change);
            }
        }
        close_comments(para, &opened)
    }

    fn run(&self, para: Paragraph, text: &str, change: Change) -> Paragraph {
        if text.is_empty() {
            return para;
        }
        let (author, date) = (self.mark.author.clone(), self.mark.date.clone());
        match change {
            Change::None => para.add_run(Run::new().add_text(text)),
            Change::Inserted => para.add_insert(
                Insert::new(Run::new().add_text(text))
                    .author(author)
                    .date(date),
            ),
            Change::Deleted => para.add_delete(
                Delete::new()
                    .add_run(Run::new().add_delete_text(text))
                    .author(author)
                    .date(date),
            ),
            Change::MovedFrom => para.add_move_from(
                MoveFrom::new()
                    .add_run(Run::new().add_text(text))
                    .author(author)
                    .date(date),
            ),
            Change::MovedTo => para.add_move_to(
                MoveTo::new(Run::new().add_text(text))
                    .author(author)
                    .date(date),
            ),
        }
    }

    /// A comment opened on the paragraph for each request logged on `label` of the later
    /// revision (`on_new`) or the earlier; returns the ids opened, to close at its end.
    fn open_comments(
        &mut self,
        mut para: Paragraph,
        on_new: bool,
        label: &str,
    ) -> (Paragraph, Vec<usize>) {
        let (old, new) = self.revisions;
        let revision = if on_new { new } else { old };
        let mut opened = Vec::new();
        for a in self
            .requests
            .iter()
            .filter(|a| a.label == label && a.revision_label == revision.revision_label)
        {
            let id = self.next_comment;
            self.next_comment += 1;
            self.comments += 1;
            let words = request_words(a, &revision.revision_label);
            para = para.add_comment_start(
                Comment::new(id)
                    .author(a.actors.join(", "))
                    .date(self.mark.date.clone())
                    .add_paragraph(Paragraph::new().add_run(Run::new().add_text(words))),
            );
            opened.push(id);
        }
        (para, opened)
    }
}

fn close_comments(mut para: Paragraph, opened: &[usize]) -> Paragraph {
    for id in opened {
        para = para.add_comment_end(*id);
    }
    para
}

/// A paragraph styled for what it is: headings as headings, the rest as body text.
fn styled(kind: ProvisionKind) -> Paragraph {
    match kind {
        ProvisionKind::Heading => Paragraph::new().style("Heading2"),
        _ => Paragraph::new(),
    }
}

/// The number as the draft prints it: "14.", "(b)" for "14 (b)", "II.", "2." for "fn 2".
pub fn number(label: &str, kind: ProvisionKind) -> String {
    match kind {
        ProvisionKind::Subparagraph => label
            .rfind('(')
            .map_or_else(|| label.to_string(), |i| label[i..].to_string()),
        ProvisionKind::Footnote => format!("{}.", label.trim_start_matches("fn ").trim()),
        _ => format!("{label}."),
    }
}

/// A request as its comment says it: who asked what, on which paragraph, and what became
/// of it.
fn request_words(a: &Amendment, revision: &str) -> String {
    let asked = a.asked();
    let outcome = match &a.decided_in {
        Some(r) if !a.reason.is_empty() => format!("{} in {r}: {}", a.status_label, a.reason),
        Some(r) => format!("{} in {r}", a.status_label),
        None => a.status_label.clone(),
    };
    format!(
        "{} asked, on {revision} para. {}: {asked}. {outcome}.",
        a.actors.join(", "),
        a.label
    )
}

#[cfg(test)]
mod tests {
    use super::number;
    use crate::model::ProvisionKind;

    #[test]
    fn numbers_are_printed_as_the_draft_prints_them() {
        assert_eq!(number("14", ProvisionKind::Paragraph), "14.");
        assert_eq!(number("14 bis", ProvisionKind::Paragraph), "14 bis.");
        assert_eq!(number("14 (b)", ProvisionKind::Subparagraph), "(b)");
        assert_eq!(number("II", ProvisionKind::Heading), "II.");
        assert_eq!(number("fn 2", ProvisionKind::Footnote), "2.");
    }
}
