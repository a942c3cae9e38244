//! Consensus risk: the paragraphs of a revision with objections open on them, the most
//! contested first. Each actor's latest position on a paragraph (through its earlier
//! revisions) counts by how firmly it stands in the way, and pending requests are shown.

use crate::model::{AmendmentStatus, ParagraphNotes, ParagraphRisk, ProvisionKind, Stance};
use crate::store::{Store, StoreError};
use uuid::Uuid;

/// How much a stance held on a paragraph weighs against consensus on it: a red line 3,
/// opposition or disassociation 2, a reservation or concerns 1, anything else 0.
pub fn weight(stance: Stance) -> u32 {
    match stance {
        Stance::RedLine => 3,
        Stance::Opposes | Stance::Disassociation => 2,
        Stance::Reservation | Stance::Concerns => 1,
        _ => 0,
    }
}

/// Ranks the paragraphs: `notes` in the order of the text, `texts` each provision's kind and
/// text. Headings and paragraphs with neither weight nor pending requests are left out; ties
/// keep the order of the text.
pub fn rank(
    notes: Vec<ParagraphNotes>,
    texts: &[(Uuid, ProvisionKind, String)],
) -> Vec<ParagraphRisk> {
    let mut out = Vec::new();
    for (index, n) in notes.into_iter().enumerate() {
        let Some((_, kind, text)) = texts.iter().find(|(id, _, _)| *id == n.provision_id) else {
            continue;
        };
        if *kind == ProvisionKind::Heading {
            continue;
        }
        let holders = |s: Stance| -> Vec<String> {
            n.positions
                .iter()
                .filter(|p| p.stance == s)
                .map(|p| p.actor.clone())
                .collect()
        };
        let score = n.positions.iter().map(|p| weight(p.stance)).sum();
        let pending = n
            .amendments
            .iter()
            .filter(|a| a.status == AmendmentStatus::Pending)
            .count() as u32;
        if score == 0 && pending == 0 {
            continue;
        }
        out.push((
            index,
            ParagraphRisk {
                provision_id: n.provision_id,
                label: n.label.clone(),
                excerpt: crate::text::shorten(text, 140),
                score,
                red_lines: holders(Stance::RedLine),
                objections: holders(Stance::Opposes),
                disassociations: holders(Stance::Disassociation),
                reservations: holders(Stance::Reservation),
                concerns: holders(Stance::Concerns),
                pending_amendments: pending,
            },
        ));
    }
    out.sort_by(|(ia, a), (ib, b)| b.score.cmp(&a.score).then(ia.cmp(ib)));
    out.into_iter().map(|(_, r)| r).collect()
}

impl Store {
    /// The consensus-risk ranking of a revision's paragraphs (see [`rank`]).
    pub fn consensus_risk(&self, document: Uuid) -> Result<Vec<ParagraphRisk>, StoreError> {
        let texts = self.provision_texts(document)?;
        Ok(rank(self.paragraph_notes(document)?, &texts))
    }
}
