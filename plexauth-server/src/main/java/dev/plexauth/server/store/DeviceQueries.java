package dev.plexauth.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@link Store}'s queries on an account's devices: its account tokens as a list, and the ways
 * one ends (sign-out, device removal). Ending a token deletes its row, so every instance stops
 * accepting it at its next lookup; its resource tokens go with it.
 */
final class DeviceQueries {

  private static final String DEVICE_COLUMNS =
      "device_id, token_hash, client_identifier, product, version, platform, device, created_at,"
          + " COALESCE(last_used_at, created_at) AS last_seen_at";

  /**
   * An account's devices, the most recently seen first, prepared once per pooled connection: the
   * read of every {@code /api/v2/devices} request.
   */
  private static final String DEVICES_OF_ACCOUNT =
      "SELECT "
          + DEVICE_COLUMNS
          + " FROM account_tokens WHERE account_id = ?"
          + " ORDER BY COALESCE(last_used_at, created_at) DESC, device_id";

  private final Jdbi jdbi;
  private final PreparedQueries prepared;

  DeviceQueries(Jdbi jdbi, PreparedQueries prepared) {
    this.jdbi = jdbi;
    this.prepared = prepared;
  }

  /** See {@link Store#listDevices}. */
  List<DeviceRow> list(long accountId) {
    return prepared.query(
        DEVICES_OF_ACCOUNT,
        statement -> statement.setLong(1, accountId),
        rows -> {
          List<DeviceRow> devices = new ArrayList<>();
          while (rows.next()) {
            devices.add(device(rows));
          }
          return devices;
        },
        "cannot read devices");
  }

  /** See {@link Store#deleteDevice}. */
  Optional<DeviceRow> delete(long accountId, long deviceId) {
    return SqlErrors.call(
        jdbi,
        "cannot remove the device",
        handle ->
            handle.inTransaction(
                tx -> {
                  Optional<DeviceRow> found =
                      tx.createQuery(
                              "SELECT "
                                  + DEVICE_COLUMNS
                                  + " FROM account_tokens"
                                  + " WHERE account_id = :account AND device_id = :device")
                          .bind("account", accountId)
                          .bind("device", deviceId)
                          .map((rs, ctx) -> device(rs))
                          .findOne();
                  found.ifPresent(row -> deleteToken(tx, row.tokenHash()));
                  return found;
                }));
  }

  /** See {@link Store#deleteAccountToken}. */
  boolean deleteToken(String tokenHash) {
    return SqlErrors.call(
        jdbi,
        "cannot end the token",
        handle -> handle.inTransaction(tx -> deleteToken(tx, tokenHash)));
  }

  private static boolean deleteToken(Handle tx, String tokenHash) {
    tx.createUpdate("DELETE FROM resource_tokens WHERE parent_token_hash = :hash")
        .bind("hash", tokenHash)
        .execute();
    return tx.createUpdate("DELETE FROM account_tokens WHERE token_hash = :hash")
            .bind("hash", tokenHash)
            .execute()
        > 0;
  }

  private static DeviceRow device(ResultSet rs) throws SQLException {
    return new DeviceRow(
        rs.getLong("device_id"),
        rs.getString("token_hash"),
        rs.getString("client_identifier"),
        Optional.ofNullable(rs.getString("product")),
        Optional.ofNullable(rs.getString("version")),
        Optional.ofNullable(rs.getString("platform")),
        Optional.ofNullable(rs.getString("device")),
        rs.getLong("created_at"),
        rs.getLong("last_seen_at"));
  }
}
