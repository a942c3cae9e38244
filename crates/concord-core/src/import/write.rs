//! Checked positions written in one transaction, creating what "create what is missing"
//! asked for, with progress and a way to stop: from rows held in memory (a JSON file, a CSV
//! given as text) or one at a time as a CSV file is read a second time (`positions_file.rs`).

use super::positions_csv::{Row, Speaker, Subject};
use super::ImportError;
use crate::model::{ActorKind, ImportProgress, ImportReport, PositionInput, SubjectRef};
use crate::store::{Store, Writer};
use std::collections::HashMap;
use std::ops::ControlFlow;
use uuid::Uuid;

/// How many positions are written between two reports of progress.
const PROGRESS_EVERY: u64 = 1_000;

/// Writes checked rows in one transaction. After each block of rows `progress` hears how
/// far it is; when it answers `Break`, the transaction is rolled back and nothing is written.
pub(super) fn write_rows(
    store: &mut Store,
    rows: Vec<Row>,
    progress: &mut dyn FnMut(ImportProgress) -> ControlFlow<()>,
) -> Result<ImportReport, ImportError> {
    let total = rows.len() as u64;
    store.write_bulk(|w| {
        let mut writing = Writing::new(total, progress)?;
        for row in rows {
            writing.row(w, row)?;
        }
        Ok(writing.report)
    })
}

/// An import being written, inside its transaction: what it created so far, each new name
/// once, and how far it is.
pub(super) struct Writing<'p> {
    pub(super) report: ImportReport,
    total: u64,
    progress: &'p mut dyn FnMut(ImportProgress) -> ControlFlow<()>,
    new_topics: HashMap<String, Uuid>,
    new_proposals: HashMap<String, Uuid>,
    new_actors: HashMap<String, Uuid>,
}

impl<'p> Writing<'p> {
    /// Starts writing `total` rows, and says so.
    pub(super) fn new(
        total: u64,
        progress: &'p mut dyn FnMut(ImportProgress) -> ControlFlow<()>,
    ) -> Result<Writing<'p>, ImportError> {
        let mut writing = Writing {
            report: ImportReport {
                positions_added: 0,
                topics_created: 0,
                proposals_created: 0,
                actors_created: 0,
            },
            total,
            progress,
            new_topics: HashMap::new(),
            new_proposals: HashMap::new(),
            new_actors: HashMap::new(),
        };
        writing.told(0)?;
        Ok(writing)
    }

    fn told(&mut self, written: u64) -> Result<(), ImportError> {
        let total = self.total;
        match (self.progress)(ImportProgress { written, total }) {
            ControlFlow::Continue(()) => Ok(()),
            ControlFlow::Break(()) => Err(ImportError::Cancelled),
        }
    }

    /// Writes one row, first creating the topic, proposal or stakeholder it names anew.
    pub(super) fn row(&mut self, w: &mut Writer<'_>, row: Row) -> Result<(), ImportError> {
        let subject = match row.subject {
            Subject::Known(s) => s,
            Subject::NewTopic(path) => match self.new_topics.get(&path) {
                Some(id) => SubjectRef::Topic(*id),
                None => {
                    let (id, created) = w.create_topic_path(&path)?;
                    self.report.topics_created += created;
                    self.new_topics.insert(path, id);
                    SubjectRef::Topic(id)
                }
            },
            Subject::NewProposal(name) => match self.new_proposals.get(&name) {
                Some(id) => SubjectRef::Proposal(*id),
                None => {
                    let id = w.create_proposal(&name)?;
                    self.report.proposals_created += 1;
                    self.new_proposals.insert(name, id);
                    SubjectRef::Proposal(id)
                }
            },
        };
        let actor_id = match row.actor {
            Speaker::Known(id) => id,
            Speaker::NewStakeholder(name) => match self.new_actors.get(&name) {
                Some(id) => *id,
                None => {
                    let id = w.create_actor(ActorKind::Stakeholder, &name)?;
                    self.report.actors_created += 1;
                    self.new_actors.insert(name, id);
                    id
                }
            },
        };
        let meeting_id = match row.date {
            Some(day) => Some(w.meeting_on(row.session_id, day)?),
            None => None,
        };
        let input = PositionInput {
            actor_id,
            subject,
            session_id: row.session_id,
            meeting_id,
            meeting_date: None,
            stance: row.stance,
            summary: row.summary,
            quote: row.quote,
            source: row.source,
            on_behalf_of_id: row.on_behalf_of,
            note: row.note,
        };
        w.insert_position(&input, row.provenance)?;
        self.report.positions_added += 1;
        let written = self.report.positions_added;
        if written.is_multiple_of(PROGRESS_EVERY) || written == self.total {
            self.told(written)?;
        }
        Ok(())
    }
}
