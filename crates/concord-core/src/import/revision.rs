//! Bringing in a draft revision: from its text (parsed here), or from the provisions the
//! analyst checked in the preview. What makes a revision recordable, and which paragraphs
//! keep their identity from the revision before, is decided here; the store reads the
//! revision before (`Store::revision_basis`) and records (`Store::record_planned`), so the
//! alignment between the two steps can run while the store is free.

use crate::draft::ParsedProvision;
use crate::model::{
    AlignStatus, DraftProvision, ProvisionKind, Revision, RevisionImport, RevisionInput,
};
use crate::store::{Store, StoreError};
use std::collections::HashSet;

/// A provision of the revision before, as inheritance needs it.
#[derive(Debug, Clone)]
pub struct StoredProvision {
    pub kind: ProvisionKind,
    pub label: String,
    pub text: String,
    pub stable_key: String,
}

/// What a new revision is recorded against: its symbol's latest revision, if any, with its
/// provisions in order.
#[derive(Debug, Clone)]
pub struct RevisionBasis {
    pub previous: Option<Revision>,
    pub old: Vec<StoredProvision>,
}

/// Which stable key each new provision inherits (None: a new paragraph gets a key of its
/// own), against which revision before.
#[derive(Debug, Clone)]
pub struct RevisionPlan {
    pub previous: Option<Revision>,
    pub keys: Vec<Option<String>>,
    pub inherited: u32,
}

impl RevisionBasis {
    /// Each provision inherits the stable key of the provision it continues (unchanged,
    /// modified or moved; the first part of a split; a merge from its first part), body and
    /// footnotes apart. Bounded as every alignment is (`draft::align`).
    pub fn plan(self, provisions: &[ParsedProvision]) -> RevisionPlan {
        let mut keys: Vec<Option<String>> = vec![None; provisions.len()];
        let mut inherited = 0;
        for footnote in [false, true] {
            let old: Vec<&StoredProvision> = self
                .old
                .iter()
                .filter(|p| (p.kind == ProvisionKind::Footnote) == footnote)
                .collect();
            let new: Vec<usize> = (0..provisions.len())
                .filter(|i| (provisions[*i].kind == ProvisionKind::Footnote) == footnote)
                .collect();
            let a: Vec<(String, String)> = old
                .iter()
                .map(|p| (p.label.clone(), p.text.clone()))
                .collect();
            let b: Vec<(String, String)> = new
                .iter()
                .map(|i| (provisions[*i].label.clone(), provisions[*i].text.clone()))
                .collect();
            for entry in crate::draft::align(&a, &b) {
                let inherits = matches!(
                    entry.status,
                    AlignStatus::Unchanged
                        | AlignStatus::Modified
                        | AlignStatus::Moved
                        | AlignStatus::Split
                        | AlignStatus::Merged
                );
                let (Some(first_old), Some(first_new), true) =
                    (entry.old_labels.first(), entry.new_labels.first(), inherits)
                else {
                    continue;
                };
                let key = old
                    .iter()
                    .find(|p| &p.label == first_old)
                    .map(|p| p.stable_key.clone());
                let at = new.iter().find(|i| &provisions[**i].label == first_new);
                if let (Some(key), Some(at)) = (key, at) {
                    if keys[*at].is_none() {
                        keys[*at] = Some(key);
                        inherited += 1;
                    }
                }
            }
        }
        RevisionPlan {
            previous: self.previous,
            keys,
            inherited,
        }
    }
}

/// The longest text a revision is parsed from, in bytes (a long report is about 1 MB).
pub const MAX_TEXT_BYTES: usize = 5_000_000;

/// A revision needs a symbol and a label, and numbered paragraphs: prose with no "1." or
/// "12 bis." is not a draft (or was not pasted whole), and is refused rather than recorded
/// as one unnumbered paragraph. Returns the trimmed symbol and label.
pub fn check<'a>(
    input: &'a RevisionInput,
    provisions: &[ParsedProvision],
) -> Result<(&'a str, &'a str), StoreError> {
    let symbol = input.symbol.trim();
    let label = input.revision_label.trim();
    if symbol.is_empty() || label.is_empty() {
        return Err(StoreError::invalid(
            "revision",
            "give the document's symbol and the revision's label (e.g. Rev.1)",
        ));
    }
    let numbered = provisions
        .iter()
        .any(|p| p.kind == ProvisionKind::Paragraph && !p.label.is_empty());
    if !numbered {
        return Err(StoreError::invalid(
            "text",
            "no numbered paragraphs (\"1.\", \"12 bis.\") were found in the text; nothing was imported",
        ));
    }
    Ok((symbol, label))
}

/// Refuses a provision with no text, a label given twice, or a sub-paragraph whose paragraph
/// does not come before it, naming it.
pub fn check_provisions(parsed: &[ParsedProvision]) -> Result<(), StoreError> {
    crate::draft::compare::check_count("the revision", parsed.len())
        .map_err(|m| StoreError::invalid("provisions", m))?;
    let bytes: usize = parsed.iter().map(|p| p.text.len()).sum();
    if bytes > MAX_TEXT_BYTES {
        return Err(StoreError::invalid(
            "text",
            format!(
                "the provisions hold {} MB of text; a draft report is far smaller — check that this is one draft",
                bytes >> 20
            ),
        ));
    }
    let mut labels = HashSet::new();
    for (i, p) in parsed.iter().enumerate() {
        let name = if p.label.is_empty() {
            format!("provision {}", i + 1)
        } else {
            format!("{} {}", p.kind.label().to_lowercase(), p.label)
        };
        if p.text.is_empty() {
            return Err(StoreError::invalid(
                "text",
                format!("{name} has no text; join it to its neighbour or remove it"),
            ));
        }
        // The labels seen so far are those before this one: checking the parent against
        // them keeps the check linear (a set, not a scan of every earlier provision).
        if let Some(parent) = &p.parent {
            if !labels.contains(parent.as_str()) {
                return Err(StoreError::invalid(
                    "parent",
                    format!("{name} belongs to {parent}, which does not come before it"),
                ));
            }
        }
        if !p.label.is_empty() && !labels.insert(p.label.as_str()) {
            return Err(StoreError::invalid(
                "label",
                format!("{name} appears twice; each label must be unique"),
            ));
        }
    }
    Ok(())
}

impl Store {
    /// Parses a revision's text and records it.
    pub fn import_revision_text(
        &mut self,
        input: &RevisionInput,
        text: &str,
    ) -> Result<RevisionImport, StoreError> {
        if text.len() > MAX_TEXT_BYTES {
            return Err(StoreError::invalid(
                "text",
                "the text is over 5 MB; a draft report is far smaller — check what was pasted",
            ));
        }
        let parsed = crate::draft::parse(crate::text::strip_bom(text));
        check_provisions(&parsed)?;
        self.record_revision(input, &parsed)
    }

    /// Records a checked revision (see [`check`]) in one step: reads the revision before,
    /// plans the inheritance, writes. The window does the same in three steps, to align
    /// with the store free ([`Store::revision_basis`], [`RevisionBasis::plan`],
    /// [`Store::record_planned`]).
    pub fn record_revision(
        &mut self,
        input: &RevisionInput,
        provisions: &[ParsedProvision],
    ) -> Result<RevisionImport, StoreError> {
        let plan = self.revision_basis(input, provisions)?.plan(provisions);
        self.record_planned(input, provisions, plan)
    }
}

/// The provisions the analyst checked (and perhaps fixed) in the preview, refused as
/// [`check_provisions`] says; the window records them with [`Store::revision_basis`],
/// [`RevisionBasis::plan`] and [`Store::record_planned`].
pub fn checked(provisions: &[DraftProvision]) -> Result<Vec<ParsedProvision>, StoreError> {
    let parsed: Vec<ParsedProvision> = provisions.iter().map(ParsedProvision::from).collect();
    check_provisions(&parsed)?;
    Ok(parsed)
}
