//! Applying a change set to this file row by row, by the rules of `crate::merge`, and keeping
//! the bookkeeping (`ledger.rs`) those rules read, for this file's own sets as for others'.
//!
//! Change sets are read with SQLite's session extension but not applied with it: its conflict
//! handler can keep or replace a whole row, and a merge decides field by field. Every row a
//! set names is checked first (a captured table, its columns as this version has them, a
//! 16-byte id), and the rows written go through the tables' own checks and triggers, so the
//! search index and matrix cells follow.

use super::capture::captured;
use super::ledger;
use super::StoreError;
use crate::merge::{self, Field, SetInfo, Stamp};
use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
use rusqlite::hooks::Action;
use rusqlite::session::ChangesetIter;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use std::collections::HashMap;
use std::rc::Rc;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Insert,
    Update,
    Delete,
}

/// One row's change, as a change set holds it: the values before (update: the changed
/// columns and the id; delete: all) and after (update: the changed columns; insert: all).
struct Op {
    table: String,
    kind: Kind,
    row: Uuid,
    old: Vec<Option<Value>>,
    new: Vec<Option<Value>>,
}

/// A table change sets may name: its columns in order and the statements that write a whole
/// row, made once per table rather than once per row.
struct Shape {
    names: Vec<String>,
    /// `SELECT *` of one row by id.
    select: String,
    /// `INSERT` of a whole row.
    insert: String,
    /// The same, doing nothing where a row with its id is here already.
    insert_new: String,
}

impl Shape {
    fn new(table: &str, names: Vec<String>) -> Shape {
        let cols = names
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let marks = (1..=names.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let insert = format!("INSERT INTO \"{table}\" ({cols}) VALUES ({marks})");
        Shape {
            select: format!("SELECT * FROM \"{table}\" WHERE id = ?1"),
            insert_new: format!("{insert} ON CONFLICT (id) DO NOTHING"),
            insert,
            names,
        }
    }
}

/// Applies change sets within one write transaction.
pub(crate) struct Applier<'c> {
    conn: &'c Connection,
    columns: HashMap<String, Rc<Shape>>,
    sets: HashMap<(Uuid, i64), SetInfo>,
    /// Conflicts set aside so far.
    pub(crate) set_aside: usize,
}

impl<'c> Applier<'c> {
    pub(crate) fn new(conn: &'c Connection) -> Self {
        Applier {
            conn,
            columns: HashMap::new(),
            sets: HashMap::new(),
            set_aside: 0,
        }
    }

    /// Keeps the bookkeeping for a set this file just made: its edits are the latest writes
    /// of their fields (and settle the conflicts on them), its deletions leave tombstones.
    pub(crate) fn note_own(&mut self, info: &SetInfo, changes: &[u8]) -> Result<(), StoreError> {
        for op in self.ops(&info.stamp, changes)? {
            match op.kind {
                Kind::Insert => ledger::drop_tombstones(self.conn, &op.table, op.row)?,
                Kind::Delete => {
                    let image: Vec<Value> = op
                        .old
                        .iter()
                        .map(|v| v.clone().unwrap_or(Value::Null))
                        .collect();
                    ledger::drop_deletion_conflicts(self.conn, &op.table, op.row)?;
                    ledger::add_tombstone(self.conn, &op.table, op.row, &info.stamp, Some(&image))?;
                }
                Kind::Update => {
                    for col in changed(&op) {
                        let name = self.columns[&op.table].names[col].clone();
                        self.settle(info, &op.table, op.row, &name)?;
                        ledger::set_field_writer(self.conn, &op.table, op.row, &name, &info.stamp)?;
                    }
                }
            }
        }
        self.sets
            .insert((info.stamp.replica, info.stamp.seq), info.clone());
        Ok(())
    }

    /// Applies another replica's set; returns how many rows it named.
    pub(crate) fn apply(&mut self, info: &SetInfo, changes: &[u8]) -> Result<usize, StoreError> {
        let ops = self.ops(&info.stamp, changes)?;
        let named = ops.len();
        for op in ops {
            match op.kind {
                Kind::Insert => self.insert(op)?,
                Kind::Update => self.update(info, &op)?,
                Kind::Delete => self.delete(info, &op)?,
            }
        }
        self.sets
            .insert((info.stamp.replica, info.stamp.seq), info.clone());
        Ok(named)
    }

    fn info(&mut self, stamp: &Stamp) -> Result<SetInfo, StoreError> {
        if let Some(info) = self.sets.get(&(stamp.replica, stamp.seq)) {
            return Ok(info.clone());
        }
        let info = ledger::set_info(self.conn, stamp)?;
        self.sets.insert((stamp.replica, stamp.seq), info.clone());
        Ok(info)
    }

    /// Drops the conflicts on a field that `info`'s author saw: their edit has been
    /// superseded by one made knowing it.
    fn settle(
        &mut self,
        info: &SetInfo,
        table: &str,
        row: Uuid,
        col: &str,
    ) -> Result<(), StoreError> {
        for (id, stamp) in ledger::conflicts_on(self.conn, table, row, Some(col))? {
            if info.saw(&stamp) {
                ledger::drop_conflict(self.conn, id)?;
            }
        }
        Ok(())
    }

    fn conflict(
        &mut self,
        table: &str,
        row: Uuid,
        col: Option<&str>,
        value: &Value,
        set: &Stamp,
    ) -> Result<(), StoreError> {
        if col.is_some_and(merge::is_bookkeeping) {
            return Ok(());
        }
        ledger::add_conflict(self.conn, table, row, col, value, set)?;
        self.set_aside += 1;
        Ok(())
    }

    fn insert(&mut self, op: Op) -> Result<(), StoreError> {
        let shape = Rc::clone(&self.columns[&op.table]);
        let new: Vec<Value> = op
            .new
            .into_iter()
            .map(|v| v.unwrap_or(Value::Null))
            .collect();
        // Most inserted rows are new here: written at once, the id's own check finds out.
        let written = self
            .conn
            .prepare_cached(&shape.insert_new)?
            .execute(params_from_iter(&new))?;
        if written == 1 {
            return ledger::drop_tombstones(self.conn, &op.table, op.row);
        }
        let Some(current) = self.row(&op.table, op.row)? else {
            // Refused by another uniqueness rule: said as the plain insert says it.
            return self.write_insert(&op.table, &new);
        };
        let mut take = Vec::new();
        for (i, name) in shape.names.iter().enumerate().skip(1) {
            if new[i] == current[i] {
                continue;
            }
            let edited = ledger::field_writer(self.conn, &op.table, op.row, name)?.is_some();
            if merge::insert_takes(edited, self.greater(&new[i], &current[i])?) {
                take.push((name.clone(), new[i].clone()));
            }
        }
        self.write_update(&op.table, op.row, &take)
    }

    fn update(&mut self, info: &SetInfo, op: &Op) -> Result<(), StoreError> {
        let shape = Rc::clone(&self.columns[&op.table]);
        let names = &shape.names;
        let cols = changed(op);
        let current = match self.row(&op.table, op.row)? {
            Some(current) => current,
            None => match self.revive(info, op, names, &cols)? {
                Some(current) => current,
                None => return Ok(()),
            },
        };
        let mut take = Vec::new();
        for &col in &cols {
            let name = &names[col];
            let value = op.new[col].clone().unwrap_or(Value::Null);
            self.settle(info, &op.table, op.row, name)?;
            let writer = match ledger::field_writer(self.conn, &op.table, op.row, name)? {
                Some(stamp) => Some(self.info(&stamp)?),
                None => None,
            };
            match merge::field(info, writer.as_ref()) {
                Field::Take { set_aside_current } => {
                    if let (true, Some(w)) = (set_aside_current, &writer) {
                        self.conflict(&op.table, op.row, Some(name), &current[col], &w.stamp)?;
                    }
                    ledger::set_field_writer(self.conn, &op.table, op.row, name, &info.stamp)?;
                    take.push((name.clone(), value));
                }
                Field::Keep { set_aside_incoming } => {
                    if set_aside_incoming {
                        self.conflict(&op.table, op.row, Some(name), &value, &info.stamp)?;
                    }
                }
            }
        }
        self.write_update(&op.table, op.row, &take)
    }

    /// An edit of a row this file no longer has: if the edit wins a field, the row comes back
    /// as it was here when it went, and its deletions are set aside; otherwise the edit is.
    fn revive(
        &mut self,
        info: &SetInfo,
        op: &Op,
        names: &[String],
        cols: &[usize],
    ) -> Result<Option<Vec<Value>>, StoreError> {
        let mut outcomes = Vec::new();
        for &col in cols {
            let writer = match ledger::field_writer(self.conn, &op.table, op.row, &names[col])? {
                Some(stamp) => Some(self.info(&stamp)?),
                None => None,
            };
            outcomes.push((col, merge::field(info, writer.as_ref())));
        }
        let wins = outcomes
            .iter()
            .any(|(_, f)| matches!(f, Field::Take { .. }));
        let (deletions, image) = ledger::tombstones(self.conn, &op.table, op.row)?;
        let (true, Some(image)) = (wins, image) else {
            for (col, outcome) in outcomes {
                if matches!(
                    outcome,
                    Field::Keep {
                        set_aside_incoming: true
                    }
                ) {
                    let value = op.new[col].clone().unwrap_or(Value::Null);
                    self.conflict(&op.table, op.row, Some(&names[col]), &value, &info.stamp)?;
                }
            }
            return Ok(None);
        };
        self.write_insert(&op.table, &image)?;
        ledger::drop_tombstones(self.conn, &op.table, op.row)?;
        // A deletion made after seeing another stands for both.
        let mut infos = Vec::new();
        for d in &deletions {
            infos.push(self.info(d)?);
        }
        for d in &infos {
            if !infos.iter().any(|o| o.stamp != d.stamp && o.saw(&d.stamp)) {
                self.conflict(&op.table, op.row, None, &Value::Null, &d.stamp)?;
            }
        }
        Ok(Some(image))
    }

    fn delete(&mut self, info: &SetInfo, op: &Op) -> Result<(), StoreError> {
        let Some(image) = self.row(&op.table, op.row)? else {
            // Deleted here already (or with its parent): deleting twice is no conflict.
            return ledger::add_tombstone(self.conn, &op.table, op.row, &info.stamp, None);
        };
        let mut writers = Vec::new();
        for stamp in ledger::row_writers(self.conn, &op.table, op.row)? {
            writers.push(self.info(&stamp)?);
        }
        if !merge::deletes(info, &writers) {
            // Set aside; it stands for the deletions set aside before that its author saw.
            for (id, stamp) in ledger::conflicts_on(self.conn, &op.table, op.row, None)? {
                if info.saw(&stamp) {
                    ledger::drop_conflict(self.conn, id)?;
                }
            }
            // Kept as a tombstone too, as where the row was gone already: a later deletion
            // that did not see this one drops the listing, and an edit that brings the row
            // back lists it again, whichever came first.
            ledger::add_tombstone(self.conn, &op.table, op.row, &info.stamp, None)?;
            return self.conflict(&op.table, op.row, None, &Value::Null, &info.stamp);
        }
        self.conn
            .prepare_cached(&format!("DELETE FROM \"{}\" WHERE id = ?1", op.table))?
            .execute([op.row])?;
        // The deletions set aside before that this one did not see are gone from the list
        // with the row, but kept as tombstones: an edit that brings the row back lists them
        // again, as it does where they came after this deletion.
        for (_, stamp) in ledger::conflicts_on(self.conn, &op.table, op.row, None)? {
            if !info.saw(&stamp) {
                ledger::add_tombstone(self.conn, &op.table, op.row, &stamp, None)?;
            }
        }
        ledger::drop_deletion_conflicts(self.conn, &op.table, op.row)?;
        ledger::add_tombstone(self.conn, &op.table, op.row, &info.stamp, Some(&image))
    }

    fn greater(&self, a: &Value, b: &Value) -> Result<bool, StoreError> {
        let a_first: bool = self
            .conn
            .prepare_cached("SELECT ?1 > ?2")?
            .query_row(rusqlite::params![a, b], |r| r.get(0))?;
        Ok(a_first)
    }

    fn row(&self, table: &str, row: Uuid) -> Result<Option<Vec<Value>>, StoreError> {
        let shape = &self.columns[table];
        let n = shape.names.len();
        Ok(self
            .conn
            .prepare_cached(&shape.select)?
            .query_row([row], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
            .optional()?)
    }

    fn write_insert(&self, table: &str, values: &[Value]) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(&self.columns[table].insert)?
            .execute(params_from_iter(values))?;
        Ok(())
    }

    fn write_update(
        &self,
        table: &str,
        row: Uuid,
        set: &[(String, Value)],
    ) -> Result<(), StoreError> {
        if set.is_empty() {
            return Ok(());
        }
        let assignments = set
            .iter()
            .enumerate()
            .map(|(i, (name, _))| format!("\"{name}\" = ?{}", i + 2))
            .collect::<Vec<_>>()
            .join(", ");
        let mut values = vec![super::positions::id_value(row)];
        values.extend(set.iter().map(|(_, v)| v.clone()));
        self.conn
            .prepare_cached(&format!(
                "UPDATE \"{table}\" SET {assignments} WHERE id = ?1"
            ))?
            .execute(params_from_iter(values))?;
        Ok(())
    }

    /// A table's columns in order, for a table change sets may name.
    fn columns_of(&mut self, table: &str, set: &Stamp) -> Result<usize, StoreError> {
        if let Some(shape) = self.columns.get(table) {
            return Ok(shape.names.len());
        }
        if !captured(table) {
            return Err(refused(
                set,
                format!("it changes \"{table}\", which is not part of the shared record"),
            ));
        }
        let names: Vec<String> = self
            .conn
            .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?
            .query_map([table], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if names.first().map(String::as_str) != Some("id") {
            return Err(refused(
                set,
                format!("this Concord has no table \"{table}\" keyed by id"),
            ));
        }
        let n = names.len();
        self.columns
            .insert(table.to_string(), Rc::new(Shape::new(table, names)));
        Ok(n)
    }

    /// Reads every row a set names, checking each against this file's tables.
    fn ops(&mut self, set: &Stamp, changes: &[u8]) -> Result<Vec<Op>, StoreError> {
        let mut bytes: &[u8] = changes;
        let input: &mut dyn std::io::Read = &mut bytes;
        let mut iter =
            ChangesetIter::start_strm(&input).map_err(|e| refused(set, e.to_string()))?;
        let mut ops = Vec::new();
        while let Some(item) = iter.next().map_err(|e| refused(set, e.to_string()))? {
            let op = item.op().map_err(|e| refused(set, e.to_string()))?;
            let table = op.table_name().to_string();
            let kind = match op.code() {
                Action::SQLITE_INSERT => Kind::Insert,
                Action::SQLITE_UPDATE => Kind::Update,
                Action::SQLITE_DELETE => Kind::Delete,
                _ => return Err(refused(set, "it holds an unknown kind of change".into())),
            };
            let n = usize::try_from(op.number_of_columns()).unwrap_or(0);
            let have = self.columns_of(&table, set)?;
            if n != have {
                return Err(refused(
                    set,
                    format!("its \"{table}\" rows have {n} columns, this Concord's have {have}; update Concord"),
                ));
            }
            let pk = item.pk().map_err(|e| refused(set, e.to_string()))?;
            if pk.first() != Some(&1) || pk.iter().skip(1).any(|&b| b != 0) {
                return Err(refused(
                    set,
                    format!("its \"{table}\" rows are not keyed by id"),
                ));
            }
            let take = |f: &dyn Fn(usize) -> rusqlite::Result<Value>| -> Vec<Option<Value>> {
                (0..n).map(|i| f(i).ok()).collect()
            };
            let old = if kind == Kind::Insert {
                vec![None; n]
            } else {
                take(&|i| {
                    item.old_value(i)
                        .and_then(|v| Value::try_from(v).map_err(rusqlite::Error::from))
                })
            };
            let new = if kind == Kind::Delete {
                vec![None; n]
            } else {
                take(&|i| {
                    item.new_value(i)
                        .and_then(|v| Value::try_from(v).map_err(rusqlite::Error::from))
                })
            };
            let id = if kind == Kind::Insert {
                &new[0]
            } else {
                &old[0]
            };
            let row = match id {
                Some(Value::Blob(b)) => Uuid::from_slice(b).ok(),
                _ => None,
            }
            .ok_or_else(|| refused(set, format!("a \"{table}\" row has no valid id")))?;
            if !merge::may_write(&table, row, set) {
                return Err(refused(
                    set,
                    "it gives another copy of the record a name".into(),
                ));
            }
            ops.push(Op {
                table,
                kind,
                row,
                old,
                new,
            });
        }
        Ok(ops)
    }
}

/// The columns an update changes (never the id).
fn changed(op: &Op) -> Vec<usize> {
    (1..op.new.len()).filter(|&i| op.new[i].is_some()).collect()
}

fn refused(set: &Stamp, why: String) -> StoreError {
    StoreError::invalid(
        "merge",
        format!(
            "change {} of replica {} was refused: {why}; nothing was merged",
            set.seq, set.replica
        ),
    )
}
