-- The server's identity, devices, shared sources and resource access tokens. SQLite dialect; keep in step with
-- ../postgresql.

-- The machine identifier, made once at the first start. One row: every instance on the database answers the same.
CREATE TABLE server_identity (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    machine_identifier TEXT    NOT NULL,
    created_at         BIGINT  NOT NULL
);

-- A device is an account token (one per account and client identifier). device_id is its public id: random, so a
-- listing does not tell how many devices the server holds; kept when the device signs in again. When it was last
-- seen is V2's last_used_at (sign-in, ping, and any use, recorded at most once an hour).
ALTER TABLE account_tokens ADD COLUMN device_id BIGINT;
UPDATE account_tokens SET device_id = (random() & 4503599627370495) + 1;
CREATE UNIQUE INDEX account_tokens_device_id ON account_tokens (device_id);

-- The sources an admin shared with an account that is not an admin (admins see every source).
CREATE TABLE source_shares (
    source_id  TEXT    NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    account_id BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (source_id, account_id)
);

CREATE INDEX source_shares_account_id ON source_shares (account_id);

-- The accessToken of a resource in GET /api/v2/resources: derived from the account token that asked and bound to
-- one resource (a source id, or 'self' for this server). Only its SHA-256 is kept. It works only while its parent
-- account token is current (looked up by hash on every use), so sign-out, device removal or a new sign-in from the
-- same client end it on every instance.
CREATE TABLE resource_tokens (
    token_hash        TEXT    PRIMARY KEY,
    parent_token_hash TEXT    NOT NULL,
    account_id        BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    resource          TEXT    NOT NULL,
    created_at        BIGINT  NOT NULL,
    UNIQUE (parent_token_hash, resource)
);

CREATE INDEX resource_tokens_account_id ON resource_tokens (account_id);
