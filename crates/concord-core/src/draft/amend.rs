//! Whether an amendment request made it into the next revision: its wording is looked for in
//! the paragraph that continues the one it was asked on, and in the word diff between the two.
//!
//! - insert: accepted when the wording is in the new text and was not in the old; partial
//!   when at least half of its words are among the words inserted; else rejected.
//! - delete: accepted when every word of the passage was deleted (or the paragraph went);
//!   partial when some were; rejected when the passage is still there. A delete with no
//!   passage asks for the whole paragraph to go.
//! - replace: the delete and the insert both accepted → accepted, both rejected → rejected,
//!   otherwise partial.
//! - move: accepted when the paragraph moved ([`moved`]: to where the request said,
//!   "after para. 14", or else anywhere out of its place among the paragraphs of both texts).

use crate::model::{AmendmentInput, AmendmentOp, AmendmentStatus};
use crate::store::{StoreError, MAX_NOTE_CHARS};
use crate::text::fold;
use similar::{capture_diff_slices, Algorithm, DiffOp};

/// At least this share of the requested words must have come in for a partial acceptance.
pub const PARTIAL_SHARE: f64 = 0.5;

/// The outcome of comparing a request with the next revision.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub status: AmendmentStatus,
    /// How much of the requested change is there, 0 to 1.
    pub score: f64,
    pub reason: String,
}

fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Where `needle` starts as a run of whole words in `hay`.
fn find(hay: &[String], needle: &[String]) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Which words of `old` were deleted and which of `new` were inserted.
fn changed(old: &[String], new: &[String]) -> (Vec<bool>, Vec<bool>) {
    let mut deleted = vec![false; old.len()];
    let mut inserted = vec![false; new.len()];
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index, old_len, ..
            } => deleted[old_index..old_index + old_len].fill(true),
            DiffOp::Insert {
                new_index, new_len, ..
            } => inserted[new_index..new_index + new_len].fill(true),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                deleted[old_index..old_index + old_len].fill(true);
                inserted[new_index..new_index + new_len].fill(true);
            }
        }
    }
    (deleted, inserted)
}

/// Where a move request asks a paragraph to go: "after para. 14" → (true, "14"),
/// "before paragraph 3 bis" → (false, "3 bis"). `None` when it names no paragraph.
pub fn move_target(wording: &str) -> Option<(bool, String)> {
    let w = words(wording);
    let at = w.iter().position(|x| x == "after" || x == "before")?;
    let after = w[at] == "after";
    let mut rest = w[at + 1..]
        .iter()
        .skip_while(|x| matches!(x.as_str(), "para" | "paras" | "paragraph" | "the"));
    let number = rest
        .next()
        .filter(|x| x.chars().all(|c| c.is_ascii_digit()))?;
    let label = match rest.next() {
        Some(suffix) if matches!(suffix.as_str(), "bis" | "ter" | "quater" | "quinquies") => {
            format!("{number} {suffix}")
        }
        _ => number.clone(),
    };
    Some((after, label))
}

/// Whether the paragraph `key` moved between two revisions, given each one's (stable key,
/// label) in text order: to where `wording` says ("after para. 14", a label of the old
/// text), or else out of its rank among the paragraphs both texts share.
pub fn moved(
    before: &[(String, String)],
    after: &[(String, String)],
    key: &str,
    wording: &str,
) -> bool {
    let at = |order: &[(String, String)], k: &str| order.iter().position(|(x, _)| x == k);
    if let Some((after_it, label)) = move_target(wording) {
        let target = before
            .iter()
            .find(|(_, l)| *l == label)
            .map(|(k, _)| k.clone());
        if let (Some(t), Some(p)) = (target.and_then(|t| at(after, &t)), at(after, key)) {
            return if after_it { p > t } else { p < t };
        }
    }
    let shared = |order: &[(String, String)], other: &[(String, String)]| -> Vec<String> {
        order
            .iter()
            .filter(|(k, _)| other.iter().any(|(o, _)| o == k))
            .map(|(k, _)| k.clone())
            .collect()
    };
    let (a, b) = (shared(before, after), shared(after, before));
    a.iter().position(|k| k == key) != b.iter().position(|k| k == key)
}

/// An amendment request as it is recorded: trimmed wording, requesters sorted and once each.
pub struct Request<'a> {
    pub old_text: &'a str,
    pub new_text: &'a str,
    pub note: &'a str,
    pub actors: Vec<uuid::Uuid>,
}

/// Refuses wording longer than an amendment can be, before anything is looked up.
pub fn check_lengths(input: &AmendmentInput) -> Result<(), StoreError> {
    for (field, text) in [
        ("old_text", input.old_text.trim()),
        ("new_text", input.new_text.trim()),
        ("note", input.note.trim()),
    ] {
        if text.chars().count() > MAX_NOTE_CHARS {
            return Err(StoreError::invalid(
                field,
                format!("over {MAX_NOTE_CHARS} characters; an amendment is a few words"),
            ));
        }
    }
    Ok(())
}

/// Checks a request against the paragraph it is on (`label`, `text`): an insert needs
/// words, a replacement both sides, words to delete or replace must be in the paragraph, and
/// someone must ask for it.
pub fn check_request<'a>(
    input: &'a AmendmentInput,
    label: &str,
    text: &str,
) -> Result<Request<'a>, StoreError> {
    let (old_text, new_text, note) = (
        input.old_text.trim(),
        input.new_text.trim(),
        input.note.trim(),
    );
    match input.op {
        AmendmentOp::Insert if new_text.is_empty() => {
            return Err(StoreError::invalid("new_text", "give the words to insert"))
        }
        AmendmentOp::Replace if old_text.is_empty() || new_text.is_empty() => {
            return Err(StoreError::invalid(
                "old_text",
                "a replacement needs the words to replace and the new wording",
            ))
        }
        _ => {}
    }
    if !old_text.is_empty() && !contains_words(text, old_text) {
        return Err(StoreError::invalid(
            "old_text",
            format!(
                "“{old_text}” is not in para. {label}; copy the words from the paragraph's text"
            ),
        ));
    }
    let mut actors: Vec<uuid::Uuid> = input.actor_ids.clone();
    actors.sort();
    actors.dedup();
    if actors.is_empty() {
        return Err(StoreError::invalid(
            "actors",
            "say who asks for the amendment (one or more States or groups)",
        ));
    }
    Ok(Request {
        old_text,
        new_text,
        note,
        actors,
    })
}

/// Whether `passage` is in `text` as a run of whole words (case and accents aside).
pub fn contains_words(text: &str, passage: &str) -> bool {
    find(&words(text), &words(passage)).is_some()
}

fn verdict(status: AmendmentStatus, score: f64, reason: impl Into<String>) -> Verdict {
    Verdict {
        status,
        score,
        reason: reason.into(),
    }
}

/// Accepted in full when `done`, otherwise rejected outright, each with its own reason.
fn all_or_nothing(done: bool, yes: impl Into<String>, no: impl Into<String>) -> Verdict {
    if done {
        verdict(AmendmentStatus::Accepted, 1.0, yes)
    } else {
        verdict(AmendmentStatus::Rejected, 0.0, no)
    }
}

fn quoted(text: &str) -> String {
    format!("“{}”", crate::text::shorten(text.trim(), 60))
}

fn judge_insert(wording: &str, before: &[String], after: &[String], inserted: &[bool]) -> Verdict {
    let want = words(wording);
    if want.is_empty() {
        return verdict(AmendmentStatus::Rejected, 0.0, "no wording was asked for");
    }
    if find(after, &want).is_some() {
        return all_or_nothing(
            find(before, &want).is_none(),
            format!("{} is in the new text", quoted(wording)),
            format!("{} was already in the text", quoted(wording)),
        );
    }
    let mut pool: Vec<&String> = after
        .iter()
        .zip(inserted)
        .filter(|(_, ins)| **ins)
        .map(|(w, _)| w)
        .collect();
    let mut found = 0;
    for w in &want {
        if let Some(i) = pool.iter().position(|p| *p == w) {
            pool.swap_remove(i);
            found += 1;
        }
    }
    let share = found as f64 / want.len() as f64;
    if share >= PARTIAL_SHARE {
        verdict(
            AmendmentStatus::Partial,
            share,
            format!(
                "{found} of the {} words of {} came in, not as asked",
                want.len(),
                quoted(wording)
            ),
        )
    } else {
        verdict(
            AmendmentStatus::Rejected,
            share,
            format!("{} is not in the new text", quoted(wording)),
        )
    }
}

fn judge_delete(passage: &str, before: &[String], after: &[String], deleted: &[bool]) -> Verdict {
    let gone = words(passage);
    let Some(at) = find(before, &gone) else {
        // The passage is not in the text it was asked on (a typo in the request): judge by
        // whether it is in the new text.
        return all_or_nothing(
            find(after, &gone).is_none(),
            format!("{} is not in the new text", quoted(passage)),
            format!("{} is still in the text", quoted(passage)),
        );
    };
    let removed = deleted[at..at + gone.len()].iter().filter(|d| **d).count();
    let share = removed as f64 / gone.len() as f64;
    let status = if removed == gone.len() {
        AmendmentStatus::Accepted
    } else if removed > 0 && find(after, &gone).is_none() {
        AmendmentStatus::Partial
    } else {
        AmendmentStatus::Rejected
    };
    let reason = match status {
        AmendmentStatus::Accepted => format!("{} was deleted", quoted(passage)),
        AmendmentStatus::Partial => format!(
            "{removed} of the {} words of {} were deleted",
            gone.len(),
            quoted(passage)
        ),
        _ => format!("{} is still in the text", quoted(passage)),
    };
    verdict(status, share, reason)
}

/// Judges a request against the text of the paragraph it was asked on (`before`) and the
/// paragraph that continues it in the next revision (`after`, `None` when it was deleted).
pub fn judge(
    op: AmendmentOp,
    old_text: &str,
    new_text: &str,
    before: &str,
    after: Option<&str>,
    moved: bool,
) -> Verdict {
    use crate::model::AmendmentOp as Op;
    let whole_paragraph = op == Op::Delete && words(old_text).is_empty();
    let Some(after) = after else {
        return all_or_nothing(
            whole_paragraph,
            "the paragraph was deleted",
            "the paragraph is not in the new revision",
        );
    };
    if whole_paragraph {
        return verdict(
            AmendmentStatus::Rejected,
            0.0,
            "the paragraph is still there",
        );
    }
    let (b, a) = (words(before), words(after));
    let (deleted, inserted) = changed(&b, &a);
    match op {
        Op::Insert => judge_insert(new_text, &b, &a, &inserted),
        Op::Delete => judge_delete(old_text, &b, &a, &deleted),
        Op::Replace => {
            let out = judge_delete(old_text, &b, &a, &deleted);
            let inn = judge_insert(new_text, &b, &a, &inserted);
            let score = (out.score + inn.score) / 2.0;
            let status = match (out.status, inn.status) {
                (AmendmentStatus::Accepted, AmendmentStatus::Accepted) => AmendmentStatus::Accepted,
                (AmendmentStatus::Rejected, AmendmentStatus::Rejected) => AmendmentStatus::Rejected,
                _ => AmendmentStatus::Partial,
            };
            verdict(status, score, format!("{}; {}", out.reason, inn.reason))
        }
        Op::Move => all_or_nothing(moved, "the paragraph moved", "the paragraph did not move"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AmendmentOp as Op;
    use AmendmentStatus::*;

    const BEFORE: &str = "States should consider voluntary norms of responsible behaviour.";

    #[test]
    fn insert_taken_whole_is_accepted() {
        let v = judge(
            Op::Insert,
            "",
            "legally binding",
            BEFORE,
            Some("States should consider voluntary and legally binding norms of responsible behaviour."),
            false,
        );
        assert_eq!((v.status, v.score), (Accepted, 1.0));
        assert!(v.reason.contains("“legally binding”"), "{}", v.reason);
    }

    #[test]
    fn insert_in_other_words_is_partial_and_ignored_is_rejected() {
        let partial = judge(
            Op::Insert,
            "",
            "legally binding obligations",
            BEFORE,
            Some("States should consider voluntary norms and binding obligations of behaviour."),
            false,
        );
        assert_eq!(partial.status, Partial);
        assert!((partial.score - 2.0 / 3.0).abs() < 1e-9);
        let rejected = judge(
            Op::Insert,
            "",
            "legally binding",
            BEFORE,
            Some(BEFORE),
            false,
        );
        assert_eq!(rejected.status, Rejected);
    }

    #[test]
    fn insert_of_words_already_there_is_not_counted_as_taken() {
        let v = judge(
            Op::Insert,
            "",
            "voluntary norms",
            BEFORE,
            Some(BEFORE),
            false,
        );
        assert_eq!(v.status, Rejected);
        assert!(v.reason.contains("already"), "{}", v.reason);
    }

    #[test]
    fn delete_whole_some_or_none() {
        let after_all = "States should consider norms of responsible behaviour.";
        let v = judge(Op::Delete, "voluntary", "", BEFORE, Some(after_all), false);
        assert_eq!(v.status, Accepted);
        let v = judge(
            Op::Delete,
            "voluntary norms",
            "",
            BEFORE,
            Some("States should consider norms of responsible behaviour."),
            false,
        );
        assert_eq!((v.status, v.score), (Partial, 0.5));
        let v = judge(Op::Delete, "voluntary", "", BEFORE, Some(BEFORE), false);
        assert_eq!(v.status, Rejected);
    }

    #[test]
    fn deleting_a_whole_paragraph() {
        assert_eq!(
            judge(Op::Delete, "", "", BEFORE, None, false).status,
            Accepted
        );
        assert_eq!(
            judge(Op::Delete, "", "", BEFORE, Some(BEFORE), false).status,
            Rejected
        );
        // Any other request on a paragraph that went is rejected.
        assert_eq!(
            judge(Op::Insert, "", "binding", BEFORE, None, false).status,
            Rejected
        );
    }

    #[test]
    fn replace_needs_both_halves() {
        let both = "States should consider binding norms of responsible behaviour.";
        assert_eq!(
            judge(
                Op::Replace,
                "voluntary",
                "binding",
                BEFORE,
                Some(both),
                false
            )
            .status,
            Accepted
        );
        let only_out = "States should consider norms of responsible behaviour.";
        assert_eq!(
            judge(
                Op::Replace,
                "voluntary",
                "binding",
                BEFORE,
                Some(only_out),
                false
            )
            .status,
            Partial
        );
        assert_eq!(
            judge(
                Op::Replace,
                "voluntary",
                "binding",
                BEFORE,
                Some(BEFORE),
                false
            )
            .status,
            Rejected
        );
    }

    #[test]
    fn move_follows_the_alignment_and_accents_do_not_matter() {
        assert_eq!(
            judge(Op::Move, "", "after 14", BEFORE, Some(BEFORE), true).status,
            Accepted
        );
        assert_eq!(
            judge(Op::Move, "", "after 14", BEFORE, Some(BEFORE), false).status,
            Rejected
        );
        let v = judge(
            Op::Insert,
            "",
            "Côte d’Ivoire",
            BEFORE,
            Some("States, with Cote d'Ivoire, should consider voluntary norms of responsible behaviour."),
            false,
        );
        assert_eq!(v.status, Accepted);
    }

    #[test]
    fn a_move_names_where_to() {
        assert_eq!(move_target("after para. 14"), Some((true, "14".into())));
        assert_eq!(
            move_target("Before paragraph 3 bis"),
            Some((false, "3 bis".into()))
        );
        assert_eq!(move_target("to the end of section B"), None);
    }
}
