-- Secrets at rest and token lifetimes. Keep in step with ../sqlite.

-- Server-wide settings; secret_key_id names the key the TOTP secrets are sealed with (an HMAC of it,
-- never the key), so a start with another key is refused.
CREATE TABLE server_settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- When an account token was last used, recorded at most once an hour; NULL means its created_at.
ALTER TABLE account_tokens ADD COLUMN last_used_at BIGINT;
