-- Schema v6: the matrix reads one row per actor × subject × session instead of every
-- position. matrix_cell holds, for each, the latest stance (by created_at, then insertion
-- order), when it was said and how many positions there are. Triggers keep it in step with
-- every insert, update and delete of a position, in the same transaction.

CREATE TABLE matrix_cell (
  session_id   TEXT NOT NULL,
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('topic','proposal','provision')),
  actor_id     TEXT NOT NULL,
  subject_id   TEXT NOT NULL,
  stance       TEXT NOT NULL,
  latest_at    TEXT NOT NULL,
  positions    INTEGER NOT NULL CHECK (positions > 0),
  PRIMARY KEY (session_id, subject_kind, actor_id, subject_id)
) STRICT, WITHOUT ROWID;

-- Filled from the positions there are: SQLite takes the bare column `stance` from the row
-- holding max(created_at).
INSERT INTO matrix_cell (session_id, subject_kind, actor_id, subject_id, stance, latest_at, positions)
SELECT session_id,
       CASE WHEN topic_id IS NOT NULL THEN 'topic'
            WHEN proposal_id IS NOT NULL THEN 'proposal' ELSE 'provision' END,
       actor_id, coalesce(topic_id, proposal_id, provision_id), stance, max(created_at), count(*)
FROM position
GROUP BY session_id, actor_id, topic_id, proposal_id, provision_id;

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

-- A deleted or changed position: its old cell is counted again from the positions left.
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

