-- Schema v3: a topic's or proposal's page reads every statement on one subject across a
-- process. These indexes replace the single-column ones and cover that read, so it does not
-- touch the (large) position rows. Their first column is the same, so filters by topic or
-- proposal use them as before.

DROP INDEX position_topic;
DROP INDEX position_proposal;
CREATE INDEX position_topic ON position(topic_id, session_id, actor_id, stance, created_at);
CREATE INDEX position_proposal ON position(proposal_id, session_id, actor_id, stance, created_at);
