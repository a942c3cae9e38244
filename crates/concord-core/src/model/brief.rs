//! The delegation's brief on a new revision: for each paragraph where we have a position or a
//! request, what changed, what became of our requests, who else holds out there and who
//! spoke to it since; then what changed most where we said nothing (`draft::brief`).

use super::{AlignStatus, AmendmentStatus, Stance};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

vocabulary! {
    /// What a brief is written as.
    BriefFormat {
        Md => "md", "Markdown (.md)";
        Docx => "docx", "Word document (.docx)";
    }
}

impl BriefFormat {
    /// By the file's extension: .md or .docx.
    pub fn of_file(path: &std::path::Path) -> Option<BriefFormat> {
        BriefFormat::parse(path.extension()?.to_str()?)
    }
}

/// Which revision to brief on, and since which (else the one before it in its chain).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BriefRequest {
    pub revision_id: Uuid,
    pub since_id: Option<Uuid>,
}

/// What became of one of our requests, in the brief's words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RequestOutcome {
    /// "Delete “capacity-building”".
    pub asked: String,
    pub status: AmendmentStatus,
    /// "landed", "diluted", "dropped", "not yet decided".
    pub verdict: String,
    /// Why it was marked so.
    pub reason: String,
}

/// Another actor's stance on the paragraph: a red line, an objection, a reservation…
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HeldStance {
    pub actor: String,
    pub stance: Stance,
    pub stance_label: String,
}

/// A paragraph where our delegation has a position or a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BriefParagraph {
    /// As the UN cites it: "A/AC.292/2025/L.1 Rev.3, para. 14" (the earlier revision's, for a
    /// paragraph that went).
    pub citation: String,
    /// Where it was in the earlier revision, when its number changed or it went: "Rev.2 para. 12".
    pub was: Option<String>,
    pub status: AlignStatus,
    pub status_label: String,
    /// The words inserted and deleted.
    pub inserted: Vec<String>,
    pub deleted: Vec<String>,
    /// Our latest stance on it, and its words.
    pub our_stance: Option<Stance>,
    pub our_words: String,
    pub requests: Vec<RequestOutcome>,
    /// Others' red lines, objections, disassociations and reservations on it.
    pub held: Vec<HeldStance>,
    /// Who else recorded a position on it on the new revision (since the last).
    pub stated_since: Vec<String>,
}

/// A changed paragraph we have said nothing about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BriefChange {
    pub citation: String,
    pub status: AlignStatus,
    pub status_label: String,
    /// How much of its wording changed, 0–1.
    pub changed: f64,
    pub inserted: Vec<String>,
    pub deleted: Vec<String>,
}

/// The counts at the top of the brief.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BriefCounts {
    /// Paragraphs of the new revision changed, added, dropped or moved since the earlier one.
    pub changed: u32,
    /// Paragraphs where we have a position or a request.
    pub ours: u32,
    /// Of those, changed.
    pub ours_changed: u32,
    /// Our requests decided in this revision, by outcome, and still pending.
    pub landed: u32,
    pub diluted: u32,
    pub dropped: u32,
    pub pending: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Brief {
    pub our_id: Uuid,
    pub our_name: String,
    pub symbol: String,
    pub revision_label: String,
    pub since_label: String,
    pub counts: BriefCounts,
    pub ours: Vec<BriefParagraph>,
    /// Most changed first, at most [`crate::draft::brief::CHANGED_MOST`].
    pub changed_most: Vec<BriefChange>,
}

/// What a brief export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BriefOutcome {
    pub path: String,
    /// Paragraphs of ours in it.
    pub paragraphs: u32,
}
