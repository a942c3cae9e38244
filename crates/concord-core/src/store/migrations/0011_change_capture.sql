-- Schema v11: every write transaction keeps what it changed, for merging copies of the record.
--
-- A change set is a changeset of SQLite's session extension over the user tables (not the
-- search indexes or matrix cells: they follow through their triggers when a change set is
-- applied). It is numbered per replica (`seq` 1, 2, 3 …) and stamped with the replica's
-- hybrid logical clock (`replica.rs`), so every copy can apply the same sets in one order.
-- The file's own replica id and where it lives are kept in `meta` (`replica_id`,
-- `replica_home`); a file found elsewhere becomes a new replica on its next write.
CREATE TABLE change_set (
  replica_id BLOB NOT NULL CHECK (length(replica_id) = 16),
  seq        INTEGER NOT NULL CHECK (seq > 0),
  hlc_ms     INTEGER NOT NULL,
  hlc_count  INTEGER NOT NULL CHECK (hlc_count >= 0),
  changes    BLOB NOT NULL CHECK (length(changes) > 0),
  PRIMARY KEY (replica_id, seq)
) STRICT, WITHOUT ROWID;

CREATE INDEX change_set_hlc ON change_set(hlc_ms, hlc_count);
