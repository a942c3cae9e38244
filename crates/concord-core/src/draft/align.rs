//! Aligning two revisions: identical provisions first, then splits and merges (one old
//! provision whose text is two or three adjacent new ones, or the reverse), then the best
//! remaining pairs by word similarity above a threshold; pairs that left the common order
//! are moves; what is left was added or deleted. Inside each changed pair, a word diff.

use crate::model::{AlignStatus, AlignedEntry, RunKind, WordRun};
use crate::text::fold;
use similar::{ChangeTag, TextDiff};
use std::collections::{HashMap, VecDeque};

/// Below this word similarity two provisions are not the same one modified.
pub const MATCH_THRESHOLD: f64 = 0.5;
/// A split or merge must keep at least this much of the text, and match clearly better
/// joined than its best single part does (else it is a modified paragraph beside a new one).
pub const SPLIT_THRESHOLD: f64 = 0.75;
pub const SPLIT_MARGIN: f64 = 0.05;

/// Words as small integers: each distinct folded word gets one id, so comparing paragraphs
/// never allocates or hashes strings again.
#[derive(Default)]
struct Dictionary(HashMap<String, u32>);

impl Dictionary {
    fn words(&mut self, text: &str) -> Vec<u32> {
        let folded = fold(text);
        folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| match self.0.get(w) {
                Some(id) => *id,
                None => {
                    let id = self.0.len() as u32;
                    self.0.insert(w.to_string(), id);
                    id
                }
            })
            .collect()
    }
}

fn sorted(words: &[u32]) -> Vec<u32> {
    let mut v = words.to_vec();
    v.sort_unstable();
    v
}

/// Dice coefficient of two word multisets, each given sorted.
fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

fn joined(parts: &[usize], bags: &[Vec<u32>]) -> Vec<u32> {
    let mut v: Vec<u32> = parts
        .iter()
        .flat_map(|p| bags[*p].iter().copied())
        .collect();
    v.sort_unstable();
    v
}

/// Word-level runs from `old` to `new`.
/// How long one paragraph's word diff may search for the shortest edit before it settles for
/// a coarser one (similar's deadline): a hostile pair of paragraphs cannot stall a comparison.
pub const WORD_DIFF_DEADLINE: std::time::Duration = std::time::Duration::from_millis(100);

pub fn word_runs(old: &str, new: &str) -> Vec<WordRun> {
    let diff = TextDiff::configure()
        .deadline(std::time::Instant::now() + WORD_DIFF_DEADLINE)
        .diff_unicode_words(old, new);
    let mut runs: Vec<WordRun> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => RunKind::Same,
            ChangeTag::Insert => RunKind::Inserted,
            ChangeTag::Delete => RunKind::Deleted,
        };
        let text = change.value();
        match runs.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(text),
            _ => runs.push(WordRun {
                kind,
                text: text.to_string(),
            }),
        }
    }
    runs
}

/// Longest increasing subsequence of `seq` (by value); returns the positions kept.
fn lis(seq: &[usize]) -> Vec<bool> {
    let mut tails: Vec<usize> = Vec::new(); // index into seq
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for i in 0..seq.len() {
        let pos = tails.partition_point(|&t| seq[t] < seq[i]);
        if pos > 0 {
            prev[i] = Some(tails[pos - 1]);
        }
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut keep = vec![false; seq.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        keep[i] = true;
        at = prev[i];
    }
    keep
}

struct Pair {
    old: Vec<usize>,
    new: Vec<usize>,
    status: AlignStatus,
}

/// How much pairing work one alignment may do, in words compared: enough for any real pair of
/// drafts many times over (two 300-paragraph revisions use well under 1 %), while two hostile
/// texts of the largest size allowed stop within about a second. Past it, the paragraphs not
/// yet paired are shown as added and deleted, and the alignment says it is incomplete.
pub const ALIGN_WORK: u64 = 300_000_000;

/// Counts pairing work against [`ALIGN_WORK`].
struct Work(u64);

impl Work {
    /// Takes `words` from the budget; false once it is spent.
    fn afford(&mut self, words: usize) -> bool {
        self.0 = self.0.saturating_add(words as u64);
        self.0 <= ALIGN_WORK
    }
}

/// Aligns `old` to `new`, each a list of (label, text) in document order. Entries come in the
/// new revision's order; deleted provisions sit after the entry of their old predecessor.
pub fn align(old: &[(String, String)], new: &[(String, String)]) -> Vec<AlignedEntry> {
    align_bounded(old, new).0
}

/// [`align`], and whether the pairing finished within [`ALIGN_WORK`].
pub fn align_bounded(
    old: &[(String, String)],
    new: &[(String, String)],
) -> (Vec<AlignedEntry>, bool) {
    let mut work = Work(0);
    let mut dict = Dictionary::default();
    let old_words: Vec<Vec<u32>> = old.iter().map(|(_, t)| dict.words(t)).collect();
    let new_words: Vec<Vec<u32>> = new.iter().map(|(_, t)| dict.words(t)).collect();
    let mut old_used = vec![false; old.len()];
    let mut new_used = vec![false; new.len()];
    let mut pairs: Vec<Pair> = Vec::new();

    // 1. Identical text (whatever the number).
    let mut by_text: HashMap<&[u32], VecDeque<usize>> = HashMap::new();
    for (i, w) in old_words.iter().enumerate() {
        by_text.entry(w.as_slice()).or_default().push_back(i);
    }
    for (j, w) in new_words.iter().enumerate() {
        if let Some(i) = by_text.get_mut(w.as_slice()).and_then(|q| q.pop_front()) {
            old_used[i] = true;
            new_used[j] = true;
            pairs.push(Pair {
                old: vec![i],
                new: vec![j],
                status: AlignStatus::Unchanged,
            });
        }
    }

    let old_bags: Vec<Vec<u32>> = old_words.iter().map(|w| sorted(w)).collect();
    let new_bags: Vec<Vec<u32>> = new_words.iter().map(|w| sorted(w)).collect();

    // 2. Splits (one old → 2–3 adjacent new) and merges (2–3 adjacent old → one new).
    for i in 0..old.len() {
        if old_used[i] {
            continue;
        }
        'split: for len in [2, 3] {
            for start in 0..new.len().saturating_sub(len - 1) {
                let run: Vec<usize> = (start..start + len).collect();
                if run.iter().any(|j| new_used[*j]) {
                    continue;
                }
                let cost = old_bags[i].len() * 2
                    + run.iter().map(|j| new_bags[*j].len() * 2).sum::<usize>();
                if !work.afford(cost) {
                    break 'split;
                }
                let sim = similarity(&old_bags[i], &joined(&run, &new_bags));
                let best_part = run
                    .iter()
                    .map(|j| similarity(&old_bags[i], &new_bags[*j]))
                    .fold(0.0, f64::max);
                if sim >= SPLIT_THRESHOLD && sim >= best_part + SPLIT_MARGIN {
                    old_used[i] = true;
                    run.iter().for_each(|j| new_used[*j] = true);
                    pairs.push(Pair {
                        old: vec![i],
                        new: run,
                        status: AlignStatus::Split,
                    });
                    break 'split;
                }
            }
        }
    }
    for j in 0..new.len() {
        if new_used[j] {
            continue;
        }
        'merge: for len in [2, 3] {
            for start in 0..old.len().saturating_sub(len - 1) {
                let run: Vec<usize> = (start..start + len).collect();
                if run.iter().any(|i| old_used[*i]) {
                    continue;
                }
                let cost = new_bags[j].len() * 2
                    + run.iter().map(|i| old_bags[*i].len() * 2).sum::<usize>();
                if !work.afford(cost) {
                    break 'merge;
                }
                let sim = similarity(&joined(&run, &old_bags), &new_bags[j]);
                let best_part = run
                    .iter()
                    .map(|i| similarity(&old_bags[*i], &new_bags[j]))
                    .fold(0.0, f64::max);
                if sim >= SPLIT_THRESHOLD && sim >= best_part + SPLIT_MARGIN {
                    new_used[j] = true;
                    run.iter().for_each(|i| old_used[*i] = true);
                    pairs.push(Pair {
                        old: run,
                        new: vec![j],
                        status: AlignStatus::Merged,
                    });
                    break 'merge;
                }
            }
        }
    }

    // 3. The best remaining pairs by word similarity.
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    'pairs: for i in (0..old.len()).filter(|i| !old_used[*i]) {
        for j in (0..new.len()).filter(|j| !new_used[*j]) {
            if !work.afford(old_bags[i].len() + new_bags[j].len()) {
                break 'pairs;
            }
            let s = similarity(&old_bags[i], &new_bags[j]);
            if s >= MATCH_THRESHOLD {
                candidates.push((s, i, j));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, i, j) in candidates {
        if !old_used[i] && !new_used[j] {
            old_used[i] = true;
            new_used[j] = true;
            pairs.push(Pair {
                old: vec![i],
                new: vec![j],
                status: AlignStatus::Modified,
            });
        }
    }

    // 4. Moves: one-to-one pairs outside the longest run that keeps the old order.
    let mut one_to_one: Vec<usize> = (0..pairs.len())
        .filter(|p| {
            matches!(
                pairs[*p].status,
                AlignStatus::Unchanged | AlignStatus::Modified
            )
        })
        .collect();
    one_to_one.sort_by_key(|p| pairs[*p].old[0]);
    let order: Vec<usize> = one_to_one.iter().map(|p| pairs[*p].new[0]).collect();
    for (k, kept) in lis(&order).into_iter().enumerate() {
        if !kept {
            pairs[one_to_one[k]].status = AlignStatus::Moved;
        }
    }

    // 5. Added and deleted.
    for j in (0..new.len()).filter(|j| !new_used[*j]) {
        pairs.push(Pair {
            old: vec![],
            new: vec![j],
            status: AlignStatus::Added,
        });
    }
    for i in (0..old.len()).filter(|i| !old_used[*i]) {
        pairs.push(Pair {
            old: vec![i],
            new: vec![],
            status: AlignStatus::Deleted,
        });
    }

    // Order: by new position; a deletion after the new position of its old predecessor.
    let mut new_of_old: Vec<Option<usize>> = vec![None; old.len()];
    for p in &pairs {
        if let Some(first) = p.new.first() {
            for i in &p.old {
                new_of_old[*i] = Some(*first);
            }
        }
    }
    let key = |p: &Pair| -> (usize, usize, usize) {
        match p.new.first() {
            Some(j) => (*j, 0, 0),
            None => {
                let i = p.old[0];
                let after = (0..i).rev().find_map(|k| new_of_old[k]).map_or(0, |j| j);
                (after, 1, i)
            }
        }
    };
    pairs.sort_by_key(|p| key(p));

    let labels = |ids: &[usize], side: &[(String, String)]| -> Vec<String> {
        ids.iter().map(|i| side[*i].0.clone()).collect()
    };
    // Shown as "3 + 4" for a split or a merge; code reads the lists.
    let join = |labels: &[String]| (!labels.is_empty()).then(|| labels.join(" + "));
    let text = |ids: &[usize], side: &[(String, String)]| -> String {
        ids.iter()
            .map(|i| side[*i].1.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let complete = work.0 <= ALIGN_WORK;
    let entries = pairs
        .iter()
        .map(|p| {
            let (old_text, new_text) = (text(&p.old, old), text(&p.new, new));
            let runs = match p.status {
                AlignStatus::Added => vec![WordRun {
                    kind: RunKind::Inserted,
                    text: new_text.clone(),
                }],
                AlignStatus::Deleted => vec![WordRun {
                    kind: RunKind::Deleted,
                    text: old_text.clone(),
                }],
                _ if old_text == new_text => vec![WordRun {
                    kind: RunKind::Same,
                    text: new_text.clone(),
                }],
                _ => word_runs(&old_text, &new_text),
            };
            let pick = |kind: RunKind| -> Vec<String> {
                runs.iter()
                    .filter(|r| r.kind == kind && !r.text.trim().is_empty())
                    .map(|r| r.text.trim().to_string())
                    .collect()
            };
            let similarity = match p.status {
                AlignStatus::Added | AlignStatus::Deleted => 0.0,
                AlignStatus::Unchanged => 1.0,
                _ => {
                    let sim = similarity(&joined(&p.old, &old_bags), &joined(&p.new, &new_bags));
                    (sim * 1000.0).round() / 1000.0
                }
            };
            let (old_labels, new_labels) = (labels(&p.old, old), labels(&p.new, new));
            AlignedEntry {
                old_label: join(&old_labels),
                new_label: join(&new_labels),
                old_labels,
                new_labels,
                status: p.status,
                status_label: p.status.label().to_string(),
                similarity,
                inserted: pick(RunKind::Inserted),
                deleted: pick(RunKind::Deleted),
                runs,
            }
        })
        .collect();
    (entries, complete)
}
