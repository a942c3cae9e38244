//! The workspace's queries on crafted data: the matrix, an actor's timeline, search, and the
//! synthetic generator.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_core::generate::{generate, GenerateSpec};
use concord_core::model::{
    Camp, CellQuery, Grouping, MatrixAxis, MatrixQuery, Movement, PositionInput, Provenance,
    SearchQuery, Stance, SubjectQuery, SubjectRef,
};
use concord_core::reference::{self, OEWG};
use concord_core::Store;
use uuid::Uuid;

use concord_testing::store;

fn say(s: &mut Store, iso3: &str, seq: i64, subject: SubjectRef, stance: Stance, quote: &str) {
    let input = PositionInput {
        subject,
        stance,
        quote: quote.into(),
        ..concord_testing::position(iso3, seq)
    };
    concord_testing::say(s, input);
}

fn poa() -> SubjectRef {
    SubjectRef::Proposal(reference::proposal_id("POA"))
}

fn lbi() -> SubjectRef {
    SubjectRef::Proposal(reference::proposal_id("LBI"))
}

fn ihl() -> SubjectRef {
    SubjectRef::Topic(reference::topic_id(
        "International law/International humanitarian law",
    ))
}

#[test]
fn matrix_shows_the_latest_stance_in_range_with_counts() {
    let mut s = store();
    say(&mut s, "FRA", 7, poa(), Stance::Proposes, "");
    say(&mut s, "FRA", 8, poa(), Stance::Supports, "");
    say(&mut s, "RUS", 7, poa(), Stance::Opposes, "");
    say(&mut s, "RUS", 8, lbi(), Stance::Supports, "");
    say(&mut s, "BRA", 9, poa(), Stance::Conditional, "");
    say(&mut s, "DEU", 8, ihl(), Stance::Supports, "");

    let q = MatrixQuery {
        process_id: reference::process_id(OEWG),
        from_seq: Some(7),
        to_seq: Some(8),
        axis: MatrixAxis::Proposals,
        group_id: None,
    };
    let m = s.matrix(&q).unwrap();
    let rows: Vec<&str> = m.rows.iter().map(|r| r.actor_name.as_str()).collect();
    assert_eq!(
        rows,
        ["France", "Russia"],
        "Brazil spoke at session 9, outside the range"
    );
    let cols: Vec<&str> = m.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(
        cols,
        ["New legally binding instrument", "Programme of Action"]
    );
    let cell = |row: u32, column: u32| m.cells.iter().find(|c| c.row == row && c.column == column);
    let france_poa = cell(0, 1).unwrap();
    assert_eq!(
        (
            france_poa.stance,
            france_poa.session_seq,
            france_poa.positions
        ),
        (Stance::Supports, 8, 2)
    );
    assert_eq!(cell(1, 1).unwrap().stance, Stance::Opposes);
    assert_eq!(cell(1, 0).unwrap().stance, Stance::Supports);
    assert!(cell(0, 0).is_none(), "France said nothing on the LBI");
    let poa_counts: Vec<(Stance, u32)> = m.columns[1]
        .counts
        .iter()
        .map(|c| (c.stance, c.count))
        .collect();
    assert_eq!(poa_counts, [(Stance::Supports, 1), (Stance::Opposes, 1)]);

    let eu_only = s
        .matrix(&MatrixQuery {
            group_id: Some(reference::group_id("EU")),
            ..q.clone()
        })
        .unwrap();
    assert_eq!(eu_only.rows.len(), 1);
    assert_eq!(eu_only.rows[0].actor_name, "France");

    let topics = s
        .matrix(&MatrixQuery {
            axis: MatrixAxis::Topics,
            ..q
        })
        .unwrap();
    assert_eq!(
        topics.columns[0].label,
        "International law/International humanitarian law"
    );
    assert_eq!(topics.rows[0].actor_name, "Germany");
}

#[test]
fn timeline_marks_stance_changes_and_lists_groups() {
    let mut s = store();
    say(&mut s, "FRA", 7, poa(), Stance::Proposes, "");
    say(&mut s, "FRA", 8, poa(), Stance::Proposes, "");
    say(&mut s, "FRA", 9, poa(), Stance::Supports, "");
    say(&mut s, "FRA", 9, ihl(), Stance::Supports, "IHL applies.");
    let t = s.actor_timeline(reference::state_id("FRA"), None).unwrap();
    assert_eq!(t.actor.name, "France");
    assert_eq!(t.rows.len(), 2);
    assert_eq!(
        t.rows[0].label, "International law/International humanitarian law",
        "topics first"
    );
    let poa_row = &t.rows[1];
    let changes: Vec<Option<Stance>> = poa_row.entries.iter().map(|e| e.changed_from).collect();
    assert_eq!(changes, [None, None, Some(Stance::Proposes)]);
    let sessions: Vec<&str> = poa_row
        .entries
        .iter()
        .map(|e| e.position.session_title.as_str())
        .collect();
    assert_eq!(
        sessions,
        [
            "7th substantive session",
            "8th substantive session",
            "9th substantive session"
        ]
    );
    let groups: Vec<&str> = t.groups.iter().map(|g| g.group_name.as_str()).collect();
    assert!(
        groups.contains(&"EU") && groups.contains(&"WEOG"),
        "{groups:?}"
    );
    let eu = t.groups.iter().find(|g| g.group_name == "EU").unwrap();
    assert_eq!(eu.valid_from.unwrap().to_string(), "1958-01-01");
}

#[test]
fn a_states_page_carries_the_latest_statements_and_unfolds_one_subject_on_request() {
    let mut s = store();
    say(&mut s, "FRA", 7, poa(), Stance::Proposes, "");
    say(&mut s, "FRA", 8, poa(), Stance::Supports, "");
    say(&mut s, "FRA", 9, poa(), Stance::Supports, "");
    say(&mut s, "FRA", 9, ihl(), Stance::Supports, "IHL applies.");
    let fra = reference::state_id("FRA");
    let t = s.actor_timeline(fra, Some(1)).unwrap();
    let (ihl_row, poa_row) = (&t.rows[0], &t.rows[1]);
    assert_eq!((ihl_row.earlier, ihl_row.entries.len()), (0, 1));
    assert_eq!((poa_row.earlier, poa_row.entries.len()), (2, 1));
    let last = &poa_row.entries[0];
    assert_eq!(last.position.session_title, "9th substantive session");
    assert_eq!(last.changed_from, None, "9th said what the 8th said");
    let t = s.actor_timeline(fra, Some(2)).unwrap();
    let changes: Vec<Option<Stance>> = t.rows[1].entries.iter().map(|e| e.changed_from).collect();
    assert_eq!(
        changes,
        [Some(Stance::Proposes), None],
        "the first shown entry is marked against the folded one before it"
    );

    let whole = s.actor_timeline_subject(fra, poa_row.subject).unwrap();
    assert_eq!((whole.earlier, whole.entries.len()), (0, 3));
    assert_eq!(whole.label, poa_row.label);
    assert_eq!(
        whole.entries,
        s.actor_timeline(fra, None).unwrap().rows[1].entries
    );
    let never = s
        .actor_timeline_subject(reference::state_id("DEU"), poa_row.subject)
        .unwrap_err();
    assert!(never.to_string().contains("statement"), "{never}");
}

#[test]
fn search_finds_words_without_accents_ranked_and_marked() {
    let mut s = store();
    say(
        &mut s,
        "CIV",
        7,
        ihl(),
        Stance::Supports,
        "La souveraineté numérique de la Côte d'Ivoire",
    );
    say(
        &mut s,
        "FRA",
        7,
        ihl(),
        Stance::Supports,
        "Sovereignty and sovereignty again",
    );
    say(
        &mut s,
        "DEU",
        8,
        poa(),
        Stance::Supports,
        "Capacity-building first",
    );

    let hits = s
        .search(&SearchQuery {
            text: "cote d'ivoire".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].position.actor_name, "Côte d'Ivoire");
    let marked: Vec<&str> = hits[0]
        .excerpt
        .iter()
        .filter(|r| r.hit)
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(marked, ["Côte", "d", "Ivoire"]);

    let hits = s
        .search(&SearchQuery {
            text: "souverainete".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(hits.len(), 1, "accents folded in the query and in the text");

    let prefix = s
        .search(&SearchQuery {
            text: "capac".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(prefix[0].position.actor_name, "Germany");

    say(
        &mut s,
        "BRA",
        7,
        poa(),
        Stance::Conditional,
        "A long statement on many things, among them cooperation, norms, confidence-building \
         measures, the applicability of international law and, in passing, sovereignty",
    );
    let ranked: Vec<String> = s
        .search(&SearchQuery {
            text: "sovereignty".into(),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|h| h.position.actor_name)
        .collect();
    assert_eq!(
        ranked,
        ["France", "Brazil"],
        "the word twice in a short quote ranks above once in a long one"
    );

    let filtered = s
        .search(&SearchQuery {
            text: "sovereignty".into(),
            session_id: Some(reference::session_id(OEWG, 8)),
            ..Default::default()
        })
        .unwrap();
    assert!(filtered.is_empty());
    for (text, actor, found) in [("sovereignty", "BRA", "Brazil"), ("sover", "FRA", "France")] {
        let hits: Vec<String> = s
            .search(&SearchQuery {
                text: text.into(),
                actor_id: Some(reference::state_id(actor)),
                ..Default::default()
            })
            .unwrap()
            .into_iter()
            .map(|h| h.position.actor_name)
            .collect();
        assert_eq!(hits, [found], "{text} said by {actor} only");
    }

    assert!(s
        .search(&SearchQuery {
            text: " \"* ".into(),
            ..Default::default()
        })
        .unwrap()
        .is_empty());

    // An edit is searchable at once; a deletion is gone at once.
    let id = s
        .search(&SearchQuery {
            text: "capacity".into(),
            ..Default::default()
        })
        .unwrap()[0]
        .position
        .id;
    s.delete_position(id).unwrap();
    assert!(s
        .search(&SearchQuery {
            text: "capacity".into(),
            ..Default::default()
        })
        .unwrap()
        .is_empty());
}

#[test]
fn a_number_typed_in_full_comes_before_the_many_newer_ones_that_begin_with_it() {
    let mut s = store();
    say(
        &mut s,
        "FRA",
        7,
        poa(),
        Stance::Supports,
        "Statement row 1234",
    );
    // More statements that only begin with 1234 than search ranks, all newer.
    for n in 0..520 {
        let quote = format!("Statement row 1234{n}");
        say(&mut s, "FRA", 7, poa(), Stance::Supports, &quote);
    }
    for actor_id in [None, Some(reference::state_id("FRA"))] {
        let hits = s
            .search(&SearchQuery {
                text: "row 1234".into(),
                actor_id,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(hits[0].position.quote, "Statement row 1234", "{actor_id:?}");
        assert!(hits[0].rank > hits[1].rank, "{actor_id:?}");
    }
}

#[test]
fn generator_makes_marked_synthetic_data_of_the_asked_size() {
    let mut s = store();
    let g = generate(
        &mut s,
        GenerateSpec {
            actors: 5,
            topics: 4,
            sessions: 3,
            per_cell: 2,
        },
    )
    .unwrap();
    assert_eq!(g.positions, 5 * 4 * 3 * 2);
    assert_eq!(s.counts().unwrap().positions, 120);
    let page = s
        .positions(&concord_core::model::PositionFilter {
            limit: Some(1000),
            ..Default::default()
        })
        .unwrap();
    assert!(page
        .items
        .iter()
        .all(|p| p.provenance == Provenance::Synthetic));
    assert!(page.items.iter().all(|p| p.process_name == "Synthetic"));
    let m = s
        .matrix(&MatrixQuery {
            process_id: g.process_id,
            from_seq: None,
            to_seq: None,
            axis: MatrixAxis::Topics,
            group_id: None,
        })
        .unwrap();
    assert_eq!((m.rows.len(), m.columns.len(), m.cells.len()), (5, 4, 20));
}

fn eu_says(s: &mut Store, seq: i64, subject: SubjectRef, stance: Stance) {
    s.add_position(&PositionInput {
        actor_id: reference::group_id("EU"),
        subject,
        session_id: reference::session_id(OEWG, seq),
        meeting_id: None,
        meeting_date: None,
        stance,
        summary: String::new(),
        quote: String::new(),
        source: String::new(),
        on_behalf_of_id: None,
        note: String::new(),
    })
    .unwrap();
}

fn overview_query(grouping: Grouping) -> SubjectQuery {
    SubjectQuery {
        subject: poa(),
        process_id: reference::process_id(OEWG),
        grouping,
    }
}

#[test]
fn subject_page_sorts_actors_into_blocs_and_camps_with_movement() {
    let mut s = store();
    say(&mut s, "FRA", 7, poa(), Stance::Supports, "");
    say(&mut s, "RUS", 7, poa(), Stance::Opposes, "");
    say(&mut s, "BRA", 7, poa(), Stance::Conditional, "");
    say(&mut s, "FRA", 8, poa(), Stance::Supports, "");
    say(&mut s, "RUS", 8, poa(), Stance::Concerns, "");
    say(&mut s, "BRA", 8, poa(), Stance::Opposes, "");
    say(&mut s, "CHN", 8, poa(), Stance::Opposes, "");
    say(&mut s, "CHN", 8, poa(), Stance::Neutral, ""); // the later statement counts
    say(&mut s, "DEU", 8, lbi(), Stance::Opposes, ""); // another subject: not on this page

    let page = s
        .subject_overview(&overview_query(Grouping::Regional))
        .unwrap();
    assert_eq!(page.label, "Programme of Action");
    let seqs: Vec<i64> = page.sessions.iter().map(|x| x.seq).collect();
    assert_eq!(seqs, [8, 7], "sessions with statements, newest first");

    let latest = &page.sessions[0];
    type Bloc<'a> = (&'a str, Vec<(&'a str, Stance, Movement)>);
    let blocs: Vec<Bloc> = latest
        .blocs
        .iter()
        .map(|b| {
            (
                b.group_name.as_str(),
                b.actors
                    .iter()
                    .map(|a| (a.actor_name.as_str(), a.stance, a.movement))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        blocs,
        [
            (
                "Asia-Pacific",
                vec![("China", Stance::Neutral, Movement::New)]
            ),
            (
                "EEG",
                vec![("Russia", Stance::Concerns, Movement::TowardsSupport)]
            ),
            (
                "GRULAC",
                vec![("Brazil", Stance::Opposes, Movement::AwayFromSupport)]
            ),
            (
                "WEOG",
                vec![("France", Stance::Supports, Movement::Unchanged)]
            ),
        ]
    );
    let china = &latest.blocs[0].actors[0];
    assert_eq!((china.positions, china.previous), (2, None));
    let russia = &latest.blocs[1].actors[0];
    assert_eq!(russia.previous, Some(Stance::Opposes));

    let counts: Vec<(Camp, u32)> = latest.counts.iter().map(|c| (c.camp, c.count)).collect();
    assert_eq!(
        counts,
        [
            (Camp::Support, 1),
            (Camp::Oppose, 1),
            (Camp::Conditional, 1),
            (Camp::Other, 1)
        ]
    );
    let moves: Vec<(Movement, u32)> = latest
        .movements
        .iter()
        .map(|m| (m.movement, m.count))
        .collect();
    assert_eq!(
        moves,
        [
            (Movement::New, 1),
            (Movement::TowardsSupport, 1),
            (Movement::AwayFromSupport, 1),
            (Movement::Unchanged, 1)
        ]
    );
    let first: Vec<Movement> = page.sessions[1]
        .blocs
        .iter()
        .flat_map(|b| b.actors.iter().map(|a| a.movement))
        .collect();
    assert!(first.iter().all(|m| *m == Movement::New));
}

#[test]
fn subject_page_uses_membership_valid_at_the_session_and_keeps_group_statements() {
    let mut s = store();
    eu_says(&mut s, 8, poa(), Stance::Proposes);
    say(&mut s, "FRA", 8, poa(), Stance::Supports, "");
    say(&mut s, "GBR", 8, poa(), Stance::Supports, "");
    say(&mut s, "EGY", 8, poa(), Stance::Conditional, "");

    let page = s
        .subject_overview(&overview_query(Grouping::Negotiating))
        .unwrap();
    let blocs: Vec<(&str, Vec<&str>)> = page.sessions[0]
        .blocs
        .iter()
        .map(|b| {
            (
                b.group_name.as_str(),
                b.actors.iter().map(|a| a.actor_name.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        blocs,
        [
            ("EU", vec!["EU", "France"]),
            ("Arab Group", vec!["Egypt"]),
            ("In none of these groups", vec!["United Kingdom"]),
        ],
        "the EU's own statement is one entry in its bloc; the UK left the EU in 2020"
    );
    let eu = &page.sessions[0].blocs[0];
    assert_eq!(eu.group_id, Some(reference::group_id("EU")));
    assert_eq!(
        eu.counts.iter().map(|c| c.count).collect::<Vec<_>>(),
        [2, 0, 0, 0]
    );
}

#[test]
fn subject_page_of_an_unknown_subject_is_not_found() {
    let s = store();
    let q = SubjectQuery {
        subject: SubjectRef::Proposal(Uuid::nil()),
        process_id: reference::process_id(OEWG),
        grouping: Grouping::Regional,
    };
    let e = s.subject_overview(&q).unwrap_err();
    assert_eq!(e.code().as_str(), "not_found");
}

#[test]
fn a_matrix_cell_opens_the_positions_behind_it_in_range_latest_first() {
    let mut s = store();
    say(&mut s, "FRA", 6, poa(), Stance::Proposes, "sixth");
    say(&mut s, "FRA", 7, poa(), Stance::Proposes, "seventh");
    say(&mut s, "FRA", 8, poa(), Stance::Supports, "eighth");
    say(&mut s, "FRA", 8, lbi(), Stance::Opposes, "other subject");
    say(&mut s, "DEU", 8, poa(), Stance::Supports, "other actor");
    let q = CellQuery {
        process_id: reference::process_id(OEWG),
        from_seq: Some(7),
        to_seq: Some(8),
        actor_id: reference::state_id("FRA"),
        subject: poa(),
    };
    let quotes: Vec<String> = s
        .matrix_cell(&q)
        .unwrap()
        .into_iter()
        .map(|p| p.quote)
        .collect();
    assert_eq!(quotes, ["eighth", "seventh"]);
}
