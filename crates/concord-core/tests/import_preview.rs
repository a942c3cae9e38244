//! Import Positions… as the window does it: a file previewed with every problem by line and
//! column (nothing written), then imported with progress, or stopped with nothing written.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_core::import::{
    import_positions_file, preview_positions, ImportError, ImportOptions, PREVIEW_ROWS,
};
use concord_core::model::ImportProgress;
use concord_testing::store;
use std::ops::ControlFlow;
use std::path::PathBuf;

fn file(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn go(_: ImportProgress) -> ControlFlow<()> {
    ControlFlow::Continue(())
}

#[test]
fn a_good_file_previews_its_rows_and_writes_nothing_until_imported() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("actor,session,proposal,stance,summary\n");
    for i in 0..250 {
        csv.push_str(&format!("France,7,PoA,supports,said {i}\n"));
    }
    let path = file(&dir, "good.csv", &csv);
    let mut s = store();
    let before = s.digest().unwrap();
    let preview = preview_positions(&s, &path, ImportOptions::default()).unwrap();
    assert_eq!(preview.format, "CSV");
    assert_eq!(preview.records, 250);
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!(preview.sample.len(), PREVIEW_ROWS);
    let first = &preview.sample[0];
    assert_eq!(
        (first.line, first.actor.as_str(), first.session.as_str()),
        (2, "France", "7")
    );
    assert_eq!(
        (first.subject.as_str(), first.stance.as_str()),
        ("PoA", "supports")
    );
    assert_eq!(s.digest().unwrap(), before, "a preview writes nothing");

    let mut heard = Vec::new();
    let report = import_positions_file(&mut s, &path, ImportOptions::default(), &mut |p| {
        heard.push(p);
        ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!(report.positions_added, 250);
    assert_eq!(s.counts().unwrap().positions, 250);
    assert_eq!(heard.first().map(|p| p.written), Some(0));
    assert_eq!(
        heard.last(),
        Some(&ImportProgress {
            written: 250,
            total: 250
        })
    );
}

#[test]
fn problems_are_listed_by_line_and_column_with_the_closest_names() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(
        &dir,
        "bad.csv",
        "actor,session,proposal,stance\nFrance,7,PoA,supports\nFrnace,7,PoA,supports\nGermany,7,Programme of Actoin,maybe\n",
    );
    let s = store();
    let preview = preview_positions(&s, &path, ImportOptions::default()).unwrap();
    assert_eq!(preview.records, 3);
    let said: Vec<(u64, &str)> = preview
        .problems
        .iter()
        .map(|p| (p.line, p.column.as_str()))
        .collect();
    assert_eq!(said, [(3, "actor"), (4, "proposal"), (4, "stance")]);
    assert!(
        preview.problems[0]
            .message
            .contains("did you mean “France”"),
        "{}",
        preview.problems[0].message
    );
    assert!(preview.problems[1].message.contains("Programme of Action"));
    let flagged: Vec<bool> = preview.sample.iter().map(|r| r.has_problem).collect();
    assert_eq!(flagged, [false, true, true]);
}

#[test]
fn a_file_that_is_not_csv_or_json_is_one_problem_and_a_folder_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let s = store();
    let ragged = file(
        &dir,
        "ragged.csv",
        "actor,session,proposal,stance\nFrance,7\n",
    );
    let preview = preview_positions(&s, &ragged, ImportOptions::default()).unwrap();
    assert_eq!(preview.problems.len(), 1);
    assert_eq!(preview.problems[0].line, 2);
    assert!(
        preview.problems[0].message.contains("2 fields"),
        "{:?}",
        preview.problems
    );
    let header = file(&dir, "header.csv", "who,what\nFrance,7\n");
    let preview = preview_positions(&s, &header, ImportOptions::default()).unwrap();
    assert_eq!(
        (
            preview.problems[0].line,
            preview.problems[0].column.as_str()
        ),
        (1, "header")
    );
    let json = file(&dir, "broken.json", "[{\"actor\": ");
    let preview = preview_positions(&s, &json, ImportOptions::default()).unwrap();
    assert_eq!(preview.format, "JSON");
    assert!(preview.problems[0]
        .message
        .starts_with("the file cannot be read"));
    let empty = file(&dir, "empty.json", "[]");
    let preview = preview_positions(&s, &empty, ImportOptions::default()).unwrap();
    assert_eq!(preview.problems[0].message, "the file holds no positions");
    let err = preview_positions(&s, dir.path(), ImportOptions::default()).unwrap_err();
    assert!(err.to_string().contains("not a regular file"), "{err}");
}

#[test]
fn what_create_missing_would_add_is_named_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(
        &dir,
        "new.json",
        r#"[{"actor": "France", "session": 7, "topic": "Quantum", "stance": "supports"},
            {"actor": "Acme Foundation", "session": 7, "topic": "Quantum", "stance": "concerns"}]"#,
    );
    let s = store();
    let strict = preview_positions(&s, &path, ImportOptions::default()).unwrap();
    assert_eq!(strict.problems.len(), 3, "{:?}", strict.problems);
    assert!(strict.to_create.is_empty());
    let creating = ImportOptions {
        create_missing: true,
    };
    let preview = preview_positions(&s, &path, creating).unwrap();
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!(
        preview.to_create,
        ["stakeholder “Acme Foundation”", "topic “Quantum”"]
    );
}

/// A CSV of `rows` positions of Brazil on capacity-building, one `stance`, sessions 1–10.
fn brazil_on_capacity_building(rows: usize, stance: &str) -> String {
    let mut csv = String::from("actor,session,topic,stance\n");
    for i in 0..rows {
        csv.push_str(&format!(
            "Brazil,{},Capacity-building,{stance}\n",
            1 + i % 10
        ));
    }
    csv
}

#[test]
fn cancel_while_writing_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let csv = brazil_on_capacity_building(3_500, "conditional");
    let path = file(&dir, "long.csv", &csv);
    let mut s = store();
    let before = s.digest().unwrap();
    let err = import_positions_file(&mut s, &path, ImportOptions::default(), &mut |p| {
        if p.written >= 2_000 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    })
    .unwrap_err();
    assert!(matches!(err, ImportError::Cancelled), "{err}");
    assert_eq!(
        err.to_string(),
        "the import was stopped; nothing was imported"
    );
    assert_eq!(s.counts().unwrap().positions, 0);
    assert_eq!(s.digest().unwrap(), before);
    // The same file imports whole afterwards.
    let report = import_positions_file(&mut s, &path, ImportOptions::default(), &mut go).unwrap();
    assert_eq!(report.positions_added, 3_500);
}

/// A CSV is read twice, checked then written; a file that changes in between (a sync tool
/// rewriting it, another program saving over it) is refused whole, however it changed.
#[test]
fn a_file_changed_between_check_and_write_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let csv = brazil_on_capacity_building(3_000, "supports");
    let changes: [(&str, String); 3] = [
        (
            "one more row",
            format!("{csv}Chile,7,Capacity-building,opposes\n"),
        ),
        (
            "a row fewer",
            csv[..csv.len() - "Brazil,10,Capacity-building,supports\n".len()].to_string(),
        ),
        (
            "a bad row",
            format!(
                "{}Atlantis,7,Capacity-building,supports\n",
                &csv[..csv.len() - "Brazil,10,Capacity-building,supports\n".len()]
            ),
        ),
    ];
    let mut s = store();
    let before = s.digest().unwrap();
    for (what, changed) in changes {
        let path = file(&dir, "changing.csv", &csv);
        let err = import_positions_file(&mut s, &path, ImportOptions::default(), &mut |p| {
            if p.written == 0 {
                std::fs::write(&path, &changed).unwrap();
            }
            ControlFlow::Continue(())
        })
        .unwrap_err();
        assert!(matches!(err, ImportError::Changed(_)), "{what}: {err}");
        assert!(err.is_bad_input(), "{what}");
        assert!(err
            .to_string()
            .contains("changed while it was being imported"));
        assert_eq!(s.counts().unwrap().positions, 0, "{what}");
        assert_eq!(s.digest().unwrap(), before, "{what}");
    }
}
