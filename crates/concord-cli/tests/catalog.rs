//! The delegation's own catalog from the command line: what each `add`, `edit`, `move`,
//! `merge topics`, `membership` and `champion` command writes, and that a refusal exits 2,
//! names the field and writes nothing.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

mod common;

use common::{concord, said};
use std::path::{Path, PathBuf};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let env = Env {
            dir: tempfile::tempdir().unwrap(),
        };
        env.ok(&["init"]);
        env
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("own.concord")
    }

    fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = said(concord(self.dir.path(), &self.db(), args));
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    }

    /// A refusal: exit 2, the message, and no row written anywhere.
    fn refused(&self, args: &[&str]) -> String {
        let before = self.change_sets();
        let (code, _, err) = said(concord(self.dir.path(), &self.db(), args));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert_eq!(self.change_sets(), before, "{args:?} wrote");
        err
    }

    fn query(&self, sql: &str) -> String {
        rusqlite::Connection::open(self.db())
            .unwrap()
            .query_row(sql, [], |r| r.get::<_, rusqlite::types::Value>(0))
            .map(|v| match v {
                rusqlite::types::Value::Text(t) => t,
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Null => "NULL".into(),
                other => format!("{other:?}"),
            })
            .unwrap()
    }

    fn change_sets(&self) -> String {
        self.query("SELECT count(*) FROM change_set")
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_delegation_starts_a_process_of_its_own_and_records_at_it() {
    let env = Env::new();
    env.ok(&[
        "add",
        "process",
        "Intergovernmental Negotiating Committee on plastic pollution",
        "--short",
        "INC",
        "--mandate",
        "UNEA resolution 5/14",
        "--chair",
        "Luis Vayas Valdivieso (Ecuador)",
    ]);
    env.ok(&[
        "add",
        "session",
        "--process",
        "INC",
        "--number",
        "5",
        "--title",
        "INC-5",
        "--start",
        "2024-11-25",
        "--end",
        "2024-12-01",
        "--place",
        "Busan",
    ]);
    env.ok(&[
        "add",
        "meeting",
        "--process",
        "INC",
        "--session",
        "5",
        "--date",
        "2024-11-26",
        "--title",
        "Contact group 1",
    ]);
    env.ok(&["add", "topic", "Production"]);
    env.ok(&["add", "topic", "Global cap", "--parent", "Production"]);
    env.ok(&[
        "add",
        "actor",
        "Center for International Environmental Law",
        "--kind",
        "stakeholder",
        "--short",
        "CIEL",
    ]);
    let out = env.ok(&[
        "add",
        "proposal",
        "Global production cap",
        "--champion",
        "RWA",
        "--champion",
        "PER",
    ]);
    assert!(out.contains("2 champions"), "{out}");
    let csv = env.file(
        "inc.csv",
        "actor,process,session,topic,stance,summary\n\
         Rwanda,INC,5,Production/Global cap,supports,a binding global target\n\
         CIEL,INC,5,Production/Global cap,supports,cap primary polymers\n",
    );
    env.ok(&["import", "positions", path(&csv)]);
    assert_eq!(
        env.query(
            "SELECT count(*) FROM position AS p JOIN session AS s ON s.id = p.session_id
             JOIN process AS pr ON pr.id = s.process_id WHERE pr.short_name = 'INC'"
        ),
        "2"
    );
    assert_eq!(
        env.query(
            "SELECT chair FROM process_status JOIN process USING (id) WHERE short_name = 'INC'"
        ),
        "Luis Vayas Valdivieso (Ecuador)"
    );
    let sessions = env.ok(&["sessions", "--process", "INC"]);
    assert!(
        sessions.contains("2024-11-25") && sessions.contains("Busan"),
        "{sessions}"
    );
    // `init` again leaves the delegation's own catalog as it is.
    env.ok(&["init"]);
    assert_eq!(
        env.query("SELECT count(*) FROM process WHERE short_name = 'INC'"),
        "1"
    );
}

#[test]
fn sessions_are_dated_and_renumbered_and_bad_values_name_the_field() {
    let env = Env::new();
    env.ok(&["add", "process", "Plastics talks", "--short", "INC"]);
    env.ok(&[
        "add",
        "session",
        "--process",
        "INC",
        "--number",
        "5",
        "--title",
        "INC-5",
    ]);
    env.ok(&["add", "session", "--process", "INC", "--title", "INC-5.2"]);
    let err = env.refused(&[
        "add",
        "session",
        "--process",
        "INC",
        "--number",
        "5",
        "--title",
        "Other",
    ]);
    assert!(err.contains("number") && err.contains("INC-5"), "{err}");
    let err = env.refused(&[
        "add",
        "session",
        "--process",
        "INC",
        "--title",
        "T",
        "--start",
        "2025-08-14",
        "--end",
        "2025-08-05",
    ]);
    assert!(err.contains("end date"), "{err}");
    let err = env.refused(&["add", "session", "--process", "Nowhere", "--title", "T"]);
    assert!(err.contains("Nowhere"), "{err}");
    env.ok(&[
        "edit",
        "session",
        "INC-5.2",
        "--process",
        "INC",
        "--number",
        "6",
        "--start",
        "2025-08-05",
        "--end",
        "2025-08-14",
        "--place",
        "Geneva",
    ]);
    assert_eq!(env.query("SELECT number || ' ' || start_date || ' ' || place FROM session WHERE title = 'INC-5.2'"), "6 2025-08-05 Geneva");
    let err = env.refused(&[
        "edit",
        "session",
        "INC-5.2",
        "--process",
        "INC",
        "--number",
        "5",
    ]);
    assert!(err.contains("number"), "{err}");
    let err = env.refused(&[
        "add",
        "meeting",
        "--process",
        "INC",
        "--session",
        "6",
        "--date",
        "2025-09-01",
    ]);
    assert!(err.contains("date") && err.contains("outside"), "{err}");
    // The Global Mechanism ships dated; its sessions are edited like any other.
    let gm = env.ok(&["sessions", "--process", "Global Mechanism"]);
    assert!(
        gm.contains("2026-12-07") && gm.contains("Dedicated thematic groups"),
        "{gm}"
    );
}

#[test]
fn topics_are_moved_merged_renamed_and_deleted() {
    let env = Env::new();
    env.ok(&["add", "topic", "Plastics"]);
    env.ok(&["add", "topic", "Design", "--parent", "Plastics"]);
    env.ok(&["add", "topic", "Recycling"]);
    let err = env.refused(&["move", "topic", "Plastics", "--to", "Plastics/Design"]);
    assert!(err.contains("under itself"), "{err}");
    env.ok(&["move", "topic", "Recycling", "--to", "Plastics"]);
    let csv = env.file(
        "p.csv",
        "actor,session,topic,stance,summary\nNorway,7,Plastics/Design,supports,design for reuse\n",
    );
    env.ok(&["import", "positions", path(&csv)]);
    let out = env.ok(&["merge", "topics", "Plastics/Design", "Plastics/Recycling"]);
    assert!(out.contains("1 positions"), "{out}");
    assert_eq!(
        env.query("SELECT t.name FROM position AS p JOIN topic AS t ON t.id = p.topic_id WHERE p.summary = 'design for reuse'"),
        "Recycling"
    );
    assert_eq!(
        env.query("SELECT count(*) FROM position_history WHERE op = 'update'"),
        "1"
    );
    env.ok(&[
        "edit",
        "topic",
        "Plastics/Recycling",
        "--name",
        "Circularity",
    ]);
    let err = env.refused(&["delete", "topic", "Plastics/Circularity"]);
    assert!(err.contains("merge it into another"), "{err}");
    env.ok(&["add", "topic", "Unused"]);
    env.ok(&["delete", "topic", "Unused"]);
    assert_eq!(
        env.query("SELECT count(*) FROM topic WHERE name = 'Unused'"),
        "0"
    );
}

#[test]
fn memberships_and_champions_are_dated_and_actors_keep_unique_codes() {
    let env = Env::new();
    env.ok(&[
        "add",
        "actor",
        "High Ambition Coalition",
        "--kind",
        "group",
        "--short",
        "HAC",
    ]);
    env.ok(&[
        "membership",
        "add",
        "--group",
        "HAC",
        "--member",
        "NOR",
        "--date",
        "2022-05-31",
        "--source",
        "launch",
    ]);
    let err = env.refused(&[
        "membership",
        "add",
        "--group",
        "HAC",
        "--member",
        "NOR",
        "--date",
        "2022-06-30",
    ]);
    assert!(err.contains("already a member"), "{err}");
    env.ok(&[
        "membership",
        "end",
        "--group",
        "HAC",
        "--member",
        "NOR",
        "--date",
        "2023-01-01",
        "--source",
        "suspended",
    ]);
    assert_eq!(env.query("SELECT valid_from || ' ' || valid_to || ' ' || source FROM group_membership WHERE source = 'suspended'"), "2022-05-31 2023-01-01 suspended");
    let err = env.refused(&["add", "actor", "Fake", "--kind", "igo", "--iso3", "FRA"]);
    assert!(err.contains("ISO3") && err.contains("France"), "{err}");
    let (code, _, _) = said(concord(
        env.dir.path(),
        &env.db(),
        &["add", "actor", "X", "--kind", "state"],
    ));
    assert_eq!(code, 2, "States come with the reference data");
    env.ok(&["add", "proposal", "Plastics cap", "--champion", "RWA"]);
    env.ok(&[
        "champion",
        "add",
        "--proposal",
        "Plastics cap",
        "--actor",
        "PER",
        "--from",
        "2024-11-25",
    ]);
    assert_eq!(
        env.query("SELECT valid_from FROM champion_period"),
        "2024-11-25"
    );
    let err = env.refused(&[
        "champion",
        "add",
        "--proposal",
        "Plastics cap",
        "--actor",
        "PER",
        "--from",
        "2024-11-25",
        "--to",
        "2024-01-01",
    ]);
    assert!(err.contains("until"), "{err}");
    env.ok(&[
        "champion",
        "remove",
        "--proposal",
        "Plastics cap",
        "--actor",
        "RWA",
    ]);
    assert_eq!(
        env.query(
            "SELECT count(*) FROM proposal_champion AS c JOIN proposal AS p ON p.id = c.proposal_id
             WHERE p.name = 'Plastics cap'"
        ),
        "1"
    );
}

#[test]
fn processes_proposals_and_actors_are_edited_and_topics_reordered() {
    let env = Env::new();
    env.ok(&["add", "process", "Plastics talks", "--short", "INC"]);
    env.ok(&[
        "edit",
        "process",
        "INC",
        "--name",
        "Intergovernmental Negotiating Committee on plastic pollution",
        "--chair",
        "Luis Vayas Valdivieso (Ecuador)",
        "--archive",
    ]);
    assert_eq!(
        env.query(
            "SELECT p.name || ' / ' || ps.chair || ' / ' || ps.archived FROM process AS p
             JOIN process_status AS ps USING (id) WHERE p.short_name = 'INC'"
        ),
        "Intergovernmental Negotiating Committee on plastic pollution / Luis Vayas Valdivieso (Ecuador) / 1"
    );
    env.ok(&["edit", "process", "INC", "--chair", "", "--unarchive"]);
    assert_eq!(
        env.query("SELECT coalesce(chair, 'none') || ' ' || archived FROM process_status JOIN process USING (id) WHERE short_name = 'INC'"),
        "none 0"
    );
    let err = env.refused(&["edit", "process", "INC", "--short", "OEWG 2021–2025"]);
    assert!(err.contains("short name"), "{err}");

    env.ok(&["add", "proposal", "Plastics cap"]);
    env.ok(&[
        "edit",
        "proposal",
        "Plastics cap",
        "--short",
        "Cap",
        "--description",
        "A global production cap",
    ]);
    assert_eq!(
        env.query(
            "SELECT short_name || ': ' || description FROM proposal WHERE name = 'Plastics cap'"
        ),
        "Cap: A global production cap"
    );

    env.ok(&["edit", "actor", "FRA", "--short", "La France"]);
    assert_eq!(
        env.query("SELECT name || ' / ' || short_name FROM actor WHERE iso3 = 'FRA'"),
        "France / La France"
    );
    let err = env.refused(&["edit", "actor", "FRA", "--iso3", "DEU"]);
    assert!(err.contains("ISO3") && err.contains("Germany"), "{err}");
    // `init` leaves the user's short name as it is.
    env.ok(&["init"]);
    assert_eq!(
        env.query("SELECT short_name FROM actor WHERE iso3 = 'FRA'"),
        "La France"
    );

    env.ok(&["add", "topic", "Plastics"]);
    env.ok(&["add", "topic", "Design", "--parent", "Plastics"]);
    env.ok(&["add", "topic", "Waste", "--parent", "Plastics"]);
    env.ok(&["move", "topic", "Plastics/Waste", "--index", "1"]);
    assert_eq!(
        env.query(
            "SELECT group_concat(name, ',') FROM (SELECT t.name FROM topic AS t JOIN topic AS p ON p.id = t.parent_id
             WHERE p.name = 'Plastics' ORDER BY t.ordinal)"
        ),
        "Waste,Design"
    );
}
