-- Search within one actor scanned every match of the words, newest first, for the actor's
-- positions among them: 22-24 ms for two common words at a million positions (views bench),
-- to keep the newest 500 of 5 400. The index now also holds each position's actor as one
-- word ('zq' and the id's 32 hex digits) in a column of its own, so FTS5 finds the positions
-- that have the words and the actor by stepping through both lists at once. People's words
-- are matched in the four text columns only (store/search.rs).
DROP TRIGGER position_search_insert;
DROP TRIGGER position_search_update;
DROP TRIGGER position_search_delete;
DROP TABLE position_search;

CREATE VIRTUAL TABLE position_search USING fts5(
  summary, quote, note, source, actor,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO position_search (rowid, summary, quote, note, source, actor)
SELECT k.rowid, p.summary, p.quote, p.note, coalesce(s.citation, ''), 'zq' || lower(hex(p.actor_id))
  FROM position_search_key AS k
  JOIN position AS p ON p.id = k.position_id
  LEFT JOIN source AS s ON s.id = p.source_id
 ORDER BY k.rowid;

CREATE TRIGGER position_search_insert AFTER INSERT ON position BEGIN
  INSERT INTO position_search_key (position_id) VALUES (NEW.id);
  INSERT INTO position_search (rowid, summary, quote, note, source, actor)
  VALUES (last_insert_rowid(), NEW.summary, NEW.quote, NEW.note,
          coalesce((SELECT citation FROM source WHERE id = NEW.source_id), ''),
          'zq' || lower(hex(NEW.actor_id)));
END;

CREATE TRIGGER position_search_update
AFTER UPDATE OF summary, quote, note, source_id, actor_id ON position BEGIN
  DELETE FROM position_search
   WHERE rowid = (SELECT rowid FROM position_search_key WHERE position_id = NEW.id);
  INSERT INTO position_search (rowid, summary, quote, note, source, actor)
  VALUES ((SELECT rowid FROM position_search_key WHERE position_id = NEW.id),
          NEW.summary, NEW.quote, NEW.note,
          coalesce((SELECT citation FROM source WHERE id = NEW.source_id), ''),
          'zq' || lower(hex(NEW.actor_id)));
END;

CREATE TRIGGER position_search_delete AFTER DELETE ON position BEGIN
  DELETE FROM position_search
   WHERE rowid = (SELECT rowid FROM position_search_key WHERE position_id = OLD.id);
  DELETE FROM position_search_key WHERE position_id = OLD.id;
END;
