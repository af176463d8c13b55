package dev.plexauth.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Reads account and token rows from a result set, by column name. */
final class Rows {

  private Rows() {}

  /**
   * The account in the current row.
   *
   * @param rs the result set
   * @param createdAtColumn the label of the account's {@code created_at} (a join renames it)
   */
  static AccountRow account(ResultSet rs, String createdAtColumn) throws SQLException {
    long step = rs.getLong("totp_last_step");
    Optional<Long> lastStep = rs.wasNull() ? Optional.empty() : Optional.of(step);
    return new AccountRow(
        rs.getLong("id"),
        rs.getString("uuid"),
        rs.getString("username"),
        rs.getString("email"),
        rs.getString("password_hash"),
        Optional.ofNullable(rs.getString("totp_secret")),
        lastStep,
        rs.getBoolean("admin"),
        rs.getString("friendly_name"),
        rs.getString("country"),
        Optional.ofNullable(rs.getString("locale")),
        rs.getLong(createdAtColumn));
  }

  /** The account token in the current row; a token never marked used was last used when made. */
  static TokenRow token(ResultSet rs) throws SQLException {
    long createdAt = rs.getLong("created_at");
    long lastUsedAt = rs.getLong("last_used_at");
    if (rs.wasNull()) {
      lastUsedAt = createdAt;
    }
    return new TokenRow(
        rs.getLong("account_id"),
        rs.getString("client_identifier"),
        rs.getString("token_hash"),
        Optional.ofNullable(rs.getString("product")),
        Optional.ofNullable(rs.getString("version")),
        Optional.ofNullable(rs.getString("platform")),
        Optional.ofNullable(rs.getString("device")),
        createdAt,
        rs.getLong("remember_until"),
        lastUsedAt);
  }
}
