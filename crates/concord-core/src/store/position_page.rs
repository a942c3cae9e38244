//! The positions page: one page of the positions a filter keeps, newest entries first, and how
//! many there are, at a million positions as at a thousand.

use super::position_filter::filter_clause;
use super::positions::id_value;
use super::{Store, StoreError};
use crate::model::{Position, PositionFilter, PositionPage};
use rusqlite::params_from_iter;
use rusqlite::types::Value;
use std::collections::HashSet;
use uuid::Uuid;

/// The most rows one page returns.
pub const MAX_PAGE: u32 = 1_000;
const DEFAULT_PAGE: u32 = 200;
/// How far a page counts the matches before it says "10,000 or more". An exact count reads
/// every match: at a million positions 0.36 s for one stance, 0.53 s for a large group
/// (views bench), for a figure nobody pages through.
pub const COUNT_CAP: u64 = 10_000;
/// Words in more positions than this are looked for as the rows are read (see
/// [`Store::common_page`]).
pub const COMMON_WORDS: usize = 20_000;

/// Which rows one page takes: `from` the first, `limit` of them.
#[derive(Clone, Copy)]
struct Window {
    from: u64,
    limit: u64,
}

impl Store {
    /// The positions that match `filter`, newest entries first, one page at a time, with how
    /// many match: all of them, or when `more`, as many as were counted.
    pub fn positions(&self, filter: &PositionFilter) -> Result<PositionPage, StoreError> {
        let common = match filter.text.as_deref() {
            Some(text) => self.common_words(text)?,
            None => None,
        };
        self.page(filter, common.as_deref())
    }

    /// [`Store::positions`], given the search index's query for the text when its words are
    /// common, to be checked row by row.
    pub(super) fn page(
        &self,
        filter: &PositionFilter,
        common: Option<&str>,
    ) -> Result<PositionPage, StoreError> {
        let window = Window {
            from: u64::from(filter.offset.unwrap_or(0)),
            limit: u64::from(filter.limit.unwrap_or(DEFAULT_PAGE).min(MAX_PAGE)),
        };
        let (ids, total, more) = match common {
            None => self.sql_page(filter, window)?,
            Some(query) => self.common_page(filter, query, window)?,
        };
        Ok(PositionPage {
            items: self.positions_in_order(&ids)?,
            total,
            more,
        })
    }

    /// The search index's query for `text` when more than [`COMMON_WORDS`] positions match
    /// it (counted as FTS5 reads them, no further).
    pub(super) fn common_words(&self, text: &str) -> Result<Option<String>, StoreError> {
        let Some(query) = self.spelled_query(text)? else {
            return Ok(None);
        };
        let n: i64 = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM (SELECT rowid FROM position_search
                 WHERE position_search MATCH ?1 LIMIT {})",
                COMMON_WORDS + 1
            ))?
            .query_row([&query], |r| r.get(0))?;
        Ok((n as usize > COMMON_WORDS).then_some(query))
    }

    /// One page by SQL alone: the page's ids, then a count that stops at [`COUNT_CAP`] (a
    /// page beyond it says only whether another follows).
    fn sql_page(
        &self,
        filter: &PositionFilter,
        w: Window,
    ) -> Result<(Vec<Uuid>, u64, bool), StoreError> {
        let (where_sql, args) = filter_clause(filter);
        let sql = format!(
            "SELECT p.id FROM position AS p JOIN session AS s ON s.id = p.session_id
             LEFT JOIN source AS src ON src.id = p.source_id {where_sql}
             ORDER BY p.created_at DESC, p.id DESC LIMIT {} OFFSET {}",
            w.limit + 1,
            w.from
        );
        let mut ids: Vec<Uuid> = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params_from_iter(args.iter()), |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let next = ids.len() as u64 > w.limit;
        ids.truncate(w.limit as usize);
        if w.from + w.limit >= COUNT_CAP && !ids.is_empty() {
            let end = w.from + ids.len() as u64;
            return Ok((ids, end, next));
        }
        let counted = self.count_up_to(&where_sql, &args, COUNT_CAP + 1)?;
        Ok((ids, counted.min(COUNT_CAP), counted > COUNT_CAP))
    }

    /// One page where the text's words are common (more than [`COMMON_WORDS`] matches): the
    /// rows the other filters keep are read newest first with their row in the search index,
    /// and taken when the index matches it, until the page is full. The index's matches are
    /// read alongside, newest first, only as far down as the rows asked about. Asking SQLite
    /// for `id IN (matches)` instead reads every match's row and sorts them all: at a million
    /// positions, for a word in half of them, a second a page against milliseconds (views
    /// bench). The same positions are found either way.
    fn common_page(
        &self,
        filter: &PositionFilter,
        query: &str,
        w: Window,
    ) -> Result<(Vec<Uuid>, u64, bool), StoreError> {
        let rest = PositionFilter {
            text: None,
            limit: None,
            offset: None,
            ..filter.clone()
        };
        let (where_sql, args) = filter_clause(&rest);
        let sql = format!(
            "SELECT p.id, k.rowid FROM position AS p JOIN session AS s ON s.id = p.session_id
             LEFT JOIN source AS src ON src.id = p.source_id
             JOIN position_search_key AS k ON k.position_id = p.id {where_sql}
             ORDER BY p.created_at DESC, p.id DESC"
        );
        let mut index = self.conn.prepare_cached(
            "SELECT rowid FROM position_search WHERE position_search MATCH ?1 ORDER BY rowid DESC",
        )?;
        let mut matches = Matches::new(index.query([query])?);
        // With the text alone, more than COMMON_WORDS match: no need to count them.
        let counting = rest != PositionFilter::default() && w.from + w.limit < COUNT_CAP;
        let enough = if counting {
            COUNT_CAP + 1
        } else {
            w.from + w.limit + 1
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(args.iter()))?;
        let (mut kept, mut ids) = (0u64, Vec::new());
        while kept < enough {
            let Some(row) = rows.next()? else { break };
            if !matches.hold(row.get(1)?)? {
                continue;
            }
            if (w.from..w.from + w.limit).contains(&kept) {
                ids.push(row.get(0)?);
            }
            kept += 1;
        }
        Ok(if kept < enough {
            (ids, kept, false)
        } else if w.from + w.limit < COUNT_CAP {
            (ids, COUNT_CAP, true)
        } else {
            (ids, w.from + w.limit, true)
        })
    }

    /// How many positions a filter clause keeps, counting no further than `cap`.
    fn count_up_to(&self, where_sql: &str, args: &[Value], cap: u64) -> Result<u64, StoreError> {
        let sql = format!(
            "SELECT count(*) FROM (SELECT 1 FROM position AS p JOIN session AS s ON s.id = p.session_id
             LEFT JOIN source AS src ON src.id = p.source_id {where_sql} LIMIT {cap})"
        );
        let n: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params_from_iter(args.iter()), |r| r.get(0))?;
        Ok(n as u64)
    }

    /// These positions, newest entries first, read whole.
    fn positions_in_order(&self, ids: &[Uuid]) -> Result<Vec<Position>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; ids.len()].join(",");
        let ids: Vec<Value> = ids.iter().map(|id| id_value(*id)).collect();
        self.newest_first(&format!("WHERE p.id IN ({marks})"), &ids, -1, 0)
    }
}

/// A search index query's matches, read newest (highest row) first and only as far down as
/// the rows asked about.
struct Matches<'s> {
    rows: rusqlite::Rows<'s>,
    read: HashSet<i64>,
    /// The lowest row read so far; every match above it has been read.
    floor: i64,
    done: bool,
}

impl<'s> Matches<'s> {
    fn new(rows: rusqlite::Rows<'s>) -> Self {
        Matches {
            rows,
            read: HashSet::new(),
            floor: i64::MAX,
            done: false,
        }
    }

    /// Whether the query matches index row `rowid`.
    fn hold(&mut self, rowid: i64) -> Result<bool, StoreError> {
        while !self.done && self.floor > rowid {
            match self.rows.next()? {
                Some(r) => {
                    self.floor = r.get(0)?;
                    self.read.insert(self.floor);
                }
                None => self.done = true,
            }
        }
        Ok(self.read.contains(&rowid))
    }
}
