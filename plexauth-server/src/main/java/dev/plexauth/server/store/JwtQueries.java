package dev.plexauth.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/** The queries of JWT device authentication: signing keys, device keys and nonces. */
final class JwtQueries {

  /** Columns are named: the three tables share names. */
  private static final String DEVICE_KEY_WITH_TOKEN =
      "SELECT d.thumbprint, d.public_jwk, d.registration, d.created_at AS key_created_at,"
          + " t.account_id, t.client_identifier, t.token_hash, t.product, t.version, t.platform,"
          + " t.device, t.created_at, t.remember_until, t.last_used_at, a.id, a.uuid, a.username,"
          + " a.email, a.password_hash, a.totp_secret, a.totp_last_step, a.admin, a.friendly_name,"
          + " a.country, a.locale, a.created_at AS account_created_at"
          + " FROM device_keys d"
          + " JOIN account_tokens t"
          + " ON t.account_id = d.account_id AND t.client_identifier = d.client_identifier"
          + " JOIN accounts a ON a.id = t.account_id"
          + " WHERE d.thumbprint = :thumbprint";

  private final Jdbi jdbi;

  JwtQueries(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  List<SigningKeyRow> signingKeys(long retiredSinceMillis) {
    return call(
        "cannot read the signing keys",
        handle ->
            handle
                .createQuery(
                    "SELECT * FROM signing_keys WHERE retired_at IS NULL OR retired_at >= :since"
                        + " ORDER BY CASE WHEN retired_at IS NULL THEN 0 ELSE 1 END,"
                        + " created_at DESC, kid")
                .bind("since", retiredSinceMillis)
                .map((rs, ctx) -> signingKey(rs))
                .list());
  }

  void addSigningKey(SigningKeyRow key, boolean retireOthers, long forgetRetiredBeforeMillis) {
    call(
        "cannot store the signing key",
        handle ->
            handle.inTransaction(
                tx -> {
                  if (retireOthers) {
                    tx.createUpdate(
                            "UPDATE signing_keys SET retired_at = :now WHERE retired_at IS NULL")
                        .bind("now", key.createdAtMillis())
                        .execute();
                  }
                  tx.createUpdate("DELETE FROM signing_keys WHERE retired_at < :before")
                      .bind("before", forgetRetiredBeforeMillis)
                      .execute();
                  return tx.createUpdate(
                          "INSERT INTO signing_keys (kid, public_jwk, private_key, created_at)"
                              + " VALUES (:kid, :jwk, :sealed, :createdAt)")
                      .bind("kid", key.kid())
                      .bind("jwk", key.publicJwk())
                      .bind("sealed", key.sealedPrivateKey())
                      .bind("createdAt", key.createdAtMillis())
                      .execute();
                }));
  }

  boolean saveDeviceKey(DeviceKeyRow key) {
    return call(
        "cannot store the device key",
        handle ->
            handle
                    .createUpdate(
                        "INSERT INTO device_keys"
                            + " (thumbprint, account_id, client_identifier, public_jwk, registration,"
                            + " created_at)"
                            + " SELECT :thumbprint, :accountId, :client, :jwk, :registration,"
                            + " :createdAt"
                            + " WHERE EXISTS (SELECT 1 FROM account_tokens"
                            + " WHERE account_id = :accountId AND client_identifier = :client)"
                            + " ON CONFLICT (account_id, client_identifier) DO UPDATE SET"
                            + " thumbprint = excluded.thumbprint,"
                            + " public_jwk = excluded.public_jwk,"
                            + " registration = excluded.registration,"
                            + " created_at = excluded.created_at")
                    .bind("thumbprint", key.thumbprint())
                    .bind("accountId", key.accountId())
                    .bind("client", key.clientIdentifier())
                    .bind("jwk", key.publicJwk())
                    .bind("registration", key.registration())
                    .bind("createdAt", key.createdAtMillis())
                    .execute()
                > 0);
  }

  Optional<DeviceKeyWithToken> findDeviceKey(String thumbprint) {
    return call(
        "cannot read the device keys",
        handle ->
            handle
                .createQuery(DEVICE_KEY_WITH_TOKEN)
                .bind("thumbprint", thumbprint)
                .map(
                    (rs, ctx) ->
                        new DeviceKeyWithToken(
                            new DeviceKeyRow(
                                rs.getString("thumbprint"),
                                rs.getLong("account_id"),
                                rs.getString("client_identifier"),
                                rs.getString("public_jwk"),
                                rs.getString("registration"),
                                rs.getLong("key_created_at")),
                            new TokenWithAccount(
                                Rows.token(rs), Rows.account(rs, "account_created_at"))))
                .findOne());
  }

  boolean deleteDeviceKey(long accountId, String clientIdentifier) {
    return call(
        "cannot remove the device key",
        handle ->
            handle
                    .createUpdate(
                        "DELETE FROM device_keys"
                            + " WHERE account_id = :accountId AND client_identifier = :client")
                    .bind("accountId", accountId)
                    .bind("client", clientIdentifier)
                    .execute()
                > 0);
  }

  void addNonce(String nonce, String clientIdentifier, long expiresAtMillis, long nowMillis) {
    call(
        "cannot store the nonce",
        handle -> {
          handle
              .createUpdate("DELETE FROM auth_nonces WHERE expires_at <= :now")
              .bind("now", nowMillis)
              .execute();
          return handle
              .createUpdate(
                  "INSERT INTO auth_nonces (nonce, client_identifier, expires_at)"
                      + " VALUES (:nonce, :client, :expiresAt)")
              .bind("nonce", nonce)
              .bind("client", clientIdentifier)
              .bind("expiresAt", expiresAtMillis)
              .execute();
        });
  }

  boolean redeemNonce(String nonce, String clientIdentifier, long nowMillis) {
    return call(
        "cannot redeem the nonce",
        handle ->
            handle
                    .createUpdate(
                        "DELETE FROM auth_nonces WHERE nonce = :nonce"
                            + " AND client_identifier = :client AND expires_at > :now")
                    .bind("nonce", nonce)
                    .bind("client", clientIdentifier)
                    .bind("now", nowMillis)
                    .execute()
                > 0);
  }

  private static SigningKeyRow signingKey(ResultSet rs) throws SQLException {
    long retiredAt = rs.getLong("retired_at");
    OptionalLong retired = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(retiredAt);
    return new SigningKeyRow(
        rs.getString("kid"),
        rs.getString("public_jwk"),
        rs.getString("private_key"),
        rs.getLong("created_at"),
        retired);
  }

  private <T> T call(String what, HandleCallback<T, RuntimeException> work) {
    return SqlErrors.call(jdbi, what, work);
  }
}
