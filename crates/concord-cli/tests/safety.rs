//! `concord check`, `concord backup` and `concord restore`, as a user at a terminal meets them.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed run

mod common;

use std::path::Path;

/// `concord --db DIR/record.concord ARGS`: (exit code, stdout, stderr).
fn concord(dir: &Path, args: &[&str]) -> (i32, String, String) {
    common::said(common::concord(dir, &dir.join("record.concord"), args))
}

#[test]
fn backup_check_and_restore_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(concord(d, &["demo"]).0, 0);
    let (code, out, err) = concord(d, &["check"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("ok (integrity and schema checked)"), "{out}");

    let (code, out, err) = concord(d, &["backup"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("backed up to"), "{out}");
    let (_, list, _) = concord(d, &["backup", "--list"]);
    let backup = list
        .lines()
        .next()
        .unwrap()
        .split('\t')
        .nth(2)
        .unwrap()
        .to_string();
    assert!(backup.contains("/data/concord/backups/"), "{backup}");

    // Damage the record, then see check say so and restore bring it back.
    let db = d.join("record.concord");
    let mut bytes = std::fs::read(&db).unwrap();
    for b in &mut bytes[4096 * 12..4096 * 16] {
        *b = 0x5a;
    }
    std::fs::write(&db, &bytes).unwrap();
    let (code, _, err) = concord(d, &["check"]);
    assert_eq!(code, 2, "a damaged file is the file's fault: {err}");
    assert!(err.contains("is damaged"), "{err}");

    let (code, out, err) = concord(d, &["restore", &backup]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("is kept as"), "{out}");
    assert_eq!(concord(d, &["check"]).0, 0);
    let (code, out, _) = concord(d, &["positions", "--limit", "1"]);
    assert_eq!(code, 0);
    assert!(
        !out.trim().is_empty(),
        "the restored record has its positions"
    );
}

#[test]
fn restore_refuses_a_damaged_backup_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(concord(d, &["init"]).0, 0);
    let bad = d.join("bad.concord");
    std::fs::write(&bad, b"not a database at all").unwrap();
    let before = std::fs::read(d.join("record.concord")).unwrap();
    let (code, _, err) = concord(d, &["restore", bad.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a Concord database"), "{err}");
    assert_eq!(std::fs::read(d.join("record.concord")).unwrap(), before);
}
