-- The PIN variant of JWT device authentication: a pin made with a device's public key (POST /api/v2/pins with
-- {"jwk": …}) keeps that key, as JSON, until its token is handed out as a Plex JWT. A public key only: the
-- server never holds a device's private key. Keep in step with the other dialect.
ALTER TABLE pins ADD COLUMN jwk TEXT;
