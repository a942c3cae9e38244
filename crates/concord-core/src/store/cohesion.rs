//! Bloc cohesion: a group's own statements at a session against its members' positions on
//! the same subjects, with membership valid at that session.

use super::positions::{conversion, subject_at, uuid_col};
use super::{Store, StoreError};
use crate::model::{
    Alignment, Cohesion, CohesionQuery, CohesionSubject, MemberAlignment, Stance, SubjectRef,
};
use std::collections::HashMap;
use uuid::Uuid;

impl Store {
    pub fn cohesion(&self, q: &CohesionQuery) -> Result<Cohesion, StoreError> {
        let group = self.actor(q.group_id)?;
        let session_title: String = self
            .conn
            .prepare_cached("SELECT title FROM session WHERE process_id = ?1 AND seq = ?2")?
            .query_row(rusqlite::params![q.process_id, q.seq], |r| r.get(0))
            .map_err(|_| StoreError::NotFound {
                what: "session",
                id: format!("number {} of this process", q.seq),
            })?;
        let members = self.members_at(q.group_id, q.process_id, q.seq)?;
        let names = self.actor_names()?;
        // Latest statement per (actor, subject) at the session, oldest first so later wins;
        // the group's own includes statements delivered on its behalf.
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.actor_id, p.on_behalf_of_id, p.topic_id, p.proposal_id, p.provision_id,
                    p.stance
             FROM position AS p JOIN session AS s ON s.id = p.session_id
             WHERE s.process_id = ?1 AND s.seq = ?2
             ORDER BY p.created_at, p.rowid",
        )?;
        let mut group_said: HashMap<SubjectRef, Stance> = HashMap::new();
        let mut member_said: HashMap<(Uuid, SubjectRef), Stance> = HashMap::new();
        let mut rows = stmt.query(rusqlite::params![q.process_id, q.seq])?;
        while let Some(r) = rows.next()? {
            let actor = uuid_col(r, 0)?;
            let behalf: Option<Uuid> = r.get(1)?;
            let subject = subject_at(r, 2)?;
            let stance: String = r.get(5)?;
            let stance = Stance::parse(&stance).ok_or_else(|| conversion(5, "unknown stance"))?;
            let for_group = actor == q.group_id || behalf == Some(q.group_id);
            if for_group {
                group_said.insert(subject, stance);
            } else if members.contains(&actor) {
                member_said.insert((actor, subject), stance);
            }
        }
        drop(rows);
        let mut member_ids: Vec<Uuid> = members.iter().copied().collect();
        member_ids.sort_by(|a, b| names.get(a).cmp(&names.get(b)));
        let mut subjects = Vec::new();
        for (subject, group_stance) in group_said {
            let mut counts = (0, 0, 0);
            let members: Vec<MemberAlignment> = member_ids
                .iter()
                .map(|m| {
                    let stance = member_said.get(&(*m, subject)).copied();
                    let alignment = match stance {
                        None => Alignment::Silent,
                        Some(s) if s.camp() == group_stance.camp() => Alignment::Aligned,
                        Some(_) => Alignment::Diverged,
                    };
                    match alignment {
                        Alignment::Aligned => counts.0 += 1,
                        Alignment::Diverged => counts.1 += 1,
                        Alignment::Silent => counts.2 += 1,
                    }
                    MemberAlignment {
                        actor_id: *m,
                        actor_name: names.get(m).cloned().unwrap_or_default(),
                        alignment,
                        stance,
                    }
                })
                .collect();
            subjects.push(CohesionSubject {
                subject,
                label: self.subject_label(subject)?,
                group_stance,
                aligned: counts.0,
                diverged: counts.1,
                silent: counts.2,
                members,
            });
        }
        subjects.sort_by(|a, b| a.label.cmp(&b.label));
        Ok(Cohesion {
            group_name: group.display_name().to_string(),
            session_title,
            members: member_ids.len() as u32,
            subjects,
        })
    }
}
