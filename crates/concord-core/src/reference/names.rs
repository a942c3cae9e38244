//! Actors' names as a sentence holds them, as the UN writes them.

use crate::model::ActorKind;

/// The States the UN names with "the" in running text ("the Russian Federation", "the
/// Philippines"), as its list names them.
const WITH_THE: &[&str] = &[
    "Bahamas",
    "Central African Republic",
    "Comoros",
    "Congo",
    "Democratic People's Republic of Korea",
    "Democratic Republic of the Congo",
    "Dominican Republic",
    "Gambia",
    "Holy See",
    "Lao People's Democratic Republic",
    "Marshall Islands",
    "Niger",
    "Philippines",
    "Republic of Korea",
    "Republic of Moldova",
    "Russian Federation",
    "Solomon Islands",
    "State of Palestine",
    "Sudan",
    "Syrian Arab Republic",
    "United Arab Emirates",
    "United Kingdom of Great Britain and Northern Ireland",
    "United Republic of Tanzania",
    "United States of America",
];

/// An actor's name as a sentence holds it, as the UN writes it: "the Russian Federation";
/// a list name turned around, "the Islamic Republic of Iran" for "Iran (Islamic Republic
/// of)"; "the African Group", "the European Union"; and most States' names alone ("France").
pub fn in_running_text(name: &str, kind: ActorKind) -> String {
    if let Some((short, formal)) = name
        .strip_suffix(')')
        .and_then(|n| n.split_once(" ("))
        .filter(|(_, f)| f.ends_with(" of") || f.ends_with(" of the"))
    {
        return format!("the {formal} {short}");
    }
    let article = match kind {
        ActorKind::State | ActorKind::ObserverState => WITH_THE.contains(&name),
        ActorKind::Group | ActorKind::Igo => !name.to_lowercase().starts_with("the "),
        ActorKind::Stakeholder => false,
    };
    if article {
        format!("the {name}")
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::states;

    #[test]
    fn names_read_as_the_un_writes_them_in_a_sentence() {
        let s = |n| in_running_text(n, ActorKind::State);
        assert_eq!(s("Russian Federation"), "the Russian Federation");
        assert_eq!(s("France"), "France");
        assert_eq!(
            s("Iran (Islamic Republic of)"),
            "the Islamic Republic of Iran"
        );
        assert_eq!(
            s("Netherlands (Kingdom of the)"),
            "the Kingdom of the Netherlands"
        );
        assert_eq!(
            in_running_text("African Group", ActorKind::Group),
            "the African Group"
        );
        for name in WITH_THE {
            assert!(
                states().iter().any(|st| st.name == *name),
                "{name} is a list name"
            );
        }
    }
}
