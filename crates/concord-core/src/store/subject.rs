//! A topic's or proposal's page: per session, who supports, opposes, sets conditions or
//! stays elsewhere, sorted into regional or negotiating blocs (membership valid at that
//! session), with how each actor moved since its previous statement on the subject.

use super::positions::{conversion, subject_column, uuid_col};
use super::{Store, StoreError};
use crate::model::{
    Camp, CampCount, Movement, MovementCount, Stance, SubjectActor, SubjectBloc, SubjectOverview,
    SubjectQuery, SubjectSession,
};
use crate::reference;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// The last statement of one actor at one session.
struct Said {
    stance: Stance,
    positions: u32,
}

/// One session's statements, by actor.
struct SessionSaid {
    id: Uuid,
    seq: i64,
    title: String,
    by_actor: HashMap<Uuid, Said>,
}

impl Store {
    pub fn subject_overview(&self, q: &SubjectQuery) -> Result<SubjectOverview, StoreError> {
        let label = self.subject_label(q.subject)?;
        let column = subject_column(&q.subject);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT s.id, s.seq, s.title, p.actor_id, p.stance
             FROM position AS p JOIN session AS s ON s.id = p.session_id
             WHERE {column} = ?1 AND s.process_id = ?2
             ORDER BY s.seq, p.created_at, p.rowid"
        ))?;
        let mut sessions: Vec<SessionSaid> = Vec::new();
        let mut rows = stmt.query(rusqlite::params![q.subject.id(), q.process_id])?;
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(1)?;
            if sessions.last().map(|s| s.seq) != Some(seq) {
                sessions.push(SessionSaid {
                    id: uuid_col(r, 0)?,
                    seq,
                    title: r.get(2)?,
                    by_actor: HashMap::new(),
                });
            }
            let actor = uuid_col(r, 3)?;
            let stance: String = r.get(4)?;
            let stance = Stance::parse(&stance).ok_or_else(|| conversion(4, "unknown stance"))?;
            let Some(session) = sessions.last_mut() else {
                continue;
            };
            let said = session.by_actor.entry(actor).or_insert(Said {
                stance,
                positions: 0,
            });
            said.stance = stance;
            said.positions += 1;
        }
        drop(rows);

        let names = self.actor_names()?;
        let groups: Vec<(Uuid, String)> = reference::grouping_keys(q.grouping)
            .iter()
            .map(|key| {
                let id = reference::group_id(key);
                (
                    id,
                    names.get(&id).cloned().unwrap_or_else(|| key.to_string()),
                )
            })
            .collect();

        let mut last_stance: HashMap<Uuid, Stance> = HashMap::new();
        let mut out = Vec::with_capacity(sessions.len());
        for session in sessions {
            let mut bloc_of: HashMap<Uuid, usize> = HashMap::new();
            for (index, (group, _)) in groups.iter().enumerate().rev() {
                bloc_of.insert(*group, index);
                for member in self.members_at(*group, q.process_id, session.seq)? {
                    bloc_of.insert(member, index);
                }
            }
            let mut blocs: Vec<Vec<SubjectActor>> = vec![Vec::new(); groups.len() + 1];
            let mut movements: BTreeMap<Movement, u32> = BTreeMap::new();
            for (actor, said) in &session.by_actor {
                let previous = last_stance.get(actor).copied();
                let movement = Movement::between(previous, said.stance);
                *movements.entry(movement).or_default() += 1;
                let bloc = bloc_of.get(actor).copied().unwrap_or(groups.len());
                blocs[bloc].push(SubjectActor {
                    actor_id: *actor,
                    actor_name: names.get(actor).cloned().unwrap_or_default(),
                    stance: said.stance,
                    camp: said.stance.camp(),
                    previous,
                    movement,
                    positions: said.positions,
                });
            }
            for (actor, said) in &session.by_actor {
                last_stance.insert(*actor, said.stance);
            }
            let mut all: Vec<&SubjectActor> = Vec::new();
            let blocs: Vec<SubjectBloc> = blocs
                .into_iter()
                .enumerate()
                .filter(|(_, actors)| !actors.is_empty())
                .map(|(index, mut actors)| {
                    actors.sort_by(|a, b| (a.camp, &a.actor_name).cmp(&(b.camp, &b.actor_name)));
                    let (group_id, group_name) = match groups.get(index) {
                        Some((id, name)) => (Some(*id), name.clone()),
                        None => (None, "In none of these groups".to_string()),
                    };
                    SubjectBloc {
                        group_id,
                        group_name,
                        counts: camp_counts(actors.iter()),
                        actors,
                    }
                })
                .collect();
            for bloc in &blocs {
                all.extend(bloc.actors.iter());
            }
            out.push(SubjectSession {
                session_id: session.id,
                seq: session.seq,
                title: session.title,
                counts: camp_counts(all.into_iter()),
                movements: movements
                    .into_iter()
                    .map(|(movement, count)| MovementCount {
                        movement,
                        label: movement.label().to_string(),
                        count,
                    })
                    .collect(),
                blocs,
            });
        }
        out.reverse();
        Ok(SubjectOverview {
            subject: q.subject,
            label,
            sessions: out,
        })
    }
}

/// Actors per camp, every camp listed (zeros included) so columns line up.
fn camp_counts<'a>(actors: impl Iterator<Item = &'a SubjectActor>) -> Vec<CampCount> {
    let mut counts: BTreeMap<Camp, u32> = Camp::ALL.iter().map(|c| (*c, 0)).collect();
    for a in actors {
        *counts.entry(a.camp).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(camp, count)| CampCount {
            camp,
            label: camp.label().to_string(),
            count,
        })
        .collect()
}
