-- Schema v10: ids are 16-byte binary UUIDs, not 36-character text.
--
-- Every id column (`id`, `*_id`, `changed_by`, `decided_in`) becomes a BLOB of exactly 16
-- bytes (CHECK), the UUID's bytes in order, so ids sort as their text did. At a million
-- positions each id kept in a row or an index entry costs 16 bytes instead of 37; ids are
-- kept in the position row (up to 8), in six of its indexes, in history and in matrix cells.
-- History's JSON keeps ids as text: it is read by people and by other files.
--
-- SQLite cannot change a column's type in place: every table is rebuilt (create new, copy,
-- drop old, rename), with its rowid kept, so both search indexes still point at their rows
-- (they are not rebuilt). The migration runs with foreign keys off, as SQLite's procedure
-- requires, and checks every reference (PRAGMA foreign_key_check) before it commits.
-- A text id that is not hex is copied as text, which the BLOB column refuses: the upgrade
-- stops and writes nothing.

DROP VIEW topic_path;
DROP TRIGGER matrix_cell_insert;
DROP TRIGGER matrix_cell_delete;
DROP TRIGGER matrix_cell_update;
DROP TRIGGER provision_search_insert;
DROP TRIGGER provision_search_delete;
DROP TRIGGER provision_search_update;
DROP TRIGGER topic_no_cycle_insert;
DROP TRIGGER topic_no_cycle_update;
DROP TRIGGER position_search_insert;
DROP TRIGGER position_search_update;
DROP TRIGGER position_search_delete;

CREATE TABLE actor_v10 (
  id         BLOB PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('state','observer_state','igo','group','stakeholder')),
  name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
  short_name TEXT,
  iso3       TEXT UNIQUE CHECK (iso3 IS NULL OR (length(iso3) = 3 AND iso3 = upper(iso3))),
  m49        TEXT CHECK (m49 IS NULL OR m49 GLOB '[0-9][0-9][0-9]'),
  note       TEXT,
  changed_by BLOB NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (length(id) = 16),
  CHECK (length(changed_by) = 16)
) STRICT;
INSERT INTO actor_v10 (rowid, id, kind, name, short_name, iso3, m49, note, changed_by, updated_at)
SELECT rowid, coalesce(unhex(replace(id, '-', '')), id), kind, name, short_name, iso3, m49, note, coalesce(unhex(replace(changed_by, '-', '')), changed_by), updated_at
  FROM actor ORDER BY rowid;
DROP TABLE actor;
ALTER TABLE actor_v10 RENAME TO actor;

CREATE TABLE group_membership_v10 (
  id         BLOB PRIMARY KEY,
  group_id   BLOB NOT NULL REFERENCES actor(id) ON DELETE CASCADE,
  member_id  BLOB NOT NULL REFERENCES actor(id) ON DELETE CASCADE,
  valid_from TEXT CHECK (valid_from IS NULL OR valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  valid_to   TEXT CHECK (valid_to IS NULL OR valid_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  source     TEXT,
  changed_by BLOB NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (group_id <> member_id),
  CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to),
  CHECK (length(id) = 16),
  CHECK (length(group_id) = 16),
  CHECK (length(member_id) = 16),
  CHECK (length(changed_by) = 16)
) STRICT;
INSERT INTO group_membership_v10 (rowid, id, group_id, member_id, valid_from, valid_to, source, changed_by, updated_at)
SELECT rowid, coalesce(unhex(replace(id, '-', '')), id), coalesce(unhex(replace(group_id, '-', '')), group_id), coalesce(unhex(replace(member_id, '-', '')), member_id), valid_from, valid_to, source, coalesce(unhex(replace(changed_by, '-', '')), changed_by), updated_at
  FROM group_membership ORDER BY rowid;
DROP TABLE group_membership;
ALTER TABLE group_membership_v10 RENAME TO group_membership;

CREATE TABLE process_v10 (
  id         BLOB PRIMARY KEY,
  name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
  short_name TEXT NOT NULL UNIQUE,
  mandate    TEXT,
  note       TEXT,
  changed_by BLOB NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (length(id) = 16),
  CHECK (length(changed_by) = 16)
) STRICT;
INSERT INTO process_v10 (rowid, id, name, short_name, mandate, note, changed_by, updated_at)
SELECT rowid, coalesce(unhex(replace(id, '-', '')), id), name, short_name, mandate, note, coalesce(unhex(replace(changed_by, '-', '')), changed_by), updated_at
  FROM process ORDER BY rowid;
DROP TABLE process;
ALTER TABLE process_v10 RENAME TO process;

CREATE TABLE session_v10 (
  id         BLOB PRIMARY KEY,
  process_id BLOB NOT NULL REFERENCES process(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  number     INTEGER CHECK (number IS NULL OR number > 0),
  title      TEXT NOT NULL CHECK (length(trim(title)) > 0),
  start_date TEXT CHECK (start_date IS NULL OR start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  end_date   TEXT CHECK (end_date IS NULL OR end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  place      TEXT,
  note       TEXT,
  changed_by BLOB NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (process_id, seq),
  UNIQUE (process_id, number),
  CHECK (start_date IS NULL OR end_date IS NULL OR start_date <= end_date),
  CHECK (length(id) = 16),
  CHECK (length(process_id) = 16),
  CHECK (length(changed_by) = 16)
) STRICT;
INSERT INTO session_v10 (rowid, id, process_id, seq, number, title, start_date, end_date, place, note, changed_by, updated_at)
SELECT rowid, coalesce(unhex(replace(id, '-', '')), id), coalesce(unhex(replace(process_id, '-', '')), process_id), seq, number, title, start_date, end_date, place, note, coalesce(unhex(replace(changed_by, '-', '')), changed_by), updated_at
  FROM session ORDER BY rowid;
DROP TABLE session;
ALTER TABLE session_v10 RENAME TO session;

CREATE TABLE meeting_v10 (
  id         BLOB PRIMARY KEY,
  session_id BLOB NOT NULL REFERENCES session(id) ON DELETE CASCADE,
  date       TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  title      TEXT NOT NULL DEFAULT '',
  changed_by BLOB NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (length(id) = 16),
  CHECK (length(session_id) = 16),
  CHECK (length(changed_by) = 16)
) STRICT;
INSERT INTO meeting_v10 (rowid, id, session_id, date, title, changed_by, updated_at)
SELECT rowid, coalesce(unhex(replace(id, '-', '')), id), coalesce(unhex(replace(session_id, '-', '')), session_id), date, title, coalesce(unhex(replace(changed_by, '-', '')), changed_by), updated_at
  FROM meeting ORDER BY rowid;
DROP TABLE meeting;
ALTER TABLE meeting_v10 RENAME TO meeting;

CREATE TABLE topic_v10 (
  id          BLOB PRIMARY KEY,
  parent_id   BLOB REFERENCES topic(id) ON DELETE RESTRICT,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0 AND instr(name, '/') = 0),
  ordinal     INTEGER NOT NULL DEFAULT 0,
  description TEXT,
  changed_by  BLOB NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK (length(id) = 16),
  CHECK (parent_id IS NULL OR length(parent_id) = 16),
  CHECK (length(changed_by) = 16)
) STRICT;
INSERT INTO topic_v10 (rowid, id, parent_id, name, ordinal, description, changed_by, updated_at)
SELECT rowid, coalesce(unhex(replace(id, '-', '')), id), coalesce(unhex(replace(parent_id, '-', '')), parent_id), name, ordinal, description, coalesce(unhex(replace(changed_by, '-', '')), changed_by), updated_at
  FROM topic ORDER BY rowid;
DROP TABLE topic;
ALTER TABLE topic_v10 RENAME TO topic;

CREATE TABLE proposal_v10 (
  id          BLOB PRIMARY KEY,
  process_id  BLOB REFERENCES process(id) ON DELETE SET NULL,
  name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  short_name  TEXT,
  description TEXT,
  changed_by  BLOB NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK (length(id) = 16),
  CHECK (process_id IS NULL OR length(process_id) = 16),
  CHECK (length(changed_by) = 16)
) STRICT;
INSERT INTO proposal_v10 (rowid, id, process_id, name, short_name, description, changed_by, updated_at)
SELECT rowid, coalesce(unhex(replace(id, '-', '')), id), coalesce(unhex(replace(process_id, '-', '')), process_id), name, short_name, description, coalesce(unhex(replace(changed_by, '-', '')), changed_by), updated_at
  FROM proposal ORDER BY rowid;
DROP TABLE proposal;
ALTER TABLE proposal_v10 RENAME TO proposal;

CREATE TABLE proposal_champion_v10 (
  id          BLOB PRIMARY KEY,
  proposal_id BLOB NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
  actor_id    BLOB NOT NULL REFERENCES actor(id) ON DELETE CASCADE,
  source      TEXT,
  changed_by  BLOB NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (proposal_id, actor_id),
  CHECK (length(id) = 16),
  CHECK (length(proposal_id) = 16),
  CHECK (length(actor_id) = 16),
  CHECK (length(changed_by) = 16)
) STRICT;
INSERT INTO proposal_champion_v10 (rowid, id, proposal_id, actor_id, source, changed_by, updated_at)
SELECT rowid, coalesce(unhex(replace(id, '-', '')), id), coalesce(unhex(replace(proposal_id, '-', '')), proposal_id), coalesce(unhex(replace(actor_id, '-', '')), actor_id), source, coalesce(unhex(replace(changed_by, '-', '')), changed_by), updated_at
  FROM proposal_champion ORDER BY rowid;
DROP TABLE proposal_champion;
ALTER TABLE proposal_champion_v10 RENAME TO proposal_champion;

CREATE TABLE document_v10 (
  id             BLOB PRIMARY KEY,
  process_id     BLOB REFERENCES process(id) ON DELETE SET NULL,
  symbol         TEXT,
  title          TEXT NOT NULL DEFAULT '',
  kind           TEXT NOT NULL CHECK (kind IN ('zero_draft','revised_draft','crp','limited','adopted',
                                               'statement','working_paper','national_position')),
  revision_label TEXT,
  date           TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  url            TEXT,
  note           TEXT,
  changed_by     BLOB NOT NULL,
  updated_at     TEXT NOT NULL,
  CHECK (length(id) = 16),
  CHECK (process_id IS NULL OR length(process_id) = 16),
  CHECK (length(changed_by) = 16)
) STRICT;
INSERT INTO document_v10 (rowid, id, process_id, symbol, title, kind, revision_label, date, url, note, changed_by, updated_at)
SELECT rowid, coalesce(unhex(replace(id, '-', '')), id), coalesce(unhex(replace(process_id, '-', '')), process_id), symbol, title, kind, revision_label, date, url, note, coalesce(unhex(replace(changed_by, '-', '')), changed_by), updated_at
  FROM document ORDER BY rowid;
DROP TABLE document;
ALTER TABLE document_v10 RENAME TO document;

CREATE TABLE provision_v10 (
  id          BLOB PRIMARY KEY,
  document_id BLOB NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('heading','paragraph','subparagraph','footnote')),
  label       TEXT NOT NULL DEFAULT '',
  parent_id   BLOB REFERENCES provision(id) ON DELETE CASCADE,
  ordinal     INTEGER NOT NULL,
  text        TEXT NOT NULL,
  -- A paragraph's identity across revisions: inherited by its successor in the next draft.
  stable_key  TEXT NOT NULL,
  changed_by  BLOB NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (document_id, ordinal),
  CHECK (length(id) = 16),
  CHECK (length(document_id) = 16),
  CHECK (parent_id IS NULL OR length(parent_id) = 16),
  CHECK (length(changed_by) = 16)
) STRICT;
INSERT INTO provision_v10 (rowid, id, document_id, kind, label, parent_id, ordinal, text, stable_key, changed_by, updated_at)
SELECT rowid, coalesce(unhex(replace(id, '-', '')), id), coalesce(unhex(replace(document_id, '-', '')), document_id), kind, label, coalesce(unhex(replace(parent_id, '-', '')), parent_id), ordinal, text, stable_key, coalesce(unhex(replace(changed_by, '-', '')), changed_by), updated_at
  FROM provision ORDER BY rowid;
DROP TABLE provision;
ALTER TABLE provision_v10 RENAME TO provision;

CREATE TABLE source_v10 (
  id          BLOB PRIMARY KEY,
  document_id BLOB REFERENCES document(id) ON DELETE SET NULL,
  symbol      TEXT,
  url         TEXT,
  title       TEXT,
  date        TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  -- Where in the source: "para. 27", "p. 4".
  locator     TEXT,
  -- The citation as the analyst wrote it; symbol, url, title and locator are read from it.
  citation    TEXT NOT NULL UNIQUE CHECK (length(trim(citation)) > 0),
  changed_by  BLOB NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK (length(id) = 16),
  CHECK (document_id IS NULL OR length(document_id) = 16),
  CHECK (length(changed_by) = 16)
) STRICT;
INSERT INTO source_v10 (rowid, id, document_id, symbol, url, title, date, locator, citation, changed_by, updated_at)
SELECT rowid, coalesce(unhex(replace(id, '-', '')), id), coalesce(unhex(replace(document_id, '-', '')), document_id), symbol, url, title, date, locator, citation, coalesce(unhex(replace(changed_by, '-', '')), changed_by), updated_at
  FROM source ORDER BY rowid;
DROP TABLE source;
ALTER TABLE source_v10 RENAME TO source;

CREATE TABLE position_v10 (
  id              BLOB PRIMARY KEY,
  actor_id        BLOB NOT NULL REFERENCES actor(id) ON DELETE RESTRICT,
  topic_id        BLOB REFERENCES topic(id) ON DELETE RESTRICT,
  proposal_id     BLOB REFERENCES proposal(id) ON DELETE RESTRICT,
  provision_id    BLOB REFERENCES provision(id) ON DELETE RESTRICT,
  session_id      BLOB NOT NULL REFERENCES session(id) ON DELETE RESTRICT,
  meeting_id      BLOB REFERENCES meeting(id) ON DELETE SET NULL,
  stance          TEXT NOT NULL CHECK (stance IN ('supports','opposes','conditional','concerns',
                     'reservation','disassociation','red_line','proposes','proposes_amendment',
                     'joined_consensus','neutral','silent')),
  summary         TEXT NOT NULL DEFAULT '',
  quote           TEXT NOT NULL DEFAULT '',
  source_id       BLOB REFERENCES source(id) ON DELETE SET NULL,
  on_behalf_of_id BLOB REFERENCES actor(id) ON DELETE RESTRICT,
  note            TEXT NOT NULL DEFAULT '',
  provenance      TEXT NOT NULL DEFAULT 'recorded'
                     CHECK (provenance IN ('recorded','illustrative','synthetic')),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  changed_by      BLOB NOT NULL,
  CHECK ((topic_id IS NOT NULL) + (proposal_id IS NOT NULL) + (provision_id IS NOT NULL) = 1),
  CHECK (length(id) = 16),
  CHECK (length(actor_id) = 16),
  CHECK (topic_id IS NULL OR length(topic_id) = 16),
  CHECK (proposal_id IS NULL OR length(proposal_id) = 16),
  CHECK (provision_id IS NULL OR length(provision_id) = 16),
  CHECK (length(session_id) = 16),
  CHECK (meeting_id IS NULL OR length(meeting_id) = 16),
  CHECK (source_id IS NULL OR length(source_id) = 16),
  CHECK (on_behalf_of_id IS NULL OR length(on_behalf_of_id) = 16),
  CHECK (length(changed_by) = 16)
) STRICT;
INSERT INTO position_v10 (rowid, id, actor_id, topic_id, proposal_id, provision_id, session_id, meeting_id, stance, summary, quote, source_id, on_behalf_of_id, note, provenance, created_at, updated_at, changed_by)
SELECT rowid, coalesce(unhex(replace(id, '-', '')), id), coalesce(unhex(replace(actor_id, '-', '')), actor_id), coalesce(unhex(replace(topic_id, '-', '')), topic_id), coalesce(unhex(replace(proposal_id, '-', '')), proposal_id), coalesce(unhex(replace(provision_id, '-', '')), provision_id), coalesce(unhex(replace(session_id, '-', '')), session_id), coalesce(unhex(replace(meeting_id, '-', '')), meeting_id), stance, summary, quote, coalesce(unhex(replace(source_id, '-', '')), source_id), coalesce(unhex(replace(on_behalf_of_id, '-', '')), on_behalf_of_id), note, provenance, created_at, updated_at, coalesce(unhex(replace(changed_by, '-', '')), changed_by)
  FROM position ORDER BY rowid;
DROP TABLE position;
ALTER TABLE position_v10 RENAME TO position;

CREATE TABLE amendment_request_v10 (
  id           BLOB PRIMARY KEY,
  provision_id BLOB NOT NULL REFERENCES provision(id) ON DELETE CASCADE,
  session_id   BLOB REFERENCES session(id) ON DELETE SET NULL,
  op           TEXT NOT NULL CHECK (op IN ('insert','delete','replace','move')),
  old_text     TEXT NOT NULL DEFAULT '',
  new_text     TEXT NOT NULL DEFAULT '',
  status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','partial','rejected')),
  note         TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  changed_by   BLOB NOT NULL
, decided_by TEXT NOT NULL DEFAULT 'none'
  CHECK (decided_by IN ('none','auto','analyst')), decided_in BLOB REFERENCES document(id) ON DELETE SET NULL, landed_provision_id BLOB REFERENCES provision(id) ON DELETE SET NULL, score REAL, reason TEXT NOT NULL DEFAULT '',
  CHECK (length(id) = 16),
  CHECK (length(provision_id) = 16),
  CHECK (session_id IS NULL OR length(session_id) = 16),
  CHECK (length(changed_by) = 16),
  CHECK (decided_in IS NULL OR length(decided_in) = 16),
  CHECK (landed_provision_id IS NULL OR length(landed_provision_id) = 16)
) STRICT;
INSERT INTO amendment_request_v10 (rowid, id, provision_id, session_id, op, old_text, new_text, status, note, created_at, updated_at, changed_by, decided_by, decided_in, landed_provision_id, score, reason)
SELECT rowid, coalesce(unhex(replace(id, '-', '')), id), coalesce(unhex(replace(provision_id, '-', '')), provision_id), coalesce(unhex(replace(session_id, '-', '')), session_id), op, old_text, new_text, status, note, created_at, updated_at, coalesce(unhex(replace(changed_by, '-', '')), changed_by), decided_by, coalesce(unhex(replace(decided_in, '-', '')), decided_in), coalesce(unhex(replace(landed_provision_id, '-', '')), landed_provision_id), score, reason
  FROM amendment_request ORDER BY rowid;
DROP TABLE amendment_request;
ALTER TABLE amendment_request_v10 RENAME TO amendment_request;

CREATE TABLE amendment_requester_v10 (
  id           BLOB PRIMARY KEY,
  amendment_id BLOB NOT NULL REFERENCES amendment_request(id) ON DELETE CASCADE,
  actor_id     BLOB NOT NULL REFERENCES actor(id) ON DELETE RESTRICT,
  changed_by   BLOB NOT NULL,
  updated_at   TEXT NOT NULL,
  UNIQUE (amendment_id, actor_id),
  CHECK (length(id) = 16),
  CHECK (length(amendment_id) = 16),
  CHECK (length(actor_id) = 16),
  CHECK (length(changed_by) = 16)
) STRICT;
INSERT INTO amendment_requester_v10 (rowid, id, amendment_id, actor_id, changed_by, updated_at)
SELECT rowid, coalesce(unhex(replace(id, '-', '')), id), coalesce(unhex(replace(amendment_id, '-', '')), amendment_id), coalesce(unhex(replace(actor_id, '-', '')), actor_id), coalesce(unhex(replace(changed_by, '-', '')), changed_by), updated_at
  FROM amendment_requester ORDER BY rowid;
DROP TABLE amendment_requester;
ALTER TABLE amendment_requester_v10 RENAME TO amendment_requester;

CREATE TABLE position_history_v10 (
  id          BLOB PRIMARY KEY,
  position_id BLOB NOT NULL,
  op          TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
  at          TEXT NOT NULL,
  changed_by  BLOB NOT NULL,
  before      TEXT CHECK (before IS NULL OR json_valid(before)),
  after       TEXT CHECK (after IS NULL OR json_valid(after)),
  CHECK ((op = 'insert' AND before IS NULL)
      OR (op = 'update' AND before IS NOT NULL AND after IS NOT NULL)
      OR (op = 'delete' AND before IS NOT NULL AND after IS NULL)),
  CHECK (length(id) = 16),
  CHECK (length(position_id) = 16),
  CHECK (length(changed_by) = 16)
) STRICT;
INSERT INTO position_history_v10 (rowid, id, position_id, op, at, changed_by, before, after)
SELECT rowid, coalesce(unhex(replace(id, '-', '')), id), coalesce(unhex(replace(position_id, '-', '')), position_id), op, at, coalesce(unhex(replace(changed_by, '-', '')), changed_by), before, after
  FROM position_history ORDER BY rowid;
DROP TABLE position_history;
ALTER TABLE position_history_v10 RENAME TO position_history;

CREATE TABLE position_search_key_v10 (
  rowid       INTEGER PRIMARY KEY,
  position_id BLOB NOT NULL UNIQUE,
  CHECK (length(position_id) = 16)
) STRICT;
INSERT INTO position_search_key_v10 (rowid, position_id)
SELECT rowid, coalesce(unhex(replace(position_id, '-', '')), position_id)
  FROM position_search_key ORDER BY rowid;
DROP TABLE position_search_key;
ALTER TABLE position_search_key_v10 RENAME TO position_search_key;

CREATE TABLE matrix_cell_v10 (
  session_id   BLOB NOT NULL,
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('topic','proposal','provision')),
  actor_id     BLOB NOT NULL,
  subject_id   BLOB NOT NULL,
  stance       TEXT NOT NULL,
  latest_at    TEXT NOT NULL,
  positions    INTEGER NOT NULL CHECK (positions > 0),
  PRIMARY KEY (session_id, subject_kind, actor_id, subject_id),
  CHECK (length(session_id) = 16),
  CHECK (length(actor_id) = 16),
  CHECK (length(subject_id) = 16)
) STRICT, WITHOUT ROWID;
INSERT INTO matrix_cell_v10 (session_id, subject_kind, actor_id, subject_id, stance, latest_at, positions)
SELECT coalesce(unhex(replace(session_id, '-', '')), session_id), subject_kind, coalesce(unhex(replace(actor_id, '-', '')), actor_id), coalesce(unhex(replace(subject_id, '-', '')), subject_id), stance, latest_at, positions
  FROM matrix_cell;
DROP TABLE matrix_cell;
ALTER TABLE matrix_cell_v10 RENAME TO matrix_cell;

CREATE INDEX actor_kind ON actor(kind, name);
CREATE INDEX group_membership_group ON group_membership(group_id);
CREATE INDEX group_membership_member ON group_membership(member_id);
CREATE INDEX meeting_session ON meeting(session_id, date);
CREATE UNIQUE INDEX topic_name_under_parent ON topic(coalesce(parent_id, x''), name);
CREATE INDEX topic_parent ON topic(parent_id);
CREATE INDEX document_symbol ON document(symbol, revision_label);
CREATE UNIQUE INDEX document_revision_once
  ON document(symbol, coalesce(revision_label, '')) WHERE symbol IS NOT NULL;
CREATE INDEX provision_stable_key ON provision(stable_key);
CREATE INDEX position_actor_session ON position(actor_id, session_id);
CREATE INDEX position_created ON position(created_at, id);
CREATE INDEX position_matrix
  ON position(session_id, actor_id, topic_id, proposal_id, provision_id, stance, created_at);
CREATE INDEX position_session ON position(session_id, created_at, id);
CREATE INDEX position_topic ON position(topic_id, session_id, actor_id, stance, created_at)
  WHERE topic_id IS NOT NULL;
CREATE INDEX position_proposal ON position(proposal_id, session_id, actor_id, stance, created_at)
  WHERE proposal_id IS NOT NULL;
CREATE INDEX position_provision ON position(provision_id) WHERE provision_id IS NOT NULL;
CREATE INDEX amendment_request_provision ON amendment_request(provision_id);
CREATE INDEX amendment_requester_actor ON amendment_requester(actor_id);
CREATE INDEX position_history_position ON position_history(position_id, at);

CREATE VIEW topic_path (id, path, depth) AS
WITH RECURSIVE walk (id, path, depth) AS (
  SELECT id, name, 0 FROM topic WHERE parent_id IS NULL
  UNION ALL
  SELECT child.id, walk.path || '/' || child.name, walk.depth + 1
  FROM topic AS child JOIN walk ON child.parent_id = walk.id
)
SELECT id, path, depth FROM walk;
CREATE TRIGGER matrix_cell_insert AFTER INSERT ON position BEGIN
  INSERT INTO matrix_cell (session_id, subject_kind, actor_id, subject_id, stance, latest_at, positions)
  VALUES (NEW.session_id,
          CASE WHEN NEW.topic_id IS NOT NULL THEN 'topic'
               WHEN NEW.proposal_id IS NOT NULL THEN 'proposal' ELSE 'provision' END,
          NEW.actor_id, coalesce(NEW.topic_id, NEW.proposal_id, NEW.provision_id),
          NEW.stance, NEW.created_at, 1)
  ON CONFLICT DO UPDATE SET
    positions = positions + 1,
    stance = CASE WHEN excluded.latest_at >= latest_at THEN excluded.stance ELSE stance END,
    latest_at = max(latest_at, excluded.latest_at);
END;
CREATE TRIGGER matrix_cell_delete AFTER DELETE ON position BEGIN
  DELETE FROM matrix_cell
  WHERE session_id = OLD.session_id
    AND subject_kind = CASE WHEN OLD.topic_id IS NOT NULL THEN 'topic'
                            WHEN OLD.proposal_id IS NOT NULL THEN 'proposal' ELSE 'provision' END
    AND actor_id = OLD.actor_id
    AND subject_id = coalesce(OLD.topic_id, OLD.proposal_id, OLD.provision_id);
  INSERT INTO matrix_cell (session_id, subject_kind, actor_id, subject_id, stance, latest_at, positions)
  SELECT OLD.session_id,
         CASE WHEN OLD.topic_id IS NOT NULL THEN 'topic'
              WHEN OLD.proposal_id IS NOT NULL THEN 'proposal' ELSE 'provision' END,
         OLD.actor_id, coalesce(OLD.topic_id, OLD.proposal_id, OLD.provision_id),
         (SELECT p.stance FROM position AS p
          WHERE p.session_id = OLD.session_id AND p.actor_id = OLD.actor_id
            AND p.topic_id IS OLD.topic_id AND p.proposal_id IS OLD.proposal_id
            AND p.provision_id IS OLD.provision_id
          ORDER BY p.created_at DESC, p.rowid DESC LIMIT 1),
         max(created_at), count(*)
  FROM position
  WHERE session_id = OLD.session_id AND actor_id = OLD.actor_id
    AND topic_id IS OLD.topic_id AND proposal_id IS OLD.proposal_id
    AND provision_id IS OLD.provision_id
  HAVING count(*) > 0;
END;
CREATE TRIGGER matrix_cell_update
AFTER UPDATE OF session_id, actor_id, topic_id, proposal_id, provision_id, stance, created_at
ON position BEGIN
  DELETE FROM matrix_cell
  WHERE session_id IN (OLD.session_id, NEW.session_id)
    AND subject_kind IN (CASE WHEN OLD.topic_id IS NOT NULL THEN 'topic'
                              WHEN OLD.proposal_id IS NOT NULL THEN 'proposal' ELSE 'provision' END,
                         CASE WHEN NEW.topic_id IS NOT NULL THEN 'topic'
                              WHEN NEW.proposal_id IS NOT NULL THEN 'proposal' ELSE 'provision' END)
    AND actor_id IN (OLD.actor_id, NEW.actor_id)
    AND subject_id IN (coalesce(OLD.topic_id, OLD.proposal_id, OLD.provision_id),
                       coalesce(NEW.topic_id, NEW.proposal_id, NEW.provision_id));
  INSERT INTO matrix_cell (session_id, subject_kind, actor_id, subject_id, stance, latest_at, positions)
  SELECT p.session_id,
         CASE WHEN p.topic_id IS NOT NULL THEN 'topic'
              WHEN p.proposal_id IS NOT NULL THEN 'proposal' ELSE 'provision' END,
         p.actor_id, coalesce(p.topic_id, p.proposal_id, p.provision_id),
         (SELECT q.stance FROM position AS q
          WHERE q.session_id = p.session_id AND q.actor_id = p.actor_id
            AND q.topic_id IS p.topic_id AND q.proposal_id IS p.proposal_id
            AND q.provision_id IS p.provision_id
          ORDER BY q.created_at DESC, q.rowid DESC LIMIT 1),
         max(p.created_at), count(*)
  FROM position AS p
  WHERE p.session_id IN (OLD.session_id, NEW.session_id) AND p.actor_id IN (OLD.actor_id, NEW.actor_id)
    AND coalesce(p.topic_id, p.proposal_id, p.provision_id)
        IN (coalesce(OLD.topic_id, OLD.proposal_id, OLD.provision_id),
            coalesce(NEW.topic_id, NEW.proposal_id, NEW.provision_id))
  GROUP BY p.session_id, p.actor_id, p.topic_id, p.proposal_id, p.provision_id;
END;
CREATE TRIGGER provision_search_insert AFTER INSERT ON provision BEGIN
  INSERT INTO provision_search (rowid, text) VALUES (NEW.rowid, NEW.text);
END;
CREATE TRIGGER provision_search_delete AFTER DELETE ON provision BEGIN
  INSERT INTO provision_search (provision_search, rowid, text) VALUES ('delete', OLD.rowid, OLD.text);
END;
CREATE TRIGGER provision_search_update AFTER UPDATE OF text ON provision BEGIN
  INSERT INTO provision_search (provision_search, rowid, text) VALUES ('delete', OLD.rowid, OLD.text);
  INSERT INTO provision_search (rowid, text) VALUES (NEW.rowid, NEW.text);
END;
CREATE TRIGGER topic_no_cycle_insert BEFORE INSERT ON topic
WHEN NEW.parent_id IS NOT NULL AND (NEW.parent_id = NEW.id OR EXISTS (
  WITH RECURSIVE up (id, depth) AS (
    SELECT NEW.parent_id, 0
    UNION
    SELECT t.parent_id, up.depth + 1 FROM topic AS t JOIN up ON t.id = up.id
     WHERE t.parent_id IS NOT NULL AND up.depth < 1000)
  SELECT 1 FROM up WHERE id = NEW.id))
BEGIN
  SELECT RAISE(ABORT, 'topic: a topic cannot be placed under itself or one of its own sub-topics');
END;
CREATE TRIGGER topic_no_cycle_update BEFORE UPDATE OF parent_id ON topic
WHEN NEW.parent_id IS NOT NULL AND (NEW.parent_id = NEW.id OR EXISTS (
  WITH RECURSIVE up (id, depth) AS (
    SELECT NEW.parent_id, 0
    UNION
    SELECT t.parent_id, up.depth + 1 FROM topic AS t JOIN up ON t.id = up.id
     WHERE t.parent_id IS NOT NULL AND up.depth < 1000)
  SELECT 1 FROM up WHERE id = NEW.id))
BEGIN
  SELECT RAISE(ABORT, 'topic: a topic cannot be placed under itself or one of its own sub-topics');
END;
CREATE TRIGGER position_search_insert AFTER INSERT ON position BEGIN
  INSERT INTO position_search_key (position_id) VALUES (NEW.id);
  INSERT INTO position_search (rowid, summary, quote, note, source)
  VALUES (last_insert_rowid(), NEW.summary, NEW.quote, NEW.note,
          coalesce((SELECT citation FROM source WHERE id = NEW.source_id), ''));
END;
CREATE TRIGGER position_search_update AFTER UPDATE OF summary, quote, note, source_id ON position BEGIN
  DELETE FROM position_search
   WHERE rowid = (SELECT rowid FROM position_search_key WHERE position_id = NEW.id);
  INSERT INTO position_search (rowid, summary, quote, note, source)
  VALUES ((SELECT rowid FROM position_search_key WHERE position_id = NEW.id),
          NEW.summary, NEW.quote, NEW.note,
          coalesce((SELECT citation FROM source WHERE id = NEW.source_id), ''));
END;
CREATE TRIGGER position_search_delete AFTER DELETE ON position BEGIN
  DELETE FROM position_search
   WHERE rowid = (SELECT rowid FROM position_search_key WHERE position_id = OLD.id);
  DELETE FROM position_search_key WHERE position_id = OLD.id;
END;
