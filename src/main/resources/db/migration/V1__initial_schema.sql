-- Accounts, sessions, jobs and block results. Times are epoch milliseconds (BIGINT). Sequence increments match the
-- entities' allocation sizes, and each sequence starts at its increment: both JPA providers read a value as the
-- top of a block of ids.
CREATE SEQUENCE app_user_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE wf_job_seq START WITH 20 INCREMENT BY 20;
CREATE SEQUENCE wf_block_run_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE app_user (
    id            BIGINT PRIMARY KEY,
    email         VARCHAR(254) NOT NULL UNIQUE,
    username      VARCHAR(100) NOT NULL,
    password_hash VARCHAR(512) NOT NULL,
    roles         VARCHAR(200) NOT NULL,
    created_at    BIGINT NOT NULL
);

CREATE TABLE auth_session (
    token_hash VARCHAR(64) PRIMARY KEY,
    user_id    BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX auth_session_user ON auth_session (user_id);

CREATE TABLE wf_job (
    id                BIGINT PRIMARY KEY,
    execution_id      BIGINT UNIQUE,
    last_execution_id BIGINT,
    owner_id          BIGINT NOT NULL,
    workflow          ${long_text} NOT NULL,
    status            VARCHAR(16) NOT NULL,
    created_at        BIGINT NOT NULL,
    start_time        BIGINT,
    end_time          BIGINT,
    error             VARCHAR(2000),
    attempts          INTEGER DEFAULT 0 NOT NULL
);
CREATE INDEX wf_job_owner ON wf_job (owner_id);
CREATE INDEX wf_job_status ON wf_job (status);

CREATE TABLE wf_block_run (
    id           BIGINT PRIMARY KEY,
    job_id       BIGINT NOT NULL,
    block_id     INTEGER NOT NULL,
    status       VARCHAR(16) NOT NULL,
    output_type  VARCHAR(16),
    output_value ${long_text},
    stdout       ${long_text},
    stderr       ${long_text},
    start_time   BIGINT,
    end_time     BIGINT,
    attempt      INTEGER DEFAULT 0 NOT NULL,
    CONSTRAINT wf_block_run_job_block UNIQUE (job_id, block_id)
);
