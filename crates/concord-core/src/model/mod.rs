//! The record's vocabulary: the types every other module and the UI speak, one file per area.
//!
//! Everything that crosses to the web UI derives `TS`; `make bindings` writes the TypeScript
//! twins to `ui/src/lib/bindings/`, so there is one source of truth for both sides.
//! Integers cross as JSON numbers, so they are typed `number` (all stay far below 2^53).

/// Declares a closed vocabulary stored as snake_case text: the enum, its `ALL` list, its
/// stored form, a parser that tolerates "Red line" or "red-line", and a label for people.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, ts_rs::TS,
        )]
        #[serde(rename_all = "snake_case")]
        #[ts(export)]
        pub enum $name { $($variant,)+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The form stored in SQLite and written in CSV and JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }

            /// The words shown to people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// Reads the stored form, ignoring case and accepting spaces or hyphens for underscores.
            pub fn parse(text: &str) -> Option<$name> {
                let wanted = text.trim().to_lowercase().replace([' ', '-'], "_");
                $name::ALL.iter().copied().find(|v| v.as_str() == wanted)
            }
        }

        impl $crate::model::Vocabulary for $name {
            const ALL: &'static [$name] = $name::ALL;
            fn as_str(self) -> &'static str { $name::as_str(self) }
            fn label(self) -> &'static str { $name::label(self) }
            fn parse(text: &str) -> Option<$name> { $name::parse(text) }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// What every closed vocabulary offers, for code that works on any of them (the CLI's
/// argument parsers).
pub trait Vocabulary: Copy + Send + Sync + 'static {
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;
    fn label(self) -> &'static str;
    fn parse(text: &str) -> Option<Self>;
}

mod brackets;
mod brief;
mod catalog;
mod catalog_input;
mod changes;
mod coalitions;
mod drafts;
mod errors;
mod exports;
mod imports;
mod map_drawing;
mod menu;
mod positions;
mod stance;
mod team;
mod transcript;
mod views;

pub use brackets::*;
pub use brief::*;
pub use catalog::*;
pub use catalog_input::*;
pub use changes::*;
pub use coalitions::*;
pub use drafts::*;
pub use errors::*;
pub use exports::*;
pub use imports::*;
pub use map_drawing::*;
pub use menu::*;
pub use positions::*;
pub use stance::*;
pub use team::*;
pub use transcript::*;
pub use views::*;

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn stance_parses_loose_spellings() {
        assert_eq!(Stance::parse("Red line"), Some(Stance::RedLine));
        assert_eq!(
            Stance::parse("joined-consensus"),
            Some(Stance::JoinedConsensus)
        );
        assert_eq!(Stance::parse(" SUPPORTS "), Some(Stance::Supports));
        assert_eq!(Stance::parse("maybe"), None);
    }

    #[test]
    fn stance_serialises_snake_case() {
        let json = serde_json::to_string(&Stance::ProposesAmendment).unwrap();
        assert_eq!(json, "\"proposes_amendment\"");
        for s in Stance::ALL {
            let json = serde_json::to_string(s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.as_str()));
        }
        assert_eq!(Stance::ALL.len(), 12);
    }

    #[test]
    fn subject_ref_is_tagged() {
        let id = Uuid::nil();
        let json = serde_json::to_value(SubjectRef::Topic(id)).unwrap();
        assert_eq!(json["kind"], "topic");
        assert_eq!(json["id"], id.to_string());
    }
}
