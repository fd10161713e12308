-- Issue 17: the result of each element of a block run once per element of a collection (a recording of a study).
-- The block's own row in wf_block_run summarises them; these rows are what the job details list per element.
CREATE SEQUENCE wf_element_run_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE wf_element_run (
    id           BIGINT PRIMARY KEY,
    job_id       BIGINT NOT NULL,
    block_id     INTEGER NOT NULL,
    element_key  VARCHAR(500) NOT NULL,
    status       VARCHAR(16) NOT NULL,
    output_type  VARCHAR(16),
    output_value ${long_text},
    stdout       ${long_text},
    stderr       ${long_text},
    start_time   BIGINT,
    end_time     BIGINT,
    attempt      INTEGER DEFAULT 0 NOT NULL,
    CONSTRAINT wf_element_run_job_block_key UNIQUE (job_id, block_id, element_key)
);
