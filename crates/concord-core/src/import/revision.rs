//! Bringing in a draft revision: from its text (parsed here), or from the provisions the
//! analyst checked in the preview. What makes a revision recordable is decided here; the
//! store records it (`Store::record_revision`).

use crate::draft::ParsedProvision;
use crate::model::{DraftProvision, ProvisionKind, RevisionImport, RevisionInput};
use crate::store::{Store, StoreError};
use std::collections::HashSet;

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

    /// Records a revision from the provisions the analyst checked (and perhaps fixed) in the
    /// preview; nothing is written when one is refused (see [`check_provisions`]).
    pub fn import_revision(
        &mut self,
        input: &RevisionInput,
        provisions: &[DraftProvision],
    ) -> Result<RevisionImport, StoreError> {
        let parsed: Vec<ParsedProvision> = provisions.iter().map(ParsedProvision::from).collect();
        check_provisions(&parsed)?;
        self.record_revision(input, &parsed)
    }
}
