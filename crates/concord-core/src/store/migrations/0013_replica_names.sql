-- Whose copy of the record each replica is, for people: the name its user gave on the Team
-- page ("Ana Lima, capital"), shown beside the conflicts it made. One row per replica (id =
-- the replica id), captured and merged like any user table; a copy of the file that becomes
-- a new replica takes the same name on its first write.
CREATE TABLE replica_name (
  id          BLOB PRIMARY KEY CHECK (length(id) = 16),
  name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 400),
  changed_by  BLOB NOT NULL CHECK (length(changed_by) = 16),
  updated_at  TEXT NOT NULL
) STRICT;
