//! Which positions a [`PositionFilter`] keeps, as one SQL WHERE clause over `position AS p`
//! joined to `session AS s` and `source AS src` (the positions page, exports, search within).

use super::positions::id_value;
use super::search::fts_query;
use crate::model::PositionFilter;
use rusqlite::types::Value;

/// Builds the WHERE clause for a filter; every value is a bound parameter.
pub(crate) fn filter_clause(filter: &PositionFilter) -> (String, Vec<Value>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let bind = |v: Value, args: &mut Vec<Value>| {
        args.push(v);
        format!("?{}", args.len())
    };
    if let Some(actor) = filter.actor_id {
        let a = bind(id_value(actor), &mut args);
        clauses.push(format!("p.actor_id = {a}"));
    }
    if let Some(group) = filter.group_id {
        let g = bind(id_value(group), &mut args);
        // The uncorrelated IN is computed once, so most rows (not members) are set aside by
        // one probe; only members' rows check the membership's dates against the session.
        clauses.push(format!(
            "(p.actor_id = {g} OR p.on_behalf_of_id = {g}
              OR p.actor_id IN (SELECT member_id FROM group_membership WHERE group_id = {g}) AND EXISTS (
               SELECT 1 FROM group_membership AS gm WHERE gm.group_id = {g} AND gm.member_id = p.actor_id
                 AND (gm.valid_from IS NULL OR s.start_date IS NULL OR gm.valid_from <= coalesce(s.end_date, s.start_date))
                 AND (gm.valid_to IS NULL OR s.start_date IS NULL OR gm.valid_to >= s.start_date)))"
        ));
    }
    if let Some(session) = filter.session_id {
        let s = bind(id_value(session), &mut args);
        clauses.push(format!("p.session_id = {s}"));
    }
    if let Some(topic) = filter.topic_id {
        let t = bind(id_value(topic), &mut args);
        clauses.push(format!(
            "p.topic_id IN (WITH RECURSIVE below(id) AS (SELECT {t} UNION
               SELECT topic.id FROM topic JOIN below ON topic.parent_id = below.id) SELECT id FROM below)"
        ));
    }
    if let Some(proposal) = filter.proposal_id {
        let p = bind(id_value(proposal), &mut args);
        clauses.push(format!("p.proposal_id = {p}"));
    }
    if let Some(stance) = filter.stance {
        let s = bind(Value::Text(stance.as_str().to_string()), &mut args);
        clauses.push(format!("p.stance = {s}"));
    }
    if let Some(text) = filter
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        clauses.push(text_clause(text, &mut args));
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    (sql, args)
}

/// The text filter: the words as Search finds them, in its index (FTS5: case and accents
/// folded, the last word of three letters or more also as the start of a word). At a million
/// positions a `LIKE '%word%'` over the four columns took 0.85 s a page (views bench). A text
/// with no letters or digits ("%", "§") has no words and is matched literally instead.
fn text_clause(text: &str, args: &mut Vec<Value>) -> String {
    if let Some(query) = fts_query(text) {
        args.push(Value::Text(query));
        let q = args.len();
        return format!(
            "p.id IN (SELECT k.position_id FROM position_search AS f
                      JOIN position_search_key AS k ON k.rowid = f.rowid
                      WHERE position_search MATCH ?{q})"
        );
    }
    let pattern = format!(
        "%{}%",
        text.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    args.push(Value::Text(pattern));
    let t = args.len();
    format!(
        "(p.summary LIKE ?{t} ESCAPE '\\' OR p.quote LIKE ?{t} ESCAPE '\\'
          OR p.note LIKE ?{t} ESCAPE '\\' OR src.citation LIKE ?{t} ESCAPE '\\')"
    )
}
