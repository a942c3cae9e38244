-- Schema v15: keys that two copies of the record can both claim no longer stop a merge.
--
-- Rows people make get ids from their natural keys (a topic's parent and name, a session's
-- process and number), so two colleagues who add the same thing add one row. But a key can
-- still be claimed twice: one colleague renames a topic to the name another has just given
-- a new one, two give the same ISO3 code to different actors, two renumber sessions apart.
-- Until v14 the file's UNIQUE rules refused the second row and the whole merge stopped.
-- A merge cannot choose a winner either: which row holds a key would depend on the order the
-- changes arrived in, and copies would differ. So the shared record holds both rows, every
-- copy alike, and lists them as a clash ("two topics named Ransomware under Threats") for
-- the analyst to settle with an ordinary edit (merge the topics, renumber the session). The
-- catalog still refuses to make a clash by hand.
--
-- The UNIQUE constraints written into five tables are dropped by rebuilding them (create
-- new, copy with rowid, drop, rename: SQLite's procedure, foreign keys off); the two unique
-- indexes become plain ones. No column changes, so v14 copies' change sets still apply.

-- Two of the search index's triggers read `source`; they are made again once it is rebuilt.
DROP TRIGGER position_search_insert;
DROP TRIGGER position_search_update;

CREATE TABLE actor_v15 (
  id         BLOB PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('state','observer_state','igo','group','stakeholder')),
  name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
  short_name TEXT,
  iso3       TEXT CHECK (iso3 IS NULL OR (length(iso3) = 3 AND iso3 = upper(iso3))),
  m49        TEXT CHECK (m49 IS NULL OR m49 GLOB '[0-9][0-9][0-9]'),
  note       TEXT,
  changed_by BLOB NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (length(id) = 16),
  CHECK (length(changed_by) = 16)
) STRICT;
INSERT INTO actor_v15 (rowid, id, kind, name, short_name, iso3, m49, note, changed_by, updated_at)
SELECT rowid, id, kind, name, short_name, iso3, m49, note, changed_by, updated_at FROM actor ORDER BY rowid;
DROP TABLE actor;
ALTER TABLE actor_v15 RENAME TO actor;

CREATE TABLE process_v15 (
  id         BLOB PRIMARY KEY,
  name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
  short_name TEXT NOT NULL,
  mandate    TEXT,
  note       TEXT,
  changed_by BLOB NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (length(id) = 16),
  CHECK (length(changed_by) = 16)
) STRICT;
INSERT INTO process_v15 (rowid, id, name, short_name, mandate, note, changed_by, updated_at)
SELECT rowid, id, name, short_name, mandate, note, changed_by, updated_at FROM process ORDER BY rowid;
DROP TABLE process;
ALTER TABLE process_v15 RENAME TO process;

CREATE TABLE session_v15 (
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
  CHECK (start_date IS NULL OR end_date IS NULL OR start_date <= end_date),
  CHECK (length(id) = 16),
  CHECK (length(process_id) = 16),
  CHECK (length(changed_by) = 16)
) STRICT;
INSERT INTO session_v15 (rowid, id, process_id, seq, number, title, start_date, end_date, place, note, changed_by, updated_at)
SELECT rowid, id, process_id, seq, number, title, start_date, end_date, place, note, changed_by, updated_at FROM session ORDER BY rowid;
DROP TABLE session;
ALTER TABLE session_v15 RENAME TO session;

CREATE TABLE proposal_v15 (
  id          BLOB PRIMARY KEY,
  process_id  BLOB REFERENCES process(id) ON DELETE SET NULL,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  short_name  TEXT,
  description TEXT,
  changed_by  BLOB NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK (length(id) = 16),
  CHECK (process_id IS NULL OR length(process_id) = 16),
  CHECK (length(changed_by) = 16)
) STRICT;
INSERT INTO proposal_v15 (rowid, id, process_id, name, short_name, description, changed_by, updated_at)
SELECT rowid, id, process_id, name, short_name, description, changed_by, updated_at FROM proposal ORDER BY rowid;
DROP TABLE proposal;
ALTER TABLE proposal_v15 RENAME TO proposal;

CREATE TABLE source_v15 (
  id          BLOB PRIMARY KEY,
  document_id BLOB REFERENCES document(id) ON DELETE SET NULL,
  symbol      TEXT,
  url         TEXT,
  title       TEXT,
  date        TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  -- Where in the source: "para. 27", "p. 4".
  locator     TEXT,
  -- The citation as the analyst wrote it; symbol, url, title and locator are read from it.
  citation    TEXT NOT NULL CHECK (length(trim(citation)) > 0),
  changed_by  BLOB NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK (length(id) = 16),
  CHECK (document_id IS NULL OR length(document_id) = 16),
  CHECK (length(changed_by) = 16)
) STRICT;
INSERT INTO source_v15 (rowid, id, document_id, symbol, url, title, date, locator, citation, changed_by, updated_at)
SELECT rowid, id, document_id, symbol, url, title, date, locator, citation, changed_by, updated_at FROM source ORDER BY rowid;
DROP TABLE source;
ALTER TABLE source_v15 RENAME TO source;

CREATE INDEX actor_kind ON actor(kind, name);
CREATE INDEX actor_iso3 ON actor(iso3) WHERE iso3 IS NOT NULL;
CREATE INDEX process_short_name ON process(short_name);
CREATE INDEX session_in_process ON session(process_id, seq);
CREATE INDEX session_number ON session(process_id, number) WHERE number IS NOT NULL;
CREATE INDEX proposal_name ON proposal(name);
CREATE INDEX source_citation ON source(citation);

DROP INDEX topic_name_under_parent;
CREATE INDEX topic_name_under_parent ON topic(coalesce(parent_id, x''), name);
DROP INDEX document_revision_once;
CREATE INDEX document_revision_once
  ON document(symbol, coalesce(revision_label, '')) WHERE symbol IS NOT NULL;

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
