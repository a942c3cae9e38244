//! Inputs the core's own unit tests share: the in-crate twins of `concord_testing`'s (whose
//! types are those of another build of this crate, so unit tests cannot take them).
#![cfg(test)]

use crate::model::{PositionInput, Stance, SubjectRef};
use crate::reference::{self, OEWG};

/// A State's support for the Programme of Action at the OEWG session `seq`, nothing else said.
pub(crate) fn position(iso3: &str, seq: i64) -> PositionInput {
    PositionInput {
        actor_id: reference::state_id(iso3),
        subject: SubjectRef::Proposal(reference::proposal_id("POA")),
        session_id: reference::session_id(OEWG, seq),
        meeting_id: None,
        meeting_date: None,
        stance: Stance::Supports,
        summary: String::new(),
        quote: String::new(),
        source: String::new(),
        on_behalf_of_id: None,
        note: String::new(),
    }
}

/// [`position`] at the 7th session with a summary.
pub(crate) fn summarised(iso3: &str, summary: &str) -> PositionInput {
    PositionInput {
        summary: summary.into(),
        ..position(iso3, 7)
    }
}
