-- Schema v14: the delegation keeps its own catalog (processes, sessions, topics, proposals,
-- actors, memberships) beside the reference data Concord ships.
--
-- New tables only, no new columns: a change set made by a v13 copy still has exactly the
-- columns of every table it touches here, so a team can upgrade one copy at a time.
--
-- `process_status`: what a process has beyond the reference columns, one row per process
-- (id = the process's id): its Chair, and whether it is archived (hidden from pickers,
-- kept in every view).
CREATE TABLE process_status (
  id          BLOB PRIMARY KEY REFERENCES process(id) ON DELETE CASCADE,
  chair       TEXT CHECK (chair IS NULL OR length(chair) BETWEEN 1 AND 300),
  archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  changed_by  BLOB NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK (length(id) = 16),
  CHECK (length(changed_by) = 16)
) STRICT;

-- Rows of the reference data the user removed (a topic deleted or merged into another): a
-- later load of the reference data does not bring them back. Captured, so the team's other
-- copies keep them out too.
CREATE TABLE reference_removed (
  id          BLOB PRIMARY KEY,
  what        TEXT NOT NULL CHECK (what IN ('actor', 'group_membership', 'process', 'session',
                                            'topic', 'proposal', 'proposal_champion', 'document')),
  changed_by  BLOB NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK (length(id) = 16),
  CHECK (length(changed_by) = 16)
) STRICT;

-- When an actor championed a proposal (one row per `proposal_champion`, id = its id): from
-- the day it came forward, to the day it withdrew, where a source gives them.
CREATE TABLE champion_period (
  id          BLOB PRIMARY KEY REFERENCES proposal_champion(id) ON DELETE CASCADE,
  valid_from  TEXT CHECK (valid_from IS NULL OR valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  valid_to    TEXT CHECK (valid_to IS NULL OR valid_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  changed_by  BLOB NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to),
  CHECK (length(id) = 16),
  CHECK (length(changed_by) = 16)
) STRICT;
