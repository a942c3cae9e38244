//! The rows of the shared record that claim one key (schema v15 keeps them all; see
//! `migrations/0015_shared_keys.sql`), read as the clash list shows them.

use super::{Store, StoreError};
use crate::model::{Clash, ClashKind};
use uuid::Uuid;

/// For each kind of key: the rows that share it with another, as (id, key, place), ordered
/// so that the rows of one clash come together. Names compare as the catalog compares them
/// when it refuses a second one (ASCII letters in either case).
const CLAIMS: &[(ClashKind, &str)] = &[
    (
        ClashKind::Topic,
        "SELECT t.id, t.name, coalesce(tp.path, '')
           FROM topic AS t LEFT JOIN topic_path AS tp ON tp.id = t.parent_id
          WHERE EXISTS (SELECT 1 FROM topic AS o
                         WHERE coalesce(o.parent_id, x'') = coalesce(t.parent_id, x'')
                           AND o.name = t.name COLLATE NOCASE AND o.id <> t.id)
          ORDER BY 3, 2 COLLATE NOCASE, 1",
    ),
    (
        ClashKind::Session,
        "SELECT s.id, s.number, p.short_name
           FROM session AS s JOIN process AS p ON p.id = s.process_id
          WHERE s.number IS NOT NULL
            AND EXISTS (SELECT 1 FROM session AS o
                         WHERE o.process_id = s.process_id AND o.number = s.number AND o.id <> s.id)
          ORDER BY 3, 2, 1",
    ),
    (
        ClashKind::Actor,
        "SELECT a.id, a.iso3, ''
           FROM actor AS a
          WHERE a.iso3 IS NOT NULL
            AND EXISTS (SELECT 1 FROM actor AS o WHERE o.iso3 = a.iso3 AND o.id <> a.id)
          ORDER BY 2, 1",
    ),
    (
        ClashKind::ActorName,
        "SELECT a.id, a.name, a.kind
           FROM actor AS a
          WHERE EXISTS (SELECT 1 FROM actor AS o
                         WHERE o.kind = a.kind AND o.name = a.name COLLATE NOCASE AND o.id <> a.id)
          ORDER BY 3, 2 COLLATE NOCASE, 1",
    ),
    (
        ClashKind::Process,
        "SELECT p.id, p.short_name, ''
           FROM process AS p
          WHERE EXISTS (SELECT 1 FROM process AS o WHERE o.short_name = p.short_name COLLATE NOCASE
                                                  AND o.id <> p.id)
          ORDER BY 2 COLLATE NOCASE, 1",
    ),
    (
        ClashKind::Proposal,
        "SELECT p.id, p.name, ''
           FROM proposal AS p
          WHERE EXISTS (SELECT 1 FROM proposal AS o WHERE o.name = p.name COLLATE NOCASE AND o.id <> p.id)
          ORDER BY 2 COLLATE NOCASE, 1",
    ),
    (
        ClashKind::Revision,
        "SELECT d.id, d.symbol, coalesce(d.revision_label, '')
           FROM document AS d
          WHERE d.symbol IS NOT NULL
            AND EXISTS (SELECT 1 FROM document AS o
                         WHERE o.symbol = d.symbol AND o.id <> d.id
                           AND coalesce(o.revision_label, '') = coalesce(d.revision_label, ''))
          ORDER BY 2, 3, 1",
    ),
];

impl Store {
    /// Every key more than one row claims, topics first.
    pub fn clashes(&self) -> Result<Vec<Clash>, StoreError> {
        let mut out = Vec::new();
        for &(kind, sql) in CLAIMS {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map([], |r| {
                let key: rusqlite::types::Value = r.get(1)?;
                let key = match key {
                    rusqlite::types::Value::Integer(n) => n.to_string(),
                    rusqlite::types::Value::Text(t) => t,
                    _ => String::new(),
                };
                Ok((r.get::<_, Uuid>(0)?, key, r.get::<_, String>(2)?))
            })?;
            let mut group: Option<(String, String, Vec<Uuid>)> = None;
            for row in rows {
                let (id, key, place) = row?;
                match &mut group {
                    Some((k, p, ids)) if k.eq_ignore_ascii_case(&key) && *p == place => {
                        ids.push(id)
                    }
                    _ => {
                        if let Some((k, p, ids)) = group.take() {
                            out.push(crate::merge::clash(kind, k, &p, ids));
                        }
                        group = Some((key, place, vec![id]));
                    }
                }
            }
            if let Some((k, p, ids)) = group {
                out.push(crate::merge::clash(kind, k, &p, ids));
            }
        }
        Ok(out)
    }
}
