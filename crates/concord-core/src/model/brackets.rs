//! What a negotiating text still holds open: bracketed passages, alternatives and footnotes
//! per section of each revision, and how they moved along a draft's chain of revisions.
use super::Revision;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The open text of one section (or of a whole revision).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OpenText {
    /// The section's heading ("II. Norms"), "Before the first heading", "Footnotes", or
    /// "All sections" for a revision's totals.
    pub section: String,
    /// Bracketed passages; a bracket inside a bracket is part of the outer passage.
    pub brackets: u32,
    /// Of those, passages whose closing bracket never comes in their paragraph.
    pub unclosed: u32,
    /// Alternatives offered: "Option 1", "Alt. 2", "Alternative A", and a bracketed passage
    /// offered against another ("[X] or [Y]" is one more).
    pub alternatives: u32,
    /// Footnotes (in the "Footnotes" section and the totals).
    pub footnotes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RevisionBrackets {
    pub revision: Revision,
    pub sections: Vec<OpenText>,
    pub total: OpenText,
}

/// A draft's chain of revisions, oldest first, each with its open text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BracketChain {
    pub symbol: String,
    pub revisions: Vec<RevisionBrackets>,
}
