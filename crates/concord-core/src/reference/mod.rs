//! Reference data built into Concord and loaded by `init`: States, groups, processes, sessions,
//! documents, topics and proposals. Facts only, each with its source; a fact that is not known
//! (the OEWG organizational session's day, say) stays empty.
//!
//! Rows get deterministic ids ([`crate::clock::reference_id`]) from their natural keys, so France
//! is the same id in every Concord file and loading twice changes nothing.

mod groups;
mod names;
mod oewg;

pub use oewg::{
    documents, processes, proposals, sessions, topics, FIRST_COMMITTEE_77, GLOBAL_MECHANISM, OEWG,
};

use crate::clock::reference_id;
use crate::model::{ActorKind, DocumentKind};
use uuid::Uuid;

pub use names::in_running_text;

/// The version of the reference data this build ships: raised whenever a fact is added or
/// corrected, so a file loaded with an older one is brought up to date when it opens.
pub const VERSION: i64 = 3;

/// The id of a State or observer State, by ISO3 code.
pub fn state_id(iso3: &str) -> Uuid {
    reference_id("actor", iso3)
}

/// The id of a built-in group or organization, by key ("EU", "AFR", "NAM"...).
pub fn group_id(key: &str) -> Uuid {
    reference_id("actor", &format!("group:{key}"))
}

/// The id of a built-in process, by key ([`OEWG`], [`GLOBAL_MECHANISM`]...).
pub fn process_id(key: &str) -> Uuid {
    reference_id("process", key)
}

/// The id of a built-in session, by process key and sequence (0 = organizational session).
pub fn session_id(process: &str, seq: i64) -> Uuid {
    reference_id("session", &format!("{process}:{seq}"))
}

/// The id of a built-in topic, by path.
pub fn topic_id(path: &str) -> Uuid {
    reference_id("topic", path)
}

/// The id of a built-in proposal, by key ("POA", "LBI", "POC").
pub fn proposal_id(key: &str) -> Uuid {
    reference_id("proposal", key)
}

const STATES_TSV: &str = include_str!("data/states.tsv");

/// The source note on Member State and observer rows.
pub const STATES_SOURCE: &str =
    "UN Member States and observer States; ISO 3166-1 alpha-3 and UN M49 codes; \
     regional groups as listed by UN DGACM";

/// A Member State or observer State.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateDef {
    pub iso3: &'static str,
    pub m49: &'static str,
    pub name: &'static str,
    pub short_name: Option<&'static str>,
    pub kind: ActorKind,
    /// The key of its UN regional group (see [`groups`]), if any.
    pub regional_group: Option<&'static str>,
}

/// The States, read from the table built into the binary.
pub fn states() -> Vec<StateDef> {
    STATES_TSV
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|line| {
            let f: Vec<&'static str> = line.split('\t').collect();
            let [iso3, m49, name, short, kind, group] = f.as_slice() else {
                return None;
            };
            Some(StateDef {
                iso3,
                m49,
                name,
                short_name: (!short.is_empty()).then_some(*short),
                kind: ActorKind::parse(kind)?,
                regional_group: (*group != "-").then_some(*group),
            })
        })
        .collect()
}

/// A group or organization that speaks in negotiations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupDef {
    pub key: &'static str,
    pub kind: ActorKind,
    pub name: &'static str,
    pub short_name: &'static str,
    pub note: &'static str,
}

const DGACM: &str = "UN DGACM, Regional groups of Member States";

pub fn groups() -> Vec<GroupDef> {
    let g = |key, kind, name, short_name, note| GroupDef {
        key,
        kind,
        name,
        short_name,
        note,
    };
    vec![
        g("AFR", ActorKind::Group, "African Group", "African Group",
          "UN regional group of African States (54); also negotiates as the African Group. Source: UN DGACM."),
        g("APG", ActorKind::Group, "Asia-Pacific Group", "Asia-Pacific",
          "UN regional group of Asia-Pacific States. Listed here with 54 Member States including Kiribati; \
           older counts say 53. Türkiye also takes part (see its memberships). Source: UN DGACM."),
        g("EEG", ActorKind::Group, "Eastern European Group", "EEG",
          "UN regional group of Eastern European States (23). Source: UN DGACM."),
        g("GRULAC", ActorKind::Group, "Latin American and Caribbean Group", "GRULAC",
          "UN regional group of Latin American and Caribbean States (33). Source: UN DGACM."),
        g("WEOG", ActorKind::Group, "Western European and Others Group", "WEOG",
          "UN regional group (28); the United States attends as an observer. Source: UN DGACM."),
        g("EU", ActorKind::Igo, "European Union", "EU",
          "Enhanced observer status at the General Assembly (A/RES/65/276); presents positions agreed \
           by its 27 members, does not vote."),
        g("AU", ActorKind::Igo, "African Union", "AU",
          "55 members; Common African Position on the application of international law to the use of \
           ICTs adopted by the AU Peace and Security Council on 29 January 2024. 54 are loaded: the \
           Sahrawi Arab Democratic Republic is a member but not a UN Member State and has no actor \
           here. Suspended members stay members (dates in each membership's source)."),
        g("ARAB", ActorKind::Group, "Arab Group", "Arab Group",
          "The 22 members of the League of Arab States (21 Member States and the State of Palestine), \
           from their admission to the League. Syria's suspension (2011-11-16 to 2023-05-07) is in \
           its membership's source."),
        g("NAM", ActorKind::Group, "Non-Aligned Movement", "NAM",
          "121 members: South Sudan joined as the 121st (announced 2024-01-17). Most join dates are \
           known as years only and stay in each membership's source."),
        g("G77", ActorKind::Group, "Group of 77 and China", "G77 and China",
          "134 members as g77.org lists them, China included; China does not consider itself a \
           member, so it is not loaded as one (133). Statements are made on behalf of the Group of \
           77 and China."),
    ]
}

/// The groups a topic's page sorts actors into, in the order they are tried: an actor in
/// several lands in the first.
pub fn grouping_keys(grouping: crate::model::Grouping) -> &'static [&'static str] {
    match grouping {
        crate::model::Grouping::Regional => &["AFR", "APG", "EEG", "GRULAC", "WEOG"],
        crate::model::Grouping::Negotiating => &["EU", "ARAB", "AFR", "NAM", "G77"],
    }
}

/// A dated membership of a State in a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembershipDef {
    pub group: &'static str,
    pub member_iso3: &'static str,
    pub valid_from: Option<&'static str>,
    pub valid_to: Option<&'static str>,
    pub source: &'static str,
}

const EU_SOURCE: &str =
    "Accession dates to the European Communities / European Union (EU itself since 1993-11-01)";

/// EU members with accession (and, for the United Kingdom, withdrawal) dates.
const EU_MEMBERS: &[(&str, &str, Option<&str>)] = &[
    ("BEL", "1958-01-01", None),
    ("FRA", "1958-01-01", None),
    ("DEU", "1958-01-01", None),
    ("ITA", "1958-01-01", None),
    ("LUX", "1958-01-01", None),
    ("NLD", "1958-01-01", None),
    ("DNK", "1973-01-01", None),
    ("IRL", "1973-01-01", None),
    ("GBR", "1973-01-01", Some("2020-01-31")),
    ("GRC", "1981-01-01", None),
    ("ESP", "1986-01-01", None),
    ("PRT", "1986-01-01", None),
    ("AUT", "1995-01-01", None),
    ("FIN", "1995-01-01", None),
    ("SWE", "1995-01-01", None),
    ("CYP", "2004-05-01", None),
    ("CZE", "2004-05-01", None),
    ("EST", "2004-05-01", None),
    ("HUN", "2004-05-01", None),
    ("LVA", "2004-05-01", None),
    ("LTU", "2004-05-01", None),
    ("MLT", "2004-05-01", None),
    ("POL", "2004-05-01", None),
    ("SVK", "2004-05-01", None),
    ("SVN", "2004-05-01", None),
    ("BGR", "2007-01-01", None),
    ("ROU", "2007-01-01", None),
    ("HRV", "2013-07-01", None),
];

/// Every membership Concord knows: regional groups, the EU (dated), and the sourced lists of
/// NAM, the G77, the African Union and the Arab Group (`groups.rs`).
pub fn memberships() -> Vec<MembershipDef> {
    let mut out: Vec<MembershipDef> = states()
        .into_iter()
        .filter_map(|s| {
            s.regional_group.map(|group| MembershipDef {
                group,
                member_iso3: s.iso3,
                valid_from: None,
                valid_to: None,
                source: DGACM,
            })
        })
        .collect();
    out.push(MembershipDef {
        group: "APG",
        member_iso3: "TUR",
        valid_from: None,
        valid_to: None,
        source: "Türkiye takes part in both WEOG and the Asia-Pacific Group; which counts for elections \
                 is stated differently by sources (unverified)",
    });
    out.extend(EU_MEMBERS.iter().map(|(iso3, from, to)| MembershipDef {
        group: "EU",
        member_iso3: iso3,
        valid_from: Some(from),
        valid_to: *to,
        source: EU_SOURCE,
    }));
    out.extend(groups::memberships());
    out
}

/// A negotiating process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessDef {
    pub key: &'static str,
    pub name: &'static str,
    pub short_name: &'static str,
    pub mandate: Option<&'static str>,
    /// Who chairs it, as "Name (State)".
    pub chair: Option<&'static str>,
    pub note: Option<&'static str>,
}

/// A session of a process; dates stay empty where the day is not known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionDef {
    pub process: &'static str,
    pub seq: i64,
    pub number: Option<i64>,
    pub title: &'static str,
    pub start: Option<&'static str>,
    pub end: Option<&'static str>,
    pub place: Option<&'static str>,
    pub note: Option<&'static str>,
}

/// A node of the topic tree, by path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicDef {
    pub path: String,
    pub description: Option<String>,
}

/// A proposal and the States that champion it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalDef {
    pub key: &'static str,
    pub process: Option<&'static str>,
    pub name: &'static str,
    pub short_name: Option<&'static str>,
    pub description: &'static str,
    pub champions: &'static [&'static str],
    pub champion_source: &'static str,
}

/// A document of a process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentDef {
    pub process: Option<&'static str>,
    pub symbol: Option<&'static str>,
    pub title: &'static str,
    pub kind: DocumentKind,
    pub date: Option<&'static str>,
    pub note: Option<&'static str>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    #[test]
    fn there_are_193_member_states_and_2_observers() {
        let states = states();
        let members = states.iter().filter(|s| s.kind == ActorKind::State).count();
        let observers = states
            .iter()
            .filter(|s| s.kind == ActorKind::ObserverState)
            .count();
        assert_eq!(members, 193);
        assert_eq!(observers, 2);
        let iso: HashSet<_> = states.iter().map(|s| s.iso3).collect();
        let m49: HashSet<_> = states.iter().map(|s| s.m49).collect();
        assert_eq!(iso.len(), 195, "ISO3 codes are unique");
        assert_eq!(m49.len(), 195, "M49 codes are unique");
        assert!(states.iter().all(|s| s.m49.len() == 3 && s.iso3.len() == 3));
    }

    #[test]
    fn regional_groups_have_their_dgacm_sizes() {
        let mut sizes: HashMap<&str, usize> = HashMap::new();
        for s in states() {
            if let Some(g) = s.regional_group {
                *sizes.entry(g).or_default() += 1;
            }
        }
        assert_eq!(sizes["AFR"], 54);
        assert_eq!(sizes["EEG"], 23);
        assert_eq!(sizes["GRULAC"], 33);
        assert_eq!(sizes["WEOG"], 28);
        assert_eq!(sizes["APG"], 54);
    }

    #[test]
    fn eu_has_27_members_today() {
        let today = "2026-01-01";
        let current = memberships()
            .into_iter()
            .filter(|m| m.group == "EU" && m.valid_to.is_none_or(|to| to >= today))
            .count();
        assert_eq!(current, 27);
    }

    #[test]
    fn every_membership_names_a_known_state_and_group() {
        let iso: HashSet<_> = states().iter().map(|s| s.iso3).collect();
        let groups: HashSet<_> = groups().iter().map(|g| g.key).collect();
        for m in memberships() {
            assert!(iso.contains(m.member_iso3), "{}", m.member_iso3);
            assert!(groups.contains(m.group), "{}", m.group);
        }
    }
}
