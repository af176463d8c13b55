-- PIN sign-in (POST /api/v2/pins, PUT /api/v2/pins/link, GET /api/v2/pins/{id}), PostgreSQL dialect.
-- Keep in step with ../sqlite.
--
-- A pin's id is the credential of the app that polls for the token, and its code is what the person types
-- or follows: neither is kept as it is. The row is found by the SHA-256 of the id (poll) or of the
-- lower-cased code (link); the code itself, which the poll answer repeats, is sealed with AES-GCM under a
-- key derived from the id, so only a request that names the id can read it. A pin row goes when its token
-- is handed out, and expired rows are purged whenever a pin is made.
CREATE TABLE pins (
    id_hash           TEXT    PRIMARY KEY,
    code_hash         TEXT    NOT NULL UNIQUE,
    code_sealed       TEXT    NOT NULL,
    strong            BOOLEAN NOT NULL,
    client_identifier TEXT    NOT NULL,
    product           TEXT,
    version           TEXT,
    platform          TEXT,
    device            TEXT,
    created_at        BIGINT  NOT NULL,
    expires_at        BIGINT  NOT NULL,
    -- The account that approved the pin (PUT /api/v2/pins/link), null until then.
    account_id        BIGINT  REFERENCES accounts (id) ON DELETE CASCADE,
    linked_at         BIGINT
);

CREATE INDEX pins_expires_at ON pins (expires_at);
