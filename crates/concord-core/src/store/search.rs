//! Full-text search over positions (FTS5, schema v2), ranked, with the matching words marked.

use super::positions::{filter_clause, read_position, SELECT_POSITION};
use super::{Store, StoreError};
use crate::model::{PositionFilter, SearchHit, SearchQuery, TextRun};
use rusqlite::params_from_iter;
use rusqlite::types::Value;
use std::collections::HashMap;
use uuid::Uuid;

const DEFAULT_HITS: u32 = 50;
const MAX_HITS: u32 = 500;
const MARK_START: char = '\u{2}';
const MARK_END: char = '\u{3}';

/// Turns what people type into an FTS5 query: every word must match; words of three or more
/// letters also match as a prefix ("capac" finds "capacity"), shorter ones only whole ("d" in
/// "d'Ivoire" does not find "de"). Punctuation and FTS operators typed by the user are
/// separators, never syntax.
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.chars().count() >= 3 {
                format!("\"{w}\"*")
            } else {
                format!("\"{w}\"")
            }
        })
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

fn runs(snippet: &str) -> Vec<TextRun> {
    let mut out: Vec<TextRun> = Vec::new();
    let mut hit = false;
    let mut current = String::new();
    for c in snippet.chars() {
        if c == MARK_START || c == MARK_END {
            if !current.is_empty() {
                out.push(TextRun {
                    text: std::mem::take(&mut current),
                    hit,
                });
            }
            hit = c == MARK_START;
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        out.push(TextRun { text: current, hit });
    }
    out
}

impl Store {
    /// Positions whose summary, quote, note or source contain every word of `query.text`,
    /// most relevant first. An empty query finds nothing.
    pub fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>, StoreError> {
        let Some(matcher) = fts_query(&query.text) else {
            return Ok(Vec::new());
        };
        let filter = PositionFilter {
            actor_id: query.actor_id,
            session_id: query.session_id,
            topic_id: query.topic_id,
            ..PositionFilter::default()
        };
        let (where_sql, mut args) = filter_clause(&filter);
        args.push(Value::Text(matcher));
        let m = args.len();
        let condition = if where_sql.is_empty() {
            format!("WHERE position_search MATCH ?{m}")
        } else {
            format!("{where_sql} AND position_search MATCH ?{m}")
        };
        let limit = query.limit.unwrap_or(DEFAULT_HITS).min(MAX_HITS);
        let sql = format!(
            "SELECT k.position_id,
                    snippet(position_search, -1, char(2), char(3), '…', 24),
                    bm25(position_search)
             FROM position_search
             JOIN position_search_key AS k ON k.rowid = position_search.rowid
             JOIN position AS p ON p.id = k.position_id
             JOIN session AS s ON s.id = p.session_id
             LEFT JOIN source AS src ON src.id = p.source_id
             {condition}
             ORDER BY bm25(position_search)
             LIMIT {limit}"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let found: Vec<(String, String, f64)> = stmt
            .query_map(params_from_iter(args.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<Result<_, _>>()?;
        if found.is_empty() {
            return Ok(Vec::new());
        }
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
            .filter_map(|(id, snippet, rank)| {
                let id = Uuid::parse_str(&id).ok()?;
                Some(SearchHit {
                    position: positions.remove(&id)?,
                    excerpt: runs(&snippet),
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
            Some("\"cote\"* \"d\" \"ivoire\"*")
        );
        assert_eq!(fts_query("NOT OR \"*").as_deref(), Some("\"NOT\"* \"OR\""));
        assert_eq!(fts_query("  ,; "), None);
    }

    #[test]
    fn snippets_split_into_marked_runs() {
        let r = runs("the \u{2}sovereignty\u{3} of States");
        assert_eq!(
            r,
            vec![
                TextRun {
                    text: "the ".into(),
                    hit: false
                },
                TextRun {
                    text: "sovereignty".into(),
                    hit: true
                },
                TextRun {
                    text: " of States".into(),
                    hit: false
                },
            ]
        );
    }
}
