//! The stance vocabulary: what an actor said, where each stance sits between support and
//! opposition, the camp it counts in, and how a move from one to another reads.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

vocabulary! {
    /// What an actor said about a subject (docs/domain.md, "Stance vocabulary").
    Stance {
        Supports => "supports", "Supports";
        Opposes => "opposes", "Opposes";
        Conditional => "conditional", "Conditional";
        Concerns => "concerns", "Concerns";
        Reservation => "reservation", "Reservation";
        Disassociation => "disassociation", "Disassociation";
        RedLine => "red_line", "Red line";
        Proposes => "proposes", "Proposes";
        ProposesAmendment => "proposes_amendment", "Proposes amendment";
        JoinedConsensus => "joined_consensus", "Joined consensus";
        Neutral => "neutral", "Neutral";
        Silent => "silent", "Silent";
    }
}

/// A vocabulary entry as the UI lists it in pickers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StanceOption {
    pub stance: Stance,
    pub label: String,
    /// Its place on the line from support to opposition (see [`Stance::SPECTRUM`]), for sorting.
    pub spectrum: u32,
}

impl Stance {
    pub fn options() -> Vec<StanceOption> {
        Stance::ALL
            .iter()
            .map(|s| StanceOption {
                stance: *s,
                label: s.label().to_string(),
                spectrum: s.spectrum(),
            })
            .collect()
    }

    /// Stances from full support to firm opposition, for sorting rows by stance.
    pub const SPECTRUM: &'static [Stance] = &[
        Stance::Supports,
        Stance::Proposes,
        Stance::JoinedConsensus,
        Stance::Conditional,
        Stance::ProposesAmendment,
        Stance::Concerns,
        Stance::Reservation,
        Stance::Neutral,
        Stance::Silent,
        Stance::Disassociation,
        Stance::Opposes,
        Stance::RedLine,
    ];

    pub fn spectrum(self) -> u32 {
        Stance::SPECTRUM
            .iter()
            .position(|s| *s == self)
            .unwrap_or(Stance::SPECTRUM.len()) as u32
    }
}

vocabulary! {
    /// The four camps of a topic's or proposal's page. Each stance belongs to one
    /// ([`Stance::camp`]): supporters, opponents, those who support on conditions or with
    /// changes, and the rest.
    Camp {
        Support => "support", "Supporters";
        Oppose => "oppose", "Opponents";
        Conditional => "conditional", "Conditional";
        Other => "other", "Others";
    }
}

impl Stance {
    /// The camp a stance counts in on a topic's or proposal's page.
    pub fn camp(self) -> Camp {
        match self {
            Stance::Supports | Stance::Proposes | Stance::JoinedConsensus => Camp::Support,
            Stance::Opposes | Stance::RedLine | Stance::Disassociation => Camp::Oppose,
            Stance::Conditional
            | Stance::Concerns
            | Stance::Reservation
            | Stance::ProposesAmendment => Camp::Conditional,
            Stance::Neutral | Stance::Silent => Camp::Other,
        }
    }
}

impl Camp {
    /// Opponents 0, conditional 1, supporters 2; others have no place on that line.
    pub fn rank(self) -> Option<u8> {
        match self {
            Camp::Oppose => Some(0),
            Camp::Conditional => Some(1),
            Camp::Support => Some(2),
            Camp::Other => None,
        }
    }
}

vocabulary! {
    /// How an actor's stance on a subject moved since its previous statement on it.
    Movement {
        New => "new", "First statement";
        TowardsSupport => "towards_support", "Moved towards support";
        AwayFromSupport => "away_from_support", "Moved away from support";
        Changed => "changed", "Changed stance";
        Unchanged => "unchanged", "Unchanged";
    }
}

impl Movement {
    pub fn between(previous: Option<Stance>, now: Stance) -> Movement {
        let Some(previous) = previous else {
            return Movement::New;
        };
        if previous == now {
            return Movement::Unchanged;
        }
        match (previous.camp().rank(), now.camp().rank()) {
            (Some(a), Some(b)) if b > a => Movement::TowardsSupport,
            (Some(a), Some(b)) if b < a => Movement::AwayFromSupport,
            _ => Movement::Changed,
        }
    }
}
