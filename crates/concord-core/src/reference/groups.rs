//! The sourced memberships of four negotiating groups — the Non-Aligned Movement, the Group
//! of 77, the African Union and the Arab Group — read from `data/groups.csv` (copied with its
//! rules, `data/groups.md`, from the project's shared sources; a build never reads outside
//! the repository).
//!
//! The file's rules hold here: a date is taken only where the row gives a full one (a year
//! alone stays in the source note); only current members are listed, so no membership ends;
//! suspensions are dated facts kept in the note, not ends of membership. The rows marked
//! UNSURE are taken as follows:
//! - China in the G77: left out. China does not consider itself a member; statements are
//!   made "on behalf of the Group of 77 and China". The group's note says so.
//! - The Sahrawi Arab Democratic Republic in the AU (`ESH`): left out, as Concord has no actor
//!   for it (it is not a UN Member State, and ESH is the code of a territory). The note says so.
//! - South Sudan's admission dates: NAM's is the announcement of 2024-01-17, the later of the
//!   two the sources give (so no view counts it a member before it surely was); the AU's is
//!   left empty, as the file leaves it. The uncertainty is kept in the source note.

use super::MembershipDef;
use chrono::NaiveDate;
use std::sync::LazyLock;

const GROUPS_CSV: &str = include_str!("data/groups.csv");

/// The file's group codes and the keys of Concord's groups (see `super::groups`).
const KEYS: &[(&str, &str)] = &[
    ("NAM", "NAM"),
    ("G77", "G77"),
    ("AU", "AU"),
    ("ARAB_GROUP", "ARAB"),
];

/// Rows left out, by the rules above: (group code, ISO3).
const LEFT_OUT: &[(&str, &str)] = &[("G77", "CHN"), ("AU", "ESH")];

struct Row {
    group: &'static str,
    iso3: String,
    from: Option<String>,
    source: String,
}

static ROWS: LazyLock<Vec<Row>> = LazyLock::new(|| {
    let mut reader = csv::Reader::from_reader(GROUPS_CSV.as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .filter_map(|r| {
            let (code, iso3) = (r.get(0)?, r.get(1)?);
            let group = KEYS.iter().find(|(c, _)| *c == code)?.1;
            if LEFT_OUT.contains(&(code, iso3)) {
                return None;
            }
            let from = r
                .get(3)
                .filter(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
                .map(str::to_owned);
            let (url, note) = (r.get(5).unwrap_or(""), r.get(6).unwrap_or(""));
            let source = if note.is_empty() {
                url.to_owned()
            } else {
                format!("{url} — {note}")
            };
            Some(Row {
                group,
                iso3: iso3.to_owned(),
                from,
                source,
            })
        })
        .collect()
});

/// The memberships of the four groups, as the reference data loads them.
pub fn memberships() -> Vec<MembershipDef> {
    ROWS.iter()
        .map(|r| MembershipDef {
            group: r.group,
            member_iso3: &r.iso3,
            valid_from: r.from.as_deref(),
            valid_to: None,
            source: &r.source,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(group: &str) -> usize {
        memberships().iter().filter(|m| m.group == group).count()
    }

    #[test]
    fn every_row_of_the_file_is_read_and_only_the_unsure_ones_are_left_out() {
        assert_eq!(count("NAM"), 121);
        assert_eq!(count("G77"), 133, "China is not counted a member");
        assert_eq!(count("AU"), 54, "the SADR has no actor");
        assert_eq!(count("ARAB"), 22);
    }

    #[test]
    fn dates_are_full_dates_from_the_file_and_every_row_names_its_source() {
        for m in memberships() {
            assert!(
                m.source.starts_with("http"),
                "{}: {}",
                m.member_iso3,
                m.source
            );
            if let Some(d) = m.valid_from {
                assert!(NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok(), "{d}");
            }
        }
        let ssd = memberships()
            .into_iter()
            .find(|m| m.group == "NAM" && m.member_iso3 == "SSD")
            .map(|m| m.valid_from);
        assert_eq!(ssd, Some(Some("2024-01-17")));
    }

    #[test]
    fn every_member_is_a_state_concord_knows() {
        let known: Vec<&str> = super::super::states().iter().map(|s| s.iso3).collect();
        for m in memberships() {
            assert!(
                known.contains(&m.member_iso3),
                "{} in {}",
                m.member_iso3,
                m.group
            );
        }
    }

    #[test]
    fn a_file_loaded_with_the_earlier_arab_group_list_gets_the_sourced_one() {
        use crate::reference::{group_id, state_id};
        use crate::{FixedClock, Store};
        let mut store =
            Store::open_in_memory(std::sync::Arc::new(FixedClock::new()), uuid::Uuid::nil())
                .unwrap();
        store.load_reference().unwrap();
        let arab = group_id("ARAB");
        // What reference data version 2 held: Algeria undated and unsourced.
        store
            .write(|w| {
                w.tx().execute(
                    "INSERT INTO group_membership (id, group_id, member_id, source, changed_by,
                       updated_at) VALUES (?1, ?2, ?3, 'League of Arab States members (unverified)',
                       ?4, 'then')",
                    rusqlite::params![
                        crate::clock::reference_id("membership", "ARAB:DZA:"),
                        arab,
                        state_id("DZA"),
                        crate::clock::reference_installation()
                    ],
                )?;
                Ok::<_, crate::StoreError>(())
            })
            .unwrap();
        assert_eq!(store.memberships(arab).unwrap().len(), 23);
        store.load_reference().unwrap();
        let members = store.memberships(arab).unwrap();
        assert_eq!(members.len(), 22);
        let algeria = members
            .iter()
            .find(|m| m.member_id == state_id("DZA"))
            .unwrap();
        assert!(
            algeria.valid_from.is_some(),
            "admitted to the League on a known day"
        );
        assert!(algeria.source.as_deref().unwrap().starts_with("http"));
        assert_eq!(store.memberships(group_id("NAM")).unwrap().len(), 121);
        assert_eq!(store.memberships(group_id("G77")).unwrap().len(), 133);
    }
}
