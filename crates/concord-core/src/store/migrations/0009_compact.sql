-- Schema v9: a file that stays small at a million positions, and pages that come at once.
--
-- 1. An insert's history entry no longer repeats the row it inserted: that row is the next
--    entry's `before` or, while nobody has changed it since, the position as it is. The
--    reader puts it back (`Store::position_history`). Entries written before v9 drop their
--    copy only where it is exactly what the reader puts back, so no name recorded at the time
--    is lost (the json_object below is the row as v8's writer recorded it). CHECK constraints
--    cannot be altered in place: the table is rebuilt.
CREATE TABLE position_history_v9 (
  id          TEXT PRIMARY KEY,
  position_id TEXT NOT NULL,
  op          TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
  at          TEXT NOT NULL,
  changed_by  TEXT NOT NULL,
  before      TEXT CHECK (before IS NULL OR json_valid(before)),
  after       TEXT CHECK (after IS NULL OR json_valid(after)),
  CHECK ((op = 'insert' AND before IS NULL)
      OR (op = 'update' AND before IS NOT NULL AND after IS NOT NULL)
      OR (op = 'delete' AND before IS NOT NULL AND after IS NULL))
) STRICT;

INSERT INTO position_history_v9 (id, position_id, op, at, changed_by, before, after)
SELECT h.id, h.position_id, h.op, h.at, h.changed_by, h.before,
       CASE WHEN h.op = 'insert' AND h.after IS coalesce(
         (SELECT n.before FROM position_history AS n
           WHERE n.position_id = h.position_id AND (n.at, n.rowid) > (h.at, h.rowid)
           ORDER BY n.at, n.rowid LIMIT 1),
         (SELECT json_object(
            'id', p.id, 'actor_id', p.actor_id, 'topic_id', p.topic_id, 'proposal_id', p.proposal_id,
            'provision_id', p.provision_id, 'session_id', p.session_id, 'meeting_id', p.meeting_id,
            'stance', p.stance, 'summary', p.summary, 'quote', p.quote, 'source_id', p.source_id,
            'source', (SELECT citation FROM source WHERE id = p.source_id), 'on_behalf_of_id', p.on_behalf_of_id, 'note', p.note,
            'provenance', p.provenance, 'created_at', p.created_at, 'updated_at', p.updated_at,
            'changed_by', p.changed_by,
            'actor', (SELECT name FROM actor WHERE id = p.actor_id),
            'session', (SELECT session_label(pc.short_name, se.title) FROM session AS se
                        JOIN process AS pc ON pc.id = se.process_id WHERE se.id = p.session_id),
            'subject', coalesce((WITH RECURSIVE up (parent_id, path, depth) AS (
                                     SELECT parent_id, name, 0 FROM topic WHERE id = p.topic_id
                                     UNION ALL
                                     SELECT t.parent_id, t.name || '/' || up.path, up.depth + 1
                                     FROM topic AS t JOIN up ON t.id = up.parent_id WHERE up.depth < 64)
                                   SELECT path FROM up WHERE parent_id IS NULL),
                                (SELECT name FROM proposal WHERE id = p.proposal_id),
                                (SELECT label FROM provision WHERE id = p.provision_id)),
            'on_behalf_of', (SELECT name FROM actor WHERE id = p.on_behalf_of_id))
          FROM position AS p WHERE p.id = h.position_id))
       THEN NULL ELSE h.after END
FROM position_history AS h
ORDER BY h.rowid;

DROP TABLE position_history;
ALTER TABLE position_history_v9 RENAME TO position_history;
CREATE INDEX position_history_position ON position_history(position_id, at);

-- 2. The search index keeps no second copy of every text: the ranking reads the text from
--    the position itself (contentless FTS5 that still accepts deletes).
DROP TRIGGER position_search_insert;
DROP TRIGGER position_search_update;
DROP TRIGGER position_search_delete;
DROP TABLE position_search;

CREATE VIRTUAL TABLE position_search USING fts5(
  summary, quote, note, source,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO position_search (rowid, summary, quote, note, source)
SELECT k.rowid, p.summary, p.quote, p.note, coalesce(s.citation, '')
  FROM position_search_key AS k
  JOIN position AS p ON p.id = k.position_id
  LEFT JOIN source AS s ON s.id = p.source_id
 ORDER BY k.rowid;

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

-- 3. A session's positions page comes newest first straight from an index; the matrix
--    index already starts with the session for every other read by session.
DROP INDEX position_session;
CREATE INDEX position_session ON position(session_id, created_at, id);
-- 4. A position has one subject: its topic, proposal or paragraph. Each subject index now
--    holds only the positions that have that kind of subject, instead of an entry (a NULL)
--    for every position. Queries name the subject (`topic_id = ?`, `IN (…)`), which tells
--    SQLite the column is not NULL, so they use these indexes as before.
DROP INDEX position_topic;
DROP INDEX position_proposal;
DROP INDEX position_provision;
CREATE INDEX position_topic ON position(topic_id, session_id, actor_id, stance, created_at)
  WHERE topic_id IS NOT NULL;
CREATE INDEX position_proposal ON position(proposal_id, session_id, actor_id, stance, created_at)
  WHERE proposal_id IS NOT NULL;
CREATE INDEX position_provision ON position(provision_id) WHERE provision_id IS NOT NULL;
