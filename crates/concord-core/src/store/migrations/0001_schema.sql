-- Concord schema v1: the whole model, so later work adds behaviour, not a redesign.
-- Every row has a globally unique TEXT id (UUID v7 for user data, v5 for reference data) and
-- records the installation that last changed it (changed_by), so two files can merge later.
-- Dates are ISO 8601 text (YYYY-MM-DD); instants are RFC 3339 UTC text.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE actor (
  id         TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('state','observer_state','igo','group','stakeholder')),
  name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
  short_name TEXT,
  iso3       TEXT UNIQUE CHECK (iso3 IS NULL OR (length(iso3) = 3 AND iso3 = upper(iso3))),
  m49        TEXT CHECK (m49 IS NULL OR m49 GLOB '[0-9][0-9][0-9]'),
  note       TEXT,
  changed_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX actor_kind ON actor(kind, name);

CREATE TABLE group_membership (
  id         TEXT PRIMARY KEY,
  group_id   TEXT NOT NULL REFERENCES actor(id) ON DELETE CASCADE,
  member_id  TEXT NOT NULL REFERENCES actor(id) ON DELETE CASCADE,
  valid_from TEXT CHECK (valid_from IS NULL OR valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  valid_to   TEXT CHECK (valid_to IS NULL OR valid_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  source     TEXT,
  changed_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (group_id <> member_id),
  CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
) STRICT;
CREATE INDEX group_membership_group ON group_membership(group_id);
CREATE INDEX group_membership_member ON group_membership(member_id);

CREATE TABLE process (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
  short_name TEXT NOT NULL UNIQUE,
  mandate    TEXT,
  note       TEXT,
  changed_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE session (
  id         TEXT PRIMARY KEY,
  process_id TEXT NOT NULL REFERENCES process(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  number     INTEGER CHECK (number IS NULL OR number > 0),
  title      TEXT NOT NULL CHECK (length(trim(title)) > 0),
  start_date TEXT CHECK (start_date IS NULL OR start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  end_date   TEXT CHECK (end_date IS NULL OR end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  place      TEXT,
  note       TEXT,
  changed_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (process_id, seq),
  UNIQUE (process_id, number),
  CHECK (start_date IS NULL OR end_date IS NULL OR start_date <= end_date)
) STRICT;

CREATE TABLE meeting (
  id         TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
  date       TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  title      TEXT NOT NULL DEFAULT '',
  changed_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX meeting_session ON meeting(session_id, date);

CREATE TABLE topic (
  id          TEXT PRIMARY KEY,
  parent_id   TEXT REFERENCES topic(id) ON DELETE RESTRICT,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0 AND instr(name, '/') = 0),
  ordinal     INTEGER NOT NULL DEFAULT 0,
  description TEXT,
  changed_by  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX topic_name_under_parent ON topic(coalesce(parent_id, ''), name);
CREATE INDEX topic_parent ON topic(parent_id);

CREATE TABLE proposal (
  id          TEXT PRIMARY KEY,
  process_id  TEXT REFERENCES process(id) ON DELETE SET NULL,
  name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  short_name  TEXT,
  description TEXT,
  changed_by  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE proposal_champion (
  id          TEXT PRIMARY KEY,
  proposal_id TEXT NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
  actor_id    TEXT NOT NULL REFERENCES actor(id) ON DELETE CASCADE,
  source      TEXT,
  changed_by  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (proposal_id, actor_id)
) STRICT;

CREATE TABLE document (
  id             TEXT PRIMARY KEY,
  process_id     TEXT REFERENCES process(id) ON DELETE SET NULL,
  symbol         TEXT,
  title          TEXT NOT NULL DEFAULT '',
  kind           TEXT NOT NULL CHECK (kind IN ('zero_draft','revised_draft','crp','limited','adopted',
                                               'statement','working_paper','national_position')),
  revision_label TEXT,
  date           TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  url            TEXT,
  note           TEXT,
  changed_by     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
) STRICT;
CREATE INDEX document_symbol ON document(symbol, revision_label);

CREATE TABLE provision (
  id          TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('heading','paragraph','subparagraph','footnote')),
  label       TEXT NOT NULL DEFAULT '',
  parent_id   TEXT REFERENCES provision(id) ON DELETE CASCADE,
  ordinal     INTEGER NOT NULL,
  text        TEXT NOT NULL,
  -- A paragraph's identity across revisions: inherited by its successor in the next draft.
  stable_key  TEXT NOT NULL,
  changed_by  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (document_id, ordinal)
) STRICT;
CREATE INDEX provision_stable_key ON provision(stable_key);

CREATE TABLE source (
  id          TEXT PRIMARY KEY,
  document_id TEXT REFERENCES document(id) ON DELETE SET NULL,
  symbol      TEXT,
  url         TEXT,
  title       TEXT,
  date        TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  -- Where in the source: "para. 27", "p. 4".
  locator     TEXT,
  -- The citation as the analyst wrote it; symbol, url, title and locator are read from it.
  citation    TEXT NOT NULL UNIQUE CHECK (length(trim(citation)) > 0),
  changed_by  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE position (
  id              TEXT PRIMARY KEY,
  actor_id        TEXT NOT NULL REFERENCES actor(id) ON DELETE RESTRICT,
  topic_id        TEXT REFERENCES topic(id) ON DELETE RESTRICT,
  proposal_id     TEXT REFERENCES proposal(id) ON DELETE RESTRICT,
  provision_id    TEXT REFERENCES provision(id) ON DELETE RESTRICT,
  session_id      TEXT NOT NULL REFERENCES session(id) ON DELETE RESTRICT,
  meeting_id      TEXT REFERENCES meeting(id) ON DELETE SET NULL,
  stance          TEXT NOT NULL CHECK (stance IN ('supports','opposes','conditional','concerns',
                     'reservation','disassociation','red_line','proposes','proposes_amendment',
                     'joined_consensus','neutral','silent')),
  summary         TEXT NOT NULL DEFAULT '',
  quote           TEXT NOT NULL DEFAULT '',
  source_id       TEXT REFERENCES source(id) ON DELETE SET NULL,
  on_behalf_of_id TEXT REFERENCES actor(id) ON DELETE RESTRICT,
  note            TEXT NOT NULL DEFAULT '',
  provenance      TEXT NOT NULL DEFAULT 'recorded'
                     CHECK (provenance IN ('recorded','illustrative','synthetic')),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  changed_by      TEXT NOT NULL,
  CHECK ((topic_id IS NOT NULL) + (proposal_id IS NOT NULL) + (provision_id IS NOT NULL) = 1)
) STRICT;
CREATE INDEX position_actor_session ON position(actor_id, session_id);
CREATE INDEX position_session ON position(session_id);
CREATE INDEX position_topic ON position(topic_id);
CREATE INDEX position_proposal ON position(proposal_id);
CREATE INDEX position_provision ON position(provision_id);

-- Every insert, update and delete of a position, with the row before and after as JSON.
-- No foreign key on position_id: the history outlives a deleted position.
CREATE TABLE position_history (
  id          TEXT PRIMARY KEY,
  position_id TEXT NOT NULL,
  op          TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
  at          TEXT NOT NULL,
  changed_by  TEXT NOT NULL,
  before      TEXT CHECK (before IS NULL OR json_valid(before)),
  after       TEXT CHECK (after IS NULL OR json_valid(after)),
  CHECK ((op = 'insert' AND before IS NULL AND after IS NOT NULL)
      OR (op = 'update' AND before IS NOT NULL AND after IS NOT NULL)
      OR (op = 'delete' AND before IS NOT NULL AND after IS NULL))
) STRICT;
CREATE INDEX position_history_position ON position_history(position_id, at);

CREATE TABLE amendment_request (
  id           TEXT PRIMARY KEY,
  provision_id TEXT NOT NULL REFERENCES provision(id) ON DELETE CASCADE,
  session_id   TEXT REFERENCES session(id) ON DELETE SET NULL,
  op           TEXT NOT NULL CHECK (op IN ('insert','delete','replace','move')),
  old_text     TEXT NOT NULL DEFAULT '',
  new_text     TEXT NOT NULL DEFAULT '',
  status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','partial','rejected')),
  note         TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  changed_by   TEXT NOT NULL
) STRICT;
CREATE INDEX amendment_request_provision ON amendment_request(provision_id);

CREATE TABLE amendment_requester (
  id           TEXT PRIMARY KEY,
  amendment_id TEXT NOT NULL REFERENCES amendment_request(id) ON DELETE CASCADE,
  actor_id     TEXT NOT NULL REFERENCES actor(id) ON DELETE RESTRICT,
  changed_by   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  UNIQUE (amendment_id, actor_id)
) STRICT;

-- A topic's full path from the root ("International law/International humanitarian law").
CREATE VIEW topic_path (id, path, depth) AS
WITH RECURSIVE walk (id, path, depth) AS (
  SELECT id, name, 0 FROM topic WHERE parent_id IS NULL
  UNION ALL
  SELECT child.id, walk.path || '/' || child.name, walk.depth + 1
  FROM topic AS child JOIN walk ON child.parent_id = walk.id
)
SELECT id, path, depth FROM walk;
