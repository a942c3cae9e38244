//! What a user at a terminal meets when a draft file is read in Concord's reader process,
//! and when another Concord is writing to the same file.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed run

mod common;

use std::path::{Path, PathBuf};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let env = Env {
            dir: tempfile::tempdir().unwrap(),
        };
        assert_eq!(env.run(&["init"]).0, 0);
        env
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("record.concord")
    }

    /// (exit code, stdout, stderr) of `concord --db record.concord ARGS`.
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        common::said(common::concord(self.dir.path(), &self.db(), args))
    }

    fn import_document(&self, file: &Path, revision: &str) -> (i32, String, String) {
        self.run(&[
            "import",
            "document",
            file.to_str().unwrap(),
            "--symbol",
            "A/AC.292/2025/L.1",
            "--revision",
            revision,
        ])
    }

    fn documents(&self) -> i64 {
        rusqlite::Connection::open(self.db())
            .unwrap()
            .query_row("SELECT count(*) FROM document", [], |r| r.get(0))
            .unwrap()
    }
}

#[test]
fn a_word_draft_is_read_by_the_reader_process_and_recorded() {
    let env = Env::new();
    let path = env.dir.path().join("rev1.docx");
    docx_rs::Docx::new()
        .add_paragraph(docx_rs::Paragraph::new().add_run(
            docx_rs::Run::new().add_text("1. International law applies to the use of ICTs."),
        ))
        .add_paragraph(
            docx_rs::Paragraph::new()
                .add_run(docx_rs::Run::new().add_text("2. States should cooperate.")),
        )
        .build()
        .pack(std::fs::File::create(&path).unwrap())
        .unwrap();
    let (code, out, err) = env.import_document(&path, "Rev.1");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("with 2 provisions"), "{out}");
}

#[test]
fn a_pdf_nested_past_the_bound_is_refused_by_name_and_records_nothing() {
    let env = Env::new();
    let before = env.documents();
    let path = env.dir.path().join("deep.pdf");
    let mut pdf = b"%PDF-1.7\n1 0 obj\n".to_vec();
    pdf.extend(std::iter::repeat_n(b'[', 100_000));
    pdf.extend(b"\nendobj\n%%EOF\n");
    std::fs::write(&path, pdf).unwrap();
    let (code, _, err) = env.import_document(&path, "Rev.1");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("deep.pdf") && err.contains("nested more than 64 deep"),
        "{err}"
    );
    assert_eq!(env.documents(), before);
}

#[test]
fn a_second_writer_waits_then_says_the_file_is_busy_and_changes_nothing() {
    let env = Env::new();
    let before = env.documents();
    let text = env.dir.path().join("rev1.txt");
    std::fs::write(&text, "1. International law applies.\n").unwrap();
    // Another Concord in the middle of a write: it holds the write lock.
    let other = rusqlite::Connection::open(env.db()).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let (code, _, err) = env.import_document(&text, "Rev.1");
    // Exit 1 (a failure that is not the input's fault), with a sentence, never a panic (101).
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("the database is busy") && err.contains("Nothing was changed"),
        "{err}"
    );
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    assert_eq!(env.documents(), before);
    // Once the other writer is done, the same command goes through.
    let (code, _, err) = env.import_document(&text, "Rev.1");
    assert_eq!(code, 0, "{err}");
    assert_eq!(env.documents(), before + 1);
}
