//! CSV import of positions: a good file lands whole, a file with any problem writes nothing.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_core::import::{import_positions_csv, ImportError, ImportOptions};
use concord_core::model::{PositionFilter, Stance};

use concord_testing::store;

const GOOD: &str = "\
actor,session,topic,proposal,stance,summary,quote,source,date,on_behalf_of
France,7,International law/International humanitarian law,,supports,IHL applies,\"We said, \"\"it applies\"\".\",\"A/79/214, para. 27\",2024-03-05,
DEU,7,International humanitarian law,,conditional,,,,,
côte d'ivoire,8,,PoA,supports,,,,,
Venezuela,8,,LBI,Red line,,,,,NAM
Brazil,organizational,Capacity-building,,neutral,,,,,
";

#[test]
fn a_good_file_imports_every_row() {
    let mut s = store();
    let report = import_positions_csv(&mut s, GOOD.as_bytes(), ImportOptions::default()).unwrap();
    assert_eq!(report.positions_added, 5);
    let all = s
        .positions(&PositionFilter {
            limit: Some(100),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(all.total, 5);
    let france = all.items.iter().find(|p| p.actor_name == "France").unwrap();
    assert_eq!(france.quote, "We said, \"it applies\".");
    assert_eq!(france.source, "A/79/214, para. 27");
    assert_eq!(france.meeting_date.unwrap().to_string(), "2024-03-05");
    let ven = all
        .items
        .iter()
        .find(|p| p.actor_name == "Venezuela")
        .unwrap();
    assert_eq!(ven.stance, Stance::RedLine);
    assert_eq!(ven.on_behalf_of_name.as_deref(), Some("NAM"));
    assert!(all.items.iter().any(|p| p.actor_name == "Côte d'Ivoire"));
}

#[test]
fn an_unknown_state_on_line_7_fails_naming_line_7_and_writes_nothing() {
    let mut s = store();
    let csv = "\
actor,session,topic,stance
France,7,International law,supports
Germany,7,International law,supports
Italy,7,International law,supports
Spain,7,International law,supports
Chile,7,International law,supports
Atlantis,7,International law,supports
Peru,7,International law,supports
";
    let err = import_positions_csv(&mut s, csv.as_bytes(), ImportOptions::default()).unwrap_err();
    let ImportError::Rows { problems, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, 7);
    assert_eq!(problems[0].column, "actor");
    assert!(
        err.to_string()
            .contains("line 7, column actor: unknown actor \"Atlantis\""),
        "{err}"
    );
    assert_eq!(s.counts().unwrap().positions, 0);
}

#[test]
fn an_unknown_name_is_offered_the_closest_known_ones() {
    let mut s = store();
    let csv = "\
actor,session,topic,stance
Frnace,7,International law,supports
France,7,Programme of Action,supports
";
    let err = import_positions_csv(&mut s, csv.as_bytes(), ImportOptions::default()).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("unknown actor \"Frnace\"; did you mean “France”?"),
        "{text}"
    );
    assert!(
        text.contains(
            "line 3, column topic: unknown topic \"Programme of Action\"; \
             did you mean the proposal “Programme of Action”?"
        ),
        "{text}"
    );
    assert_eq!(s.counts().unwrap().positions, 0);
}

#[test]
fn every_problem_is_listed_with_line_and_column() {
    let mut s = store();
    let csv = "\
actor,session,topic,stance,date
France,99,International law,supports,
France,7,Nowhere,supports,
France,7,International law,perhaps,
France,7,International law,supports,2024-07-10
France,7,International law,supports,10/03/2024
";
    let err = import_positions_csv(&mut s, csv.as_bytes(), ImportOptions::default()).unwrap_err();
    let ImportError::Rows { problems, .. } = &err else {
        panic!("{err}")
    };
    let found: Vec<(u64, &str)> = problems
        .iter()
        .map(|p| (p.line, p.column.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (2, "session"),
            (3, "topic"),
            (4, "stance"),
            (5, "date"),
            (6, "date")
        ]
    );
    assert_eq!(s.counts().unwrap().positions, 0);
}

#[test]
fn multi_line_quotes_keep_line_numbers_right() {
    let mut s = store();
    let csv = "actor,session,topic,stance,quote\nFrance,7,International law,supports,\"one\ntwo\nthree\"\nNarnia,7,International law,supports,\n";
    let err = import_positions_csv(&mut s, csv.as_bytes(), ImportOptions::default()).unwrap_err();
    assert!(err.to_string().contains("line 5, column actor"), "{err}");
}

#[test]
fn create_missing_adds_topics_proposals_and_stakeholders() {
    let mut s = store();
    let csv = "\
actor,session,topic,proposal,stance
Example Cyber Institute,7,International law/Due diligence,,supports
Example Cyber Institute,8,,Cyber capacity fund,proposes
France,8,International law/Due diligence,,concerns
";
    let strict = import_positions_csv(&mut s, csv.as_bytes(), ImportOptions::default());
    assert!(strict.is_err());
    let report = import_positions_csv(
        &mut s,
        csv.as_bytes(),
        ImportOptions {
            create_missing: true,
        },
    )
    .unwrap();
    assert_eq!(report.positions_added, 3);
    assert_eq!(report.topics_created, 1);
    assert_eq!(report.proposals_created, 1);
    assert_eq!(report.actors_created, 1);
    assert!(s
        .topics()
        .unwrap()
        .iter()
        .any(|t| t.path == "International law/Due diligence"));
}

#[test]
fn malformed_files_are_refused_clearly() {
    let mut s = store();
    let ragged = "actor,session,topic,stance\nFrance,7,International law\n";
    let err =
        import_positions_csv(&mut s, ragged.as_bytes(), ImportOptions::default()).unwrap_err();
    assert!(
        matches!(err, ImportError::Malformed { line: 2, .. }),
        "{err}"
    );
    assert!(
        err.to_string().contains("3 fields where the header has 4"),
        "{err}"
    );

    let latin1: &[u8] =
        b"actor,session,topic,stance\nC\xf4te d'Ivoire,7,International law,supports\n";
    let err = import_positions_csv(&mut s, latin1, ImportOptions::default()).unwrap_err();
    assert!(err.to_string().contains("UTF-8"), "{err}");

    let typo = "actor,sesion,topic,stance\n";
    let err = import_positions_csv(&mut s, typo.as_bytes(), ImportOptions::default()).unwrap_err();
    assert!(
        err.to_string().contains("unknown column \"sesion\""),
        "{err}"
    );

    let empty = "actor,session,topic,stance\n";
    let err = import_positions_csv(&mut s, empty.as_bytes(), ImportOptions::default()).unwrap_err();
    assert!(err.to_string().contains("no positions"), "{err}");

    let huge = format!(
        "actor,session,topic,stance,quote\nFrance,7,International law,supports,{}\n",
        "y".repeat(200_000)
    );
    let err = import_positions_csv(&mut s, huge.as_bytes(), ImportOptions::default()).unwrap_err();
    assert!(
        err.to_string()
            .contains("line 2, column quote: is 200000 characters long"),
        "{err}"
    );
    assert_eq!(s.counts().unwrap().positions, 0);
}
