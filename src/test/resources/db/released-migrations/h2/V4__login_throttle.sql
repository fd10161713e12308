-- Failed logins per account, so that every server of a cluster sees the same count and lockout. The key is the
-- SHA-256 of the normalised email: unknown emails are throttled like known ones (no hint which exist), and no email
-- an attacker types is stored in clear. Times are epoch milliseconds.
CREATE TABLE auth_login_failure (
    account_key  VARCHAR(64) PRIMARY KEY,
    failures     INTEGER NOT NULL,
    last_failure BIGINT NOT NULL,
    locked_until BIGINT NOT NULL
);
CREATE INDEX auth_login_failure_last ON auth_login_failure (last_failure);
