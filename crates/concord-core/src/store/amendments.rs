//! Amendment requests on paragraphs, and what became of them: each is decided against the
//! revision after the one it was logged on (when that revision is imported, or at once if it
//! already is), by comparing its wording with the paragraph that continues it there. The
//! analyst can override the verdict. Also what the window shows beside a paragraph: the
//! positions held on it (through its earlier revisions) and the consensus-risk ranking.

use super::positions::{conversion, uuid_col};
use super::{Store, StoreError, Writer};
use crate::draft::amend::{check_lengths, check_request, judge, moved, Request};
use crate::model::{
    Amendment, AmendmentInput, AmendmentOp, AmendmentStatus, DecidedBy, LedgerActor,
    ParagraphNotes, ParagraphPosition, ProvisionKind, Stance,
};
use rusqlite::{params, OptionalExtension};
use std::collections::BTreeMap;
use uuid::Uuid;

const SELECT_AMENDMENT: &str =
    "SELECT r.id, r.provision_id, coalesce(d.revision_label, ''), v.label,
    r.op, r.old_text, r.new_text, r.status, r.decided_by,
    (SELECT revision_label FROM document WHERE id = r.decided_in),
    (SELECT label FROM provision WHERE id = r.landed_provision_id),
    r.score, r.reason, (SELECT title FROM session WHERE id = r.session_id), r.note,
    (SELECT json_group_array(json_array(uuid_text(id), name)) FROM
       (SELECT a.id, a.name FROM amendment_requester AS q JOIN actor AS a ON a.id = q.actor_id
        WHERE q.amendment_id = r.id ORDER BY a.name COLLATE NOCASE))
  FROM amendment_request AS r
  JOIN provision AS v ON v.id = r.provision_id
  JOIN document AS d ON d.id = v.document_id";

fn read_amendment(r: &rusqlite::Row<'_>) -> rusqlite::Result<Amendment> {
    fn vocab<T>(i: usize, v: Option<T>) -> rusqlite::Result<T> {
        v.ok_or_else(|| conversion(i, "unknown value"))
    }
    let op = vocab(4, AmendmentOp::parse(&r.get::<_, String>(4)?))?;
    let status = vocab(7, AmendmentStatus::parse(&r.get::<_, String>(7)?))?;
    let decided_by = vocab(8, DecidedBy::parse(&r.get::<_, String>(8)?))?;
    let actors: String = r.get(15)?;
    let pairs: Vec<(String, String)> =
        serde_json::from_str(&actors).map_err(|e| conversion(15, e))?;
    Ok(Amendment {
        id: uuid_col(r, 0)?,
        provision_id: uuid_col(r, 1)?,
        revision_label: r.get(2)?,
        label: r.get(3)?,
        actor_ids: pairs
            .iter()
            .map(|(id, _)| Uuid::parse_str(id).map_err(|e| conversion(15, e)))
            .collect::<Result<_, _>>()?,
        actors: pairs.into_iter().map(|(_, name)| name).collect(),
        op,
        op_label: op.label().to_string(),
        old_text: r.get(5)?,
        new_text: r.get(6)?,
        status,
        status_label: status.label().to_string(),
        decided_by,
        decided_in: r.get(9)?,
        landed_label: r.get(10)?,
        score: r.get(11)?,
        reason: r.get(12)?,
        session: r.get(13)?,
        note: r.get(14)?,
    })
}

/// The stable keys of a revision's body (footnotes aside), in the order of the text.
fn key_order(w: &Writer<'_>, document: Uuid) -> Result<Vec<(String, String)>, StoreError> {
    let rows =
        w.tx.prepare_cached(
            "SELECT stable_key, label FROM provision WHERE document_id = ?1 AND kind <> 'footnote'
             ORDER BY ordinal",
        )?
        .query_map([document], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Decides one request against the paragraph with its stable key in `document`.
fn decide(w: &Writer<'_>, request: Uuid, document: Uuid) -> Result<(), StoreError> {
    let (op, old_text, new_text, before, key, asked_on): (
        String,
        String,
        String,
        String,
        String,
        Uuid,
    ) = w.tx.query_row(
        "SELECT r.op, r.old_text, r.new_text, v.text, v.stable_key, v.document_id
             FROM amendment_request AS r JOIN provision AS v ON v.id = r.provision_id
             WHERE r.id = ?1",
        [request],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        },
    )?;
    let op = AmendmentOp::parse(&op)
        .ok_or_else(|| StoreError::invalid("amendment", format!("unknown operation {op}")))?;
    let after: Option<(Uuid, String)> =
        w.tx.query_row(
            "SELECT id, text FROM provision WHERE document_id = ?1 AND stable_key = ?2
             ORDER BY ordinal LIMIT 1",
            params![document, key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let verdict = judge(
        op,
        &old_text,
        &new_text,
        &before,
        after.as_ref().map(|(_, t)| t.as_str()),
        op == AmendmentOp::Move
            && moved(
                &key_order(w, asked_on)?,
                &key_order(w, document)?,
                &key,
                &new_text,
            ),
    );
    w.tx.execute(
        "UPDATE amendment_request SET status = ?2, decided_by = 'auto', decided_in = ?3,
           landed_provision_id = ?4, score = ?5, reason = ?6, updated_at = ?7, changed_by = ?8
         WHERE id = ?1",
        params![
            request,
            verdict.status.as_str(),
            document,
            after.map(|(id, _)| id),
            verdict.score,
            verdict.reason,
            w.now(),
            w.installation
        ],
    )?;
    Ok(())
}

/// Decides every undecided request on an earlier revision of `symbol` against the revision
/// `document` just recorded.
pub(crate) fn decide_pending(
    w: &Writer<'_>,
    symbol: &str,
    document: Uuid,
) -> Result<u32, StoreError> {
    let pending: Vec<Uuid> =
        w.tx.prepare(
            "SELECT r.id FROM amendment_request AS r
             JOIN provision AS v ON v.id = r.provision_id
             JOIN document AS d ON d.id = v.document_id
             WHERE r.decided_by = 'none' AND d.symbol = ?1 AND d.id <> ?2",
        )?
        .query_map(params![symbol, document], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in &pending {
        decide(w, *id, document)?;
    }
    Ok(pending.len() as u32)
}

impl Store {
    fn amendment(&self, id: Uuid) -> Result<Amendment, StoreError> {
        self.conn
            .query_row(
                &format!("{SELECT_AMENDMENT} WHERE r.id = ?1"),
                [id],
                read_amendment,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "amendment request",
                id: id.to_string(),
            })
    }

    /// Logs an amendment request on a paragraph. If the revision after that paragraph's is
    /// already recorded, the request is decided against it at once.
    pub fn log_amendment(&mut self, input: &AmendmentInput) -> Result<Amendment, StoreError> {
        check_lengths(input)?;
        let revision = self.revision(input.revision_id)?;
        let label = input.label.trim().to_string();
        let (provision_id, text): (Uuid, String) = self
            .conn
            .query_row(
                "SELECT id, text FROM provision WHERE document_id = ?1 AND label = ?2",
                params![revision.id, label],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "paragraph",
                id: format!(
                    "{} {}, para. {label}",
                    revision.symbol, revision.revision_label
                ),
            })?;
        let (doc, symbol) = (revision.id, revision.symbol.clone());
        let Request {
            old_text,
            new_text,
            note,
            actors,
        } = check_request(input, &label, &text)?;
        for actor in &actors {
            self.actor(*actor)?;
        }
        // The revision after the paragraph's, if recorded: the request is decided against it.
        let chain = self.revisions_of(&symbol)?;
        let next = chain
            .iter()
            .position(|r| r.id == doc)
            .and_then(|i| chain.get(i + 1))
            .map(|r| r.id);
        let id = self.write(|w| {
            let id = w.new_id();
            let now = w.now();
            w.tx.execute(
                "INSERT INTO amendment_request (id, provision_id, session_id, op, old_text,
                   new_text, note, created_at, updated_at, changed_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)",
                params![
                    id,
                    provision_id,
                    input.session_id,
                    input.op.as_str(),
                    old_text,
                    new_text,
                    note,
                    now,
                    w.installation
                ],
            )?;
            for actor in &actors {
                w.tx.execute(
                    "INSERT INTO amendment_requester (id, amendment_id, actor_id, changed_by,
                       updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![w.new_id(), id, actor, w.installation, now],
                )?;
            }
            if let Some(next) = next {
                decide(w, id, next)?;
            }
            Ok::<_, StoreError>(id)
        })?;
        self.amendment(id)
    }

    /// The analyst's own verdict on a request, kept over the automatic one.
    pub fn set_amendment_status(
        &mut self,
        id: Uuid,
        status: AmendmentStatus,
    ) -> Result<Amendment, StoreError> {
        self.amendment(id)?;
        self.write(|w| {
            w.tx.execute(
                "UPDATE amendment_request SET status = ?2, decided_by = 'analyst',
                   updated_at = ?3, changed_by = ?4 WHERE id = ?1",
                params![id, status.as_str(), w.now(), w.installation],
            )?;
            Ok::<_, StoreError>(())
        })?;
        self.amendment(id)
    }

    /// The requests on the paragraphs of a revision, through their earlier revisions: those
    /// logged on this revision or on an earlier one of the same chain.
    pub fn amendments_on(&self, document: Uuid) -> Result<Vec<Amendment>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_AMENDMENT}
             WHERE v.stable_key IN (SELECT stable_key FROM provision WHERE document_id = ?1)
               AND d.rowid <= (SELECT rowid FROM document WHERE id = ?1)
             ORDER BY d.rowid, v.ordinal, r.created_at"
        ))?;
        let rows = stmt
            .query_map([document], read_amendment)?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// Per actor, what it asked for in the revisions of `symbol` and what it got.
    pub fn amendment_ledger(&self, symbol: &str) -> Result<Vec<LedgerActor>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_AMENDMENT} WHERE d.symbol = ?1 ORDER BY d.rowid, v.ordinal, r.created_at"
        ))?;
        let all: Vec<Amendment> = stmt
            .query_map([symbol.trim()], read_amendment)?
            .collect::<Result<_, _>>()?;
        let mut by_actor: BTreeMap<(String, Uuid), LedgerActor> = BTreeMap::new();
        for a in &all {
            for (actor_id, actor) in a.actor_ids.iter().zip(&a.actors) {
                let line = by_actor
                    .entry((actor.to_lowercase(), *actor_id))
                    .or_insert_with(|| LedgerActor {
                        actor_id: *actor_id,
                        actor: actor.clone(),
                        asked: 0,
                        accepted: 0,
                        partial: 0,
                        rejected: 0,
                        pending: 0,
                        requests: Vec::new(),
                    });
                line.asked += 1;
                match a.status {
                    AmendmentStatus::Accepted => line.accepted += 1,
                    AmendmentStatus::Partial => line.partial += 1,
                    AmendmentStatus::Rejected => line.rejected += 1,
                    AmendmentStatus::Pending => line.pending += 1,
                }
                line.requests.push(a.clone());
            }
        }
        Ok(by_actor.into_values().collect())
    }

    /// Beside each paragraph of a revision: each actor's latest position on it (recorded on
    /// this revision or an earlier one of the chain) and the amendment requests on it. Only
    /// paragraphs with something to show are returned, in the order of the text.
    pub fn paragraph_notes(&self, document: Uuid) -> Result<Vec<ParagraphNotes>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT cur.id, cur.label, p.id, p.actor_id, a.name, p.stance, se.title,
                    paragraph_in_revision(coalesce(d.revision_label, ''), v.label), p.summary,
                    p.quote
             FROM provision AS cur
             JOIN provision AS v ON v.stable_key = cur.stable_key
             JOIN document AS d ON d.id = v.document_id
             JOIN position AS p ON p.provision_id = v.id
             JOIN actor AS a ON a.id = p.actor_id
             JOIN session AS se ON se.id = p.session_id
             WHERE cur.document_id = ?1
               AND d.rowid <= (SELECT rowid FROM document WHERE id = ?1)
             ORDER BY cur.ordinal, a.name COLLATE NOCASE, a.id,
                      se.start_date IS NULL, se.start_date DESC, se.seq DESC, p.created_at DESC",
        )?;
        let mut notes: Vec<ParagraphNotes> = Vec::new();
        let mut rows = stmt.query([document])?;
        while let Some(r) = rows.next()? {
            let provision_id = uuid_col(r, 0)?;
            let stance: String = r.get(5)?;
            let stance = Stance::parse(&stance).ok_or_else(|| conversion(5, "unknown stance"))?;
            let position = ParagraphPosition {
                position_id: uuid_col(r, 2)?,
                actor_id: uuid_col(r, 3)?,
                actor: r.get(4)?,
                stance,
                stance_label: stance.label().to_string(),
                session: r.get(6)?,
                recorded_on: r.get(7)?,
                summary: r.get(8)?,
                quote: r.get(9)?,
            };
            if notes.last().map(|n| n.provision_id) != Some(provision_id) {
                notes.push(ParagraphNotes {
                    provision_id,
                    label: r.get(1)?,
                    positions: Vec::new(),
                    amendments: Vec::new(),
                });
            }
            let last = notes
                .last_mut()
                .ok_or_else(|| conversion(0, "no paragraph"))?;
            // Rows come newest first per actor: keep the first.
            if !last
                .positions
                .iter()
                .any(|p| p.actor_id == position.actor_id)
            {
                last.positions.push(position);
            }
        }
        let provisions = self.provision_order(document)?;
        for a in self.amendments_on(document)? {
            let key = self.stable_key_of(a.provision_id)?;
            let Some((id, label)) = provisions
                .iter()
                .find(|(_, k, _)| *k == key)
                .map(|(id, _, l)| (*id, l.clone()))
            else {
                continue;
            };
            match notes.iter_mut().find(|n| n.provision_id == id) {
                Some(n) => n.amendments.push(a),
                None => notes.push(ParagraphNotes {
                    provision_id: id,
                    label,
                    positions: Vec::new(),
                    amendments: vec![a],
                }),
            }
        }
        let order = |id: Uuid| provisions.iter().position(|(p, _, _)| *p == id);
        notes.sort_by_key(|n| order(n.provision_id));
        Ok(notes)
    }

    /// (id, kind, text) of each provision of a revision.
    pub(crate) fn provision_texts(
        &self,
        document: Uuid,
    ) -> Result<Vec<(Uuid, ProvisionKind, String)>, StoreError> {
        let rows = self
            .conn
            .prepare_cached("SELECT id, kind, text FROM provision WHERE document_id = ?1")?
            .query_map([document], |r| {
                let kind: String = r.get(1)?;
                Ok((
                    uuid_col(r, 0)?,
                    ProvisionKind::parse(&kind).ok_or_else(|| conversion(1, "unknown kind"))?,
                    r.get(2)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The id of a paragraph (or heading, sub-paragraph, footnote) of a revision, by label.
    pub fn paragraph_id(&self, revision: Uuid, label: &str) -> Result<Uuid, StoreError> {
        self.conn
            .query_row(
                "SELECT id FROM provision WHERE document_id = ?1 AND label = ?2",
                params![revision, label.trim()],
                |r| uuid_col(r, 0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "paragraph",
                id: label.to_string(),
            })
    }

    /// (id, stable key, label) of a revision's provisions, in the order of the text.
    fn provision_order(&self, document: Uuid) -> Result<Vec<(Uuid, String, String)>, StoreError> {
        let rows = self
            .conn
            .prepare_cached(
                "SELECT id, stable_key, label FROM provision WHERE document_id = ?1 ORDER BY ordinal",
            )?
            .query_map([document], |r| {
                Ok((uuid_col(r, 0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    fn stable_key_of(&self, provision: Uuid) -> Result<String, StoreError> {
        Ok(self.conn.query_row(
            "SELECT stable_key FROM provision WHERE id = ?1",
            [provision],
            |r| r.get(0),
        )?)
    }
}
