-- Schema v2: full-text search over positions (summary, quote, note, source citation).
-- FTS5 keeps its own copy of the text, keyed by position_search_key.rowid: an INTEGER
-- PRIMARY KEY, so VACUUM (and VACUUM INTO, used for copies and backups) cannot renumber it.
-- Diacritics are folded by the tokenizer: "cote d'ivoire" finds "Côte d'Ivoire".

CREATE TABLE position_search_key (
  rowid       INTEGER PRIMARY KEY,
  position_id TEXT NOT NULL UNIQUE
) STRICT;

CREATE VIRTUAL TABLE position_search USING fts5(
  summary, quote, note, source,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER position_search_insert AFTER INSERT ON position BEGIN
  INSERT INTO position_search_key (position_id) VALUES (NEW.id);
  INSERT INTO position_search (rowid, summary, quote, note, source)
  VALUES (last_insert_rowid(), NEW.summary, NEW.quote, NEW.note,
          coalesce((SELECT citation FROM source WHERE id = NEW.source_id), ''));
END;

CREATE TRIGGER position_search_update AFTER UPDATE OF summary, quote, note, source_id ON position BEGIN
  UPDATE position_search
     SET summary = NEW.summary, quote = NEW.quote, note = NEW.note,
         source = coalesce((SELECT citation FROM source WHERE id = NEW.source_id), '')
   WHERE rowid = (SELECT rowid FROM position_search_key WHERE position_id = NEW.id);
END;

CREATE TRIGGER position_search_delete AFTER DELETE ON position BEGIN
  DELETE FROM position_search
   WHERE rowid = (SELECT rowid FROM position_search_key WHERE position_id = OLD.id);
  DELETE FROM position_search_key WHERE position_id = OLD.id;
END;

-- Positions recorded under schema v1.
INSERT INTO position_search_key (position_id) SELECT id FROM position ORDER BY created_at, id;
INSERT INTO position_search (rowid, summary, quote, note, source)
SELECT k.rowid, p.summary, p.quote, p.note, coalesce(s.citation, '')
  FROM position_search_key AS k
  JOIN position AS p ON p.id = k.position_id
  LEFT JOIN source AS s ON s.id = p.source_id;

-- The matrix reads, per session, who said what on which subject: a covering index answers it
-- without touching the (large) position rows.
CREATE INDEX position_matrix ON position(session_id, actor_id, topic_id, proposal_id, stance, created_at);

-- The positions list shows the newest entries first: this index gives its first page at once
-- even at a million positions.
CREATE INDEX position_created ON position(created_at, id);
