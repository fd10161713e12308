-- Uploaded block modules: a name owned by one user, and its versions (each unpacked in its own folder). Jobs record
-- the module versions they ran with, so a restart uses the same ones.
CREATE SEQUENCE wf_module_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE wf_module_version_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE wf_module (
    id         BIGINT PRIMARY KEY,
    name       VARCHAR(200) NOT NULL UNIQUE,
    owner_id   BIGINT NOT NULL,
    is_public  BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE wf_module_version (
    id          BIGINT PRIMARY KEY,
    module_id   BIGINT NOT NULL,
    version     INTEGER NOT NULL,
    file_name   VARCHAR(200) NOT NULL,
    folder      VARCHAR(1000) NOT NULL,
    size_bytes  BIGINT NOT NULL,
    block_count INTEGER NOT NULL,
    created_at  BIGINT NOT NULL,
    CONSTRAINT wf_module_version_unique UNIQUE (module_id, version)
);

ALTER TABLE wf_job ADD COLUMN module_versions VARCHAR(4000);
