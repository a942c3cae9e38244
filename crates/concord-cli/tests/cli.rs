//! The `concord` command as scripts meet it: exit codes, JSON field names, and the SQLite file.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("test.concord")
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_on(&self.db(), args)
    }

    fn run_on(&self, db: &Path, args: &[&str]) -> Output {
        common::concord(self.dir.path(), db, args)
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn positions_in_file(&self) -> i64 {
        rusqlite::Connection::open(self.db())
            .unwrap()
            .query_row("SELECT count(*) FROM position", [], |r| r.get(0))
            .unwrap()
    }
}

#[test]
fn init_gives_193_member_states_and_the_oewg_sessions_with_dates() {
    let env = Env::new();
    env.ok(&["init"]);
    let states: serde_json::Value =
        serde_json::from_str(&env.ok(&["actors", "--kind", "state", "--format", "json"])).unwrap();
    let states = states.as_array().unwrap();
    assert_eq!(states.len(), 193);
    let brazil = states.iter().find(|s| s["iso3"] == "BRA").unwrap();
    assert_eq!(brazil["m49"], "076");
    assert_eq!(brazil["kind"], "state");

    let sessions: serde_json::Value = serde_json::from_str(&env.ok(&[
        "sessions",
        "--process",
        "OEWG 2021–2025",
        "--format",
        "json",
    ]))
    .unwrap();
    let sessions = sessions.as_array().unwrap();
    assert_eq!(sessions.len(), 12);
    assert_eq!(sessions[0]["title"], "Organizational session");
    assert!(sessions[0]["start_date"].is_null());
    let expected = [
        ("2021-12-13", "2021-12-17"),
        ("2022-03-28", "2022-04-01"),
        ("2022-07-25", "2022-07-29"),
        ("2023-03-06", "2023-03-10"),
        ("2023-07-24", "2023-07-28"),
        ("2023-12-11", "2023-12-15"),
        ("2024-03-04", "2024-03-08"),
        ("2024-07-08", "2024-07-12"),
        ("2024-12-02", "2024-12-06"),
        ("2025-02-17", "2025-02-21"),
        ("2025-07-07", "2025-07-11"),
    ];
    for (i, (start, end)) in expected.iter().enumerate() {
        assert_eq!(sessions[i + 1]["number"], i as i64 + 1);
        assert_eq!(sessions[i + 1]["start_date"], *start);
        assert_eq!(sessions[i + 1]["end_date"], *end);
    }
    // init again is harmless
    env.ok(&["init"]);
}

#[test]
fn a_good_csv_imports_and_reads_back() {
    let env = Env::new();
    env.ok(&["init"]);
    let csv = env.file(
        "good.csv",
        "actor,session,topic,proposal,stance,summary,quote,source\n\
         France,7,International law,,supports,IHL applies,\"Commas, \"\"quotes\"\" and\nnew lines\",\"A/79/214, para. 27\"\n\
         CHN,8,,LBI,supports,,,\n\
         United States,8,,New legally binding instrument,opposes,,,\n",
    );
    let out = env.ok(&["import", "positions", csv.to_str().unwrap()]);
    assert!(out.contains("imported 3 positions"), "{out}");
    assert_eq!(env.positions_in_file(), 3);

    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["positions", "--actor", "FRA", "--format", "json"]))
            .unwrap();
    let france = &json[0];
    assert_eq!(france["actor_name"], "France");
    assert_eq!(france["stance"], "supports");
    assert_eq!(france["quote"], "Commas, \"quotes\" and\nnew lines");
    assert_eq!(france["subject"]["kind"], "topic");
    assert_eq!(france["session_title"], "7th substantive session");

    let by_session: serde_json::Value =
        serde_json::from_str(&env.ok(&["positions", "--session", "8", "--format", "json"]))
            .unwrap();
    assert_eq!(by_session.as_array().unwrap().len(), 2);

    // CSV out reads back into a fresh database as the same rows.
    let exported = env.ok(&["positions", "--format", "csv"]);
    let again = env.file("again.csv", &exported);
    let other = env.dir.path().join("other.concord");
    assert!(env.run_on(&other, &["init"]).status.success());
    let out = env.run_on(&other, &["import", "positions", again.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let back = env.run_on(&other, &["positions", "--format", "csv"]);
    assert_eq!(
        csv_rows(&String::from_utf8(back.stdout).unwrap()),
        csv_rows(&exported)
    );
    assert_eq!(csv_rows(&exported).len(), 4, "header and three rows");
}

#[test]
fn an_unknown_state_on_line_7_names_line_7_exits_2_and_writes_nothing() {
    let env = Env::new();
    env.ok(&["init"]);
    let csv = env.file(
        "bad.csv",
        "actor,session,topic,stance\n\
         France,7,International law,supports\n\
         Germany,7,International law,supports\n\
         Italy,7,International law,supports\n\
         Spain,7,International law,supports\n\
         Chile,7,International law,supports\n\
         Freedonia,7,International law,supports\n\
         Peru,7,International law,supports\n",
    );
    let out = env.run(&["import", "positions", csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("line 7, column actor: unknown actor \"Freedonia\""),
        "{err}"
    );
    assert_eq!(env.positions_in_file(), 0);
    // An option names the same way, with the closest known names.
    let out = env.run(&["positions", "--actor", "Germny"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("did you mean “Germany”?"), "{err}");
}

#[test]
fn bad_arguments_and_missing_files_exit_2() {
    let env = Env::new();
    env.ok(&["init"]);
    assert_eq!(
        env.run(&["positions", "--actor", "Atlantis"]).status.code(),
        Some(2)
    );
    assert_eq!(
        env.run(&["actors", "--kind", "planet"]).status.code(),
        Some(2)
    );
    let out = env.run(&["import", "positions", "/nonexistent/file.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /nonexistent/file.csv"));
}

#[test]
fn a_newer_database_is_refused_with_exit_2_and_left_alone() {
    let env = Env::new();
    let db = env.db();
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.pragma_update(None, "application_id", 0x436f_6e63)
            .unwrap();
        c.pragma_update(None, "user_version", 42).unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let out = env.run(&["init"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer Concord"));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

/// The records of a CSV, sorted: the same rows in any order compare equal.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    rows.sort();
    rows
}

#[test]
fn search_finds_a_quote_word_without_accents() {
    let env = Env::new();
    env.ok(&["init"]);
    let csv = env.file(
        "q.csv",
        "actor,session,topic,stance,quote\n\
         Côte d'Ivoire,7,International law,supports,La souveraineté numérique compte\n\
         France,7,International law,supports,Capacity-building first\n",
    );
    env.ok(&["import", "positions", csv.to_str().unwrap()]);
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["search", "souverainete", "--format", "json"])).unwrap();
    let hits = json.as_array().unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["position"]["actor_name"], "Côte d'Ivoire");
    let marked: Vec<&str> = hits[0]["excerpt"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["hit"] == true)
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert_eq!(marked, ["souveraineté"]);
    let table = env.ok(&["search", "capacity", "--actor", "FRA"]);
    assert!(table.contains("[Capacity]-building"), "{table}");
    assert_eq!(env.run(&["search", "  "]).status.code(), Some(2));
}

#[test]
fn diff_sessions_prints_json_entries_and_refuses_an_unknown_session() {
    let env = Env::new();
    env.ok(&["init"]);
    let csv = env.file(
        "p.csv",
        "actor,session,proposal,stance,quote,source\n\
         France,7,Programme of Action,supports,,A/AC.292/2024/CRP.1\n\
         France,8,Programme of Action,opposes,\"Not, in this form\",https://example.org/s\n\
         Kenya,8,Programme of Action,supports,,\n",
    );
    env.ok(&["import", "positions", csv.to_str().unwrap()]);
    let out = env.ok(&["diff", "sessions", "7", "8", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let changes = v["changes"].as_array().unwrap();
    let kinds: Vec<(&str, &str)> = changes
        .iter()
        .map(|c| {
            (
                c["actor_name"].as_str().unwrap(),
                c["kind"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(kinds, [("France", "changed"), ("Kenya", "new")]);
    assert_eq!(changes[0]["from_stance"], "supports");
    assert_eq!(changes[0]["to_stance"], "opposes");
    assert_eq!(changes[0]["before"]["source"], "A/AC.292/2024/CRP.1");
    assert_eq!(changes[0]["after"]["source"], "https://example.org/s");

    let csv_out = env.ok(&["diff", "sessions", "7", "8", "--format", "csv"]);
    let mut r = csv::Reader::from_reader(csv_out.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(&rows[0][6], "Not, in this form");

    let bad = env.run(&["diff", "sessions", "7", "99"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown session \"99\""));
}

#[test]
fn export_all_then_import_all_into_a_new_file_keeps_every_row() {
    let env = Env::new();
    env.ok(&["demo"]);
    let all = env.dir.path().join("all.json");
    env.ok(&[
        "export",
        "all",
        "--format",
        "json",
        "--out",
        all.to_str().unwrap(),
    ]);
    let copy = env.dir.path().join("copy.concord");
    let out = env.run_on(&copy, &["import", "all", all.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let count = |db: &Path, table: &str| -> i64 {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    for table in [
        "actor",
        "position",
        "position_history",
        "group_membership",
        "source",
    ] {
        assert_eq!(count(&env.db(), table), count(&copy, table), "{table}");
    }
    // Again into the same file: refused, nothing added.
    let again = env.run_on(&copy, &["import", "all", all.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(count(&copy, "position"), count(&env.db(), "position"));
}

#[test]
fn export_summary_writes_each_format() {
    let env = Env::new();
    env.ok(&["demo"]);
    for format in ["md", "csv", "xlsx", "docx", "json"] {
        let out = env.dir.path().join(format!("poa.{format}"));
        env.ok(&[
            "export",
            "summary",
            "--proposal",
            "New legally binding instrument",
            "--format",
            format,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(std::fs::metadata(&out).unwrap().len() > 100, "{format}");
    }
    let md = std::fs::read_to_string(env.dir.path().join("poa.md")).unwrap();
    assert!(
        md.starts_with("# New legally binding instrument: who stands where"),
        "{md}"
    );
    let none = env.run(&["export", "summary", "--format", "md", "--out", "x.md"]);
    assert_eq!(none.status.code(), Some(2));
    // Without --format the file's name says it; a name that says another is refused.
    let by_name = env.dir.path().join("by-name.docx");
    env.ok(&[
        "export",
        "summary",
        "--matrix",
        "--out",
        by_name.to_str().unwrap(),
    ]);
    assert!(
        std::fs::read(&by_name).unwrap().starts_with(b"PK"),
        "a Word file is a zip"
    );
    let wrong = env.dir.path().join("wrong.xlsx");
    let out = env.run(&[
        "export",
        "summary",
        "--matrix",
        "--format",
        "md",
        "--out",
        wrong.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ends in .xlsx"));
    assert!(!wrong.exists(), "nothing written");
}

#[test]
fn two_revisions_import_and_diff_as_json() {
    let env = Env::new();
    env.ok(&["init"]);
    let rev1 = env.file(
        "rev1.txt",
        "1. Capacity-building should be effective.\n2. The Group will meet again.\n",
    );
    let rev2 = env.file(
        "rev2.txt",
        "1. The Group will meet again.\n2. Capacity-building should be full and equal.\nFootnotes\n1 A/75/816.\n",
    );
    let sym = ["--symbol", "A/AC.292/2025/L.1"];
    env.ok(&[
        &[
            "import",
            "document",
            rev1.to_str().unwrap(),
            "--revision",
            "Rev.1",
        ][..],
        &sym[..],
    ]
    .concat());
    let out = env.ok(&[
        &[
            "import",
            "document",
            rev2.to_str().unwrap(),
            "--revision",
            "Rev.2",
        ][..],
        &sym[..],
    ]
    .concat());
    assert!(out.contains("2 keep their identity from Rev.1"), "{out}");
    let json = env.ok(&[
        "diff",
        "revisions",
        "A/AC.292/2025/L.1 Rev.1",
        "A/AC.292/2025/L.1 Rev.2",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let body = v["body"].as_array().unwrap();
    let modified = body
        .iter()
        .find(|e| e["status"] == "modified" || e["status"] == "moved")
        .unwrap();
    assert_eq!(modified["old_label"], "1");
    assert_eq!(modified["new_label"], "2");
    assert_eq!(modified["inserted"][0], "full and equal");
    assert_eq!(modified["deleted"][0], "effective");
    assert_eq!(v["footnotes"][0]["status"], "added");
    // Search the drafts: "equal" is in Rev.2 para. 2 only.
    let found = env.ok(&["search", "equal", "--drafts", "--format", "json"]);
    let hits: serde_json::Value = serde_json::from_str(&found).unwrap();
    assert_eq!(hits.as_array().unwrap().len(), 1, "{found}");
    assert_eq!(hits[0]["revision_label"], "Rev.2");
    assert_eq!(hits[0]["label"], "2");
    let bad = env.run(&[
        "diff",
        "revisions",
        "A/AC.292/2025/L.1 Rev.9",
        "A/AC.292/2025/L.1 Rev.2",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    // The Word redline: a file, read back by LibreOffice with the changes accepted.
    let redline = env.dir.path().join("redline.docx");
    let revisions = [
        "diff",
        "revisions",
        "A/AC.292/2025/L.1 Rev.1",
        "A/AC.292/2025/L.1 Rev.2",
    ];
    let said = env.ok(&[
        &revisions[..],
        &["--format", "docx", "--out", redline.to_str().unwrap()][..],
    ]
    .concat());
    assert!(said.contains("changes tracked"), "{said}");
    let t = concord_testing::office::tracked(&redline);
    assert!(
        t.accepted
            .contains("2. Capacity-building should be full and equal."),
        "{}",
        t.accepted
    );
    assert!(
        t.rejected.contains("Capacity-building should be effective"),
        "{}",
        t.rejected
    );
    for wrong in [
        &["--format", "docx"][..],
        &["--format", "docx", "--out", "x.pdf"][..],
    ] {
        let out = env.run(&[&revisions[..], wrong].concat());
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("--out FILE.docx"));
    }
    // The brief asks for our delegation, then is printed as Markdown or written as Word.
    let rev2 = "A/AC.292/2025/L.1 Rev.2";
    let out = env.run(&["brief", rev2]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("set it first"));
    env.ok(&["settings", "--our", "France"]);
    let md = env.ok(&["brief", rev2]);
    assert!(
        md.starts_with("# Brief for France: A/AC.292/2025/L.1 Rev.2 (since Rev.1)"),
        "{md}"
    );
    assert!(md.contains("1 paragraph changed since Rev.1"), "{md}");
    let word = env.dir.path().join("brief.docx");
    let said = env.ok(&[
        "brief",
        rev2,
        "--format",
        "docx",
        "--out",
        word.to_str().unwrap(),
    ]);
    assert!(said.contains("0 paragraphs where we have"), "{said}");
    let text =
        String::from_utf8(concord_testing::office::convert(&word, "txt:Text", "txt")).unwrap();
    assert!(
        text.contains("Changed most where we said nothing"),
        "{text}"
    );
}

#[test]
fn a_broken_word_or_pdf_file_exits_2_names_it_and_records_nothing() {
    let env = Env::new();
    env.ok(&["init"]);
    let documents = || -> i64 {
        rusqlite::Connection::open(env.db())
            .unwrap()
            .query_row("SELECT count(*) FROM document", [], |r| r.get(0))
            .unwrap()
    };
    let before = documents();
    for (name, bytes) in [
        ("rev1.docx", &b"PK\x03\x04 not a zip"[..]),
        ("rev1.pdf", &b"%PDF-1.7 truncated"[..]),
    ] {
        let path = env.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = env.run(&[
            "import",
            "document",
            path.to_str().unwrap(),
            "--symbol",
            "A/AC.292/2025/L.1",
            "--revision",
            "Rev.1",
        ]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(name) && err.contains("not a readable"),
            "{err}"
        );
        assert_eq!(documents(), before, "{name}: nothing recorded");
    }
}

#[test]
fn a_revision_label_of_two_words_is_named_after_the_symbol() {
    let env = Env::new();
    env.ok(&["init"]);
    for (label, text) in [
        ("Zero draft", "1. States should cooperate.\n"),
        ("Rev.1", "1. States should cooperate closely.\n"),
    ] {
        let file = env.file("rev.txt", text);
        env.ok(&[
            "import",
            "document",
            file.to_str().unwrap(),
            "--symbol",
            "A/AC.292/2025/L.1",
            "--revision",
            label,
        ]);
    }
    let json = env.ok(&[
        "diff",
        "revisions",
        "A/AC.292/2025/L.1 Zero draft",
        "A/AC.292/2025/L.1 Rev.1",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["body"][0]["inserted"][0], "closely", "{json}");
}
