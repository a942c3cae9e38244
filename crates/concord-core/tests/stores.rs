//! Syncing through real servers on 127.0.0.1, started and stopped by the tests
//! (`concord_testing::servers`): WebDAV (`rclone serve webdav`, with a login) and an
//! S3-compatible one (moto's server).
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use concord_core::model::PositionInput;
use concord_core::team::{self, Login, TeamError};
use concord_core::Store;
use concord_testing::servers::{self, DAV_PASSWORD, DAV_USER};
use concord_testing::{replicas, summarised};

fn ana() -> Login {
    Login::given(DAV_USER, DAV_PASSWORD).unwrap()
}

fn sync(s: &mut Store) -> team::SyncReport {
    team::sync(s, chrono::Utc::now()).unwrap()
}

/// Three copies capture, edit one field on two of them, and sync in turn: all three end
/// with one record and one conflict.
fn three_copies_converge_through(address: &str, login: Option<&Login>) {
    let mut r = replicas(3);
    let key = team::create(&mut r[0], address, login).unwrap().to_text();
    for s in r.iter_mut().skip(1) {
        team::join(s, address, &key, login).unwrap();
    }
    let p = r[0]
        .add_position(&summarised("FRA", "first reading"))
        .unwrap();
    r[1].add_position(&summarised("BRA", "capital's note"))
        .unwrap();
    assert_eq!(sync(&mut r[0]).sent, 1);
    assert_eq!(sync(&mut r[1]).received, 1);
    sync(&mut r[2]);
    let mut a = PositionInput::from(&p);
    a.summary = "room".into();
    r[1].update_position(p.id, &a).unwrap();
    let mut b = PositionInput::from(&p);
    b.summary = "capital".into();
    r[2].update_position(p.id, &b).unwrap();
    for _ in 0..2 {
        for s in r.iter_mut() {
            sync(s);
        }
    }
    let digest = r[0].digest().unwrap();
    for s in &r {
        assert_eq!(s.digest().unwrap(), digest);
        assert_eq!(s.conflicts().unwrap().len(), 1);
        assert_eq!(s.counts().unwrap().positions, 2);
    }
    assert_eq!(team::status(&r[0]).unwrap().store.as_deref(), Some(address));
}

#[test]
fn three_copies_converge_through_webdav_with_a_login() {
    let dir = tempfile::tempdir().unwrap();
    let server = servers::webdav(dir.path());
    let address = format!("http://127.0.0.1:{}/delegation/team/", server.port);
    three_copies_converge_through(&address, Some(&ana()));
    // Each set is one whole file under the replica's folder; nothing half-written is left.
    let mut files = 0;
    for replica in std::fs::read_dir(dir.path().join("delegation/team/changes")).unwrap() {
        for f in std::fs::read_dir(replica.unwrap().path()).unwrap() {
            let name = f.unwrap().file_name().into_string().unwrap();
            assert!(!name.ends_with(".part"), "{name}");
            files += 1;
        }
    }
    assert!(files >= 4, "{files}");
}

#[test]
fn a_wrong_password_is_said_and_joins_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let server = servers::webdav(dir.path());
    let address = format!("http://127.0.0.1:{}/team/", server.port);
    let mut r = replicas(1);
    let wrong = Login::given("ana", "guess").unwrap();
    let err = team::create(&mut r[0], &address, Some(&wrong)).unwrap_err();
    assert!(matches!(err, TeamError::Location(_)), "{err}");
    assert!(err.to_string().contains("refused this login"), "{err}");
    let err = team::create(&mut r[0], &address, None).unwrap_err();
    assert!(err.to_string().contains("refused this login"), "{err}");
    assert_eq!(team::status(&r[0]).unwrap().store, None);
}

#[test]
fn work_done_while_the_server_is_down_is_sent_when_it_is_back() {
    let dir = tempfile::tempdir().unwrap();
    let port = servers::free_port();
    let server = servers::webdav_on(dir.path(), port);
    let address = format!("http://127.0.0.1:{port}/team/");
    let mut r = replicas(2);
    let key = team::create(&mut r[0], &address, Some(&ana())).unwrap();
    team::join(&mut r[1], &address, &key.to_text(), Some(&ana())).unwrap();
    drop(server);
    let p = r[0]
        .add_position(&summarised("KEN", "said offline"))
        .unwrap();
    let err = team::sync(&mut r[0], chrono::Utc::now()).unwrap_err();
    assert!(matches!(err, TeamError::Offline(_)), "{err}");
    assert!(!err.code().is_bad_input());
    let _back = servers::webdav_on(dir.path(), port);
    assert_eq!(sync(&mut r[0]).sent, 1);
    assert_eq!(sync(&mut r[1]).received, 1);
    assert_eq!(r[1].position(p.id).unwrap().summary, "said offline");
}

#[test]
fn the_window_syncs_from_inside_its_async_runtime() {
    // Tauri runs commands on a tokio runtime; sync must neither start nor block on one there.
    let dir = tempfile::tempdir().unwrap();
    let server = servers::webdav(dir.path());
    let address = format!("http://127.0.0.1:{}/team/", server.port);
    let mut r = replicas(1);
    team::create(&mut r[0], &address, Some(&ana())).unwrap();
    r[0].add_position(&summarised("IND", "async")).unwrap();
    let shared = std::sync::Mutex::new(r.pop().unwrap());
    let told = std::sync::Mutex::new(Vec::<team::SyncProgress>::new());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let report = runtime.block_on(async {
        team::sync_shared(
            || Ok::<_, TeamError>(shared.lock().unwrap()),
            chrono::Utc::now(),
            &|p| told.lock().unwrap().push(p.clone()),
        )
    });
    assert_eq!(report.unwrap().sent, 1);
    let told = told.into_inner().unwrap();
    assert_eq!(told.last().map(|p| (p.sent, p.to_send)), Some((1, 1)));
}

#[test]
fn two_copies_converge_through_an_s3_bucket() {
    let server = servers::s3("delegation");
    let port = server.port;
    let address = format!("s3://delegation/concord/team?endpoint=http://127.0.0.1:{port}/");
    let login = Login::given("AKIDEXAMPLE", "wJalrXUtnFEMI").unwrap();
    let mut r = replicas(2);
    let key = team::create(&mut r[0], &address, Some(&login)).unwrap();
    team::join(&mut r[1], &address, &key.to_text(), Some(&login)).unwrap();
    let a = r[0]
        .add_position(&summarised("MEX", "from the room"))
        .unwrap();
    let b = r[1]
        .add_position(&summarised("ZAF", "from the capital"))
        .unwrap();
    sync(&mut r[0]);
    assert_eq!(sync(&mut r[1]).received, 1);
    assert_eq!(sync(&mut r[0]).received, 1);
    assert_eq!(r[0].position(b.id).unwrap().summary, "from the capital");
    assert_eq!(r[1].position(a.id).unwrap().summary, "from the room");
    assert_eq!(r[0].digest().unwrap(), r[1].digest().unwrap());
}
