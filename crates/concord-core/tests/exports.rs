//! Every summary format written, then read back by a real reader: the csv crate, calamine
//! for XLSX, LibreOffice (headless) for DOCX and XLSX, serde_json for JSON. A quote with
//! commas, quotation marks, line breaks, Arabic and Chinese text must survive intact.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_core::export::export_summary;
use concord_core::model::{ExportFormat, PositionInput, SessionDiffQuery, Stance, SummaryRequest};
use concord_core::reference::{self, OEWG};
use concord_core::Store;
use std::path::{Path, PathBuf};

const QUOTE: &str =
    "We \"firmly\" support it, with safeguards;\nالأمن السيبراني, 网络安全 — and more";
const SOURCE: &str = "A/AC.292/2024/CRP.1, para. 3";

fn store() -> Store {
    let mut s = concord_testing::store();
    let mut say = |iso3: &str, seq: i64, stance: Stance, quote: &str| {
        let input = PositionInput {
            stance,
            summary: "Summary, with a comma".into(),
            quote: quote.into(),
            source: SOURCE.into(),
            ..concord_testing::position(iso3, seq)
        };
        concord_testing::say(&mut s, input);
    };
    say("EGY", 7, Stance::Opposes, "Not now.");
    say("EGY", 8, Stance::Conditional, QUOTE);
    s
}

fn diff() -> SummaryRequest {
    SummaryRequest::Sessions {
        query: SessionDiffQuery {
            process_id: reference::process_id(OEWG),
            before_from: 7,
            before_to: 7,
            after_from: 8,
            after_to: 8,
            group_id: None,
        },
    }
}

fn write(format: ExportFormat, dir: &Path) -> PathBuf {
    let s = store();
    let path = dir.join(format!("diff.{}", format.as_str()));
    let mut steps = Vec::new();
    let out = export_summary(&s, &diff(), format, &path, &mut |m| {
        steps.push(m.to_string())
    })
    .unwrap();
    assert_eq!(out.rows, 1);
    assert!(steps.len() >= 3, "progress was reported: {steps:?}");
    assert!(
        std::fs::read_dir(dir).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".partial")),
        "no partial file left"
    );
    path
}

/// LibreOffice, headless, converting `file` to `to` ("txt:Text", "csv"); returns the text.
fn libreoffice(file: &Path, to: &str, ext: &str) -> String {
    String::from_utf8(concord_testing::office::convert(file, to, ext)).unwrap()
}

#[test]
fn csv_reads_back_to_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(ExportFormat::Csv, dir.path());
    let mut r = csv::Reader::from_path(&path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "Section",
            "Actor",
            "Regional group",
            "Change",
            "From",
            "To",
            "Quote",
            "Source"
        ]
    );
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(
        rows,
        [[
            "Programme of Action",
            "Egypt",
            "African Group",
            "Stance changed",
            "Opposes",
            "Conditional",
            QUOTE,
            SOURCE
        ]]
    );
}

#[test]
fn json_holds_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(ExportFormat::Json, dir.path());
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let change = &v["changes"][0];
    assert_eq!(change["kind"], "changed");
    assert_eq!(change["from_stance"], "opposes");
    assert_eq!(change["after"]["quote"], QUOTE);
    assert_eq!(change["after"]["source"], SOURCE);
    assert_eq!(change["after"]["date"], "2024-07-08");
}

#[test]
fn markdown_escapes_the_quote_and_keeps_its_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(ExportFormat::Md, dir.path());
    let md = std::fs::read_to_string(path).unwrap();
    assert!(md.starts_with("# What moved: 7th substantive session → 8th substantive session"));
    assert!(md.contains("## Programme of Action"));
    assert!(md.contains("1 State moved on the Programme of Action, 1 towards support"));
    assert!(
        md.contains(
            "“We \"firmly\" support it, with safeguards; / الأمن السيبراني, 网络安全 — and more”"
        ),
        "{md}"
    );
}

#[test]
fn xlsx_is_a_real_table_read_by_calamine_and_libreoffice() {
    use calamine::{open_workbook, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let path = write(ExportFormat::Xlsx, dir.path());
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let range = book.worksheet_range("Summary").unwrap();
    let cells: Vec<String> = range.rows().flatten().map(|c| c.to_string()).collect();
    assert!(cells.contains(&QUOTE.to_string()), "{cells:?}");
    assert!(cells.contains(&"Conditional".to_string()));
    let tables = book
        .load_tables()
        .map(|_| book.table_names().len())
        .unwrap();
    assert_eq!(tables, 1, "one Excel table with header and filters");

    let csv_text = libreoffice(&path, "csv:Text - txt - csv (StarCalc):44,34,76", "csv");
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_text.as_bytes());
    let found = r.records().any(|x| x.unwrap().iter().any(|c| c == QUOTE));
    assert!(found, "LibreOffice reads the quote intact: {csv_text}");
}

#[test]
fn docx_opens_in_libreoffice_with_the_quote_and_its_footnoted_source() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(ExportFormat::Docx, dir.path());
    let text = libreoffice(&path, "txt:Text", "txt");
    assert!(text.contains("What moved: 7th substantive session → 8th substantive session"));
    assert!(
        text.contains("“We \"firmly\" support it, with safeguards;"),
        "{text}"
    );
    assert!(
        text.contains("الأمن السيبراني, 网络安全 — and more”"),
        "{text}"
    );
    // Plain text drops footnotes; LibreOffice's HTML keeps them as "sdfootnote" notes.
    let html = libreoffice(&path, "html", "html");
    let (_, notes) = html
        .split_once("id=\"sdfootnote1\"")
        .expect("the source became footnote 1");
    let words = strip_tags(notes);
    assert!(words.contains(SOURCE), "the source, as a footnote: {words}");
}

/// The text of some HTML: tags dropped, white space collapsed.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_missing_folder_is_a_clear_error_and_writes_nothing() {
    let s = store();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder").join("x.xlsx");
    let e = export_summary(&s, &diff(), ExportFormat::Xlsx, &path, &mut |_| {}).unwrap_err();
    assert!(e.to_string().contains("its folder does not exist"), "{e}");
    assert!(!path.exists());
}
