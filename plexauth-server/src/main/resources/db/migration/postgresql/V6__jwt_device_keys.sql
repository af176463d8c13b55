-- JWT device authentication. Keep in step with ../sqlite.

-- The server's Ed25519 signing keys. kid is the RFC 7638 thumbprint of the public JWK; private_key is the
-- PKCS#8 key sealed with the server's secret key (AES-GCM, never in plain text). The current key is the
-- newest row; a retired key stays published until every Plex JWT it signed has expired.
CREATE TABLE signing_keys (
    kid         TEXT   PRIMARY KEY,
    public_jwk  TEXT   NOT NULL,
    private_key TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    retired_at  BIGINT
);

CREATE INDEX signing_keys_created_at ON signing_keys (created_at);

-- One device key per device (account, client identifier), keyed by its RFC 7638 thumbprint, the kid of
-- the device's JWTs and the thumbprint claim of the Plex JWTs issued to it. It lives as long as the
-- device's account token: sign-out, device removal, a password change and account removal delete the
-- token, and with it this row, and so end the device's Plex JWTs everywhere at once. registration is
-- random and new at every registration; Plex JWTs carry it, so registering again (even the same key
-- after a sign-out) ends the JWTs issued before.
CREATE TABLE device_keys (
    thumbprint        TEXT   PRIMARY KEY,
    account_id        BIGINT NOT NULL,
    client_identifier TEXT   NOT NULL,
    public_jwk        TEXT   NOT NULL,
    registration      TEXT   NOT NULL,
    created_at        BIGINT NOT NULL,
    UNIQUE (account_id, client_identifier),
    FOREIGN KEY (account_id, client_identifier)
        REFERENCES account_tokens (account_id, client_identifier) ON DELETE CASCADE
);

-- Nonces handed out by GET /api/v2/auth/nonce: single use (redeemed by a conditional delete, so any
-- instance can redeem a nonce another one issued, once), valid five minutes, purged when expired.
CREATE TABLE auth_nonces (
    nonce             TEXT   PRIMARY KEY,
    client_identifier TEXT   NOT NULL,
    expires_at        BIGINT NOT NULL
);

CREATE INDEX auth_nonces_expires_at ON auth_nonces (expires_at);
