-- Secrets at rest, token lifetimes and sign-in attempts in flight. Keep in step with ../sqlite.

-- Server-wide settings; secret_key_id names the key the TOTP secrets are sealed with (an HMAC of it,
-- never the key), so a start with another key is refused.
CREATE TABLE server_settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- When an account token was last used, recorded at most once an hour; NULL means its created_at.
ALTER TABLE account_tokens ADD COLUMN last_used_at BIGINT;

-- Sign-in attempts being judged right now, counted before their credentials are checked, so that every
-- instance judges exactly as many as the lockout allows; in_flight_at is when the last one started (a
-- count older than a minute is left over from a stopped process and counts as none).
ALTER TABLE sign_in_failures ADD COLUMN in_flight INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sign_in_failures ADD COLUMN in_flight_at BIGINT NOT NULL DEFAULT 0;
