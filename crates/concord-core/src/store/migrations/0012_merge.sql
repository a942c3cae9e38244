-- Schema v12: what merging copies of the record needs beside the change sets (`merge.rs`).
--
-- `deps`: each change set remembers which change sets of other replicas its file held when it
-- was made (16-byte replica id, then the highest number, big-endian, for each), so a merge
-- can tell an edit made after seeing another from one made at the same time without it.
ALTER TABLE change_set ADD COLUMN deps BLOB NOT NULL DEFAULT x'' CHECK (length(deps) % 24 = 0);

-- The change set that last wrote each field edited after its row was inserted: a later edit
-- (by the hybrid clock) wins, wherever it is applied first. Bookkeeping, never exchanged.
CREATE TABLE field_clock (
  tbl        TEXT NOT NULL,
  row_id     BLOB NOT NULL CHECK (length(row_id) = 16),
  col        TEXT NOT NULL,
  hlc_ms     INTEGER NOT NULL,
  hlc_count  INTEGER NOT NULL,
  replica_id BLOB NOT NULL CHECK (length(replica_id) = 16),
  seq        INTEGER NOT NULL,
  PRIMARY KEY (tbl, row_id, col)
) STRICT, WITHOUT ROWID;

-- The change sets that deleted each row, and the row as it was here when it went (`image`,
-- kept with the first), so an edit made meanwhile elsewhere can bring it back.
CREATE TABLE tombstone (
  tbl        TEXT NOT NULL,
  row_id     BLOB NOT NULL CHECK (length(row_id) = 16),
  hlc_ms     INTEGER NOT NULL,
  hlc_count  INTEGER NOT NULL,
  replica_id BLOB NOT NULL CHECK (length(replica_id) = 16),
  seq        INTEGER NOT NULL,
  image      TEXT CHECK (image IS NULL OR json_valid(image)),
  PRIMARY KEY (tbl, row_id, replica_id, seq)
) STRICT, WITHOUT ROWID;

-- A value set aside by a merge: an edit that lost to a later edit of the same field made
-- without seeing it (`col` names the field, `value` holds the edit's value), or a deletion
-- that lost to an edit made meanwhile (`col` and `value` NULL). Derived the same way on every
-- replica from the same change sets; its id is made from the row, the field and the change
-- set that was set aside.
CREATE TABLE conflict (
  id         BLOB PRIMARY KEY CHECK (length(id) = 16),
  tbl        TEXT NOT NULL,
  row_id     BLOB NOT NULL CHECK (length(row_id) = 16),
  col        TEXT,
  value      ANY,
  hlc_ms     INTEGER NOT NULL,
  hlc_count  INTEGER NOT NULL,
  replica_id BLOB NOT NULL CHECK (length(replica_id) = 16),
  seq        INTEGER NOT NULL
) STRICT;
CREATE INDEX conflict_field ON conflict(tbl, row_id, col);

-- How an analyst settled a conflict: a user table, captured and merged like the others.
CREATE TABLE conflict_resolution (
  id          BLOB PRIMARY KEY CHECK (length(id) = 16),
  kept        TEXT NOT NULL CHECK (kept IN ('shown','set_aside','both')),
  changed_by  BLOB NOT NULL CHECK (length(changed_by) = 16),
  updated_at  TEXT NOT NULL
) STRICT;

-- A file that held positions or documents before this version may hold rows no change set
-- recorded (written before schema v11): the first team sync sends them as one baseline set.
INSERT INTO meta (key, value)
SELECT 'baseline_needed', '1'
 WHERE EXISTS (SELECT 1 FROM position) OR EXISTS (SELECT 1 FROM document);
