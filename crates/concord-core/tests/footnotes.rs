//! Footnotes as UN documents carry them: text copied from a UN PDF, with each page's
//! footnotes under a rule and the job number after them, and a PDF LibreOffice writes with
//! real footnotes at the foot of its pages and superscript calls.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_core::draft::extract::read_file;
use concord_core::draft::preview;
use concord_core::model::DraftPreview;
use concord_testing::office;

fn provisions(p: &DraftPreview) -> Vec<(&str, &str)> {
    p.provisions
        .iter()
        .map(|x| (x.label.as_str(), x.text.as_str()))
        .collect()
}

fn calls(p: &DraftPreview) -> Vec<(&str, Vec<&str>)> {
    p.footnotes
        .iter()
        .map(|f| {
            let at = f.called_in.iter().map(String::as_str).collect();
            (f.label.as_str(), at)
        })
        .collect()
}

/// The shape of a UN document's text as a PDF reader copies it: the symbol and the masthead,
/// a title with an asterisk footnote, calls glued to words, each page's footnotes under a
/// rule of underscores, the job number at the foot of the first page and page numbers with
/// it after, the symbol again as the next page's running head.
const COPIED: &str = "A/AC.292/2025/L.2
General Assembly Distr.: Limited
14 July 2025
Original: English
Draft report of the open-ended working group*
I. Introduction
1. The Group held its eleventh session in New York,1 as decided by the General Assembly.
2. States recalled the consensus reports2 of the Group and
their continued relevance.
______
* Reissued for technical reasons on 16 July 2025.
1 See General Assembly resolution 75/240.
2 A/76/135, annex, and
A/77/275.
25-11432 (E) 150725 *2511432*
A/AC.292/2025/L.2
3. States welcomed the decision to establish a Global Mechanism.3
______
3 A/80/257, para. 12.
25-11432 2/2
";

#[test]
fn text_copied_from_a_un_pdf_keeps_each_pages_footnotes_apart() {
    let p = preview(COPIED, None);
    let got = provisions(&p);
    assert_eq!(
        &got[1..],
        [
            ("I", "Introduction"),
            (
                "1",
                "The Group held its eleventh session in New York,[1] as decided by the General Assembly."
            ),
            (
                "2",
                "States recalled the consensus reports[2] of the Group and their continued relevance."
            ),
            ("fn *", "Reissued for technical reasons on 16 July 2025."),
            ("fn 1", "See General Assembly resolution 75/240."),
            ("fn 2", "A/76/135, annex, and A/77/275."),
            (
                "3",
                "States welcomed the decision to establish a Global Mechanism.[3]"
            ),
            ("fn 3", "A/80/257, para. 12."),
        ],
        "{got:#?}"
    );
    // The masthead — read as a heading, as the symbol is in capitals — holds the title's
    // asterisk call; the job number and the running head are gone.
    assert_eq!(got[0].0, "h1");
    assert!(got[0].1.ends_with("working group[*]"), "{}", got[0].1);
    assert!(!got.iter().any(|(_, t)| t.contains("25-11432")));
    assert_eq!(got.iter().filter(|(_, t)| t.contains("L.2")).count(), 1);
    assert_eq!(
        calls(&p),
        [
            ("fn *", vec!["h1"]),
            ("fn 1", vec!["1"]),
            ("fn 2", vec!["2"]),
            ("fn 3", vec!["3"]),
        ]
    );
    // Every footnote is called and has its text.
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

/// A flat ODF text of two pages whose paragraphs call real footnotes.
fn odt_with_footnotes() -> String {
    let note = |n: u32, text: &str| {
        format!(
            "<text:note text:id=\"ftn{n}\" text:note-class=\"footnote\"><text:note-citation>{n}</text:note-citation>\
             <text:note-body><text:p text:style-name=\"Footnote\">{text}</text:p></text:note-body></text:note>"
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>
 <style:style style:name="Break" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style>
</office:automatic-styles>
<office:body><office:text>
<text:p>I. Introduction</text:p>
<text:p>1. States recalled the consensus reports of the Group{n1}, as well as the norms of responsible State behaviour in the use of information and communications technologies.</text:p>
<text:p>2. States underlined that international law, in particular the Charter of the United Nations, is applicable{n2} and essential to maintaining peace and stability.</text:p>
<text:p text:style-name="Break">3. States welcomed the decision to establish a permanent mechanism{n3} with a single track.</text:p>
</office:text></office:body></office:document>
"#,
        n1 = note(1, "See A/75/816 and A/76/135."),
        n2 = note(2, "General Assembly resolution 70/237, which the Assembly adopted without a vote in December 2015."),
        n3 = note(3, "A/80/257."),
    )
}

#[test]
fn a_pdf_with_footnotes_at_the_foot_of_its_pages_reads_them_as_footnotes() {
    let dir = tempfile::tempdir().unwrap();
    let odt = dir.path().join("rev1.fodt");
    std::fs::write(&odt, odt_with_footnotes()).unwrap();
    let pdf = dir.path().join("rev1.pdf");
    std::fs::write(&pdf, office::convert(&odt, "pdf", "pdf")).unwrap();
    let text = read_file(&pdf).unwrap();
    let p = preview(&text, Some("rev1.pdf".into()));
    assert_eq!(
        provisions(&p),
        [
            ("I", "Introduction"),
            (
                "1",
                "States recalled the consensus reports of the Group[1], as well as the norms of \
                 responsible State behaviour in the use of information and communications technologies."
            ),
            (
                "2",
                "States underlined that international law, in particular the Charter of the United \
                 Nations, is applicable[2] and essential to maintaining peace and stability."
            ),
            (
                "3",
                "States welcomed the decision to establish a permanent mechanism[3] with a single track."
            ),
            ("fn 1", "See A/75/816 and A/76/135."),
            (
                "fn 2",
                "General Assembly resolution 70/237, which the Assembly adopted without a vote in December 2015."
            ),
            ("fn 3", "A/80/257."),
        ],
        "read from the PDF:\n{text}"
    );
    assert_eq!(
        calls(&p),
        [
            ("fn 1", vec!["1"]),
            ("fn 2", vec!["2"]),
            ("fn 3", vec!["3"]),
        ]
    );
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

/// One run of text for [`word_style_pdf`]: where it stands (x, baseline), its size, its rise
/// (`Ts`) and its text.
type Run = (i64, i64, i64, i64, &'static str);

/// A PDF set as Word sets UN documents: each run placed with `Tm`, body 10 pt, calls 6.5 pt
/// raised with `Ts`, footnotes 8 pt at the page's foot with their numbers raised above them,
/// and the job number at the very foot.
fn word_style_pdf(path: &std::path::Path, pages: &[&[Run]]) {
    use lopdf::content::Operation;
    use lopdf::Object;
    let drawn = pages
        .iter()
        .map(|runs| {
            let mut ops = vec![Operation::new("BT", vec![])];
            for &(x, y, size, rise, text) in runs.iter() {
                ops.push(Operation::new("Tf", vec!["F1".into(), size.into()]));
                ops.push(Operation::new("Ts", vec![rise.into()]));
                ops.push(Operation::new(
                    "Tm",
                    vec![1.into(), 0.into(), 0.into(), 1.into(), x.into(), y.into()],
                ));
                ops.push(Operation::new("Tj", vec![Object::string_literal(text)]));
            }
            ops.push(Operation::new("ET", vec![]));
            ops
        })
        .collect();
    concord_testing::pdf::save(path, "Times-Roman", drawn);
}

#[test]
fn a_pdf_set_as_word_sets_un_documents_reads_its_footnotes_and_calls() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l2.pdf");
    word_style_pdf(
        &path,
        &[
            &[
                (
                    72,
                    700,
                    10,
                    0,
                    "1. States recalled the reports of the Group",
                ),
                (290, 700, 6, 4, "1"),
                (293, 700, 10, 0, " and"),
                (72, 688, 10, 0, "their continued relevance."),
                (72, 676, 10, 0, "2. States agreed that capacity-building"),
                (72, 664, 10, 0, "should be demand-driven."),
                (72, 100, 5, 3, "1"),
                (76, 100, 8, 0, " A/76/135, annex, adopted by consensus in"),
                (72, 91, 8, 0, "2021 and endorsed by the General Assembly."),
                (72, 60, 8, 0, "25-11432 (E) 150725"),
            ],
            &[
                (72, 700, 10, 0, "3. States welcomed the mechanism."),
                (220, 700, 6, 4, "2"),
                (72, 100, 5, 3, "2"),
                (76, 100, 8, 0, " A/80/257."),
                (300, 60, 8, 0, "2/2"),
            ],
        ],
    );
    let text = read_file(&path).unwrap();
    let p = preview(&text, None);
    assert_eq!(
        provisions(&p),
        [
            (
                "1",
                "States recalled the reports of the Group[1] and their continued relevance."
            ),
            (
                "2",
                "States agreed that capacity-building should be demand-driven."
            ),
            ("3", "States welcomed the mechanism.[2]"),
            (
                "fn 1",
                // "2021" goes on with footnote 1: it does not follow 1 as a footnote number.
                "A/76/135, annex, adopted by consensus in 2021 and endorsed by the General Assembly."
            ),
            ("fn 2", "A/80/257."),
        ],
        "read from the PDF:\n{text}"
    );
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}
