//! Draft revisions: a document of a process, its provisions in order, and each paragraph's
//! stable key, inherited from the revision before through the alignment, so positions on
//! Rev.1 paragraph 12 follow it to Rev.2 paragraph 14.

use super::positions::{conversion, uuid_col};
use super::{Store, StoreError};
use crate::draft::compare::{check_count, RevisionPair};
use crate::draft::ParsedProvision;
use crate::import::revision::{RevisionBasis, RevisionPlan, StoredProvision as Stored};
use crate::model::{
    DocumentKind, ParagraphSubject, ProvisionKind, Revision, RevisionDiff, RevisionImport,
    RevisionInput,
};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use uuid::Uuid;

/// The revisions of symbol ?1 (documents with provisions), and their order, oldest first.
const OF_SYMBOL: &str =
    "d.symbol = ?1 AND EXISTS (SELECT 1 FROM provision WHERE document_id = d.id)";
const IN_ORDER: &str = "d.date IS NULL, d.date, d.rowid";

const SELECT_REVISION: &str =
    "SELECT d.id, coalesce(d.symbol, ''), coalesce(d.revision_label, ''), d.date, d.kind,
        (SELECT count(*) FROM provision WHERE document_id = d.id)
 FROM document AS d";

fn read_revision(r: &rusqlite::Row<'_>) -> rusqlite::Result<Revision> {
    let kind: String = r.get(4)?;
    let date: Option<String> = r.get(3)?;
    Ok(Revision {
        id: uuid_col(r, 0)?,
        symbol: r.get(1)?,
        revision_label: r.get(2)?,
        date: date.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        kind: DocumentKind::parse(&kind).ok_or_else(|| conversion(4, "unknown document kind"))?,
        provisions: r.get(5)?,
    })
}

impl Store {
    /// Every revision of a symbol, oldest first (by date, then by when it was recorded).
    pub fn revisions_of(&self, symbol: &str) -> Result<Vec<Revision>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_REVISION} WHERE {OF_SYMBOL} ORDER BY {IN_ORDER}"
        ))?;
        let revisions = stmt
            .query_map([symbol.trim()], read_revision)?
            .collect::<Result<_, _>>()?;
        Ok(revisions)
    }

    /// Every recorded revision, by symbol, oldest first within a symbol.
    pub fn list_revisions(&self) -> Result<Vec<Revision>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_REVISION} WHERE d.symbol IS NOT NULL AND EXISTS
               (SELECT 1 FROM provision WHERE document_id = d.id)
             ORDER BY d.symbol, d.date IS NULL, d.date, d.rowid"
        ))?;
        let revisions = stmt
            .query_map([], read_revision)?
            .collect::<Result<_, _>>()?;
        Ok(revisions)
    }

    /// The paragraphs and sub-paragraphs of each symbol's latest revision: what a position on
    /// a paragraph is recorded against (it follows the paragraph into later revisions).
    pub fn paragraph_subjects(&self) -> Result<Vec<ParagraphSubject>, StoreError> {
        let all = self.list_revisions()?;
        let latest = all.iter().filter(|r| {
            all.iter()
                .rev()
                .find(|x| x.symbol == r.symbol)
                .map(|x| x.id)
                == Some(r.id)
        });
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, label, text FROM provision
             WHERE document_id = ?1 AND kind IN ('paragraph', 'subparagraph') AND label <> ''
             ORDER BY ordinal",
        )?;
        for r in latest {
            let rows = stmt.query_map([r.id], |row| {
                let text: String = row.get(2)?;
                let label: String = row.get(1)?;
                let excerpt = crate::text::shorten(&text, 70);
                Ok(ParagraphSubject {
                    id: uuid_col(row, 0)?,
                    symbol: r.symbol.clone(),
                    revision_label: r.revision_label.clone(),
                    citation: crate::citation::paragraph(
                        &r.symbol,
                        Some(&r.revision_label),
                        &label,
                    ),
                    label,
                    excerpt,
                })
            })?;
            for row in rows {
                out.push(row?);
            }
        }
        Ok(out)
    }

    /// A revision by symbol and label ("A/AC.292/2025/L.1", "Rev.1").
    pub fn find_revision(&self, symbol: &str, label: &str) -> Result<Revision, StoreError> {
        self.conn
            .query_row(
                &format!("{SELECT_REVISION} WHERE d.symbol = ?1 AND d.revision_label = ?2"),
                params![symbol.trim(), label.trim()],
                read_revision,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "revision",
                id: format!("{} {}", symbol.trim(), label.trim()),
            })
    }

    /// The stable key of a provision of a revision, by its label.
    pub fn stable_key(
        &self,
        symbol: &str,
        revision: &str,
        label: &str,
    ) -> Result<String, StoreError> {
        let doc = self.find_revision(symbol, revision)?;
        self.conn
            .query_row(
                "SELECT stable_key FROM provision WHERE document_id = ?1 AND label = ?2",
                params![doc.id, label],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "paragraph",
                id: crate::citation::paragraph(symbol, Some(revision), label),
            })
    }

    pub(crate) fn revision(&self, id: Uuid) -> Result<Revision, StoreError> {
        self.conn
            .query_row(
                &format!("{SELECT_REVISION} WHERE d.id = ?1"),
                [id],
                read_revision,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "revision",
                id: id.to_string(),
            })
    }

    /// A stored revision's provisions in order.
    pub fn stored_provisions(&self, document: Uuid) -> Result<Vec<Stored>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, label, text, stable_key FROM provision
             WHERE document_id = ?1 ORDER BY ordinal",
        )?;
        let rows = stmt
            .query_map([document], |r| {
                let kind: String = r.get(0)?;
                Ok(Stored {
                    kind: ProvisionKind::parse(&kind)
                        .ok_or_else(|| conversion(0, "unknown provision kind"))?,
                    label: r.get(1)?,
                    text: r.get(2)?,
                    stable_key: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The revision a new one of `input`'s symbol follows, with its provisions: what
    /// [`RevisionBasis::plan`] aligns against. Refuses a revision that is not recordable
    /// (`import::revision::check`).
    pub fn revision_basis(
        &self,
        input: &RevisionInput,
        provisions: &[ParsedProvision],
    ) -> Result<RevisionBasis, StoreError> {
        let (symbol, _) = crate::import::revision::check(input, provisions)?;
        let previous = self.revisions_of(symbol)?.pop();
        let old = match &previous {
            Some(p) => self.stored_provisions(p.id)?,
            None => Vec::new(),
        };
        Ok(RevisionBasis { previous, old })
    }

    /// Records a revision and its provisions in one transaction, with the stable keys of
    /// `plan`. Refused, writing nothing, when its label is taken or another revision of the
    /// symbol was recorded after the plan was made (both checked inside the transaction).
    pub fn record_planned(
        &mut self,
        input: &RevisionInput,
        provisions: &[ParsedProvision],
        plan: RevisionPlan,
    ) -> Result<RevisionImport, StoreError> {
        let (symbol, label) = crate::import::revision::check(input, provisions)?;
        let RevisionPlan {
            previous,
            keys,
            inherited,
        } = plan;
        if keys.len() != provisions.len() {
            return Err(StoreError::invalid(
                "revision",
                "the plan is for another list of provisions",
            ));
        }
        let new_keys = keys.iter().filter(|k| k.is_none()).count() as u32;
        let (id, decided) = self.write(|w| {
            // Inside the write: another Concord may have recorded it since this one looked.
            let taken: bool = w.tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM document
                   WHERE symbol = ?1 AND coalesce(revision_label, '') = ?2)",
                params![symbol, label],
                |r| r.get(0),
            )?;
            if taken {
                return Err(StoreError::invalid(
                    "revision",
                    format!("{symbol} {label} is already recorded"),
                ));
            }
            let latest: Option<Uuid> =
                w.tx.prepare(&format!(
                    "SELECT d.id FROM document AS d WHERE {OF_SYMBOL} ORDER BY {IN_ORDER}"
                ))?
                .query_map([symbol], |r| r.get(0))?
                .collect::<Result<Vec<Uuid>, _>>()?
                .pop();
            if latest != previous.as_ref().map(|p| p.id) {
                return Err(StoreError::invalid(
                    "revision",
                    format!(
                        "another revision of {symbol} was recorded meanwhile; record {label} again"
                    ),
                ));
            }
            let id = w.natural_id("revision", &format!("{symbol}:{label}"));
            let now = w.now();
            w.tx.execute(
                "INSERT INTO document (id, process_id, symbol, title, kind, revision_label, date,
                   changed_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    id,
                    input.process_id,
                    symbol,
                    input.title.trim(),
                    input.kind.as_str(),
                    label,
                    input.date.map(|d| d.to_string()),
                    w.installation,
                    now
                ],
            )?;
            let mut ids: Vec<(String, Uuid)> = Vec::new();
            for (ordinal, p) in provisions.iter().enumerate() {
                let pid = w.natural_id("provision", &format!("{id}:{ordinal}"));
                let parent = p
                    .parent
                    .as_ref()
                    .and_then(|l| ids.iter().rev().find(|(label, _)| label == l))
                    .map(|(_, id)| *id);
                let key = keys[ordinal].clone().unwrap_or_else(|| pid.to_string());
                w.tx.prepare_cached(
                    "INSERT INTO provision (id, document_id, kind, label, parent_id, ordinal, text,
                       stable_key, changed_by, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )?
                .execute(params![
                    pid,
                    id,
                    p.kind.as_str(),
                    p.label,
                    parent,
                    ordinal as i64,
                    p.text,
                    key,
                    w.installation,
                    now
                ])?;
                ids.push((p.label.clone(), pid));
            }
            let decided = super::amendments::decide_pending(w, symbol, id)?;
            Ok::<_, StoreError>((id, decided))
        })?;
        Ok(RevisionImport {
            revision: self.revision(id)?,
            previous,
            inherited,
            new_keys,
            decided,
        })
    }

    /// Aligns two stored revisions: body and footnotes, word runs inside changed pairs.
    pub fn diff_revisions(&self, old: Uuid, new: Uuid) -> Result<RevisionDiff, StoreError> {
        Ok(self.revision_pair(old, new)?.compare())
    }

    /// The texts of two stored revisions, to compare once the store is free again.
    pub fn revision_pair(&self, old: Uuid, new: Uuid) -> Result<RevisionPair, StoreError> {
        let (a, b) = (self.stored_provisions(old)?, self.stored_provisions(new)?);
        let (old, new) = (self.revision(old)?, self.revision(new)?);
        for (r, side) in [(&old, &a), (&new, &b)] {
            let what = format!("{} {}", r.symbol, r.revision_label);
            check_count(&what, side.len()).map_err(|m| StoreError::invalid("revision", m))?;
        }
        let part = |side: &[Stored], footnote: bool| -> Vec<(String, String)> {
            side.iter()
                .filter(|p| (p.kind == ProvisionKind::Footnote) == footnote)
                .map(|p| (p.label.clone(), p.text.clone()))
                .collect()
        };
        Ok(RevisionPair {
            old_body: part(&a, false),
            new_body: part(&b, false),
            old_notes: part(&a, true),
            new_notes: part(&b, true),
            old,
            new,
        })
    }
}
