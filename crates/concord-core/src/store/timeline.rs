//! An actor's page: everything it said, per subject, in session order, with stance changes.

use super::positions::{read_position, uuid_col, SELECT_POSITION};
use super::{Store, StoreError};
use crate::model::{GroupMembership, Position, SubjectRef, Timeline, TimelineEntry, TimelineRow};
use chrono::NaiveDate;

impl Store {
    pub fn actor_timeline(&self, actor_id: uuid::Uuid) -> Result<Timeline, StoreError> {
        let actor = self.actor(actor_id)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_POSITION} WHERE p.actor_id = ?1
             ORDER BY pc.name, s.seq, p.created_at, p.id"
        ))?;
        let positions: Vec<Position> = stmt
            .query_map([actor_id], read_position)?
            .collect::<Result<_, _>>()?;
        let mut rows: Vec<TimelineRow> = Vec::new();
        for p in positions {
            let index = match rows.iter().position(|r| r.subject == p.subject) {
                Some(i) => i,
                None => {
                    rows.push(TimelineRow {
                        subject: p.subject,
                        label: p.subject_label.clone(),
                        entries: Vec::new(),
                    });
                    rows.len() - 1
                }
            };
            let row = &mut rows[index];
            let changed_from = row
                .entries
                .last()
                .map(|e| e.position.stance)
                .filter(|previous| *previous != p.stance);
            row.entries.push(TimelineEntry {
                position: p,
                changed_from,
            });
        }
        rows.sort_by(|a, b| {
            let kind = |s: &SubjectRef| matches!(s, SubjectRef::Topic(_));
            kind(&b.subject)
                .cmp(&kind(&a.subject))
                .then(a.label.cmp(&b.label))
        });
        let mut stmt = self.conn.prepare_cached(
            "SELECT gm.group_id, coalesce(g.short_name, g.name), gm.valid_from, gm.valid_to
             FROM group_membership AS gm JOIN actor AS g ON g.id = gm.group_id
             WHERE gm.member_id = ?1 ORDER BY g.name, gm.valid_from",
        )?;
        let date =
            |s: Option<String>| s.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
        let groups = stmt
            .query_map([actor_id], |r| {
                Ok(GroupMembership {
                    group_id: uuid_col(r, 0)?,
                    group_name: r.get(1)?,
                    valid_from: date(r.get(2)?),
                    valid_to: date(r.get(3)?),
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Timeline {
            actor,
            groups,
            rows,
        })
    }
}
