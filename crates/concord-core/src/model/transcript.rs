//! Entries proposed from a statement or a transcript, for the analyst to confirm.
use super::{Stance, SubjectRef};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// A text to read: where it was said and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExtractRequest {
    pub text: String,
    pub session_id: Uuid,
    /// The source every entry will cite ("Statement of Egypt, 8 July 2024").
    pub source: String,
    /// The day it was said, which every entry will carry.
    pub meeting_date: Option<NaiveDate>,
}

/// One position Concord thinks the text holds; nothing is saved until it is confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposedEntry {
    /// The line of the text the sentence starts on (from 1).
    pub line: u32,
    /// The speaker as the text names it.
    pub speaker: String,
    /// The actor that name resolved to, if any.
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    /// The group the speaker said it spoke for.
    pub on_behalf_of_id: Option<Uuid>,
    pub on_behalf_of_name: Option<String>,
    pub subject: Option<SubjectRef>,
    pub subject_label: Option<String>,
    /// The stance its words suggest, and the words that suggest it.
    pub stance: Option<Stance>,
    pub cue: Option<String>,
    /// The sentence, word for word.
    pub quote: String,
    pub session_id: Uuid,
    pub source: String,
    pub meeting_date: Option<NaiveDate>,
}
