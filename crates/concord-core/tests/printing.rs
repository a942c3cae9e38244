//! Exports that print: a State's summary written as XLSX and DOCX, converted to PDF by
//! LibreOffice (headless) as a colleague would print it, then read back with lopdf: the pages
//! are A4 landscape, the whole table is on the page (every column's text is there), and a
//! long quote wraps between words, never inside one.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use concord_core::export::export_summary;
use concord_core::model::{ExportFormat, PositionInput, Stance, SummaryRequest};
use concord_core::reference;
use std::path::Path;

const QUOTE: &str = "A new legally binding instrument at this stage would be premature and \
    counterproductive; the existing framework of voluntary, non-binding norms must first be \
    implemented, and capacity-building must come before any negotiation of new obligations";
const SOURCE: &str = "A/AC.292/2024/CRP.1, para. 3";

fn summary(dir: &Path, format: ExportFormat) -> std::path::PathBuf {
    summary_of(dir, format, &[(7, Stance::Opposes), (8, Stance::Concerns)])
}

/// The Russian Federation's summary with a position at each of `sessions`.
fn summary_of(dir: &Path, format: ExportFormat, sessions: &[(i64, Stance)]) -> std::path::PathBuf {
    let mut s = concord_testing::store();
    for &(seq, stance) in sessions {
        let input = PositionInput {
            stance,
            summary: "Against a treaty now; prefers implementing the agreed framework first".into(),
            quote: QUOTE.into(),
            source: SOURCE.into(),
            ..concord_testing::position("RUS", seq)
        };
        concord_testing::say(&mut s, input);
    }
    let path = dir.join(format!("russia.{}", format.as_str()));
    let request = SummaryRequest::Actor {
        actor_id: reference::state_id("RUS"),
        process_id: None,
        from_seq: None,
        to_seq: None,
    };
    export_summary(&s, &request, format, &path, &mut |_| {}).unwrap();
    path
}

/// The text of each page of a PDF, in order.
fn page_texts(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    doc.get_pages()
        .keys()
        .map(|n| doc.extract_text(&[*n]).unwrap())
        .collect()
}

/// Each page's size in points (width, height), and all the text, from a PDF.
fn pdf(bytes: &[u8]) -> (Vec<(f32, f32)>, String) {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages = doc.get_pages();
    let sizes = pages
        .values()
        .map(|&id| {
            let page = doc.get_dictionary(id).unwrap();
            let media = page
                .get(b"MediaBox")
                .and_then(|m| m.as_array())
                .unwrap()
                .iter()
                .map(|v| v.as_float().unwrap_or_else(|_| v.as_i64().unwrap() as f32))
                .collect::<Vec<f32>>();
            (media[2] - media[0], media[3] - media[1])
        })
        .collect();
    let numbers: Vec<u32> = pages.keys().copied().collect();
    (sizes, doc.extract_text(&numbers).unwrap())
}

/// The words of a text, whatever lines and spaces the PDF put between them.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_owned).collect()
}

fn check(format: ExportFormat) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = summary(dir.path(), format);
    let (pages, text) = pdf(&concord_testing::office::convert(&path, "pdf", "pdf"));
    assert!(!pages.is_empty());
    for (w, h) in &pages {
        assert!(w > h, "landscape: {w} × {h}");
        assert!(
            (w - 842.0).abs() < 2.0 && (h - 595.0).abs() < 2.0,
            "A4: {w} × {h}"
        );
    }
    let all = words(&text).join(" ");
    assert!(all.contains("Positions of the Russian Federation"), "{all}");
    for word in words(QUOTE) {
        assert!(
            words(&text).iter().any(|w| w.contains(&word)),
            "“{word}” whole in: {all}"
        );
    }
    assert!(
        all.contains(SOURCE),
        "the last column is on the page: {all}"
    );
    text
}

#[test]
fn an_xlsx_summary_prints_landscape_one_page_wide_with_every_column_and_word() {
    let text = words(&check(ExportFormat::Xlsx)).join(" ");
    assert!(
        text.contains("Page 1 of 1"),
        "page numbers in the footer: {text}"
    );
}

#[test]
fn a_docx_summary_prints_landscape_and_wraps_quotes_between_words() {
    let text = words(&check(ExportFormat::Docx)).join(" ");
    assert!(
        text.contains("Page 1 of 1"),
        "page numbers in the footer: {text}"
    );
}

#[test]
fn a_long_docx_summary_repeats_its_header_row_on_every_page_and_numbers_them() {
    let dir = tempfile::tempdir().unwrap();
    let sessions: Vec<(i64, Stance)> = (1..=11).map(|seq| (seq, Stance::Opposes)).collect();
    let path = summary_of(dir.path(), ExportFormat::Docx, &sessions);
    let pages = page_texts(&concord_testing::office::convert(&path, "pdf", "pdf"));
    assert!(pages.len() >= 2, "the table runs onto a second page");
    let count = pages.len();
    for (i, text) in pages.iter().enumerate() {
        let all = words(text).join(" ");
        for head in ["Session", "Stance", "Summary", "Quote"] {
            assert!(all.contains(head), "page {}: header {head} in {all}", i + 1);
        }
        assert!(
            !all.contains("Oppos es"),
            "the stance is whole on page {}: {all}",
            i + 1
        );
        assert!(
            all.contains(&format!("Page {} of {count}", i + 1)),
            "page {} numbered: {all}",
            i + 1
        );
    }
}
