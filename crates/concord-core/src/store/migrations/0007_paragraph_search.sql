-- Schema v7: full-text search over the paragraphs of draft revisions, beside positions.
-- An external-content FTS5 index on provision.text (provisions are written once, never
-- edited); diacritics folded as in position_search.

CREATE VIRTUAL TABLE provision_search USING fts5(
  text,
  content = 'provision',
  content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO provision_search (provision_search) VALUES ('rebuild');

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
