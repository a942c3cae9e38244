//! An actor's page: what it said, per subject, in session order, with stance changes.

use super::positions::{
    id_value, read_position, subject_at, subject_column, uuid_col, SELECT_POSITION,
};
use super::{Store, StoreError};
use crate::model::{
    GroupMembership, Position, Stance, SubjectRef, Timeline, TimelineEntry, TimelineRow,
};
use chrono::NaiveDate;
use std::collections::HashMap;
use uuid::Uuid;

/// One statement as the first pass reads it: enough to group, order and mark stance changes
/// without reading a position's texts and names.
struct Outline {
    id: Uuid,
    stance: Stance,
}

impl Store {
    /// An actor's page. With `latest`, each subject carries only its `latest` newest
    /// statements (at least one) and says in `earlier` how many came before; a State with
    /// years of statements has thousands. Stance changes are marked against the statement
    /// before, shown or not.
    pub fn actor_timeline(
        &self,
        actor_id: Uuid,
        latest: Option<u32>,
    ) -> Result<Timeline, StoreError> {
        let actor = self.actor(actor_id)?;
        let mut rows = self.timeline_rows(actor_id, None, latest)?;
        rows.sort_by(|a, b| {
            let kind = |s: &SubjectRef| matches!(s, SubjectRef::Topic(_));
            kind(&b.subject)
                .cmp(&kind(&a.subject))
                .then(a.label.cmp(&b.label))
        });
        let groups = self.memberships_of(actor_id)?;
        Ok(Timeline {
            actor,
            groups,
            rows,
        })
    }

    /// Every statement of an actor on one subject: the row of its page, unfolded.
    pub fn actor_timeline_subject(
        &self,
        actor_id: Uuid,
        subject: SubjectRef,
    ) -> Result<TimelineRow, StoreError> {
        self.actor(actor_id)?;
        self.timeline_rows(actor_id, Some(subject), None)?
            .pop()
            .ok_or_else(|| StoreError::NotFound {
                what: "statement of this actor on the subject",
                id: subject.id().to_string(),
            })
    }

    fn timeline_rows(
        &self,
        actor_id: Uuid,
        subject: Option<SubjectRef>,
        latest: Option<u32>,
    ) -> Result<Vec<TimelineRow>, StoreError> {
        let mut sql = String::from(
            "SELECT p.id, p.stance, p.topic_id, p.proposal_id, p.provision_id
             FROM position AS p
             JOIN session AS s ON s.id = p.session_id
             JOIN process AS pc ON pc.id = s.process_id
             WHERE p.actor_id = ?1",
        );
        let mut args = vec![id_value(actor_id)];
        if let Some(subject) = subject {
            sql.push_str(&format!(" AND {} = ?2", subject_column(&subject)));
            args.push(id_value(subject.id()));
        }
        sql.push_str(" ORDER BY pc.name, s.seq, p.created_at, p.id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut order: Vec<SubjectRef> = Vec::new();
        let mut by_subject: HashMap<SubjectRef, Vec<Outline>> = HashMap::new();
        let mut found = stmt.query(rusqlite::params_from_iter(args))?;
        while let Some(r) = found.next()? {
            let stance: String = r.get(1)?;
            let stance = Stance::parse(&stance)
                .ok_or_else(|| StoreError::invalid("position", format!("stance {stance}")))?;
            let subject = subject_at(r, 2)?;
            by_subject
                .entry(subject)
                .or_insert_with(|| {
                    order.push(subject);
                    Vec::new()
                })
                .push(Outline {
                    id: uuid_col(r, 0)?,
                    stance,
                });
        }
        let mut full = self
            .conn
            .prepare_cached(&format!("{SELECT_POSITION} WHERE p.id = ?1"))?;
        let mut rows = Vec::with_capacity(order.len());
        for subject in order {
            let outlines = by_subject.remove(&subject).unwrap_or_default();
            let keep = latest.map_or(outlines.len(), |n| (n.max(1) as usize).min(outlines.len()));
            let earlier = outlines.len() - keep;
            let mut entries = Vec::with_capacity(keep);
            for (i, o) in outlines.iter().enumerate().skip(earlier) {
                let changed_from = i
                    .checked_sub(1)
                    .map(|before| outlines[before].stance)
                    .filter(|before| *before != o.stance);
                let position: Position = full.query_row([o.id], read_position)?;
                entries.push(TimelineEntry {
                    position,
                    changed_from,
                });
            }
            let label = entries
                .first()
                .map(|e| e.position.subject_label.clone())
                .unwrap_or_default();
            rows.push(TimelineRow {
                subject,
                label,
                earlier: earlier as u32,
                entries,
            });
        }
        Ok(rows)
    }

    /// The groups an actor belongs to, with the dates of its membership.
    fn memberships_of(&self, actor_id: Uuid) -> Result<Vec<GroupMembership>, StoreError> {
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
        Ok(groups)
    }
}
