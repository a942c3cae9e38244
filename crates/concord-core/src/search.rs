//! Search results for people: which candidates are most about the query, and the excerpt
//! shown for each with the matching words marked. The store finds the candidates (FTS5).

use crate::model::TextRun;
use crate::text::fold;

/// The words of a query, as typed (letters and digits; everything else separates words).
pub fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The query's words, folded, each with whether it matches as a prefix (the last word, as in
/// [`crate::store::fts_query`]).
pub fn wanted_words(text: &str) -> Vec<(String, bool)> {
    let wanted: Vec<String> = words(text).into_iter().map(fold).collect();
    let last = wanted.len().saturating_sub(1);
    wanted
        .into_iter()
        .enumerate()
        .map(|(i, w)| {
            let prefix = i == last && w.chars().count() >= 3;
            (w, prefix)
        })
        .collect()
}

/// How much the fields (summary, quote, note, source: folded words) are about the query: BM25's
/// term-frequency saturation and length normalisation per field, the summary weighing most.
/// No inverse document frequency: every candidate holds every query word anyway, and FTS5's
/// bm25() gets it by reading each word's whole posting list, which for a common word at a
/// million positions costs tens of milliseconds per query.
pub fn relevance(fields: &[Vec<String>; 4], wanted: &[(String, bool)], average: &[f64; 4]) -> f64 {
    const WEIGHTS: [f64; 4] = [2.0, 1.5, 1.0, 0.5];
    const K1: f64 = 1.2;
    const B: f64 = 0.75;
    const COMPLETION: f64 = 0.5;
    let mut score = 0.0;
    for (i, words) in fields.iter().enumerate() {
        if words.is_empty() {
            continue;
        }
        let norm = 1.0 - B + B * words.len() as f64 / average[i].max(1.0);
        for (q, prefix) in wanted {
            // A completion counts half a word typed in full: "row 1234" puts the statement
            // that says 1234 before those that say 12340, 12341 …
            let tf: f64 = words
                .iter()
                .map(|w| match (w == q, word_matches(w, q, *prefix)) {
                    (true, _) => 1.0,
                    (false, true) => COMPLETION,
                    (false, false) => 0.0,
                })
                .sum();
            if tf > 0.0 {
                score += WEIGHTS[i] * tf * (K1 + 1.0) / (tf + K1 * norm);
            }
        }
    }
    score
}

/// True when `word` (folded) is what the query word `q` (folded) asks for.
fn word_matches(word: &str, q: &str, prefix: bool) -> bool {
    word == q || (prefix && word.starts_with(q))
}

/// The excerpt shown for a hit: about `EXCERPT_WORDS` words around the first match in the
/// first field that matches, matched words marked. Done here rather than with FTS5's
/// snippet(), which would re-run the whole (possibly huge) match for every hit.
pub fn excerpt(fields: &[String], query: &str) -> Vec<TextRun> {
    const EXCERPT_WORDS: usize = 24;
    let wanted: Vec<String> = words(query).iter().map(|w| fold(w)).collect();
    let last = wanted.len().saturating_sub(1);
    let is_hit = |w: &str| {
        let f = fold(w);
        wanted
            .iter()
            .enumerate()
            .any(|(i, q)| word_matches(&f, q, i == last && q.chars().count() >= 3))
    };
    for field in fields.iter().filter(|f| !f.is_empty()) {
        // Split into alternating word / non-word pieces, keeping the original text.
        let mut pieces: Vec<(String, bool)> = Vec::new();
        for c in field.chars() {
            let word = c.is_alphanumeric();
            match pieces.last_mut() {
                Some((text, w)) if *w == word => text.push(c),
                _ => pieces.push((c.to_string(), word)),
            }
        }
        let Some(first) = pieces.iter().position(|(t, w)| *w && is_hit(t)) else {
            continue;
        };
        // Pieces alternate words and separators: EXCERPT_WORDS pieces is about half the words.
        let start = first.saturating_sub(EXCERPT_WORDS);
        let end = (start + EXCERPT_WORDS * 2).min(pieces.len());
        let mut out: Vec<TextRun> = Vec::new();
        if start > 0 {
            out.push(TextRun {
                text: "…".into(),
                hit: false,
            });
        }
        for (text, word) in &pieces[start..end] {
            let hit = *word && is_hit(text);
            match out.last_mut() {
                Some(run) if run.hit == hit && !hit => run.text.push_str(text),
                _ => out.push(TextRun {
                    text: text.clone(),
                    hit,
                }),
            }
        }
        if end < pieces.len() {
            out.push(TextRun {
                text: "…".into(),
                hit: false,
            });
        }
        return out;
    }
    fields
        .iter()
        .find(|f| !f.is_empty())
        .map(|f| {
            vec![TextRun {
                text: f.chars().take(200).collect(),
                hit: false,
            }]
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_mark_the_words_asked_for() {
        let fields = [
            "".to_string(),
            "La souveraineté de la Côte d'Ivoire".to_string(),
        ];
        let runs = excerpt(&fields, "cote d ivoi");
        let marked: Vec<&str> = runs
            .iter()
            .filter(|r| r.hit)
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(marked, ["Côte", "d", "Ivoire"]);
        let text: String = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(text, "La souveraineté de la Côte d'Ivoire");
    }
}
