//! Two analysts, two machines (two config folders), two files: what `concord merge`,
//! `digest`, `conflicts`, `edit position` and `delete position` do, as scripts meet them.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

mod common;

use common::{concord, said};
use std::path::{Path, PathBuf};

struct Analyst {
    home: PathBuf,
    db: PathBuf,
}

impl Analyst {
    fn new(root: &Path, name: &str) -> Analyst {
        let home = root.join(name);
        std::fs::create_dir_all(&home).unwrap();
        let a = Analyst {
            db: home.join("record.concord"),
            home,
        };
        a.ok(&["init"]);
        a
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        said(concord(&self.home, &self.db, args))
    }

    fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    }

    fn digest(&self) -> String {
        self.ok(&["digest"]).trim().to_string()
    }

    fn merge(&self, other: &Analyst) -> String {
        self.ok(&["merge", other.db.to_str().unwrap()])
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }
}

fn csv(dir: &Path, rows: &str) -> PathBuf {
    let path = dir.join("in.csv");
    std::fs::write(
        &path,
        format!("actor,session,proposal,stance,summary\n{rows}"),
    )
    .unwrap();
    path
}

#[test]
fn two_analysts_share_one_record_through_merge() {
    let dir = tempfile::tempdir().unwrap();
    let room = Analyst::new(dir.path(), "room");
    let capital = Analyst::new(dir.path(), "capital");
    assert_eq!(
        room.digest(),
        capital.digest(),
        "init alone gives the same digest"
    );

    let input = csv(
        dir.path(),
        "France,7,Programme of Action,supports,first reading\n",
    );
    room.ok(&["import", "positions", input.to_str().unwrap()]);
    let said = capital.merge(&room);
    assert!(said.contains("1 change sets"), "{said}");
    assert_eq!(room.digest(), capital.digest());
    let positions = capital.json(&["positions", "--format", "json"]);
    let id = positions[0]["id"].as_str().unwrap().to_string();
    assert_eq!(positions[0]["summary"], "first reading");

    // Both edit the same summary; the later one shows on both, the other is set aside.
    room.ok(&["edit", "position", &id, "--summary", "as said in the room"]);
    capital.ok(&[
        "edit",
        "position",
        &id,
        "--summary",
        "as corrected in the capital",
    ]);
    room.merge(&capital);
    capital.merge(&room);
    assert_eq!(room.digest(), capital.digest());
    for a in [&room, &capital] {
        let shown = a.json(&["positions", "--format", "json"]);
        assert_eq!(shown[0]["summary"], "as corrected in the capital");
        let conflicts = a.json(&["conflicts", "--format", "json"]);
        assert_eq!(conflicts.as_array().unwrap().len(), 1);
        assert_eq!(conflicts[0]["set_aside"], "as said in the room");
    }
    let conflict = room.json(&["conflicts", "--format", "json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    room.ok(&["conflicts", "resolve", &conflict, "--keep", "theirs"]);
    capital.merge(&room);
    for a in [&room, &capital] {
        let shown = a.json(&["positions", "--format", "json"]);
        assert_eq!(shown[0]["summary"], "as said in the room");
        assert!(a
            .json(&["conflicts", "--format", "json"])
            .as_array()
            .unwrap()
            .is_empty());
    }
    assert_eq!(room.digest(), capital.digest());

    // Merging again changes nothing; deleting goes through history like the window's.
    let before = capital.digest();
    assert!(capital.merge(&room).contains(" 0 change sets"));
    assert_eq!(capital.digest(), before);
    capital.ok(&["delete", "position", &id]);
    room.merge(&capital);
    assert!(room
        .json(&["positions", "--format", "json"])
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn merging_something_that_is_not_a_concord_file_is_bad_input_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let a = Analyst::new(dir.path(), "a");
    let before = a.digest();
    let junk = dir.path().join("notes.concord");
    std::fs::write(&junk, "these are my notes, not a database").unwrap();
    let (code, _, err) = a.run(&["merge", junk.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("notes.concord"), "{err}");
    let (code, _, err) = a.run(&[
        "merge",
        dir.path().join("nowhere.concord").to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("does not exist"), "{err}");
    assert_eq!(a.digest(), before);
}

#[test]
fn edit_without_a_change_or_with_a_wrong_id_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let a = Analyst::new(dir.path(), "a");
    let (code, _, err) = a.run(&["edit", "position", "not-an-id", "--summary", "x"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = a.run(&[
        "edit",
        "position",
        "00000000-0000-7000-8000-000000000001",
        "--summary",
        "x",
    ]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn two_analysts_sync_through_a_webdav_server_with_a_login_and_names() {
    use concord_testing::servers::{self, DAV_PASSWORD, DAV_USER};
    let dir = tempfile::tempdir().unwrap();
    let served = dir.path().join("served");
    std::fs::create_dir(&served).unwrap();
    let dav = servers::webdav(&served);
    let store = format!("http://127.0.0.1:{}/team/", dav.port);
    let room = Analyst::new(dir.path(), "room");
    let capital = Analyst::new(dir.path(), "capital");

    let login = ["--user", DAV_USER, "--password", DAV_PASSWORD];
    let (code, _, err) = room.run(&["team", "create", "--store", &store, "--user", DAV_USER]);
    assert_eq!(code, 2, "a refused login is bad input: {err}");
    assert!(err.contains("refused this login"), "{err}");
    let made = room.ok(&[&["team", "create", "--store", &store][..], &login].concat());
    let key = made.lines().last().unwrap().to_string();
    assert!(key.starts_with("concord-team-"), "{made}");
    capital.ok(&[
        &["team", "join", "--store", &store, "--key", &key][..],
        &login,
    ]
    .concat());
    room.ok(&["team", "name", "Ana Lima, room"]);

    let input = csv(
        dir.path(),
        "France,7,Programme of Action,supports,first reading\n",
    );
    room.ok(&["import", "positions", input.to_str().unwrap()]);
    assert!(room.ok(&["sync"]).contains("2 change sets sent"));
    assert!(capital.ok(&["sync"]).contains("2 received"));
    assert_eq!(room.digest(), capital.digest());
    let status = capital.json(&["team", "status", "--format", "json"]);
    assert_eq!(status["store"], store.as_str());
    assert_eq!(status["name"], serde_json::Value::Null);
    assert!(room
        .ok(&["team", "status"])
        .contains("your name:      Ana Lima, room"));
}

#[test]
fn a_topic_name_both_gave_apart_merges_is_listed_as_a_clash_and_settles_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let room = Analyst::new(dir.path(), "room");
    let capital = Analyst::new(dir.path(), "capital");
    room.ok(&["add", "topic", "Ransomware"]);
    capital.ok(&["add", "topic", "Ransom"]);
    capital.ok(&["edit", "topic", "Ransom", "--name", "Ransomware"]);
    room.merge(&capital);
    capital.merge(&room);
    assert_eq!(room.digest(), capital.digest());
    let clashes = room.json(&["clashes", "--format", "json"]);
    assert_eq!(clashes, capital.json(&["clashes", "--format", "json"]));
    let clash = &clashes.as_array().unwrap()[0];
    assert_eq!(clash["kind"], "topic");
    assert_eq!(clash["about"], "2 top-level topics are named “Ransomware”.");
    assert!(room.ok(&["team", "status"]).contains("clashes:        1"));
    // By name the two cannot be told apart; by the ids `clashes` gives they can.
    let (code, _, err) = room.run(&["merge", "topics", "Ransomware", "Ransomware"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("since a merge"), "{err}");
    let rows = clash["rows"].as_array().unwrap();
    let (from, into) = (rows[0].as_str().unwrap(), rows[1].as_str().unwrap());
    room.ok(&["merge", "topics", from, into]);
    capital.merge(&room);
    assert_eq!(
        capital.ok(&["clashes"]).lines().count(),
        1,
        "the header only"
    );
}

#[test]
fn a_file_copied_by_hand_to_another_machine_carries_no_team_key_and_asks_to_join_again() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("team-folder");
    std::fs::create_dir(&folder).unwrap();
    let room = Analyst::new(dir.path(), "room");
    let made = room.ok(&["team", "create", "--store", folder.to_str().unwrap()]);
    let key = made.lines().last().unwrap().to_string();
    let input = csv(
        dir.path(),
        "France,7,Programme of Action,supports,first reading\n",
    );
    room.ok(&["import", "positions", input.to_str().unwrap()]);
    assert!(room.ok(&["sync"]).contains("sent"));
    let bytes = std::fs::read(&room.db).unwrap();
    assert!(
        !bytes.windows(key.len()).any(|w| w == key.as_bytes()),
        "the key is in the file's bytes"
    );

    // The file, copied by hand to the capital's machine (its own config folder).
    let capital = Analyst::new(dir.path(), "capital");
    std::fs::copy(&room.db, &capital.db).unwrap();
    let status = capital.ok(&["team", "status"]);
    assert!(status.contains(folder.to_str().unwrap()), "{status}");
    assert!(
        status.contains("team key:       not readable here"),
        "{status}"
    );
    let status = capital.json(&["team", "status", "--format", "json"]);
    assert_eq!(status["key_here"], false);
    let (code, _, err) = capital.run(&["sync"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("team key was set up by Concord on another computer")
            && err.contains("join the team again"),
        "{err}"
    );
    capital.ok(&[
        "team",
        "join",
        "--store",
        folder.to_str().unwrap(),
        "--key",
        &key,
    ]);
    capital.ok(&["sync"]);
    assert_eq!(room.digest(), capital.digest());
    let status = capital.json(&["team", "status", "--format", "json"]);
    assert_eq!(status["key_here"], true);
    // The room's copy, moved on its own machine, keeps its team.
    let moved = room.home.join("moved.concord");
    std::fs::rename(&room.db, &moved).unwrap();
    let room = Analyst {
        home: room.home.clone(),
        db: moved,
    };
    room.ok(&["sync"]);
}
