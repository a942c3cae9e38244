//! Full-text search over positions (FTS5, schema v2): the queries and the candidates they
//! read; ranking and excerpts are `crate::search`'s.

use super::position_filter::filter_clause;
use super::positions::{read_position, uuid_col, SELECT_POSITION};
use super::{Store, StoreError};
use crate::model::{ParagraphHit, PositionFilter, SearchHit, SearchQuery, TextRun};
use crate::search::{excerpt, relevance, wanted_words, words};
use crate::text::fold;
use rusqlite::{params_from_iter, OptionalExtension};
use std::collections::{HashMap, HashSet};

/// Matches: a position's id and its four indexed fields.
type Candidates = Vec<(Uuid, [String; 4])>;
use uuid::Uuid;

const DEFAULT_HITS: u32 = 50;
const MAX_HITS: u32 = 500;
/// A last word with more completions than this in the index stays a prefix query.
const MAX_COMPLETIONS: usize = 16;
/// How many of the newest matches are ranked when a query matches more.
pub const CANDIDATES: u32 = 500;

/// People's words are looked for in the four text columns only, never in the column that
/// holds each position's actor as one word.
fn in_text(query: String) -> String {
    format!("{{summary quote note source}} : ({query})")
}

/// The index's word for one actor's positions, as a clause to AND to a query. The index's
/// writers spell it in SQL: `'zq' || lower(hex(actor_id))` (migrations/0019_search_by_actor.sql,
/// `derived.rs`'s `indexed_text!`); a `Uuid`'s simple form is the same 32 lowercase digits.
fn actor_clause(actor: Uuid) -> String {
    format!("actor : \"zq{}\"", actor.simple())
}

/// Turns what people type into an FTS5 query: every word must match. The last word also
/// matches as a prefix when it has three or more letters ("capac" finds "capacity"), as in
/// search-as-you-type; earlier words match whole ("d" in "d'Ivoire" does not find "de").
/// Punctuation and FTS operators typed by the user are separators, never syntax.
pub fn fts_query(text: &str) -> Option<String> {
    fts_query_with(text, true)
}

/// [`fts_query`] with the last word matched whole when `prefix` is false.
fn fts_query_with(text: &str, prefix: bool) -> Option<String> {
    words_query(text, prefix).map(in_text)
}

/// The words as an FTS5 query over every column of an index (the paragraphs' has one).
fn words_query(text: &str, prefix: bool) -> Option<String> {
    let words = words(text);
    let last = words.len().checked_sub(1)?;
    Some(
        words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if prefix && i == last && w.chars().count() >= 3 {
                    format!("\"{w}\"*")
                } else {
                    format!("\"{w}\"")
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The matches of the words as typed, then the newer matches of the last word's completions
/// that are not among them, up to [`CANDIDATES`]: a word typed in full is never crowded out
/// by many newer statements that only begin with it ("1234" by 12340 … 12349).
fn whole_words_first<T, K: Eq + std::hash::Hash>(
    mut whole: Vec<T>,
    completed: Vec<T>,
    key: impl Fn(&T) -> K,
) -> Vec<T> {
    let seen: HashSet<K> = whole.iter().map(&key).collect();
    let room = (CANDIDATES as usize).saturating_sub(whole.len());
    whole.extend(
        completed
            .into_iter()
            .filter(|c| !seen.contains(&key(c)))
            .take(room),
    );
    whole
}

impl Store {
    /// The newest [`CANDIDATES`] matches with their text, read from the positions (the index
    /// keeps no copy of it since schema v9) in the same query: one join is twice as fast as a
    /// lookup per match (views bench, p50 7.1 against 13.9 ms). Ranked by the caller (see
    /// `crate::search::relevance` for why not FTS5's bm25()).
    ///
    /// Whole words first; the last word's completions only when the whole-word matches do not
    /// already fill the candidates, spelled out where they are few ([`Store::spelled_query`]:
    /// a prefix query merges the posting lists of every completion before it answers, tens of
    /// milliseconds for a common word at a million positions).
    ///
    /// With `scope` (a clause such as [`actor_clause`]), only the matches it also matches:
    /// FTS5 steps through both lists of entries at once.
    fn newest_matches(
        &self,
        exact: &str,
        text: &str,
        scope: Option<&str>,
    ) -> Result<Candidates, StoreError> {
        let scoped = |q: &str| match scope {
            Some(clause) => format!("{q} AND {clause}"),
            None => q.to_string(),
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT k.position_id, p.summary, p.quote, p.note, coalesce(src.citation, '')
             FROM position_search AS f
             JOIN position_search_key AS k ON k.rowid = f.rowid
             JOIN position AS p ON p.id = k.position_id
             LEFT JOIN source AS src ON src.id = p.source_id
             WHERE position_search MATCH ?1
             ORDER BY f.rowid DESC LIMIT {CANDIDATES}"
        ))?;
        let mut fetch = |matcher: &str| -> Result<Candidates, StoreError> {
            let rows = stmt
                .query_map([matcher], |r| {
                    Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?]))
                })?
                .collect::<Result<_, _>>()?;
            Ok(rows)
        };
        let mut candidates = fetch(&scoped(exact))?;
        if candidates.len() < CANDIDATES as usize {
            if let Some(completed) = self.spelled_query(text)?.filter(|q| q != exact) {
                candidates = whole_words_first(candidates, fetch(&scoped(&completed))?, |c| c.0);
            }
        }
        Ok(candidates)
    }

    /// Like [`Store::newest_matches`], among the positions a filter keeps (a session, a
    /// topic, or several filters; one actor alone is [`actor_clause`]'s). The matching index
    /// entries are read as bare row numbers, newest first, and kept when the filter keeps
    /// them; only the kept ones' text is read. (Joining every match to its position first
    /// would read the text of all matches: for a common word and one actor, some hundred
    /// times more than is kept.)
    fn newest_matches_within(
        &self,
        filter: &PositionFilter,
        exact: &str,
        text: &str,
    ) -> Result<Candidates, StoreError> {
        let (where_sql, args) = filter_clause(filter);
        let allowed: HashSet<i64> = self
            .conn
            .prepare_cached(&format!(
                "SELECT k.rowid FROM position AS p
                 JOIN session AS s ON s.id = p.session_id
                 LEFT JOIN source AS src ON src.id = p.source_id
                 JOIN position_search_key AS k ON k.position_id = p.id
                 {where_sql}"
            ))?
            .query_map(params_from_iter(args.iter()), |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut matching = self.conn.prepare_cached(
            "SELECT rowid FROM position_search WHERE position_search MATCH ?1 ORDER BY rowid DESC",
        )?;
        let mut kept_of = |matcher: &str| -> Result<Vec<i64>, StoreError> {
            let mut kept = Vec::new();
            let mut rows = matching.query([matcher])?;
            while let Some(r) = rows.next()? {
                let rowid: i64 = r.get(0)?;
                if allowed.contains(&rowid) {
                    kept.push(rowid);
                    if kept.len() == CANDIDATES as usize {
                        break;
                    }
                }
            }
            Ok(kept)
        };
        let mut kept = kept_of(exact)?;
        if kept.len() < CANDIDATES as usize {
            if let Some(completed) = self.spelled_query(text)?.filter(|q| q != exact) {
                kept = whole_words_first(kept, kept_of(&completed)?, |rowid| *rowid);
            }
        }
        let mut text = self.conn.prepare_cached(
            "SELECT k.position_id, p.summary, p.quote, p.note, coalesce(src.citation, '')
             FROM position_search_key AS k
             JOIN position AS p ON p.id = k.position_id
             LEFT JOIN source AS src ON src.id = p.source_id
             WHERE k.rowid = ?1",
        )?;
        let mut out = Vec::with_capacity(kept.len());
        for rowid in kept {
            out.push(text.query_row([rowid], |r| {
                Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?]))
            })?);
        }
        Ok(out)
    }

    /// [`fts_query`] with the last word's completions spelled out from the index's own list
    /// of words ("ransom" → `("ransom" OR "ransomware")`) when there are at most
    /// [`MAX_COMPLETIONS`]: FTS5 then reads the matches as they are asked for, newest first,
    /// where a prefix query merges every completion's whole list before its first answer
    /// (19 ms for a word in half of a million positions, against 0.1 ms). The same positions
    /// match. Only for a last word in ASCII, whose form in the index is known (lowercase); any
    /// other is left a prefix.
    pub(super) fn spelled_query(&self, text: &str) -> Result<Option<String>, StoreError> {
        let words = words(text);
        let Some((last, before)) = words.split_last() else {
            return Ok(None);
        };
        if last.len() < 3 || !last.is_ascii() {
            return Ok(fts_query(text));
        }
        let from = last.to_ascii_lowercase();
        // The first string after every word that starts with `from` (ASCII letters and
        // digits, so the last one's successor is still ASCII).
        let mut to = from.clone().into_bytes();
        if let Some(b) = to.last_mut() {
            *b += 1;
        }
        let to = String::from_utf8(to).map_err(|e| StoreError::invalid("search", e.to_string()))?;
        // The index's words one by one, each found by a seek: the "instance" view of the
        // vocabulary answers its first row at once, where the "row" view first counts every
        // position holding the word (9 ms for a word in half a million).
        self.conn.execute_batch(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.position_words
             USING fts5vocab(main, position_search, instance)",
        )?;
        let mut next = self.conn.prepare_cached(
            "SELECT term FROM temp.position_words WHERE term >= ?1 AND term < ?2 LIMIT 1",
        )?;
        let mut terms: Vec<String> = Vec::new();
        let mut after = from.clone();
        while let Some(term) = next
            .query_row([&after, &to], |r| r.get::<_, String>(0))
            .optional()?
        {
            if terms.len() == MAX_COMPLETIONS {
                return Ok(fts_query(text));
            }
            // No word lies between `term` and `term` + "0": a word's characters are letters
            // and digits, none below "0".
            after = format!("{term}0");
            terms.push(term);
        }
        let mut parts: Vec<String> = before.iter().map(|w| format!("\"{w}\"")).collect();
        let terms = if terms.is_empty() { vec![from] } else { terms };
        let any: Vec<String> = terms
            .iter()
            .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
            .collect();
        parts.push(format!("({})", any.join(" OR ")));
        Ok(Some(in_text(parts.join(" AND "))))
    }

    /// Paragraphs of draft revisions whose text has every word of `text` (the last as a
    /// prefix, as for positions), each paragraph once — in its newest revision — newest
    /// revisions first, in the order of the text.
    pub fn search_paragraphs(&self, text: &str) -> Result<Vec<ParagraphHit>, StoreError> {
        const PARAGRAPH_HITS: usize = 50;
        let Some(matcher) = words_query(text, true) else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.id, d.id, coalesce(d.symbol, ''), coalesce(d.revision_label, ''), v.label,
                    v.text, v.stable_key
             FROM provision_search AS f
             JOIN provision AS v ON v.rowid = f.rowid
             JOIN document AS d ON d.id = v.document_id
             WHERE provision_search MATCH ?1
             ORDER BY d.date IS NULL, d.date DESC, d.rowid DESC, v.ordinal",
        )?;
        let mut rows = stmt.query([matcher])?;
        let mut seen = HashSet::new();
        let mut hits = Vec::new();
        while let Some(r) = rows.next()? {
            let key: String = r.get(6)?;
            if !seen.insert(key) {
                continue;
            }
            let body: String = r.get(5)?;
            hits.push(ParagraphHit {
                provision_id: uuid_col(r, 0)?,
                revision_id: uuid_col(r, 1)?,
                symbol: r.get(2)?,
                revision_label: r.get(3)?,
                label: r.get(4)?,
                excerpt: excerpt(&[body], text),
            });
            if hits.len() == PARAGRAPH_HITS {
                break;
            }
        }
        Ok(hits)
    }

    /// Positions whose summary, quote, note or source contain every word of `query.text`,
    /// most relevant first (see `crate::search::relevance`) among the newest [`CANDIDATES`] matches. An empty query
    /// finds nothing.
    pub fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>, StoreError> {
        let Some(exact) = fts_query_with(&query.text, false) else {
            return Ok(Vec::new());
        };
        let limit = query.limit.unwrap_or(DEFAULT_HITS).min(MAX_HITS) as usize;
        let candidates = match (query.actor_id, query.session_id, query.topic_id) {
            (None, None, None) => self.newest_matches(&exact, &query.text, None)?,
            (Some(actor), None, None) => {
                self.newest_matches(&exact, &query.text, Some(&actor_clause(actor)))?
            }
            (actor_id, session_id, topic_id) => {
                let filter = PositionFilter {
                    actor_id,
                    session_id,
                    topic_id,
                    ..PositionFilter::default()
                };
                self.newest_matches_within(&filter, &exact, &query.text)?
            }
        };
        if candidates.is_empty() {
            return Ok(Vec::new());
        }
        let wanted = wanted_words(&query.text);
        let folded: Vec<[Vec<String>; 4]> = candidates
            .iter()
            .map(|(_, fields)| {
                fields
                    .each_ref()
                    .map(|f| words(f).into_iter().map(fold).collect())
            })
            .collect();
        let mut average = [0.0f64; 4];
        for f in &folded {
            for (i, words) in f.iter().enumerate() {
                average[i] += words.len() as f64 / folded.len() as f64;
            }
        }
        // Best first; among equals, in the order the candidates came: whole words first, then
        // newest first.
        let mut order: Vec<(usize, f64)> = folded
            .iter()
            .enumerate()
            .map(|(i, f)| (i, relevance(f, &wanted, &average)))
            .collect();
        order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        order.truncate(limit);
        // 2. Excerpts and the positions themselves for the kept hits only.
        let found: Vec<(Uuid, Vec<TextRun>, f64)> = order
            .into_iter()
            .map(|(i, score)| {
                let (id, fields) = &candidates[i];
                (*id, excerpt(fields, &query.text), score)
            })
            .collect();
        let placeholders = vec!["?"; found.len()].join(", ");
        let mut stmt = self
            .conn
            .prepare(&format!("{SELECT_POSITION} WHERE p.id IN ({placeholders})"))?;
        let mut positions: HashMap<Uuid, crate::model::Position> = stmt
            .query_map(params_from_iter(found.iter().map(|f| &f.0)), read_position)?
            .map(|p| p.map(|p| (p.id, p)))
            .collect::<Result<_, _>>()?;
        Ok(found
            .into_iter()
            .filter_map(|(id, excerpt, rank)| {
                Some(SearchHit {
                    position: positions.remove(&id)?,
                    excerpt,
                    rank,
                })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_becomes_a_safe_fts_query() {
        assert_eq!(
            fts_query("cote d'ivoire").as_deref(),
            Some("{summary quote note source} : (\"cote\" \"d\" \"ivoire\"*)")
        );
        assert_eq!(
            fts_query("NOT OR \"*").as_deref(),
            Some("{summary quote note source} : (\"NOT\" \"OR\")")
        );
        assert_eq!(fts_query("  ,; "), None);
    }
}
