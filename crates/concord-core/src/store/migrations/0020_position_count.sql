-- How many positions the record holds, kept as positions are written. The window's header
-- asks on every refresh of the positions table, and counting a million rows read the 30 MB
-- of their id index each time (50 ms) and left it in the page cache. A bulk write drops
-- these triggers with the other derived ones and counts once at its end (store/derived.rs).
CREATE TABLE position_count (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n INTEGER NOT NULL CHECK (n >= 0)
);
INSERT INTO position_count (id, n) SELECT 1, count(*) FROM position;

CREATE TRIGGER position_count_insert AFTER INSERT ON position BEGIN
  UPDATE position_count SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER position_count_delete AFTER DELETE ON position BEGIN
  UPDATE position_count SET n = n - 1 WHERE id = 1;
END;
