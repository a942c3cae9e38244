//! What a negotiating text still holds open, the measure trackers publish per draft: for each
//! section of a revision, the bracketed passages (`[…]`; a bracket inside a bracket belongs
//! to the outer passage; a footnote call such as `[3]` or `[^3]` is not a bracket), the
//! alternatives offered ("Option 1", "Alt. 2", "Alternative A", and "[X] or [Y]"), and the
//! footnotes; and for a draft's chain of revisions, how those counts moved.
//!
//! Brackets are counted within each paragraph: one opened and not closed in its paragraph is
//! counted, and said to be unclosed.

use crate::import::revision::StoredProvision;
use crate::model::{BracketChain, OpenText, ProvisionKind, RevisionBrackets};
use crate::store::{Store, StoreError};
use regex::Regex;
use std::sync::OnceLock;

pub const BEFORE_FIRST_HEADING: &str = "Before the first heading";
pub const FOOTNOTES: &str = "Footnotes";
pub const ALL_SECTIONS: &str = "All sections";

/// Every revision of `symbol`, oldest first, with its open text.
pub fn chain(store: &Store, symbol: &str) -> Result<BracketChain, StoreError> {
    let revisions = store.revisions_of(symbol)?;
    if revisions.is_empty() {
        return Err(StoreError::invalid(
            "symbol",
            format!(
                "no revision of a draft with the symbol {symbol} is recorded (read one in on the \
                 Drafts page, or with `concord import document`)"
            ),
        ));
    }
    let revisions = revisions
        .into_iter()
        .map(|revision| {
            let provisions = store.stored_provisions(revision.id)?;
            let sections = sections(&provisions);
            let total = total(&sections);
            Ok(RevisionBrackets {
                revision,
                sections,
                total,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    Ok(BracketChain {
        symbol: symbol.to_string(),
        revisions,
    })
}

/// The open text of each section, in the revision's order; footnotes last, as one section.
pub fn sections(provisions: &[StoredProvision]) -> Vec<OpenText> {
    let mut out: Vec<OpenText> = Vec::new();
    let mut notes = OpenText {
        section: FOOTNOTES.into(),
        ..OpenText::default()
    };
    for p in provisions {
        let target = match p.kind {
            ProvisionKind::Footnote => {
                notes.footnotes += 1;
                &mut notes
            }
            ProvisionKind::Heading => {
                out.push(OpenText {
                    section: heading(p),
                    ..OpenText::default()
                });
                match out.last_mut() {
                    Some(s) => s,
                    None => continue,
                }
            }
            _ => {
                if out.is_empty() {
                    out.push(OpenText {
                        section: BEFORE_FIRST_HEADING.into(),
                        ..OpenText::default()
                    });
                }
                match out.last_mut() {
                    Some(s) => s,
                    None => continue,
                }
            }
        };
        let (brackets, unclosed) = brackets_in(&p.text);
        target.brackets += brackets;
        target.unclosed += unclosed;
        target.alternatives += alternatives_in(&p.text);
    }
    if notes.footnotes > 0 || notes.brackets > 0 {
        out.push(notes);
    }
    out
}

fn heading(p: &StoredProvision) -> String {
    match (p.label.trim(), p.text.trim()) {
        ("", text) => text.to_string(),
        (label, "") => label.to_string(),
        (label, text) => format!("{label}. {text}"),
    }
}

/// Every section added up.
pub fn total(sections: &[OpenText]) -> OpenText {
    sections.iter().fold(
        OpenText {
            section: ALL_SECTIONS.into(),
            ..OpenText::default()
        },
        |mut t, s| {
            t.brackets += s.brackets;
            t.unclosed += s.unclosed;
            t.alternatives += s.alternatives;
            t.footnotes += s.footnotes;
            t
        },
    )
}

/// Bracketed passages in `text` (outermost only), and how many of them never close.
pub fn brackets_in(text: &str) -> (u32, u32) {
    let mut depth = 0u32;
    let mut passages = 0;
    let mut rest = text;
    while let Some(at) = rest.find(['[', ']']) {
        let (c, after) = (rest.as_bytes()[at], &rest[at + 1..]);
        if c == b'[' {
            if let Some(len) = footnote_call(after) {
                rest = &after[len..];
                continue;
            }
            if depth == 0 {
                passages += 1;
            }
            depth += 1;
        } else {
            depth = depth.saturating_sub(1);
        }
        rest = after;
    }
    (passages, u32::from(depth > 0))
}

/// After a "[": the length of "3]", "^3]" or "*]" when this is a footnote call, else `None`.
fn footnote_call(after: &str) -> Option<usize> {
    let caret = usize::from(after.starts_with('^'));
    let digits = after[caret..]
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'*')
        .count();
    (digits > 0 && after[caret + digits..].starts_with(']')).then_some(caret + digits + 1)
}

/// Alternatives offered in `text`: markers such as "Option 1" and "[X] or [Y]" joins.
pub fn alternatives_in(text: &str) -> u32 {
    static PATTERNS: OnceLock<Vec<Regex>> = OnceLock::new();
    let patterns = PATTERNS.get_or_init(|| {
        [
            // The word in any case, then a number or a capital letter: "Option 1", "alt. 2",
            // "Alternative A" (not "options", nor "alternative approaches").
            r"\b(?i:option|alternative|alt)\.?\s+(?:\d+\b|[A-Z]\b)",
            r"\]\s*(?:or|/)\s*\[",
        ]
        .iter()
        .filter_map(|p| Regex::new(p).ok())
        .collect()
    });
    patterns
        .iter()
        .map(|re| re.find_iter(text).count() as u32)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_brackets_are_one_passage_and_footnote_calls_none() {
        assert_eq!(brackets_in("States [should [consider]] it"), (1, 0));
        assert_eq!(brackets_in("[a] and [b]"), (2, 0));
        assert_eq!(brackets_in("consensus[3] and [^4] here"), (0, 0));
        assert_eq!(brackets_in("[open [and] never closed"), (1, 1));
        assert_eq!(brackets_in("a stray ] closes nothing"), (0, 0));
        assert_eq!(brackets_in("[…]"), (1, 0));
    }

    #[test]
    fn alternatives_are_markers_and_joined_brackets() {
        assert_eq!(alternatives_in("Option 1: a PoA. Option 2: a treaty."), 2);
        assert_eq!(alternatives_in("[establish] or [consider] a mechanism"), 1);
        assert_eq!(alternatives_in("Alt. 2 [a]/[b]"), 2);
        assert_eq!(alternatives_in("We have no other options here"), 0);
    }
}
