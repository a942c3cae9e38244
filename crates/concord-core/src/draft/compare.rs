//! Comparing two stored revisions in two steps, so the window's store lock is held only to
//! read: [`crate::Store::revision_pair`] reads both texts, [`RevisionPair::compare`] aligns
//! them with no lock held. The work is bounded: each side has at most [`MAX_PROVISIONS`]
//! provisions (checked when a revision is recorded, and again here), and each word diff has
//! a deadline ([`super::align::WORD_DIFF_DEADLINE`]).

use crate::model::{Revision, RevisionDiff};

/// The most provisions a revision may hold. A negotiated report has a few hundred paragraphs
/// and footnotes; ten times that is still a draft, and keeps alignment's pairing (quadratic in
/// the paragraphs it could not match at once) within a second or two.
pub const MAX_PROVISIONS: usize = 3_000;

/// Two revisions' texts as (label, text), body and footnotes apart, read from the store.
#[derive(Debug, Clone)]
pub struct RevisionPair {
    pub old: Revision,
    pub new: Revision,
    pub old_body: Vec<(String, String)>,
    pub new_body: Vec<(String, String)>,
    pub old_notes: Vec<(String, String)>,
    pub new_notes: Vec<(String, String)>,
}

impl RevisionPair {
    /// Aligns body and footnotes, word runs inside changed pairs.
    pub fn compare(self) -> RevisionDiff {
        let (body, body_done) = super::align::align_bounded(&self.old_body, &self.new_body);
        let (footnotes, notes_done) = super::align::align_bounded(&self.old_notes, &self.new_notes);
        RevisionDiff {
            body,
            footnotes,
            complete: body_done && notes_done,
            old: self.old,
            new: self.new,
        }
    }
}

/// Refuses a revision of more provisions than [`MAX_PROVISIONS`], saying which.
pub fn check_count(what: &str, count: usize) -> Result<(), String> {
    if count > MAX_PROVISIONS {
        return Err(format!(
            "{what} has {count} provisions; Concord compares drafts of up to {MAX_PROVISIONS} \
             — check that the text is one draft"
        ));
    }
    Ok(())
}
