//! The draft a session was negotiating: the paragraphs a statement at that session can cite
//! by number. The rule for which draft it is lives in the query's comment.

use super::positions::uuid_col;
use super::{Store, StoreError};
use crate::model::DocumentKind;
use chrono::NaiveDate;
use uuid::Uuid;

/// A paragraph (or sub-paragraph, or footnote) of the draft in force, by its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitedParagraph {
    /// As the draft reader labels it: "14", "14 (b)", "fn 2".
    pub label: String,
    pub provision_id: Uuid,
    /// As the UN cites it: "A/AC.292/2025/L.1 Rev.2, para. 14".
    pub citation: String,
}

impl Store {
    /// The paragraphs of the draft session `session` was negotiating on `day` (else on its
    /// last day): of the documents of `kinds` of its process, or of no process, dated on or
    /// before that day,
    /// the latest (an undated draft only when none is dated; of two on one day, the process's
    /// own). Empty when there is no such draft.
    pub fn paragraphs_in_force(
        &self,
        session: Uuid,
        day: Option<NaiveDate>,
        kinds: &[DocumentKind],
    ) -> Result<Vec<CitedParagraph>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "WITH s AS (
               SELECT process_id, coalesce(?2, end_date, start_date) AS day FROM session WHERE id = ?1),
             draft AS (
               SELECT d.id FROM document AS d, s
               WHERE (d.process_id = s.process_id OR d.process_id IS NULL)
                 AND d.kind IN (SELECT value FROM json_each(?3))
                 AND (s.day IS NULL OR d.date IS NULL OR d.date <= s.day)
                 AND EXISTS (SELECT 1 FROM provision WHERE document_id = d.id)
               ORDER BY d.date IS NULL, d.date DESC, d.process_id IS NULL, d.rowid DESC LIMIT 1)
             SELECT v.label, v.id,
                    paragraph_citation(coalesce(d.symbol, d.title), d.revision_label, v.label)
             FROM provision AS v JOIN draft ON draft.id = v.document_id
             JOIN document AS d ON d.id = v.document_id
             WHERE v.kind != 'heading' AND v.label != '' ORDER BY v.ordinal",
        )?;
        let day = day.map(|d| d.format("%Y-%m-%d").to_string());
        let kinds = serde_json::to_string(&kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>())
            .map_err(|e| StoreError::invalid("document kinds", e.to_string()))?;
        let rows = stmt
            .query_map(rusqlite::params![session, day, kinds], |r| {
                Ok(CitedParagraph {
                    label: r.get(0)?,
                    provision_id: uuid_col(r, 1)?,
                    citation: r.get(2)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}
