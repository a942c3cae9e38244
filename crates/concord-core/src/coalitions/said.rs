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

type Cell = Option<(Made, Stance)>;

/// Statements kept as they are read, one at a time: actors and subjects numbered as they
/// first come, cells in a grid by those numbers (no hashing per cell), the actor of the
/// previous statement remembered (statements of one actor come together).
pub struct Gathering<'m> {
    members: Option<&'m Members>,
    actors: Vec<Uuid>,
    actor_at: HashMap<Uuid, usize>,
    last_actor: Option<(Uuid, usize)>,
    subjects: Vec<SubjectRef>,
    subject_at: HashMap<SubjectRef, usize>,
    /// Per actor, per subject: its own latest statement, and the latest of its groups'.
    own: Vec<Vec<Cell>>,
    inherited: Vec<Vec<Cell>>,
}

impl<'m> Gathering<'m> {
    pub fn new(members: Option<&'m Members>) -> Gathering<'m> {
        Gathering {
            members,
            actors: Vec::new(),
            actor_at: HashMap::new(),
            last_actor: None,
            subjects: Vec::new(),
            subject_at: HashMap::new(),
            own: Vec::new(),
            inherited: Vec::new(),
        }
    }

    fn actor(&mut self, id: Uuid) -> usize {
        if let Some((last, k)) = self.last_actor {
            if last == id {
                return k;
            }
        }
        let k = *self.actor_at.entry(id).or_insert_with(|| {
            self.actors.push(id);
            self.own.push(Vec::new());
            self.inherited.push(Vec::new());
            self.actors.len() - 1
        });
        self.last_actor = Some((id, k));
        k
    }

    fn subject(&mut self, s: SubjectRef) -> usize {
        *self.subject_at.entry(s).or_insert_with(|| {
            self.subjects.push(s);
            self.subjects.len() - 1
        })
    }

    fn keep(row: &mut Vec<Cell>, subject: usize, made: Made, stance: Stance) {
        if row.len() <= subject {
            row.resize(subject + 1, None);
        }
        match &mut row[subject] {
            Some(held) if held.0 >= made => {}
            cell => *cell = Some((made, stance)),
        }
    }

    /// Keeps each actor's latest statement on each subject (by [`Statement::made`], so the
    /// order statements come in does not matter). A statement on behalf of a group counts for
    /// the group (not for the State that read it out). With `members`, a group's statement
    /// also counts for each member at that session that said nothing of its own on the
    /// subject in the range. Silence is not a stance and is passed over.
    pub fn add(&mut self, s: &Statement) {
        if place(s.stance).is_none() {
            return;
        }
        let speaker = s.on_behalf_of.unwrap_or(s.actor_id);
        let a = self.actor(speaker);
        let k = self.subject(s.subject);
        Self::keep(&mut self.own[a], k, s.made, s.stance);
        let group_members = self
            .members
            .and_then(|m| m.get(&s.seq))
            .and_then(|m| m.get(&speaker));
        for m in group_members.into_iter().flatten() {
            let a = self.actor(*m);
            Self::keep(&mut self.inherited[a], k, s.made, s.stance);
        }
    }

    /// Takes in what `other` gathered (from other sessions): each cell keeps the later of the
    /// two statements, own and inherited apart, as if all had been read here.
    pub fn merge(&mut self, other: Gathering<'_>) {
        for (b, id) in other.actors.iter().enumerate() {
            let a = self.actor(*id);
            for (k, subject) in other.subjects.iter().enumerate() {
                let here = self.subject(*subject);
                for (mine, theirs) in [
                    (&mut self.own[a], &other.own[b]),
                    (&mut self.inherited[a], &other.inherited[b]),
                ] {
                    if let Some(Some((made, stance))) = theirs.get(k) {
                        Self::keep(mine, here, *made, *stance);
                    }
                }
            }
        }
    }

    /// Actors in id order, subjects by id; each cell the actor's own latest statement, else
    /// its groups' latest.
    pub fn finish(self) -> Said {
        let cell = |a: usize, k: usize| -> Cell {
            let own = self.own[a].get(k).copied().flatten();
            own.or_else(|| self.inherited[a].get(k).copied().flatten())
        };
        let mut actors: Vec<usize> = (0..self.actors.len()).collect();
        actors.sort_by_key(|a| self.actors[*a]);
        let mut subjects: Vec<usize> = (0..self.subjects.len()).collect();
        subjects.sort_by_key(|k| (self.subjects[*k].id(), subject_rank(self.subjects[*k])));
        let cells: Vec<Cell> = actors
            .iter()
            .flat_map(|a| subjects.iter().map(move |k| (*a, *k)))
            .map(|(a, k)| cell(a, k))
            .collect();
        let places = cells
            .iter()
            .map(|c| c.and_then(|(_, s)| place(s)))
            .collect();
        Said {
            actors: actors.iter().map(|a| self.actors[*a]).collect(),
            subjects: subjects.iter().map(|k| self.subjects[*k]).collect(),
            cells,
            places,
        }
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
