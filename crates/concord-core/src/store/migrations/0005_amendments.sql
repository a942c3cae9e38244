-- Schema v5: an amendment request is decided against the revision after the one it was
-- logged on: which revision decided it, the paragraph there that continues the one it was
-- asked on, how much of the change landed, why, and whether the analyst overrode it.

ALTER TABLE amendment_request ADD COLUMN decided_by TEXT NOT NULL DEFAULT 'none'
  CHECK (decided_by IN ('none','auto','analyst'));
ALTER TABLE amendment_request ADD COLUMN decided_in TEXT REFERENCES document(id) ON DELETE SET NULL;
ALTER TABLE amendment_request ADD COLUMN landed_provision_id TEXT REFERENCES provision(id) ON DELETE SET NULL;
ALTER TABLE amendment_request ADD COLUMN score REAL;
ALTER TABLE amendment_request ADD COLUMN reason TEXT NOT NULL DEFAULT '';
CREATE INDEX amendment_requester_actor ON amendment_requester(actor_id);
