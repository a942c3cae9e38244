//! The malformed-input suite: files from outside that are broken, oversized, bombs, nested too
//! deep, in the wrong encoding, with formula cells or cycles. Each gets the error the user
//! sees (pinned here by its words), and each leaves the database file byte for byte as it was.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed run

use concord_core::draft::extract;
use concord_core::import::{import_positions_csv, import_positions_json, ImportOptions};
use concord_core::model::{DocumentKind, RevisionInput};
use concord_core::{FixedClock, Store};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use uuid::Uuid;

/// A file-backed store with the reference data and the demo positions, and the bytes of its
/// files (the database and its WAL) to compare after each refusal.
struct Record {
    _dir: tempfile::TempDir,
    path: PathBuf,
    store: Store,
}

impl Record {
    fn new() -> Record {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("record.concord");
        let mut store =
            Store::open_ready(&path, Arc::new(FixedClock::new()), Uuid::from_u128(1)).unwrap();
        concord_core::demo::populate(&mut store).unwrap();
        Record {
            _dir: dir,
            path,
            store,
        }
    }

    fn bytes(&self) -> (Vec<u8>, Vec<u8>) {
        let wal = std::fs::read(format!("{}-wal", self.path.display())).unwrap_or_default();
        (std::fs::read(&self.path).unwrap(), wal)
    }

    fn dir(&self) -> &Path {
        self._dir.path()
    }

    /// Runs `attempt`, which must fail with a message holding `words`; the files must not change.
    fn refuses<T: std::fmt::Debug, E: std::fmt::Display>(
        &mut self,
        case: &str,
        words: &str,
        attempt: impl FnOnce(&mut Store, &Path) -> Result<T, E>,
    ) {
        let before = self.bytes();
        let dir = self.dir().to_path_buf();
        let message = match attempt(&mut self.store, &dir) {
            Ok(v) => panic!("{case}: accepted ({v:?}), expected “{words}”"),
            Err(e) => e.to_string(),
        };
        assert!(
            message.contains(words),
            "{case}: the message was {message:?}, expected it to hold {words:?}"
        );
        assert!(self.bytes() == before, "{case}: the database changed");
    }
}

fn csv(store: &mut Store, text: &[u8], create: bool) -> Result<u64, String> {
    let options = ImportOptions {
        create_missing: create,
    };
    import_positions_csv(store, text, options)
        .map(|r| r.positions_added)
        .map_err(|e| e.to_string())
}

fn json(store: &mut Store, text: &[u8]) -> Result<u64, String> {
    import_positions_json(store, text, ImportOptions::default())
        .map(|r| r.positions_added)
        .map_err(|e| e.to_string())
}

const HEAD: &str = "actor,session,proposal,stance,summary,quote,date,on_behalf_of\n";

fn row(fields: &str) -> Vec<u8> {
    format!("{HEAD}{fields}\n").into_bytes()
}

#[test]
fn malformed_csv_files_are_refused_with_their_line_and_change_nothing() {
    let mut r = Record::new();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty file", b"".to_vec(), "line 1 (header)"),
        (
            "no stance column",
            b"actor,session,proposal\nFRA,7,PoA\n".to_vec(),
            "stance",
        ),
        (
            "unknown State",
            row("Atlantis,7,PoA,supports,,,,"),
            "Atlantis",
        ),
        ("unknown stance", row("FRA,7,PoA,maybe,,,,"), "maybe"),
        ("unknown session", row("FRA,99,PoA,supports,,,,"), "99"),
        (
            "date outside the session",
            row("FRA,7,PoA,supports,,,2030-01-01,"),
            "2030-01-01",
        ),
        (
            "date not ISO",
            row("FRA,7,PoA,supports,,,01/02/2024,"),
            "01/02/2024",
        ),
        (
            "unknown group spoken for",
            row("FRA,7,PoA,supports,,,,Atlantis League"),
            "Atlantis League",
        ),
        (
            "unterminated quote",
            format!("{HEAD}FRA,7,PoA,supports,\"never closed\n").into_bytes(),
            "line 2",
        ),
        (
            "too many fields",
            row("FRA,7,PoA,supports,,,,,extra,more"),
            "line 2",
        ),
        (
            "not UTF-8",
            [HEAD.as_bytes(), b"FRA,7,PoA,supports,caf\xe9,,,\n"].concat(),
            "UTF-8",
        ),
        (
            "UTF-16 with its BOM",
            [
                &[0xff, 0xfe][..],
                &"actor,session"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes)
                    .collect::<Vec<u8>>(),
            ]
            .concat(),
            "line",
        ),
        (
            "formula as actor",
            row("=HYPERLINK(\"http://x\"),7,PoA,supports,,,,"),
            "HYPERLINK",
        ),
        (
            "quote over the limit",
            row(&format!("FRA,7,PoA,supports,,{},,", "q".repeat(100_001))),
            "the limit is 100000",
        ),
        (
            "a 2 MB paste in a summary",
            row(&format!("FRA,7,PoA,supports,{},,,", "s".repeat(2_000_000))),
            "the limit is 20000",
        ),
        (
            "no subject",
            b"actor,session,stance\nFRA,7,supports\n".to_vec(),
            "topic",
        ),
        (
            "good rows then a bad one",
            [
                row("FRA,7,PoA,supports,,,,"),
                b"BRA,7,PoA,nonsense,,,,\n".to_vec(),
            ]
            .concat(),
            "line 3",
        ),
    ];
    let count = cases.len();
    for (case, text, words) in cases {
        r.refuses(case, words, |s, _| csv(s, &text, false));
    }
    let created: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "topic nine levels deep",
            format!(
                "actor,session,topic,stance\nFRA,7,{},supports\n",
                ["T"; 9].join("/")
            )
            .into_bytes(),
            "9 levels deep",
        ),
        (
            "control character in a new topic",
            b"actor,session,topic,stance\nFRA,7,Law\x01Order,supports\n".to_vec(),
            "control character",
        ),
        (
            "a stakeholder name of 301 characters",
            format!(
                "actor,session,proposal,stance\n{},7,PoA,supports\n",
                "N".repeat(301)
            )
            .into_bytes(),
            "the limit is 300",
        ),
    ];
    let total = count + created.len();
    for (case, text, words) in created {
        r.refuses(case, words, |s, _| csv(s, &text, true));
    }
    assert!(total >= 20);
}

#[test]
fn malformed_json_files_are_refused_and_change_nothing() {
    let mut r = Record::new();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", b"".to_vec(), "the JSON cannot be read"),
        ("cut short", b"[{\"actor\": \"FRA\"".to_vec(), "line 1"),
        (
            "an object without positions",
            b"{\"a\": 1}".to_vec(),
            "list of positions",
        ),
        ("a number", b"42".to_vec(), "list of positions"),
        ("an entry that is not an object", b"[1]".to_vec(), "entry 1"),
        ("nested 100 000 deep", deep.into_bytes(), "recursion limit"),
        (
            "unknown State",
            br#"[{"actor":"Atlantis","session":7,"proposal":"PoA","stance":"supports"}]"#.to_vec(),
            "Atlantis",
        ),
        (
            "stance as a number",
            br#"[{"actor":"FRA","session":7,"proposal":"PoA","stance":3}]"#.to_vec(),
            "stance",
        ),
        (
            "not UTF-8",
            b"[{\"actor\":\"caf\xe9\"}]".to_vec(),
            "the JSON cannot be read",
        ),
    ];
    for (case, text, words) in cases {
        r.refuses(case, words, |s, _| json(s, &text));
    }
    // A byte order mark is not a fault.
    let with_bom =
        "\u{feff}[{\"actor\":\"FRA\",\"session\":7,\"proposal\":\"PoA\",\"stance\":\"supports\"}]";
    assert_eq!(json(&mut r.store, with_bom.as_bytes()).unwrap(), 1);
}

#[test]
fn malformed_whole_database_files_are_refused_and_change_nothing() {
    let mut r = Record::new();
    r.refuses(
        "into a database with records",
        "new, empty database",
        |s, _| {
            let dump = s.export_all(&mut |_| {}).unwrap();
            s.import_all(&dump, &mut |_| {})
        },
    );
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh.concord");
    let mut empty = Record {
        store: Store::open(&fresh, Arc::new(FixedClock::new()), Uuid::from_u128(2)).unwrap(),
        path: fresh,
        _dir: dir,
    };
    let dump = r.store.export_all(&mut |_| {}).unwrap();
    let with = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut d = dump.clone();
        f(&mut d);
        d
    };
    let cases: Vec<(&str, serde_json::Value, &str)> = vec![
        (
            "not an export",
            serde_json::json!({}),
            "not a Concord exchange file",
        ),
        (
            "a later exchange format",
            with(&|d| d["concord_exchange"] = 2.into()),
            "not a Concord exchange file",
        ),
        (
            "an older schema",
            with(&|d| d["schema_version"] = 3.into()),
            "schema version 3",
        ),
        (
            "an unknown table",
            with(&|d| d["tables"]["spy"] = serde_json::json!([])),
            "unknown table \"spy\"",
        ),
        (
            "a topic under itself",
            with(&|d| {
                let topics = d["tables"]["topic"].as_array_mut().unwrap();
                let id = topics[0]["id"].clone();
                topics[0]["parent_id"] = id;
            }),
            "cannot be placed under itself",
        ),
        (
            "an unknown column",
            with(&|d| {
                d["tables"]["actor"].as_array_mut().unwrap()[0]["evil"] = "x".into();
            }),
            "evil",
        ),
        (
            "a name with a control character",
            with(&|d| {
                d["tables"]["actor"].as_array_mut().unwrap()[0]["name"] = "Fra\u{0}nce".into();
            }),
            "actor, row 1, name: holds a control character (U+0000)",
        ),
    ];
    for (case, data, words) in cases {
        empty.refuses(case, words, |s, _| s.import_all(&data, &mut |_| {}));
    }
}

fn revision() -> RevisionInput {
    RevisionInput {
        symbol: "A/AC.292/2099/L.1".into(),
        revision_label: "Rev.1".into(),
        date: None,
        process_id: None,
        kind: DocumentKind::RevisedDraft,
        title: String::new(),
    }
}

/// A zip with `parts` (name, content), as Word files are.
fn zip_file(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in parts {
            z.start_file(*name, options).unwrap();
            z.write_all(content).unwrap();
        }
        z.finish().unwrap();
    }
    out.into_inner()
}

#[test]
fn malformed_drafts_are_refused_and_change_nothing() {
    let mut r = Record::new();
    r.refuses("a text over 5 MB", "over 5 MB", |s, _| {
        s.import_revision_text(&revision(), &"x".repeat(6 * 1024 * 1024))
    });
    r.refuses(
        "a paste over 5 million characters",
        "the pasted text is",
        |_, _| extract::preview_text(&"é".repeat(5_000_001)),
    );
    let many: String = (1..=3001)
        .map(|i| format!("{i}. Paragraph {i}.\n"))
        .collect();
    r.refuses("a draft of 3001 paragraphs", "3001 provisions", |s, _| {
        s.import_revision_text(&revision(), &many)
    });
    r.store
        .import_revision_text(&revision(), "1. States should cooperate.")
        .unwrap();
    r.refuses("the same revision label twice", "Rev.1", |s, _| {
        s.import_revision_text(&revision(), "1. States should cooperate more.")
    });
    let file = |dir: &Path, name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let bomb = vec![b' '; 80 * 1024 * 1024];
    let cases: Vec<(&str, &str, Vec<u8>, &str)> = vec![
        (
            "a .docx that is not a zip",
            "a.docx",
            b"plain text".to_vec(),
            "not a Word (zip) package",
        ),
        (
            "a zip with no document",
            "b.docx",
            zip_file(&[("other.xml", b"<x/>")]),
            "no word/document.xml",
        ),
        (
            "a zip bomb",
            "c.docx",
            zip_file(&[("word/document.xml", &bomb)]),
            "inflates",
        ),
        (
            "broken XML",
            "d.docx",
            zip_file(&[("word/document.xml", b"<w:document><w:body><w:p>")]),
            "holds no text",
        ),
        (
            "a PDF that is not one",
            "e.pdf",
            b"%PDF-1.4\nnot really".to_vec(),
            "not a readable PDF",
        ),
        ("an empty PDF", "f.pdf", Vec::new(), "not a readable PDF"),
        (
            "a PDF nested 100 000 deep",
            "g.pdf",
            format!("%PDF-1.4\n1 0 obj\n{}\nendobj\n", "[".repeat(100_000)).into_bytes(),
            "nested",
        ),
        (
            "text not in UTF-8",
            "h.txt",
            b"1. caf\xe9".to_vec(),
            "not a text file in UTF-8",
        ),
        (
            "an unknown kind",
            "i.rtf",
            b"{\\rtf1}".to_vec(),
            "Concord reads drafts from",
        ),
        (
            "a text with no words",
            "j.txt",
            b"  \n\n ".to_vec(),
            "holds no text",
        ),
    ];
    let dir = r.dir().to_path_buf();
    for (case, name, bytes, words) in cases {
        let path = file(&dir, name, &bytes);
        r.refuses(case, words, |_, _| extract::read_file(&path));
    }
    let big = dir.join("big.pdf");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(extract::MAX_FILE_BYTES + 1)
        .unwrap();
    r.refuses("a file over 50 MB", "a draft is far smaller", |_, _| {
        extract::read_file(&big)
    });
    r.refuses("a folder", "not a regular file", |_, d| {
        extract::read_file(&d.join("."))
    });
    // A byte order mark is not a fault, in a paste or a file.
    let bom = file(
        &dir,
        "k.txt",
        "\u{feff}1. States should cooperate.".as_bytes(),
    );
    assert!(extract::read_file(&bom).unwrap().starts_with("1."));
}

#[test]
fn hostile_database_files_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let open = |p: &Path| {
        Store::open_ready(p, Arc::new(FixedClock::new()), Uuid::from_u128(9)).map(|_| ())
    };
    let made = |name: &str| {
        let p = dir.path().join(name);
        drop(Store::open_ready(&p, Arc::new(FixedClock::new()), Uuid::from_u128(8)).unwrap());
        p
    };
    let text = dir.path().join("text.concord");
    std::fs::write(&text, "not a database").unwrap();
    let other = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("PRAGMA application_id = 42; CREATE TABLE t (x);")
        .unwrap();
    let newer = made("newer.concord");
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA user_version = 999;")
        .unwrap();
    let view = made("view.concord");
    rusqlite::Connection::open(&view)
        .unwrap()
        .execute_batch("CREATE VIEW leak AS SELECT * FROM actor;")
        .unwrap();
    let cases = [
        (&text, "not an SQLite file"),
        (&other, "another application"),
        (&newer, "newer Concord"),
        (&view, "view \"leak\""),
    ];
    for (path, words) in cases {
        let before = std::fs::read(path).unwrap();
        let message = open(path).unwrap_err().to_string();
        assert!(message.contains(words), "{}: {message}", path.display());
        assert_eq!(std::fs::read(path).unwrap(), before, "{}", path.display());
    }
}
