//! Positions from JSON: the same checks as CSV, every problem with its entry and field, and
//! nothing written unless the whole file is good.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_core::import::{import_positions_json, ImportOptions};
use concord_core::model::{PositionFilter, Stance};
use concord_core::Store;

use concord_testing::store;

fn import(s: &mut Store, json: &str) -> Result<u64, String> {
    import_positions_json(s, json.as_bytes(), ImportOptions::default())
        .map(|r| r.positions_added)
        .map_err(|e| e.to_string())
}

#[test]
fn a_list_of_positions_imports_like_the_csv() {
    let mut s = store();
    let added = import(
        &mut s,
        r#"[
          {"actor": "FRA", "session": 7, "proposal": "PoA", "stance": "supports",
           "quote": "Line one,\nline \"two\" — 网络安全", "source": "A/79/214, para. 27",
           "date": "2024-03-05"},
          {"actor": "cote d'ivoire", "session": "8th substantive session",
           "topic": "International humanitarian law", "stance": "Red line", "note": null}
        ]"#,
    )
    .unwrap();
    assert_eq!(added, 2);
    let page = s.positions(&PositionFilter::default()).unwrap();
    let france = page
        .items
        .iter()
        .find(|p| p.actor_name == "France")
        .unwrap();
    assert_eq!(france.quote, "Line one,\nline \"two\" — 网络安全");
    assert_eq!(
        france.meeting_date.map(|d| d.to_string()).as_deref(),
        Some("2024-03-05")
    );
    let civ = page
        .items
        .iter()
        .find(|p| p.actor_name != "France")
        .unwrap();
    assert_eq!(civ.stance, Stance::RedLine);

    let wrapped = import(
        &mut s,
        r#"{"positions": [{"actor": "KEN", "session": 7, "proposal": "PoA", "stance": "supports"}]}"#,
    );
    assert_eq!(wrapped, Ok(1));
}

#[test]
fn every_problem_names_its_entry_and_field_and_nothing_is_written() {
    let mut s = store();
    let e = import(
        &mut s,
        r#"[
          {"actor": "FRA", "session": 7, "proposal": "PoA", "stance": "supports"},
          {"actor": "Atlantis", "session": 7, "proposal": "PoA", "stance": "supports"},
          {"actor": "FRA", "session": 7, "proposal": "PoA", "stance": "maybe", "colour": "red"},
          "not an object"
        ]"#,
    )
    .unwrap_err();
    assert!(
        e.contains("entry 2, field actor: unknown actor \"Atlantis\""),
        "{e}"
    );
    assert!(e.contains("entry 3, field colour: unknown field"), "{e}");
    assert!(e.contains("entry 4, field -:"), "{e}");
    assert_eq!(s.counts().unwrap().positions, 0);
}

#[test]
fn broken_json_says_where() {
    let mut s = store();
    let e = import(&mut s, "[\n  {\"actor\": \"FRA\",\n   \"session\": }\n]").unwrap_err();
    assert!(e.starts_with("line 3, column"), "{e}");
    assert!(e.contains("Nothing was imported"), "{e}");
    let e = import(&mut s, "{\"actor\": \"FRA\"}").unwrap_err();
    assert!(e.contains("a list of positions"), "{e}");
    assert_eq!(s.counts().unwrap().positions, 0);
}
