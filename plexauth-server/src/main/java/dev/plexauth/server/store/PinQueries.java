package dev.plexauth.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The {@link Store}'s queries on {@code pins}. Every step that must not interleave with another
 * instance's is one statement or one transaction: a pin is linked once ({@code account_id IS NULL}
 * in the update), and handed out once (deleted with the token's insert in one transaction).
 */
final class PinQueries {

  private static final String COLUMNS =
      "id_hash, code_hash, code_sealed, strong, client_identifier, product, version, platform,"
          + " device, created_at, expires_at, account_id, jwk";

  private final Jdbi jdbi;

  PinQueries(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** See {@link Store#insertPin}. */
  void insert(PinRow pin, long nowMillis) {
    try {
      jdbi.useTransaction(
          tx -> {
            tx.createUpdate("DELETE FROM pins WHERE expires_at <= :now")
                .bind("now", nowMillis)
                .execute();
            tx.createUpdate(
                    "INSERT INTO pins (id_hash, code_hash, code_sealed, strong, client_identifier,"
                        + " product, version, platform, device, created_at, expires_at, jwk)"
                        + " VALUES (:idHash, :codeHash, :sealed, :strong, :client, :product,"
                        + " :version, :platform, :device, :createdAt, :expiresAt, :jwk)")
                .bind("idHash", pin.idHash())
                .bind("codeHash", pin.codeHash())
                .bind("sealed", pin.codeSealed())
                .bind("strong", pin.strong())
                .bind("client", pin.clientIdentifier())
                .bind("product", pin.product().orElse(null))
                .bind("version", pin.version().orElse(null))
                .bind("platform", pin.platform().orElse(null))
                .bind("device", pin.device().orElse(null))
                .bind("createdAt", pin.createdAtMillis())
                .bind("expiresAt", pin.expiresAtMillis())
                .bind("jwk", pin.jwk().orElse(null))
                .execute();
          });
    } catch (JdbiException e) {
      throw SqlErrors.translate("cannot store the pin", e);
    }
  }

  /** See {@link Store#findPin}. */
  Optional<PinRow> find(String idHash) {
    return SqlErrors.call(
        jdbi,
        "cannot read pins",
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM pins WHERE id_hash = :idHash")
                .bind("idHash", idHash)
                .map((rs, ctx) -> row(rs))
                .findOne());
  }

  /** See {@link Store#linkPin}. */
  boolean link(String codeHash, long accountId, long nowMillis) {
    return SqlErrors.call(
        jdbi,
        "cannot link the pin",
        handle ->
            handle
                    .createUpdate(
                        "UPDATE pins SET account_id = :account, linked_at = :now"
                            + " WHERE code_hash = :codeHash AND account_id IS NULL"
                            + " AND expires_at > :now")
                    .bind("account", accountId)
                    .bind("now", nowMillis)
                    .bind("codeHash", codeHash)
                    .execute()
                > 0);
  }

  /** See {@link Store#claimPin}. */
  Optional<PinRow> claim(
      String idHash,
      String clientIdentifier,
      long nowMillis,
      String tokenHash,
      long rememberUntilMillis) {
    return JdbcStore.withNewDeviceId(
        deviceId ->
            claim(idHash, clientIdentifier, nowMillis, tokenHash, rememberUntilMillis, deviceId));
  }

  private Optional<PinRow> claim(
      String idHash,
      String clientIdentifier,
      long nowMillis,
      String tokenHash,
      long rememberUntilMillis,
      long deviceId) {
    return SqlErrors.call(
        jdbi,
        "cannot hand out the pin's token",
        handle ->
            handle.inTransaction(
                tx -> {
                  Optional<PinRow> claimed =
                      tx.createQuery(
                              "DELETE FROM pins WHERE id_hash = :idHash"
                                  + " AND client_identifier = :client"
                                  + " AND account_id IS NOT NULL AND expires_at > :now"
                                  + " RETURNING "
                                  + COLUMNS)
                          .bind("idHash", idHash)
                          .bind("client", clientIdentifier)
                          .bind("now", nowMillis)
                          .map((rs, ctx) -> row(rs))
                          .findOne();
                  claimed.ifPresent(
                      pin ->
                          JdbcStore.upsertToken(
                              tx,
                              new TokenRow(
                                  pin.accountId().orElseThrow(),
                                  pin.clientIdentifier(),
                                  tokenHash,
                                  pin.product(),
                                  pin.version(),
                                  pin.platform(),
                                  pin.device(),
                                  nowMillis,
                                  rememberUntilMillis),
                              deviceId));
                  return claimed;
                }));
  }

  private static PinRow row(ResultSet rs) throws SQLException {
    long account = rs.getLong("account_id");
    Optional<Long> accountId = rs.wasNull() ? Optional.empty() : Optional.of(account);
    return new PinRow(
        rs.getString("id_hash"),
        rs.getString("code_hash"),
        rs.getString("code_sealed"),
        rs.getBoolean("strong"),
        rs.getString("client_identifier"),
        Optional.ofNullable(rs.getString("product")),
        Optional.ofNullable(rs.getString("version")),
        Optional.ofNullable(rs.getString("platform")),
        Optional.ofNullable(rs.getString("device")),
        rs.getLong("created_at"),
        rs.getLong("expires_at"),
        accountId,
        Optional.ofNullable(rs.getString("jwk")));
  }
}
