//! Reading drafts from Word and PDF files the tests write: numbered paragraphs, a footnote,
//! running heads dropped; broken files give errors that name them, and nothing is recorded.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_core::draft::extract::{read_file, ExtractError};
use concord_core::draft::preview;
use concord_core::model::ProvisionKind;
use docx_rs::{Docx, Footnote, Paragraph, Run};
use lopdf::content::Operation;
use lopdf::Object;

fn labels(text: &str) -> Vec<(ProvisionKind, String)> {
    preview(text, None)
        .provisions
        .into_iter()
        .map(|p| (p.kind, p.label))
        .collect()
}

#[test]
fn a_word_draft_reads_with_its_footnote() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rev1.docx");
    let note = Footnote::new()
        .add_content(Paragraph::new().add_run(Run::new().add_text("See A/75/816, para. 7.")));
    let file = std::fs::File::create(&path).unwrap();
    Docx::new()
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("I. Introduction")))
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("1. International law applies to the use of ICTs."))
                .add_run(Run::new().add_footnote_reference(note)),
        )
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("2. States should cooperate:")))
        .add_paragraph(
            Paragraph::new().add_run(Run::new().add_text("(a) on capacity-building & CBMs;")),
        )
        .build()
        .pack(file)
        .unwrap();
    let text = read_file(&path).unwrap();
    let k = |kind: ProvisionKind, label: &str| (kind, label.to_string());
    assert_eq!(
        labels(&text),
        [
            k(ProvisionKind::Heading, "I"),
            k(ProvisionKind::Paragraph, "1"),
            k(ProvisionKind::Paragraph, "2"),
            k(ProvisionKind::Subparagraph, "2 (a)"),
            k(ProvisionKind::Footnote, "fn 1"),
        ]
    );
    let p = preview(&text, None);
    assert_eq!(
        p.provisions[1].text,
        "International law applies to the use of ICTs.[1]"
    );
    assert_eq!(p.provisions[3].text, "on capacity-building & CBMs;");
    assert_eq!(p.provisions[4].text, "See A/75/816, para. 7.");
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

/// A PDF of `pages`, each a list of lines, set in Helvetica one line under the other, with
/// the document's symbol at the top and a page number at the bottom of every page.
fn write_pdf(path: &std::path::Path, pages: &[&[&str]]) {
    let drawn = pages
        .iter()
        .enumerate()
        .map(|(n, lines)| {
            let mut ops = vec![
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec!["F1".into(), 11.into()]),
                Operation::new("Td", vec![72.into(), 760.into()]),
                Operation::new("Tj", vec![Object::string_literal("A/AC.292/2025/L.1")]),
            ];
            for line in lines.iter() {
                ops.push(Operation::new("Td", vec![0.into(), (-16).into()]));
                ops.push(Operation::new("Tj", vec![Object::string_literal(*line)]));
            }
            ops.extend([
                Operation::new("ET", vec![]),
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec!["F1".into(), 9.into()]),
                Operation::new("Td", vec![300.into(), 40.into()]),
                Operation::new(
                    "Tj",
                    vec![Object::string_literal(format!("{}/{}", n + 1, pages.len()))],
                ),
                Operation::new("ET", vec![]),
            ]);
            ops
        })
        .collect();
    concord_testing::pdf::save(path, "Helvetica", drawn);
}

#[test]
fn a_pdf_draft_reads_line_by_line_without_running_heads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rev2.pdf");
    write_pdf(
        &path,
        &[
            &[
                "A. Norms",
                "1. States should not conduct or knowingly",
                "support harmful ICT activity.[1]",
            ],
            &[
                "2. States should cooperate.",
                "3. The Group will meet again.",
            ],
            &["Footnotes", "1 A/75/816."],
        ],
    );
    let text = read_file(&path).unwrap();
    assert!(
        !text.contains("A/AC.292/2025/L.1"),
        "running head dropped: {text}"
    );
    assert!(!text.contains("1/3"), "page numbers dropped: {text}");
    let p = preview(&text, Some("rev2.pdf".into()));
    let got: Vec<(&str, &str)> = p
        .provisions
        .iter()
        .map(|x| (x.label.as_str(), x.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("A", "Norms"),
            (
                "1",
                "States should not conduct or knowingly support harmful ICT activity.[1]"
            ),
            ("2", "States should cooperate."),
            ("3", "The Group will meet again."),
            ("fn 1", "A/75/816."),
        ]
    );
}

#[test]
fn broken_files_are_named_errors() {
    let dir = tempfile::tempdir().unwrap();
    let not_zip = dir.path().join("broken.docx");
    std::fs::write(&not_zip, b"PK\x03\x04 this is not really a zip").unwrap();
    let err = read_file(&not_zip).unwrap_err();
    assert!(matches!(err, ExtractError::Docx { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("broken.docx is not a readable Word file"),
        "{err}"
    );

    // A zip that is not a Word package.
    let other = dir.path().join("other.docx");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&other).unwrap());
        zip.start_file("hello.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, b"hello").unwrap();
        zip.finish().unwrap();
    }
    let err = read_file(&other).unwrap_err().to_string();
    assert!(err.contains("no word/document.xml"), "{err}");

    let pdf = dir.path().join("broken.pdf");
    std::fs::write(
        &pdf,
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer",
    )
    .unwrap();
    let err = read_file(&pdf).unwrap_err();
    assert!(matches!(err, ExtractError::Pdf { .. }), "{err}");
    assert!(
        err.to_string().contains("broken.pdf is not a readable PDF"),
        "{err}"
    );

    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, " \n\n").unwrap();
    let err = read_file(&empty).unwrap_err().to_string();
    assert!(err.contains("holds no text"), "{err}");
}
