//! Who stands with whom: each pair of actors' agreement over the subjects both spoke to, a
//! map placed from it, drift since an earlier range, and our delegation's nearest and farthest.
//!
//! The index follows the one researchers compute from UN General Assembly votes (same vote 1,
//! opposite votes 0, an abstention half-way), with stances for votes: see [`said::place`].
//! The store reads the statements; the rules are here.

pub mod drawing;
pub mod map;
pub mod said;

use crate::model::{
    AgreementMap, AgreementPair, AgreementQuery, MapActor, MapPoint, Neighbour, OurNeighbours,
    PairPositions, PairQuery, PairSubject, SaidIn, SeqRange,
};
use crate::store::{Store, StoreError};
use said::{agreement_of, compare, Members, Said};
use std::collections::HashMap;
use uuid::Uuid;

/// How many actors each list of [`OurNeighbours`] holds.
pub const NEIGHBOURS: usize = 5;

/// The agreement map of `q`'s range, and drift since `q.since` when asked.
pub fn agreement_map(store: &Store, q: &AgreementQuery) -> Result<AgreementMap, StoreError> {
    let sessions = range_of(store, q.process_id, q.sessions, "sessions")?;
    let since = match q.since {
        Some(r) => Some(range_of(store, q.process_id, Some(r), "since")?),
        None => None,
    };
    let min_shared = q.min_shared.max(1);
    let said = gather(store, q, sessions)?;
    let before = since.map(|r| gather(store, q, r)).transpose()?;
    let actors = store.actors(None)?;
    let names: HashMap<Uuid, _> = actors.iter().map(|a| (a.id, a)).collect();
    // Names as the matrix shows them (short name, else name).
    let shown = store.actor_names()?;
    let label = |id: &Uuid| shown.get(id).cloned().unwrap_or_else(|| id.to_string());
    // Actors in name order; `order[k]` is the k-th actor's row in `said`.
    let mut order: Vec<usize> = (0..said.actors.len()).collect();
    order.sort_by_key(|i| (label(&said.actors[*i]).to_lowercase(), said.actors[*i]));
    let ids: Vec<Uuid> = order.iter().map(|i| said.actors[*i]).collect();
    let n = ids.len();
    let earlier_row: Vec<Option<usize>> = ids
        .iter()
        .map(|id| before.as_ref().and_then(|b| b.index_of(*id)))
        .collect();
    let measure = |s: &Said, x: usize, y: usize| -> (u32, Option<f64>) {
        let (shared, sum) = compare(s.row(x), s.row(y));
        (
            shared,
            (shared >= min_shared).then(|| sum / f64::from(shared)),
        )
    };
    let mut now = vec![None; n * n];
    let mut then = vec![None; n * n];
    let mut pairs = Vec::new();
    for i in 0..n {
        for j in (i + 1)..n {
            let (shared, agreement) = measure(&said, order[i], order[j]);
            let earlier = match (&before, earlier_row[i], earlier_row[j]) {
                (Some(b), Some(x), Some(y)) => measure(b, x, y).1,
                _ => None,
            };
            for (m, v) in [(&mut now, agreement), (&mut then, earlier)] {
                m[i * n + j] = v;
                m[j * n + i] = v;
            }
            if shared > 0 {
                pairs.push(AgreementPair {
                    a: ids[i],
                    b: ids[j],
                    agreement,
                    shared,
                    earlier,
                });
            }
        }
    }
    let (places, explained) = lay_out(&now, n);
    let earlier_places = match before {
        Some(_) => map::lay_onto(&lay_out(&then, n).0, &places),
        None => vec![None; n],
    };
    let mut groups: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for (group, member) in store.memberships_at(q.process_id, sessions.to)? {
        groups.entry(member).or_default().push(group);
    }
    let map_actors = (0..n)
        .map(|k| {
            let id = ids[k];
            let mut in_groups = groups.remove(&id).unwrap_or_default();
            in_groups.sort();
            MapActor {
                actor_id: id,
                name: label(&id),
                // Every statement's actor is in the catalog (a foreign key); a State if ever not.
                kind: names
                    .get(&id)
                    .map_or(crate::model::ActorKind::State, |a| a.kind),
                groups: in_groups,
                subjects: said.spoken(order[k]),
                place: places[k],
                earlier: earlier_places[k],
            }
        })
        .collect::<Vec<_>>();
    let ours = q.our_id.map(|our| neighbours(our, &pairs, &label));
    Ok(AgreementMap {
        process_id: q.process_id,
        sessions,
        since,
        subjects: said.subjects.len() as u32,
        min_shared,
        actors: map_actors,
        pairs,
        explained,
        ours,
    })
}

/// Two actors' latest stances side by side over the range, shared subjects first.
pub fn pair_positions(store: &Store, q: &PairQuery) -> Result<PairPositions, StoreError> {
    let sessions = range_of(store, q.query.process_id, q.query.sessions, "sessions")?;
    let said = gather(store, &q.query, sessions)?;
    let none = vec![None; said.subjects.len()];
    let (a, b) = (said.index_of(q.a), said.index_of(q.b));
    let places = |i: Option<usize>| i.map_or(&none[..], |i| said.row(i));
    let stances = |i: Option<usize>| i.map(|i| said.stances(i));
    let (ra, rb) = (places(a), places(b));
    let rows: Vec<i64> = [a, b]
        .into_iter()
        .flatten()
        .flat_map(|i| said.stances(i).iter().flatten().map(|(made, _)| made.row()))
        .collect();
    let words = store.statement_words(&rows)?;
    let said_in = |cell: Option<&(crate::store::Made, crate::model::Stance)>| {
        let w = words.get(&cell?.0.row())?;
        Some(SaidIn {
            words: if w.quote.is_empty() {
                w.summary.clone()
            } else {
                w.quote.clone()
            },
            session: w.session.clone(),
            source: w.source.clone(),
        })
    };
    let mut subjects = Vec::new();
    for (k, subject) in said.subjects.iter().enumerate() {
        if ra[k].is_none() && rb[k].is_none() {
            continue;
        }
        subjects.push(PairSubject {
            subject: *subject,
            label: store.subject_label(*subject)?,
            a: stances(a).and_then(|s| s[k]).map(|(_, st)| st),
            b: stances(b).and_then(|s| s[k]).map(|(_, st)| st),
            a_said: said_in(stances(a).and_then(|s| s[k].as_ref())),
            b_said: said_in(stances(b).and_then(|s| s[k].as_ref())),
            agreement: match (ra[k], rb[k]) {
                (Some(x), Some(y)) => Some(agreement_of(x, y)),
                _ => None,
            },
        });
    }
    subjects.sort_by_cached_key(|x| (x.agreement.is_none(), x.label.to_lowercase()));
    let (shared, sum) = compare(ra, rb);
    let min_shared = q.query.min_shared.max(1);
    Ok(PairPositions {
        a_name: store.actor(q.a)?.name,
        b_name: store.actor(q.b)?.name,
        agreement: (shared >= min_shared).then(|| sum / f64::from(shared)),
        shared,
        subjects,
    })
}

/// Places the actors that have a known agreement with at least one other; the rest stay off
/// the map (they shared too little to say where they stand).
fn lay_out(agreement: &[Option<f64>], n: usize) -> (Vec<Option<MapPoint>>, Option<f64>) {
    let placeable: Vec<usize> = (0..n)
        .filter(|i| (0..n).any(|j| agreement[i * n + j].is_some()))
        .collect();
    let placed = map::place(placeable.len(), |a, b| {
        agreement[placeable[a] * n + placeable[b]].map(|x| 1.0 - x)
    });
    let mut points = vec![None; n];
    for (k, i) in placeable.iter().enumerate() {
        points[*i] = Some(placed.points[k]);
    }
    (points, placed.explained)
}

/// Our delegation's closest, farthest, and most moved since the earlier range.
fn neighbours(
    our: Uuid,
    pairs: &[AgreementPair],
    label: &dyn Fn(&Uuid) -> String,
) -> OurNeighbours {
    let mut with_us: Vec<Neighbour> = pairs
        .iter()
        .filter_map(|p| {
            let other = if p.a == our {
                p.b
            } else if p.b == our {
                p.a
            } else {
                return None;
            };
            Some(Neighbour {
                actor_id: other,
                name: label(&other),
                agreement: p.agreement?,
                shared: p.shared,
                earlier: p.earlier,
            })
        })
        .collect();
    with_us.sort_by(|x, y| {
        y.agreement
            .total_cmp(&x.agreement)
            .then(y.shared.cmp(&x.shared))
            .then(x.name.cmp(&y.name))
    });
    // Closest are those nearer than half-way, farthest those beyond it: an ally at 100 %
    // is never listed among the farthest for want of others.
    let closest = with_us
        .iter()
        .filter(|n| n.agreement > 0.5)
        .take(NEIGHBOURS)
        .cloned()
        .collect();
    let mut farthest: Vec<Neighbour> = with_us
        .iter()
        .filter(|n| n.agreement < 0.5)
        .cloned()
        .collect();
    farthest.sort_by(|x, y| {
        x.agreement
            .total_cmp(&y.agreement)
            .then(y.shared.cmp(&x.shared))
            .then(x.name.cmp(&y.name))
    });
    farthest.truncate(NEIGHBOURS);
    let moved = |n: &Neighbour| n.earlier.map(|e| (n.agreement - e).abs());
    let mut moved_most: Vec<Neighbour> = with_us
        .into_iter()
        .filter(|n| moved(n).is_some_and(|m| m > 0.0))
        .collect();
    moved_most.sort_by(|x, y| {
        moved(y)
            .unwrap_or(0.0)
            .total_cmp(&moved(x).unwrap_or(0.0))
            .then(x.name.cmp(&y.name))
    });
    moved_most.truncate(NEIGHBOURS);
    OurNeighbours {
        our_id: our,
        our_name: label(&our),
        closest,
        farthest,
        moved_most,
    }
}

/// Group → members at each session of `range`, when the query has groups speak for members.
fn follow(
    store: &Store,
    q: &AgreementQuery,
    range: SeqRange,
) -> Result<Option<Members>, StoreError> {
    if !q.members_follow_groups {
        return Ok(None);
    }
    let mut at = Members::new();
    for seq in range.from..=range.to {
        let groups = at.entry(seq).or_default();
        for (group, member) in store.memberships_at(q.process_id, seq)? {
            groups.entry(group).or_default().push(member);
        }
    }
    Ok(Some(at))
}

fn gather(store: &Store, q: &AgreementQuery, range: SeqRange) -> Result<Said, StoreError> {
    let members = follow(store, q, range)?;
    let start = || said::Gathering::new(members.as_ref());
    let mut halves = store
        .statements_in_halves(
            q.process_id,
            range,
            &q.topic_ids,
            &q.proposal_ids,
            &start,
            &|g, s| g.add(&s),
        )?
        .into_iter();
    let mut g = halves.next().unwrap_or_else(start);
    for other in halves {
        g.merge(other);
    }
    Ok(g.finish())
}

/// The asked range, or the whole process; refused when it lies outside the process.
fn range_of(
    store: &Store,
    process: Uuid,
    asked: Option<SeqRange>,
    field: &str,
) -> Result<SeqRange, StoreError> {
    let span = store.session_span(process)?.ok_or_else(|| {
        StoreError::invalid(
            field,
            "this process has no sessions yet: add one in the Catalog",
        )
    })?;
    let Some(r) = asked else {
        return Ok(span);
    };
    if r.from > r.to {
        return Err(StoreError::invalid(
            field,
            format!(
                "session {} comes after session {}: give the earlier first",
                r.from, r.to
            ),
        ));
    }
    if r.from < span.from || r.to > span.to {
        return Err(StoreError::invalid(
            field,
            format!(
                "sessions {}–{} are not all in this process (it has sessions {}–{})",
                r.from, r.to, span.from, span.to
            ),
        ));
    }
    Ok(r)
}
