-- Scale-out: several server instances (nodes) on one database. A job belongs to the node that accepted it, or that
-- restarted it last (NULL: a job from before this migration, or from a single server). A stop asked for on another
-- node is recorded on the job for its node to act on. Each node writes its heartbeat every few seconds, so the others
-- can tell a dead node's RUNNING jobs from live ones.
ALTER TABLE wf_job ADD COLUMN node VARCHAR(255);
ALTER TABLE wf_job ADD COLUMN stop_requested BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX wf_job_node ON wf_job (node, status);

CREATE TABLE wf_node (
    name       VARCHAR(255) PRIMARY KEY,
    heartbeat  BIGINT NOT NULL,
    started_at BIGINT NOT NULL
);
