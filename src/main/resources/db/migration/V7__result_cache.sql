-- Issue 17: the result cache across jobs. An entry is one completed block (or element) result of a user, under the
-- hash of what made it (module version, block type, properties, inputs); a job that would compute the same takes it.
CREATE SEQUENCE wf_result_cache_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE wf_result_cache (
    id           BIGINT PRIMARY KEY,
    owner_id     BIGINT NOT NULL,
    cache_key    VARCHAR(64) NOT NULL,
    job_id       BIGINT NOT NULL,
    job_public_id BIGINT,
    block_id     INTEGER NOT NULL,
    element_key  VARCHAR(500),
    block_type   VARCHAR(500) NOT NULL,
    output_type  VARCHAR(16),
    output_value ${long_text},
    artefact     VARCHAR(1000),
    components   ${long_text},
    size_bytes   BIGINT NOT NULL,
    created      BIGINT NOT NULL,
    last_used    BIGINT NOT NULL,
    CONSTRAINT wf_result_cache_owner_key UNIQUE (owner_id, cache_key)
);
CREATE INDEX wf_result_cache_last_used ON wf_result_cache (last_used);
CREATE INDEX wf_result_cache_job ON wf_result_cache (job_id);
CREATE INDEX wf_result_cache_block ON wf_result_cache (owner_id, block_type, block_id);

-- where a reused result came from (the producing job's public id and block), and why a block ran
ALTER TABLE wf_block_run ADD COLUMN reused_from_job BIGINT;
ALTER TABLE wf_block_run ADD COLUMN reused_from_block INTEGER;
ALTER TABLE wf_block_run ADD COLUMN ran_because VARCHAR(1000);
ALTER TABLE wf_element_run ADD COLUMN reused_from_job BIGINT;
ALTER TABLE wf_element_run ADD COLUMN reused_from_block INTEGER;
ALTER TABLE wf_element_run ADD COLUMN ran_because VARCHAR(1000);

-- the schedule form's "cache" field: null follows the setting eegwf.cache
ALTER TABLE wf_job ADD COLUMN cache_results BOOLEAN;
