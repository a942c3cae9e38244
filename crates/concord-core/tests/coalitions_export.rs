//! The agreement map exported as a picture (SVG, PNG) and as the matrix (CSV, XLSX), read back
//! by real readers: an SVG parser, a PNG decoder, a CSV reader, calamine and LibreOffice.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use concord_core::export::agreement::export_map;
use concord_core::model::{AgreementQuery, MapFormat, MapRequest, PositionInput, Stance};
use concord_core::reference::{self, OEWG};
use concord_core::Store;
use concord_testing::{office, position, say, store};
use std::path::Path;

const SUBJECTS: [&str; 4] = [
    "International law",
    "Capacity-building",
    "Confidence-building measures",
    "Regular institutional dialogue",
];

/// France and Germany support everything; the Russian Federation opposes everything; Brazil
/// is conditional throughout. At session 5 Germany opposed everything (drift to session 8).
fn record() -> Store {
    let mut s = store();
    let mut says = |iso3: &str, seq: i64, stance: Stance| {
        for path in SUBJECTS {
            say(
                &mut s,
                PositionInput {
                    subject: concord_core::model::SubjectRef::Topic(reference::topic_id(path)),
                    stance,
                    ..position(iso3, seq)
                },
            );
        }
    };
    says("FRA", 8, Stance::Supports);
    says("DEU", 8, Stance::Supports);
    says("RUS", 8, Stance::Opposes);
    says("BRA", 8, Stance::Conditional);
    says("FRA", 5, Stance::Supports);
    says("DEU", 5, Stance::Opposes);
    says("RUS", 5, Stance::Opposes);
    s
}

fn request(since: bool) -> MapRequest {
    MapRequest {
        query: AgreementQuery {
            process_id: reference::process_id(OEWG),
            sessions: Some(concord_core::model::SeqRange { from: 8, to: 8 }),
            topic_ids: vec![],
            proposal_ids: vec![],
            since: since.then_some(concord_core::model::SeqRange { from: 5, to: 5 }),
            members_follow_groups: false,
            min_shared: 3,
            our_id: Some(reference::state_id("FRA")),
        },
        colour_by: Some(reference::group_id("EU")),
    }
}

fn export(s: &Store, format: MapFormat, dir: &Path, since: bool) -> std::path::PathBuf {
    let path = dir.join(format!("map.{}", format.as_str()));
    let done = export_map(s, &request(since), format, &path).unwrap();
    assert_eq!(done.format, format);
    assert_eq!(done.actors, 4);
    path
}

#[test]
fn the_map_as_svg_names_every_actor_and_draws_the_drift() {
    let s = record();
    let dir = tempfile::tempdir().unwrap();
    let svg = std::fs::read_to_string(export(&s, MapFormat::Svg, dir.path(), true)).unwrap();
    // A real SVG document, read by resvg's parser.
    let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).unwrap();
    assert!(tree.size().width() >= 600.0);
    for name in ["France", "Germany", "Russia", "Brazil"] {
        assert!(
            svg.contains(&format!(">\n{name}\n<")) || svg.contains(name),
            "{name}: {svg}"
        );
    }
    assert!(
        svg.contains("Who stands with whom: "),
        "the title names the process"
    );
    assert!(svg.contains("arrows from sessions 5–5"), "{svg}");
    // Our delegation, the EU's members and the rest are told apart in the legend.
    assert!(svg.contains("our delegation"));
    assert!(svg.contains("and its members"));
    assert!(svg.contains("not in "));
    // An arrow (a line and its head, a polygon) for each actor placed in both ranges: France,
    // Germany and Russia (Brazil said nothing at session 5). Germany crossed the map.
    assert_eq!(svg.matches("<polygon").count(), 3, "{svg}");
    assert_eq!(svg.matches("<polyline").count(), 3, "{svg}");
}

#[test]
fn the_map_as_png_is_a_picture_with_the_dots_in_their_colours() {
    let s = record();
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(export(&s, MapFormat::Png, dir.path(), false)).unwrap();
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&bytes).unwrap();
    assert_eq!(pixmap.width(), 1280, "twice the drawing's 640 pixels");
    let has = |(r, g, b): (u8, u8, u8)| {
        pixmap
            .pixels()
            .iter()
            .any(|p| (p.red(), p.green(), p.blue()) == (r, g, b))
    };
    assert!(has((0xa4, 0x26, 0x2c)), "our delegation's red dot");
    assert!(has((0x2e, 0x7d, 0x32)), "an EU member's green dot");
    assert!(has((0xb8, 0xc0, 0xca)), "a non-member's grey dot");
}

#[test]
fn the_matrix_as_csv_holds_every_pair_and_unknown_as_blank() {
    let s = record();
    let dir = tempfile::tempdir().unwrap();
    let path = export(&s, MapFormat::Csv, dir.path(), false);
    let mut r = csv::Reader::from_path(&path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, ["actor", "Brazil", "France", "Germany", "Russia"]);
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    let cell = |a: &str, b: &str| {
        let row = rows.iter().find(|x| x[0] == a).unwrap();
        row[header.iter().position(|h| h == b).unwrap()].clone()
    };
    assert_eq!(cell("France", "Germany"), "1.0000");
    assert_eq!(cell("France", "Russia"), "0.0000");
    assert_eq!(cell("Brazil", "France"), "0.5000");
    assert_eq!(cell("Germany", "Germany"), "1.0000");
}

#[test]
fn the_workbook_is_read_by_calamine_and_libreoffice() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let s = record();
    let dir = tempfile::tempdir().unwrap();
    let path = export(&s, MapFormat::Xlsx, dir.path(), true);
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["Agreement", "Pairs", "Places"]);
    let pairs = book.worksheet_range("Pairs").unwrap();
    let row = pairs
        .rows()
        .find(|r| r[0] == Data::String("France".into()) && r[1] == Data::String("Germany".into()))
        .unwrap();
    assert_eq!(row[2], Data::Float(1.0));
    assert_eq!(row[3], Data::Float(4.0), "four shared subjects");
    assert_eq!(row[4], Data::Float(0.0), "opposite camps at session 5");

    let text = String::from_utf8(office::convert(
        &path,
        "csv:Text - txt - csv (StarCalc):44,34,76",
        "csv",
    ))
    .unwrap();
    assert!(text.contains("France,50%,100%,100%,0%"), "{text}");
}

#[test]
fn a_missing_folder_is_refused_and_nothing_is_written() {
    let s = record();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no such folder").join("map.svg");
    let e = export_map(&s, &request(false), MapFormat::Svg, &path).unwrap_err();
    assert!(e.to_string().contains("its folder does not exist"), "{e}");
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}
