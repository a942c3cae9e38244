//! `concord alignment` on a record whose answer is known: two blocs that never agree, and a
//! State that crossed from one to the other between two sessions.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

mod common;

use common::{concord, said};

const TOPICS: [&str; 3] = [
    "International law",
    "Capacity-building",
    "Confidence-building measures",
];

fn record(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("a.concord");
    let mut csv = String::from("actor,session,topic,stance\n");
    for seq in [5, 7] {
        for topic in TOPICS {
            for west in ["France", "Germany"] {
                csv += &format!("{west},{seq},{topic},supports\n");
            }
            for east in ["Russian Federation", "Belarus"] {
                csv += &format!("{east},{seq},{topic},opposes\n");
            }
            let egypt = if seq == 5 { "supports" } else { "opposes" };
            csv += &format!("Egypt,{seq},{topic},{egypt}\n");
        }
    }
    let file = dir.join("p.csv");
    std::fs::write(&file, csv).unwrap();
    assert_eq!(said(concord(dir, &db, &["init"])).0, 0);
    let (code, _, err) = said(concord(
        dir,
        &db,
        &["import", "positions", file.to_str().unwrap()],
    ));
    assert_eq!(code, 0, "{err}");
    db
}

#[test]
fn alignment_lists_our_neighbours_and_who_moved() {
    let dir = tempfile::tempdir().unwrap();
    let db = record(dir.path());
    let args = [
        "alignment",
        "--sessions",
        "7",
        "--since",
        "5",
        "--our",
        "France",
    ];
    let (code, out, err) = said(concord(dir.path(), &db, &args));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("sessions 7–7 since 5–5: 5 actors (5 placed), 3 subjects"),
        "{out}"
    );
    let moved = out.split("moved most with France:").nth(1).unwrap();
    let first = moved.lines().nth(2).unwrap();
    assert!(
        first.starts_with("Egypt") && first.contains("0 %") && first.contains("100 %"),
        "{moved}"
    );

    let (code, csv, _) = said(concord(
        dir.path(),
        &db,
        &["alignment", "--sessions", "7", "--format", "csv"],
    ));
    assert_eq!(code, 0);
    assert!(csv.starts_with("actor,other,agreement,shared subjects,earlier agreement\n"));
    assert!(csv.contains("France,Germany,1.0000,3,\n"), "{csv}");
    assert!(csv.contains("Belarus,France,0.0000,3,\n"), "{csv}");

    let (code, json, _) = said(concord(dir.path(), &db, &["alignment", "--format", "json"]));
    assert_eq!(code, 0);
    let map: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(map["actors"].as_array().unwrap().len(), 5);
}

#[test]
fn alignment_refuses_a_backward_range_and_an_unknown_actor() {
    let dir = tempfile::tempdir().unwrap();
    let db = record(dir.path());
    let (code, _, err) = said(concord(
        dir.path(),
        &db,
        &["alignment", "--sessions", "7..5"],
    ));
    assert_eq!(code, 2);
    assert!(err.contains("give the earlier first"), "{err}");
    let (code, _, err) = said(concord(dir.path(), &db, &["alignment", "--our", "Frnace"]));
    assert_eq!(code, 2);
    assert!(err.contains("France"), "suggests the name: {err}");
}

#[test]
fn extract_prints_proposed_entries_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = record(dir.path());
    let text = dir.path().join("t.txt");
    std::fs::write(
        &text,
        "Egypt, speaking on behalf of the African Group, said that the Group could accept the \
         Programme of Action provided that capacity-building received dedicated funding.\n",
    )
    .unwrap();
    let before = said(concord(dir.path(), &db, &["positions", "--format", "csv"])).1;
    let args = [
        "extract",
        text.to_str().unwrap(),
        "--session",
        "7",
        "--source",
        "A/AC.292/2024/SR.3",
    ];
    let (code, out, err) = said(concord(dir.path(), &db, &args));
    assert_eq!(code, 0, "{err}");
    let entries: serde_json::Value = serde_json::from_str(&out).unwrap();
    let first = &entries[0];
    assert_eq!(first["actor_name"], "Egypt");
    assert_eq!(first["on_behalf_of_name"], "African Group");
    assert_eq!(first["subject_label"], "Programme of Action");
    assert_eq!(first["stance"], "conditional");
    assert_eq!(first["source"], "A/AC.292/2024/SR.3");
    assert_eq!(
        said(concord(dir.path(), &db, &["positions", "--format", "csv"])).1,
        before
    );

    let (code, _, err) = said(concord(
        dir.path(),
        &db,
        &["extract", text.to_str().unwrap(), "--session", "99"],
    ));
    assert_eq!(code, 2);
    assert!(err.contains("session"), "{err}");
}

#[test]
fn alignment_writes_the_map_as_a_picture_and_the_matrix_as_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let db = record(dir.path());
    for (name, magic) in [
        ("map.svg", &b"<svg"[..]),
        ("map.png", &b"\x89PNG"[..]),
        ("matrix.xlsx", &b"PK"[..]),
        ("matrix.csv", &b"actor,"[..]),
    ] {
        let out = dir.path().join(name);
        let args = [
            "alignment",
            "--our",
            "France",
            "--colour",
            "EU",
            "--out",
            out.to_str().unwrap(),
        ];
        let (code, _, err) = said(concord(dir.path(), &db, &args));
        assert_eq!(code, 0, "{name}: {err}");
        assert!(err.contains("5 actors"), "{err}");
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(magic), "{name}");
    }
    let out = dir.path().join("map.gif");
    let args = ["alignment", "--out", out.to_str().unwrap()];
    let (code, _, err) = said(concord(dir.path(), &db, &args));
    assert_ne!(code, 0);
    assert!(err.contains("end the name in .svg or .png"), "{err}");
    assert!(!out.exists());
}

#[test]
fn the_files_own_delegation_is_us_when_none_is_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let db = record(dir.path());
    let (code, out, _) = said(concord(dir.path(), &db, &["settings"]));
    assert_eq!(code, 0);
    assert!(out.contains("our delegation: not set"), "{out}");
    let (code, out, err) = said(concord(dir.path(), &db, &["settings", "--our", "France"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "our delegation: France");
    let (code, out, err) = said(concord(dir.path(), &db, &["alignment", "--sessions", "7"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("closest to France:"), "{out}");
    let (code, out, _) = said(concord(dir.path(), &db, &["settings", "--clear-our"]));
    assert_eq!(code, 0);
    assert!(out.contains("not set"), "{out}");
}
