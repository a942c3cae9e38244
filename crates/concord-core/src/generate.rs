//! Synthetic data at scale, for benchmarks and for trying the window on a large file.
//! Everything it makes is marked: a process named "Synthetic process (generated data)",
//! topics under "Synthetic topics", and positions with provenance `synthetic`.

use crate::model::{ActorKind, PositionInput, Provenance, Stance, SubjectRef};
use crate::store::{Store, StoreError};
use uuid::Uuid;

/// How much to generate: actors × topics × sessions × per_cell positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenerateSpec {
    pub actors: usize,
    pub topics: usize,
    pub sessions: usize,
    pub per_cell: usize,
}

/// What was generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    pub process_id: Uuid,
    pub session_ids: Vec<Uuid>,
    pub topic_ids: Vec<Uuid>,
    pub actor_ids: Vec<Uuid>,
    pub positions: u64,
}

const WORDS: &[&str] = &[
    "sovereignty",
    "capacity",
    "building",
    "norms",
    "attribution",
    "confidence",
    "measures",
    "critical",
    "infrastructure",
    "humanitarian",
    "law",
    "responsible",
    "behaviour",
    "cooperation",
    "programme",
    "action",
    "treaty",
    "binding",
    "voluntary",
    "consensus",
    "stakeholders",
    "gender",
    "human",
    "rights",
    "supply",
    "chain",
    "vulnerabilities",
    "incidents",
    "points",
    "contact",
    "directory",
    "mechanism",
    "dialogue",
    "developing",
    "countries",
    "technical",
    "assistance",
    "ransomware",
    "threats",
    "resilience",
    "due",
    "diligence",
    "peaceful",
    "settlement",
    "disputes",
    "transparency",
    "accountability",
    "digital",
    "divide",
];

/// A small deterministic generator (SplitMix64), so every run builds the same data. Public for
/// the benchmarks, which generate their own inputs the same way.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| WORDS[self.below(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Builds the synthetic process, its sessions and topics, and the positions, one
/// transaction per session. Reference data is loaded first; actors are the reference States
/// (then groups), topped up with synthetic stakeholders if more are asked for.
pub fn generate(store: &mut Store, spec: GenerateSpec) -> Result<Generated, StoreError> {
    store.load_reference()?;
    let mut actor_ids: Vec<Uuid> = store
        .actors(Some(ActorKind::State))?
        .into_iter()
        .chain(store.actors(Some(ActorKind::Group))?)
        .map(|a| a.id)
        .take(spec.actors)
        .collect();
    let (process_id, session_ids, topic_ids, extra) = store.write(|w| {
        let process = w.create_process("Synthetic process (generated data)", "Synthetic")?;
        let mut sessions = Vec::new();
        let start = chrono::NaiveDate::from_ymd_opt(2031, 1, 6).unwrap_or_default();
        for i in 0..spec.sessions {
            let first = start + chrono::Days::new(i as u64 * 56);
            let last = first + chrono::Days::new(4);
            sessions.push(w.create_session(
                process,
                i as i64 + 1,
                &format!("Synthetic session {}", i + 1),
                first,
                last,
            )?);
        }
        let mut topics = Vec::new();
        for i in 0..spec.topics {
            topics.push(
                w.create_topic_path(&format!("Synthetic topics/Synthetic topic {:03}", i + 1))?
                    .0,
            );
        }
        let mut extra = Vec::new();
        for i in actor_ids.len()..spec.actors {
            extra.push(w.create_actor(
                ActorKind::Stakeholder,
                &format!("Synthetic actor {:03}", i + 1),
            )?);
        }
        Ok::<_, StoreError>((process, sessions, topics, extra))
    })?;
    actor_ids.extend(extra);

    let mut rng = Rng(0x5EED_C0DE);
    let mut positions = 0u64;
    for session in &session_ids {
        store.write(|w| {
            for actor in &actor_ids {
                for topic in &topic_ids {
                    for _ in 0..spec.per_cell {
                        let input = PositionInput {
                            actor_id: *actor,
                            subject: SubjectRef::Topic(*topic),
                            session_id: *session,
                            meeting_id: None,
                            meeting_date: None,
                            stance: Stance::ALL[rng.below(Stance::ALL.len())],
                            summary: format!("Synthetic: {}", rng.words(8)),
                            quote: rng.words(24),
                            source: String::new(),
                            on_behalf_of_id: None,
                            note: String::new(),
                        };
                        w.insert_position(&input, Provenance::Synthetic)?;
                        positions += 1;
                    }
                }
            }
            Ok::<_, StoreError>(())
        })?;
    }
    Ok(Generated {
        process_id,
        session_ids,
        topic_ids,
        actor_ids,
        positions,
    })
}
