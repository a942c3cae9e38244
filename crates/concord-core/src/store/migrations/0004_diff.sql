-- Schema v4: the session diff compares who said what on every subject, paragraphs included,
-- between two sessions. The matrix index gains provision_id so that read stays inside it.

DROP INDEX position_matrix;
CREATE INDEX position_matrix
  ON position(session_id, actor_id, topic_id, proposal_id, provision_id, stance, created_at);
