//! Loads the built-in reference data. Ids are deterministic, so loading again updates the same
//! rows instead of adding new ones. A row the user changed (its `changed_by` is no longer the
//! reference installation) is left as the user made it, a row the user removed
//! (`reference_removed`) stays removed, and a row whose parent is gone is not brought back;
//! rows new in this version of the reference data still arrive, except one whose natural key
//! (an ISO3 code, a topic's name beside its siblings…) a row of the user's already holds: the
//! file holds no clash it did not receive from a colleague.

use super::writer::Writer;
use super::{Store, StoreError};
use crate::clock::{reference_id, reference_installation};
use crate::model::Counts;
use crate::reference;
use rusqlite::params;

impl Store {
    /// Creates or refreshes the reference data (States, groups, processes, sessions, documents,
    /// topics, proposals) in one transaction; returns what the database then holds.
    pub fn load_reference(&mut self) -> Result<Counts, StoreError> {
        self.write_reference(load)?;
        self.counts()
    }
}

fn load(w: &mut Writer<'_>) -> Result<(), StoreError> {
    let by = reference_installation();
    let now = w.now();
    let tx = w.tx();
    {
        let mut actor = tx.prepare(
            "INSERT INTO actor (id, kind, name, short_name, iso3, m49, note, changed_by, updated_at)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 WHERE NOT EXISTS (SELECT 1 FROM reference_removed WHERE id = ?1)
                AND (?5 IS NULL OR NOT EXISTS (SELECT 1 FROM actor WHERE iso3 = ?5 AND id <> ?1))
             ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name,
               short_name = excluded.short_name, iso3 = excluded.iso3, m49 = excluded.m49,
               note = excluded.note, updated_at = excluded.updated_at
               WHERE actor.changed_by = excluded.changed_by",
        )?;
        for s in reference::states() {
            actor.execute(params![
                reference::state_id(s.iso3),
                s.kind.as_str(),
                s.name,
                s.short_name,
                s.iso3,
                s.m49,
                reference::STATES_SOURCE,
                by,
                now
            ])?;
        }
        for g in reference::groups() {
            actor.execute(params![
                reference::group_id(g.key),
                g.kind.as_str(),
                g.name,
                g.short_name,
                None::<String>,
                None::<String>,
                g.note,
                by,
                now
            ])?;
        }
    }
    {
        let mut membership = tx.prepare(
            "INSERT INTO group_membership (id, group_id, member_id, valid_from, valid_to, source,
               changed_by, updated_at)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
              WHERE NOT EXISTS (SELECT 1 FROM reference_removed WHERE id = ?1)
                AND EXISTS (SELECT 1 FROM actor WHERE id = ?2)
                AND EXISTS (SELECT 1 FROM actor WHERE id = ?3)
             ON CONFLICT (id) DO UPDATE SET valid_from = excluded.valid_from,
               valid_to = excluded.valid_to, source = excluded.source,
               updated_at = excluded.updated_at
               WHERE group_membership.changed_by = excluded.changed_by
             ON CONFLICT DO NOTHING",
        )?;
        let mut current = std::collections::HashSet::new();
        for m in reference::memberships() {
            let key = format!(
                "{}:{}:{}",
                m.group,
                m.member_iso3,
                m.valid_from.unwrap_or("")
            );
            let id = reference_id("membership", &key);
            current.insert(id);
            membership.execute(params![
                id,
                reference::group_id(m.group),
                reference::state_id(m.member_iso3),
                m.valid_from,
                m.valid_to,
                m.source,
                by,
                now
            ])?;
        }
        // A membership an earlier version of the reference data held and this one does not
        // (the Arab Group's undated rows before its sourced list) goes, unless the user
        // changed it.
        let stale: Vec<uuid::Uuid> = tx
            .prepare("SELECT id FROM group_membership WHERE changed_by = ?1")?
            .query_map([by], |r| r.get(0))?
            .filter(|id| id.as_ref().map_or(true, |id| !current.contains(id)))
            .collect::<Result<_, _>>()?;
        let mut delete = tx.prepare("DELETE FROM group_membership WHERE id = ?1")?;
        for id in stale {
            delete.execute([id])?;
        }
    }
    for p in reference::processes() {
        tx.execute(
            "INSERT INTO process (id, name, short_name, mandate, note, changed_by, updated_at)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE NOT EXISTS (SELECT 1 FROM reference_removed WHERE id = ?1)
                AND NOT EXISTS (SELECT 1 FROM process WHERE short_name = ?3 AND id <> ?1)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, short_name = excluded.short_name,
               mandate = excluded.mandate, note = excluded.note, updated_at = excluded.updated_at
               WHERE process.changed_by = excluded.changed_by",
            params![
                reference::process_id(p.key),
                p.name,
                p.short_name,
                p.mandate,
                p.note,
                by,
                now
            ],
        )?;
        tx.execute(
            "INSERT INTO process_status (id, chair, archived, changed_by, updated_at)
             SELECT ?1, ?2, 0, ?3, ?4 WHERE ?2 IS NOT NULL AND EXISTS (SELECT 1 FROM process WHERE id = ?1)
             ON CONFLICT (id) DO UPDATE SET chair = excluded.chair, updated_at = excluded.updated_at
               WHERE process_status.changed_by = excluded.changed_by",
            params![reference::process_id(p.key), p.chair, by, now],
        )?;
    }
    for s in reference::sessions() {
        tx.execute(
            "INSERT INTO session (id, process_id, seq, number, title, start_date, end_date, place,
               note, changed_by, updated_at)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11
              WHERE NOT EXISTS (SELECT 1 FROM reference_removed WHERE id = ?1)
                AND EXISTS (SELECT 1 FROM process WHERE id = ?2)
                AND NOT EXISTS (SELECT 1 FROM session
                                 WHERE process_id = ?2 AND id <> ?1 AND (seq = ?3 OR number = ?4))
             ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, number = excluded.number,
               title = excluded.title, start_date = excluded.start_date, end_date = excluded.end_date,
               place = excluded.place, note = excluded.note, updated_at = excluded.updated_at
               WHERE session.changed_by = excluded.changed_by",
            params![
                reference::session_id(s.process, s.seq),
                reference::process_id(s.process),
                s.seq,
                s.number,
                s.title,
                s.start,
                s.end,
                s.place,
                s.note,
                by,
                now
            ],
        )?;
    }
    for d in reference::documents() {
        let key = d.symbol.unwrap_or(d.title);
        tx.execute(
            "INSERT INTO document (id, process_id, symbol, title, kind, date, note, changed_by, updated_at)
             SELECT ?1, (SELECT id FROM process WHERE id = ?2), ?3, ?4, ?5, ?6, ?7, ?8, ?9
              WHERE NOT EXISTS (SELECT 1 FROM reference_removed WHERE id = ?1)
                AND (?3 IS NULL OR NOT EXISTS (SELECT 1 FROM document
                                                WHERE symbol = ?3 AND revision_label IS NULL AND id <> ?1))
             ON CONFLICT (id) DO UPDATE SET process_id = excluded.process_id, symbol = excluded.symbol,
               title = excluded.title, kind = excluded.kind, date = excluded.date, note = excluded.note,
               updated_at = excluded.updated_at
               WHERE document.changed_by = excluded.changed_by",
            params![
                reference_id("document", key),
                d.process.map(reference::process_id),
                d.symbol,
                d.title,
                d.kind.as_str(),
                d.date,
                d.note,
                by,
                now
            ],
        )?;
    }
    for (ordinal, t) in reference::topics().iter().enumerate() {
        let (parent, name) = match t.path.rsplit_once('/') {
            Some((parent, name)) => (Some(reference::topic_id(parent)), name),
            None => (None, t.path.as_str()),
        };
        tx.execute(
            "INSERT INTO topic (id, parent_id, name, ordinal, description, changed_by, updated_at)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7
              WHERE NOT EXISTS (SELECT 1 FROM reference_removed WHERE id = ?1)
                AND (?2 IS NULL OR EXISTS (SELECT 1 FROM topic WHERE id = ?2))
                AND NOT EXISTS (SELECT 1 FROM topic WHERE coalesce(parent_id, x'') = coalesce(?2, x'')
                                                      AND name = ?3 AND id <> ?1)
             ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, name = excluded.name,
               ordinal = excluded.ordinal, description = excluded.description,
               updated_at = excluded.updated_at
               WHERE topic.changed_by = excluded.changed_by",
            params![
                reference::topic_id(&t.path),
                parent,
                name,
                ordinal as i64 + 1,
                t.description,
                by,
                now
            ],
        )?;
    }
    for p in reference::proposals() {
        let id = reference::proposal_id(p.key);
        tx.execute(
            "INSERT INTO proposal (id, process_id, name, short_name, description, changed_by, updated_at)
             SELECT ?1, (SELECT id FROM process WHERE id = ?2), ?3, ?4, ?5, ?6, ?7
              WHERE NOT EXISTS (SELECT 1 FROM reference_removed WHERE id = ?1)
                AND NOT EXISTS (SELECT 1 FROM proposal WHERE name = ?3 AND id <> ?1)
             ON CONFLICT (id) DO UPDATE SET process_id = excluded.process_id, name = excluded.name,
               short_name = excluded.short_name, description = excluded.description,
               updated_at = excluded.updated_at
               WHERE proposal.changed_by = excluded.changed_by",
            params![
                id,
                p.process.map(reference::process_id),
                p.name,
                p.short_name,
                p.description,
                by,
                now
            ],
        )?;
        for iso3 in p.champions {
            tx.execute(
                "INSERT INTO proposal_champion (id, proposal_id, actor_id, source, changed_by, updated_at)
                 SELECT ?1, ?2, ?3, ?4, ?5, ?6
                  WHERE NOT EXISTS (SELECT 1 FROM reference_removed WHERE id = ?1)
                    AND EXISTS (SELECT 1 FROM proposal WHERE id = ?2)
                    AND EXISTS (SELECT 1 FROM actor WHERE id = ?3)
                 ON CONFLICT (id) DO UPDATE SET source = excluded.source,
                   updated_at = excluded.updated_at
                   WHERE proposal_champion.changed_by = excluded.changed_by
                 ON CONFLICT DO NOTHING",
                params![
                    reference_id("champion", &format!("{}:{iso3}", p.key)),
                    id,
                    reference::state_id(iso3),
                    p.champion_source,
                    by,
                    now
                ],
            )?;
        }
    }
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('reference_loaded_at', ?1), ('reference_version', ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![now, reference::VERSION.to_string()],
    )?;
    Ok(())
}
