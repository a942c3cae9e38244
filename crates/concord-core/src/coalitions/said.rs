//! Who said what over a range of sessions: each actor's latest stance on each subject, placed
//! on the line agreement is measured on.

use crate::model::{Camp, Stance, SubjectRef};
use crate::store::{Made, Statement};
use std::collections::HashMap;
use uuid::Uuid;

/// Where a stance sits on the line agreement is measured on, in halves: supporters 2,
/// opponents 0, and half-way (1) those who support on conditions or with changes, voice
/// concerns or reservations, or say they are neutral. Silence says nothing: it is not counted.
pub fn place(stance: Stance) -> Option<u8> {
    match stance.camp() {
        Camp::Support => Some(2),
        Camp::Oppose => Some(0),
        Camp::Conditional => Some(1),
        Camp::Other if stance == Stance::Neutral => Some(1),
        Camp::Other => None,
    }
}

/// Agreement of two places, 0–1: same place 1, opposite ends 0, one step apart ½.
pub fn agreement_of(a: u8, b: u8) -> f64 {
    1.0 - f64::from(a.abs_diff(b)) / 2.0
}

/// Actors × subjects, each cell the actor's latest stance on the subject in the range.
#[derive(Debug, Clone, Default)]
pub struct Said {
    pub actors: Vec<Uuid>,
    pub subjects: Vec<SubjectRef>,
    cells: Vec<Option<(Made, Stance)>>,
    places: Vec<Option<u8>>,
}

/// Group → its members, at each session number.
pub type Members = HashMap<i64, HashMap<Uuid, Vec<Uuid>>>;

impl Said {
    /// Keeps each actor's latest statement on each subject (by [`Statement::made`], so the
    /// order statements come in does not matter). A statement on behalf of a group counts for
    /// the group (not for the State that read it out). With `members`, a group's statement
    /// also counts for each member at that session that said nothing of its own on the
    /// subject in the range. Silence is not a stance and is passed over.
    pub fn gather(statements: &[Statement], members: Option<&Members>) -> Said {
        type Latest = HashMap<(Uuid, SubjectRef), (Made, Stance)>;
        fn keep(map: &mut Latest, key: (Uuid, SubjectRef), made: Made, stance: Stance) {
            match map.get_mut(&key) {
                Some(held) if held.0 >= made => {}
                Some(held) => *held = (made, stance),
                None => {
                    map.insert(key, (made, stance));
                }
            }
        }
        let mut own = Latest::new();
        let mut inherited = Latest::new();
        for s in statements.iter().filter(|s| place(s.stance).is_some()) {
            let speaker = s.on_behalf_of.unwrap_or(s.actor_id);
            keep(&mut own, (speaker, s.subject), s.made, s.stance);
            let group_members = members
                .and_then(|m| m.get(&s.seq))
                .and_then(|m| m.get(&speaker));
            for m in group_members.into_iter().flatten() {
                keep(&mut inherited, (*m, s.subject), s.made, s.stance);
            }
        }
        for (key, held) in inherited {
            own.entry(key).or_insert(held);
        }
        let mut actors: Vec<Uuid> = own.keys().map(|(a, _)| *a).collect();
        let mut subjects: Vec<SubjectRef> = own.keys().map(|(_, s)| *s).collect();
        actors.sort();
        actors.dedup();
        subjects.sort_by_key(|s| (s.id(), subject_rank(*s)));
        subjects.dedup();
        let actor_at: HashMap<Uuid, usize> =
            actors.iter().enumerate().map(|(i, a)| (*a, i)).collect();
        let subject_at: HashMap<SubjectRef, usize> =
            subjects.iter().enumerate().map(|(i, s)| (*s, i)).collect();
        let mut cells = vec![None; actors.len() * subjects.len()];
        for ((a, s), held) in own {
            cells[actor_at[&a] * subjects.len() + subject_at[&s]] = Some(held);
        }
        let places = cells
            .iter()
            .map(|c| c.and_then(|(_, s)| place(s)))
            .collect();
        Said {
            actors,
            subjects,
            cells,
            places,
        }
    }

    /// One actor's row of places, subject by subject.
    pub fn row(&self, actor: usize) -> &[Option<u8>] {
        let n = self.subjects.len();
        &self.places[actor * n..(actor + 1) * n]
    }

    /// One actor's row of stances, subject by subject, each with the statement it is from.
    pub fn stances(&self, actor: usize) -> &[Option<(Made, Stance)>] {
        let n = self.subjects.len();
        &self.cells[actor * n..(actor + 1) * n]
    }

    pub fn index_of(&self, actor: Uuid) -> Option<usize> {
        self.actors.binary_search(&actor).ok()
    }

    /// Subjects the actor spoke to.
    pub fn spoken(&self, actor: usize) -> u32 {
        self.row(actor).iter().filter(|c| c.is_some()).count() as u32
    }
}

fn subject_rank(s: SubjectRef) -> u8 {
    match s {
        SubjectRef::Topic(_) => 0,
        SubjectRef::Proposal(_) => 1,
        SubjectRef::Provision(_) => 2,
    }
}

/// Two rows compared: subjects both spoke to, and the sum of their agreements.
pub fn compare(a: &[Option<u8>], b: &[Option<u8>]) -> (u32, f64) {
    let mut shared = 0;
    let mut sum = 0.0;
    for (x, y) in a.iter().zip(b) {
        if let (Some(x), Some(y)) = (x, y) {
            shared += 1;
            sum += agreement_of(*x, *y);
        }
    }
    (shared, sum)
}
