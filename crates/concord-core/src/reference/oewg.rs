//! The OEWG on ICT security 2021–2025 and its successor: sessions, documents, topics,
//! proposals. Source for each fact: public UN documents as summarised in docs/domain.md.

use super::{DocumentDef, ProcessDef, ProposalDef, SessionDef, TopicDef};
use crate::model::DocumentKind;

pub const OEWG: &str = "OEWG";
pub const GLOBAL_MECHANISM: &str = "GM";
pub const FIRST_COMMITTEE_77: &str = "C1-77";

pub fn processes() -> Vec<ProcessDef> {
    vec![
        ProcessDef {
            key: OEWG,
            name: "Open-ended Working Group on security of and in the use of information and \
                   communications technologies 2021–2025",
            short_name: "OEWG 2021–2025",
            mandate: Some("A/RES/75/240"),
            chair: Some("Burhan Gafoor (Singapore)"),
            note: Some("Mandate: General Assembly resolution 75/240 (31 December 2020). Chair: \
                        Ambassador Burhan Gafoor (Singapore). Secretariat: UNODA. All sessions in New York."),
        },
        ProcessDef {
            key: GLOBAL_MECHANISM,
            name: "Global Mechanism on ICT security",
            short_name: "Global Mechanism",
            mandate: Some("A/80/257 (annex I) and A/79/214 (annex C), endorsed by A/RES/80/16"),
            chair: Some("Egriselda López (El Salvador)"),
            note: Some("Successor of the OEWG 2021–2025. Meetings: meetings.unoda.org/meeting/76825."),
        },
        ProcessDef {
            key: FIRST_COMMITTEE_77,
            name: "General Assembly First Committee, 77th session (2022)",
            short_name: "First Committee 77",
            mandate: None,
            chair: None,
            note: Some("Recorded here for its 2022 vote on the Programme of Action draft resolution."),
        },
    ]
}

pub fn sessions() -> Vec<SessionDef> {
    let ny = Some("New York");
    let s = |seq: i64, title, start, end, note| SessionDef {
        process: OEWG,
        seq,
        number: (seq > 0).then_some(seq),
        title,
        start,
        end,
        place: ny,
        note,
    };
    vec![
        s(
            0,
            "Organizational session",
            None,
            None,
            Some("June 2021 (day unverified). Chair elected; stakeholder modalities not agreed."),
        ),
        s(
            1,
            "1st substantive session",
            Some("2021-12-13"),
            Some("2021-12-17"),
            None,
        ),
        s(
            2,
            "2nd substantive session",
            Some("2022-03-28"),
            Some("2022-04-01"),
            Some("Held in informal mode."),
        ),
        s(
            3,
            "3rd substantive session",
            Some("2022-07-25"),
            Some("2022-07-29"),
            Some("1st annual progress report, A/77/275."),
        ),
        s(
            4,
            "4th substantive session",
            Some("2023-03-06"),
            Some("2023-03-10"),
            None,
        ),
        s(
            5,
            "5th substantive session",
            Some("2023-07-24"),
            Some("2023-07-28"),
            Some("2nd annual progress report, A/78/265."),
        ),
        s(
            6,
            "6th substantive session",
            Some("2023-12-11"),
            Some("2023-12-15"),
            None,
        ),
        s(
            7,
            "7th substantive session",
            Some("2024-03-04"),
            Some("2024-03-08"),
            None,
        ),
        s(
            8,
            "8th substantive session",
            Some("2024-07-08"),
            Some("2024-07-12"),
            Some("3rd annual progress report (draft A/AC.292/2024/CRP.1), issued as A/79/214."),
        ),
        s(
            9,
            "9th substantive session",
            Some("2024-12-02"),
            Some("2024-12-06"),
            None,
        ),
        s(
            10,
            "10th substantive session",
            Some("2025-02-17"),
            Some("2025-02-21"),
            None,
        ),
        s(
            11,
            "11th substantive session",
            Some("2025-07-07"),
            Some("2025-07-11"),
            Some("Final report (draft A/AC.292/2025/CRP.1) adopted on 11 July 2025."),
        ),
        SessionDef {
            process: GLOBAL_MECHANISM,
            seq: 0,
            number: None,
            title: "Organizational session",
            start: Some("2026-03-30"),
            end: Some("2026-03-31"),
            place: None,
            note: Some("Source: meetings.unoda.org/meeting/76825."),
        },
        SessionDef {
            process: GLOBAL_MECHANISM,
            seq: 1,
            number: Some(1),
            title: "1st plenary session",
            start: Some("2026-07-20"),
            end: Some("2026-07-24"),
            place: None,
            note: Some("First substantive plenary. Source: meetings.unoda.org/meeting/76825."),
        },
        SessionDef {
            process: GLOBAL_MECHANISM,
            seq: 2,
            number: None,
            title: "Dedicated thematic groups",
            start: Some("2026-12-07"),
            end: Some("2026-12-11"),
            place: None,
            note: Some("Source: meetings.unoda.org/meeting/76825."),
        },
        SessionDef {
            process: FIRST_COMMITTEE_77,
            seq: 1,
            number: None,
            title: "77th session",
            start: None,
            end: None,
            place: ny,
            note: Some("Autumn 2022 (days not recorded)."),
        },
    ]
}

pub fn documents() -> Vec<DocumentDef> {
    let d = |symbol, title, kind, date, note| DocumentDef {
        process: Some(OEWG),
        symbol: Some(symbol),
        title,
        kind,
        date,
        note,
    };
    vec![
        d(
            "A/RES/75/240",
            "General Assembly resolution 75/240: mandate of the OEWG 2021–2025",
            DocumentKind::Adopted,
            Some("2020-12-31"),
            None,
        ),
        d(
            "A/77/275",
            "First annual progress report of the OEWG",
            DocumentKind::Adopted,
            None,
            Some("Adopted at the 3rd substantive session (July 2022)."),
        ),
        d(
            "A/78/265",
            "Second annual progress report of the OEWG",
            DocumentKind::Adopted,
            None,
            Some("Adopted at the 5th substantive session (July 2023)."),
        ),
        d(
            "A/AC.292/2024/CRP.1",
            "Draft third annual progress report",
            DocumentKind::Crp,
            None,
            Some("Conference room paper of the 8th substantive session (July 2024)."),
        ),
        d(
            "A/79/214",
            "Third annual progress report of the OEWG",
            DocumentKind::Adopted,
            None,
            None,
        ),
        d(
            "A/AC.292/2025/CRP.1",
            "Draft final report of the OEWG",
            DocumentKind::Crp,
            None,
            Some("Adopted on 11 July 2025."),
        ),
        DocumentDef {
            process: None,
            symbol: None,
            title: "Common African Position on the application of international law to the use of \
                    information and communication technologies in cyberspace",
            kind: DocumentKind::NationalPosition,
            date: Some("2024-01-29"),
            note: Some("Adopted by the African Union Peace and Security Council."),
        },
    ]
}

const NORMS: &str = "Rules, norms and principles of responsible State behaviour";

/// The 11 norms of paragraph 13 of the 2015 GGE report (A/70/174), by letter.
const NORM_NAMES: &[(&str, &str)] = &[
    ("a", "cooperation to increase stability and security"),
    ("b", "consider all relevant information in ICT incidents"),
    ("c", "territory not knowingly used for wrongful acts"),
    ("d", "cooperation against criminal and terrorist use"),
    ("e", "human rights and privacy"),
    ("f", "no activity damaging critical infrastructure"),
    ("g", "protection of critical infrastructure"),
    ("h", "responding to requests for assistance"),
    ("i", "integrity of the supply chain"),
    ("j", "reporting of ICT vulnerabilities"),
    ("k", "no harm to emergency response teams"),
];

pub fn topics() -> Vec<TopicDef> {
    let t = |path: &str, description: Option<&str>| TopicDef {
        path: path.to_string(),
        description: description.map(str::to_string),
    };
    let mut out = vec![
        t("Existing and potential threats", None),
        t(
            NORMS,
            Some("The 11 voluntary, non-binding norms of responsible State behaviour"),
        ),
    ];
    out.extend(NORM_NAMES.iter().map(|(letter, name)| TopicDef {
        path: format!("{NORMS}/Norm {letter}: {name}"),
        description: Some(format!(
            "Norm 13 ({letter}) of the 2015 GGE report (A/70/174)"
        )),
    }));
    out.extend([
        t("International law", None),
        t(
            "International law/International humanitarian law",
            Some("Applicability of international humanitarian law to the use of ICTs"),
        ),
        t("International law/Sovereignty and non-intervention", None),
        t("International law/State responsibility", None),
        t("International law/Peaceful settlement of disputes", None),
        t(
            "Confidence-building measures",
            Some("Including the Global Points of Contact directory"),
        ),
        t("Capacity-building", None),
        t(
            "Regular institutional dialogue",
            Some("The future permanent mechanism"),
        ),
        t("Cross-cutting issues", None),
        t("Cross-cutting issues/Human rights", None),
        t("Cross-cutting issues/Gender", None),
        t("Cross-cutting issues/Multistakeholder participation", None),
        t("Cross-cutting issues/ICT supply-chain security", None),
    ]);
    out
}

pub fn proposals() -> Vec<ProposalDef> {
    vec![
        ProposalDef {
            key: "POA",
            process: Some(OEWG),
            name: "Programme of Action",
            short_name: Some("PoA"),
            description: "A permanent, action-oriented UN mechanism to advance responsible State \
                          behaviour in the use of ICTs. Proposed in 2020 by France and Egypt with 40+ \
                          co-sponsors; First Committee vote in 2022: 157–6–14.",
            champions: &["FRA", "EGY"],
            champion_source: "Proposed in 2020 by France and Egypt with 40+ co-sponsors",
        },
        ProposalDef {
            key: "LBI",
            process: Some(OEWG),
            name: "New legally binding instrument",
            short_name: Some("LBI"),
            description: "A new legally binding instrument (convention) on ICT security: Russia's \
                          concept of 2011, updated in 2023 with Belarus, DPRK, Nicaragua and Syria.",
            champions: &["RUS", "BLR", "PRK", "NIC", "SYR"],
            champion_source: "Concept of 2011 (Russia), updated 2023 with Belarus, DPRK, Nicaragua, Syria",
        },
        ProposalDef {
            key: "POC",
            process: Some(OEWG),
            name: "Global Points of Contact directory",
            short_name: Some("Global POC directory"),
            description: "An intergovernmental directory of diplomatic and technical points of \
                          contact; launched in May 2024.",
            champions: &[],
            champion_source: "",
        },
    ]
}
