-- Issue 18: a block (or one element of a study) handed to a cluster's scheduler (Slurm). Written when it is
-- submitted, so an app server that takes the job over, or restarts, finds the running job and waits for it instead of
-- running the block twice; the job details show where it ran.
CREATE SEQUENCE wf_remote_task_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE wf_remote_task (
    id           BIGINT PRIMARY KEY,
    job_id       BIGINT NOT NULL,
    block_id     INTEGER NOT NULL,
    element_key  VARCHAR(500),
    attempt      INTEGER NOT NULL,
    kind         VARCHAR(16) NOT NULL,
    remote_id    VARCHAR(64) NOT NULL,
    node         VARCHAR(200),
    task_file    VARCHAR(2000) NOT NULL,
    state        VARCHAR(16) NOT NULL,
    submitted    BIGINT NOT NULL
);
CREATE INDEX wf_remote_task_job ON wf_remote_task (job_id, block_id);
