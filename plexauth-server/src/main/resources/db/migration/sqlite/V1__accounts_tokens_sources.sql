-- plexauth schema, SQLite dialect. Times are epoch milliseconds. Keep in step with ../postgresql.

CREATE TABLE accounts (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid           TEXT    NOT NULL UNIQUE,
    username       TEXT    NOT NULL,
    username_key   TEXT    NOT NULL UNIQUE,
    email          TEXT    NOT NULL,
    email_key      TEXT    NOT NULL UNIQUE,
    password_hash  TEXT    NOT NULL,
    totp_secret    TEXT,
    totp_last_step BIGINT,
    admin          BOOLEAN NOT NULL DEFAULT 0,
    friendly_name  TEXT    NOT NULL DEFAULT '',
    country        TEXT    NOT NULL DEFAULT 'US',
    locale         TEXT,
    created_at     BIGINT  NOT NULL
);

-- Only the SHA-256 of a token is kept. One token per (account, client identifier): a repeat sign-in from
-- the same client replaces the row.
CREATE TABLE account_tokens (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id        BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    client_identifier TEXT    NOT NULL,
    token_hash        TEXT    NOT NULL UNIQUE,
    product           TEXT,
    version           TEXT,
    platform          TEXT,
    device            TEXT,
    created_at        BIGINT  NOT NULL,
    remember_until    BIGINT  NOT NULL,
    UNIQUE (account_id, client_identifier)
);

CREATE TABLE sources (
    id                TEXT   PRIMARY KEY,
    name              TEXT   NOT NULL,
    client_identifier TEXT   NOT NULL,
    created_at        BIGINT NOT NULL
);

CREATE TABLE source_connections (
    source_id TEXT    NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    protocol  TEXT    NOT NULL,
    address   TEXT    NOT NULL,
    port      INTEGER NOT NULL,
    uri       TEXT    NOT NULL,
    local     BOOLEAN NOT NULL,
    relay     BOOLEAN NOT NULL,
    PRIMARY KEY (source_id, position)
);

-- Failed sign-ins per subject ("account:<id>" for known accounts, "login:<login>" for unknown ones), so
-- every process on the same database counts the same failures.
CREATE TABLE sign_in_failures (
    subject         TEXT    PRIMARY KEY,
    failures        INTEGER NOT NULL,
    last_failure_at BIGINT  NOT NULL
);

CREATE INDEX sign_in_failures_last_failure_at ON sign_in_failures (last_failure_at);
