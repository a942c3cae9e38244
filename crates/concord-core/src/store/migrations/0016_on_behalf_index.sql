-- The agreement map reads every statement of a range through position_matrix, which covers
-- all it needs but who a statement was made on behalf of; this small index (only statements
-- made on behalf of a group are in it) finds those, so the rows themselves are never read.
CREATE INDEX position_on_behalf ON position(session_id, on_behalf_of_id)
  WHERE on_behalf_of_id IS NOT NULL;
