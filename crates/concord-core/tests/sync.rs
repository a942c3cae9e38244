//! Two and three copies of one record syncing through a shared folder (`crate::team`): what
//! arrives, what is refused (tampered, cut short, another team's, put back), what waits.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use concord_core::model::PositionInput;
use concord_core::team::{self, TeamError};
use concord_core::Store;
use concord_testing::{replicas, summarised};
use std::path::Path;

fn sync(s: &mut Store) -> team::SyncReport {
    team::sync(s, chrono::Utc::now()).unwrap()
}

/// A team in `folder`: the first replica makes it, the others join with its key.
fn team_of(folder: &Path, stores: &mut [Store]) -> String {
    let key = team::create(&mut stores[0], folder.to_str().unwrap(), None)
        .unwrap()
        .to_text();
    for s in stores.iter_mut().skip(1) {
        team::join(s, folder.to_str().unwrap(), &key, None).unwrap();
    }
    key
}

fn files(folder: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for replica in std::fs::read_dir(folder.join("changes")).unwrap() {
        for f in std::fs::read_dir(replica.unwrap().path()).unwrap() {
            out.push(f.unwrap().path());
        }
    }
    out.sort();
    out
}

#[test]
fn a_capture_on_one_copy_arrives_on_the_other_and_a_shared_edit_is_a_conflict_on_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = replicas(2);
    team_of(dir.path(), &mut r);
    let p = r[0]
        .add_position(&summarised("FRA", "first reading"))
        .unwrap();
    assert_eq!(sync(&mut r[0]).sent, 1);
    let got = sync(&mut r[1]);
    assert_eq!((got.sent, got.received), (0, 1));
    assert_eq!(r[1].position(p.id).unwrap().summary, "first reading");

    let mut a = PositionInput::from(&p);
    a.summary = "room".into();
    r[0].update_position(p.id, &a).unwrap();
    let mut b = PositionInput::from(&p);
    b.summary = "capital".into();
    r[1].update_position(p.id, &b).unwrap();
    for _ in 0..2 {
        sync(&mut r[0]);
        sync(&mut r[1]);
    }
    assert_eq!(r[0].digest().unwrap(), r[1].digest().unwrap());
    for s in &r {
        assert_eq!(s.position(p.id).unwrap().summary, "capital");
        assert_eq!(s.conflicts().unwrap().len(), 1);
    }
    let status = team::status(&r[0]).unwrap();
    assert_eq!(status.open_conflicts, 1);
    assert!(status.last_sync.is_some());
    // Syncing again moves nothing; nothing on the store is readable without the key.
    let again = sync(&mut r[0]);
    assert_eq!((again.sent, again.received), (0, 0));
    for f in files(dir.path()) {
        let bytes = std::fs::read(&f).unwrap();
        assert!(
            !bytes.windows(7).any(|w| w == b"capital"),
            "{} is plain text",
            f.display()
        );
    }
}

/// Two copies in a team in `folder`; the first has sent two change sets.
fn two_sets_sent(folder: &Path) -> Vec<Store> {
    let mut r = replicas(2);
    team_of(folder, &mut r);
    r[0].add_position(&summarised("FRA", "one")).unwrap();
    r[0].add_position(&summarised("DEU", "two")).unwrap();
    sync(&mut r[0]);
    r
}

fn refused(result: Result<team::SyncReport, TeamError>, file: &Path) {
    let err = result.unwrap_err();
    assert!(matches!(err, TeamError::Refused { .. }), "{err}");
    let name = file.file_name().unwrap().to_string_lossy().to_string();
    assert!(err.to_string().contains(&name), "{err}");
}

#[test]
fn a_tampered_cut_short_foreign_or_put_back_file_is_refused_and_nothing_is_applied() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = two_sets_sent(dir.path());
    let before = r[1].digest().unwrap();
    let sets = files(dir.path());
    assert_eq!(sets.len(), 2);
    let (first, second) = (&sets[0], &sets[1]);
    let good = std::fs::read(second).unwrap();

    let mut changed = good.clone();
    changed[40] ^= 0x01;
    std::fs::write(second, &changed).unwrap();
    refused(team::sync(&mut r[1], chrono::Utc::now()), second);

    std::fs::write(second, &good[..good.len() / 2]).unwrap();
    refused(team::sync(&mut r[1], chrono::Utc::now()), second);

    std::fs::copy(first, second).unwrap();
    refused(team::sync(&mut r[1], chrono::Utc::now()), second);

    let other = team::TeamKey::generate();
    let name = format!(
        "changes/{}",
        second
            .strip_prefix(dir.path().join("changes"))
            .unwrap()
            .display()
    );
    std::fs::write(second, other.seal(&name, b"CSET1 anything").unwrap()).unwrap();
    refused(team::sync(&mut r[1], chrono::Utc::now()), second);
    assert_eq!(
        r[1].digest().unwrap(),
        before,
        "nothing of a refused sync is applied"
    );

    std::fs::write(second, &good).unwrap();
    assert_eq!(sync(&mut r[1]).received, 2);
}

#[test]
fn a_file_still_arriving_delays_only_what_comes_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = two_sets_sent(dir.path());
    let first = files(dir.path())[0].clone();
    let hidden = first.with_file_name(".still-copying");
    std::fs::rename(&first, &hidden).unwrap();
    let got = sync(&mut r[1]);
    assert_eq!((got.received, got.waiting), (0, 1));
    std::fs::rename(&hidden, &first).unwrap();
    assert_eq!(sync(&mut r[1]).received, 2);
    assert_eq!(r[0].digest().unwrap(), r[1].digest().unwrap());
}

#[test]
fn joining_with_another_teams_key_is_refused_as_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = replicas(2);
    team::create(&mut r[0], dir.path().to_str().unwrap(), None).unwrap();
    r[0].add_position(&summarised("FRA", "one")).unwrap();
    sync(&mut r[0]);
    let wrong = team::TeamKey::generate().to_text();
    let err = team::join(&mut r[1], dir.path().to_str().unwrap(), &wrong, None).unwrap_err();
    assert!(err.code().is_bad_input(), "{err}");
    assert!(matches!(
        team::sync(&mut r[1], chrono::Utc::now()),
        Err(TeamError::NotSet)
    ));
}

#[test]
fn a_missing_folder_is_offline_not_bad_input_and_unsafe_addresses_are_refused() {
    let mut r = replicas(1);
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("share");
    std::fs::create_dir(&gone).unwrap();
    team::create(&mut r[0], gone.to_str().unwrap(), None).unwrap();
    let kept = team::status(&r[0]).unwrap().store;
    std::fs::remove_dir(&gone).unwrap();
    let err = team::sync(&mut r[0], chrono::Utc::now()).unwrap_err();
    assert!(matches!(err, TeamError::Offline(_)), "{err}");
    assert!(!err.code().is_bad_input());
    for (address, says) in [
        ("http://192.0.2.1/team", "use https://"),
        (
            "https://ana:secret@dav.example.org/team",
            "their own fields",
        ),
        ("ftp://files.example.org/team", "not ftp://"),
        ("s3:///team", "give the bucket"),
        (
            "s3://bucket/team?endpoint=http://192.0.2.1:9000",
            "use https://",
        ),
        ("s3://bucket/team?acl=public", "unknown setting acl"),
    ] {
        let err = team::create(&mut r[0], address, None).unwrap_err();
        assert!(matches!(err, TeamError::Location(_)), "{address}: {err}");
        assert!(err.to_string().contains(says), "{address}: {err}");
    }
    // Nothing listens on the discard port: the store is offline, and the file is not in
    // that team.
    let err = team::create(&mut r[0], "http://127.0.0.1:9/team/", None).unwrap_err();
    assert!(matches!(err, TeamError::Offline(_)), "{err}");
    assert_eq!(team::status(&r[0]).unwrap().store, kept);
}

#[test]
fn three_copies_syncing_in_turn_converge() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = replicas(3);
    team_of(dir.path(), &mut r);
    let p = r[0].add_position(&summarised("FRA", "base")).unwrap();
    sync(&mut r[0]);
    for s in r.iter_mut().skip(1) {
        sync(s);
    }
    for (i, s) in r.iter_mut().enumerate() {
        let mut e = PositionInput::from(&p);
        e.summary = format!("edit {i}");
        s.update_position(p.id, &e).unwrap();
        s.add_position(&summarised("KEN", &format!("new {i}")))
            .unwrap();
    }
    for _ in 0..2 {
        for s in r.iter_mut().rev() {
            sync(s);
        }
    }
    let digest = r[0].digest().unwrap();
    assert!(r.iter().all(|s| s.digest().unwrap() == digest));
    assert_eq!(r[0].conflicts().unwrap().len(), 2);
}

#[test]
fn sets_of_a_copy_outside_the_team_are_relayed_so_a_newcomer_gets_everything() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = replicas(3);
    // An older colleague's copy, never in the team, merged into the first member's file.
    let p = r[0]
        .add_position(&summarised("FRA", "from the old copy"))
        .unwrap();
    let (outside, rest) = r.split_at_mut(1);
    rest[0].merge_from(&outside[0]).unwrap();
    rest[0]
        .add_position(&summarised("KEN", "the member's own"))
        .unwrap();
    team_of(dir.path(), rest);
    assert_eq!(
        sync(&mut rest[0]).sent,
        2,
        "its own set and the outside copy's"
    );
    let got = sync(&mut rest[1]);
    assert_eq!((got.received, got.waiting), (2, 0));
    assert_eq!(rest[1].position(p.id).unwrap().summary, "from the old copy");
    assert_eq!(rest[0].digest().unwrap(), rest[1].digest().unwrap());
}

#[test]
fn the_team_folder_is_kept_by_its_absolute_path() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = replicas(1);
    let typed = format!("{}/./", dir.path().display());
    team::create(&mut r[0], &typed, None).unwrap();
    let kept = team::status(&r[0]).unwrap().store.unwrap();
    assert_eq!(Path::new(&kept), dir.path().canonicalize().unwrap());
}

#[test]
fn a_conflict_names_the_colleague_who_made_it_and_a_copy_keeps_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = replicas(2);
    team_of(dir.path(), &mut r);
    team::set_name(&mut r[0], "  Ana Lima, capital ").unwrap();
    team::set_name(&mut r[1], "Ben Okafor, room").unwrap();
    let err = team::set_name(&mut r[1], "Ben\u{0}").unwrap_err();
    assert!(err.code().is_bad_input(), "{err}");
    assert_eq!(
        team::status(&r[0]).unwrap().name.as_deref(),
        Some("Ana Lima, capital")
    );
    let p = r[0].add_position(&summarised("FRA", "base")).unwrap();
    sync(&mut r[0]);
    sync(&mut r[1]);
    for (i, text) in [(0, "from the capital"), (1, "from the room")] {
        let mut e = PositionInput::from(&p);
        e.summary = text.into();
        r[i].update_position(p.id, &e).unwrap();
    }
    for _ in 0..2 {
        sync(&mut r[0]);
        sync(&mut r[1]);
    }
    // The room's edit is the later: the capital's is set aside, under Ana's name, on both.
    for s in &r {
        let c = s.conflicts().unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].set_aside, "from the capital");
        assert_eq!(c[0].by.as_deref(), Some("Ana Lima, capital"));
    }
    assert_eq!(r[0].digest().unwrap(), r[1].digest().unwrap());

    // A travel copy of Ana's file becomes a new replica on its first write, under her name.
    let files = tempfile::tempdir().unwrap();
    let (home, travel) = (
        files.path().join("a.concord"),
        files.path().join("b.concord"),
    );
    let clock = std::sync::Arc::new(concord_core::SystemClock);
    let ana = uuid::Uuid::from_u128(7);
    let mut s = Store::open_ready(&home, clock.clone(), ana).unwrap();
    team::set_name(&mut s, "Ana Lima, capital").unwrap();
    s.add_position(&summarised("KEN", "at home")).unwrap();
    drop(s);
    std::fs::copy(&home, &travel).unwrap();
    let mut t = Store::open_ready(&travel, clock, ana).unwrap();
    t.add_position(&summarised("IND", "on the road")).unwrap();
    let names = t.read_table("replica_name").unwrap().rows;
    assert_eq!(names.len(), 2, "one name for each copy");
    assert_ne!(t.replica_id().unwrap(), None);
}
