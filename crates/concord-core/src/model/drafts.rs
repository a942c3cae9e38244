//! Draft revisions and what is done with them: alignment entries, word runs, revisions,
//! amendment requests and their outcome, and what the window shows beside a paragraph.

use super::Stance;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

vocabulary! {
    /// What a document is in the life of a negotiated text.
    DocumentKind {
        ZeroDraft => "zero_draft", "Zero draft";
        RevisedDraft => "revised_draft", "Revised draft";
        Crp => "crp", "Conference room paper";
        Limited => "limited", "Limited distribution (L.)";
        Adopted => "adopted", "Adopted text";
        Statement => "statement", "Statement";
        WorkingPaper => "working_paper", "Working paper";
        NationalPosition => "national_position", "National position";
    }
}

impl DocumentKind {
    /// The kinds that are the negotiated text itself, from zero draft to adopted text: the
    /// documents whose paragraph numbers a statement at a session cites.
    pub const NEGOTIATED: &'static [DocumentKind] = &[
        DocumentKind::ZeroDraft,
        DocumentKind::RevisedDraft,
        DocumentKind::Limited,
        DocumentKind::Crp,
        DocumentKind::Adopted,
    ];
}

vocabulary! {
    /// A numbered piece of a document.
    ProvisionKind {
        Heading => "heading", "Heading";
        Paragraph => "paragraph", "Paragraph";
        Subparagraph => "subparagraph", "Sub-paragraph";
        Footnote => "footnote", "Footnote";
    }
}

vocabulary! {
    /// What an amendment request asks to do to a provision.
    AmendmentOp {
        Insert => "insert", "Insert";
        Delete => "delete", "Delete";
        Replace => "replace", "Replace";
        Move => "move", "Move";
    }
}

vocabulary! {
    /// What became of an amendment request in the next revision.
    AmendmentStatus {
        Pending => "pending", "Pending";
        Accepted => "accepted", "Accepted";
        Partial => "partial", "Partially accepted";
        Rejected => "rejected", "Rejected";
    }
}

vocabulary! {
    /// How a provision of one revision relates to the next.
    AlignStatus {
        Unchanged => "unchanged", "Unchanged";
        Modified => "modified", "Modified";
        Moved => "moved", "Moved";
        Split => "split", "Split";
        Merged => "merged", "Merged";
        Added => "added", "Added";
        Deleted => "deleted", "Deleted";
    }
}

vocabulary! {
    /// A run of words in a word-level diff.
    RunKind {
        Same => "same", "Unchanged";
        Inserted => "inserted", "Inserted";
        Deleted => "deleted", "Deleted";
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WordRun {
    pub kind: RunKind,
    pub text: String,
}

/// One line of a revision diff: old provision(s) → new provision(s). A split or a merge has
/// several labels on one side: `old_labels` / `new_labels` list them, `old_label` /
/// `new_label` are what is shown ("3 + 4"), empty where that side has none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AlignedEntry {
    pub old_label: Option<String>,
    pub new_label: Option<String>,
    pub old_labels: Vec<String>,
    pub new_labels: Vec<String>,
    pub status: AlignStatus,
    /// The status in words ("Moved").
    pub status_label: String,
    /// 1.0 for identical text, 0 for added or deleted.
    pub similarity: f64,
    /// The runs inserted and deleted, in order (empty when the text is identical).
    pub inserted: Vec<String>,
    pub deleted: Vec<String>,
    /// The whole new text with deletions and insertions in place, for inline display.
    pub runs: Vec<WordRun>,
}

/// A draft revision to record: which document and which revision of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RevisionInput {
    /// "A/AC.292/2025/L.1"; the revisions of one symbol form a chain.
    pub symbol: String,
    /// "Zero draft", "Rev.1", "Rev.2", "Final".
    pub revision_label: String,
    pub date: Option<NaiveDate>,
    pub process_id: Option<Uuid>,
    pub kind: DocumentKind,
    pub title: String,
}

/// A stored revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Revision {
    pub id: Uuid,
    pub symbol: String,
    pub revision_label: String,
    pub date: Option<NaiveDate>,
    pub kind: DocumentKind,
    pub provisions: u32,
}

/// What importing a revision did: its provisions, and how they relate to the revision before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RevisionImport {
    pub revision: Revision,
    /// The revision of the same symbol it follows, whose paragraphs' identities it inherits.
    pub previous: Option<Revision>,
    pub inherited: u32,
    pub new_keys: u32,
    /// Amendment requests on the revision before that were decided against this one.
    pub decided: u32,
}

/// Two revisions aligned: the body, then the footnotes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RevisionDiff {
    pub old: Revision,
    pub new: Revision,
    pub body: Vec<AlignedEntry>,
    pub footnotes: Vec<AlignedEntry>,
    /// False when the texts were so unlike that pairing stopped at its work bound
    /// (`draft::align::ALIGN_WORK`): paragraphs not paired by then are shown added and deleted.
    pub complete: bool,
}

/// What a redline (two revisions as one Word document with tracked changes) wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RedlineOutcome {
    pub path: String,
    /// Paragraphs changed, added, dropped or moved (a renumbering alone is not counted).
    pub changes: u32,
    /// Amendment requests written as comments.
    pub comments: u32,
}

/// A provision as parsed from a text, before it is saved: what the analyst previews and fixes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DraftProvision {
    pub kind: ProvisionKind,
    /// "12", "12 bis", "12 (a)", "II", "fn 3".
    pub label: String,
    /// The label of the paragraph a sub-paragraph belongs to.
    pub parent: Option<String>,
    pub text: String,
}

/// A revision's text as read from a file or a paste, parsed, for the analyst to check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DraftPreview {
    /// The file it was read from, when it came from one.
    pub file: Option<String>,
    pub provisions: Vec<DraftProvision>,
    /// Warnings about the parse a person should look at ("footnote 3 is called but has no text").
    pub warnings: Vec<String>,
    /// Each footnote read, with the provisions that call it.
    pub footnotes: Vec<FootnoteCalls>,
}

/// A footnote of a parsed text and where it is called.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FootnoteCalls {
    /// "fn 2".
    pub label: String,
    /// The labels of the provisions that call it ("14", "15 (a)"); empty if none does.
    pub called_in: Vec<String>,
}

vocabulary! {
    /// Who decided what became of an amendment request.
    DecidedBy {
        Nobody => "none", "Not yet decided";
        Auto => "auto", "Compared with the next revision";
        Analyst => "analyst", "Set by the analyst";
    }
}

/// An amendment request to log on a paragraph of a revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AmendmentInput {
    /// The revision, and the label of the paragraph in it ("12", "12 (a)", "fn 3").
    pub revision_id: Uuid,
    pub label: String,
    /// The actors asking (one or more; a group asking counts once).
    pub actor_ids: Vec<Uuid>,
    pub op: AmendmentOp,
    /// The words to delete or replace (delete with none: the whole paragraph).
    pub old_text: String,
    /// The words to insert, or the replacement; for a move, where to (free text).
    pub new_text: String,
    pub session_id: Option<Uuid>,
    pub note: String,
}

/// A logged amendment request and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Amendment {
    pub id: Uuid,
    /// The paragraph it was logged on: its revision and label.
    pub provision_id: Uuid,
    pub revision_label: String,
    pub label: String,
    pub actors: Vec<String>,
    pub actor_ids: Vec<Uuid>,
    pub op: AmendmentOp,
    pub op_label: String,
    pub old_text: String,
    pub new_text: String,
    pub status: AmendmentStatus,
    pub status_label: String,
    pub decided_by: DecidedBy,
    /// The revision it was compared with, and the paragraph there that continues it.
    pub decided_in: Option<String>,
    pub landed_label: Option<String>,
    /// How much of the requested change is in that revision, 0 to 1.
    pub score: Option<f64>,
    /// Why it was marked so, in words ("“binding” is in Rev.2 para. 14").
    pub reason: String,
    pub session: Option<String>,
    pub note: String,
}

impl Amendment {
    /// What was asked, in words: "Replace “shall” with “should”", "Delete “binding”".
    pub fn asked(&self) -> String {
        match (self.old_text.trim(), self.new_text.trim()) {
            ("", "") => self.op_label.clone(),
            ("", new) => format!("{} “{new}”", self.op_label),
            (old, "") => format!("{} “{old}”", self.op_label),
            (old, new) => format!("{} “{old}” with “{new}”", self.op_label),
        }
    }
}

/// One actor's line in the change ledger: what it asked for in a document, and what it got.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LedgerActor {
    pub actor_id: Uuid,
    pub actor: String,
    pub asked: u32,
    pub accepted: u32,
    pub partial: u32,
    pub rejected: u32,
    pub pending: u32,
    pub requests: Vec<Amendment>,
}

/// A position recorded on a paragraph (on this revision or on an earlier one of the chain).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ParagraphPosition {
    pub position_id: Uuid,
    pub actor_id: Uuid,
    pub actor: String,
    pub stance: Stance,
    pub stance_label: String,
    pub session: String,
    /// Where it was recorded: "Rev.1 para. 12".
    pub recorded_on: String,
    pub summary: String,
    pub quote: String,
}

/// What the window shows beside a paragraph of a revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ParagraphNotes {
    pub provision_id: Uuid,
    pub label: String,
    /// Each actor's latest position on the paragraph, through its earlier revisions.
    pub positions: Vec<ParagraphPosition>,
    pub amendments: Vec<Amendment>,
}

/// A paragraph of the current draft and the objections open on it, most contested first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ParagraphRisk {
    pub provision_id: Uuid,
    pub label: String,
    /// The paragraph's first words.
    pub excerpt: String,
    /// Red lines count 3, objections and disassociations 2, reservations and concerns 1.
    pub score: u32,
    pub red_lines: Vec<String>,
    pub objections: Vec<String>,
    pub disassociations: Vec<String>,
    pub reservations: Vec<String>,
    pub concerns: Vec<String>,
    /// Amendment requests still pending on it.
    pub pending_amendments: u32,
}

/// A paragraph of a symbol's latest revision, as a subject the capture bar offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ParagraphSubject {
    pub id: Uuid,
    pub symbol: String,
    pub revision_label: String,
    pub label: String,
    /// "A/AC.292/2025/L.1 Rev.2, para. 3"
    pub citation: String,
    /// The paragraph's first words.
    pub excerpt: String,
}

/// A paragraph of a draft whose text matches a search, newest revision first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ParagraphHit {
    pub provision_id: Uuid,
    pub revision_id: Uuid,
    pub symbol: String,
    pub revision_label: String,
    pub label: String,
    /// Words around the first match, the matching words marked.
    pub excerpt: Vec<super::TextRun>,
}
