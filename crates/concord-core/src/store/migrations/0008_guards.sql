-- Guards that hold on every path into the file (capture, imports, import all, a merge):
-- a topic is never its own ancestor, and a document's revision label is used once.

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

-- One document per (symbol, revision label); the original text has no label.
CREATE UNIQUE INDEX document_revision_once
  ON document(symbol, coalesce(revision_label, '')) WHERE symbol IS NOT NULL;
