package dev.plexauth.server.store;

import java.util.Optional;

/**
 * The lookup behind every authenticated request: a token by its hash, with its account, in one
 * query, with its statement prepared once per pooled connection ({@link PreparedQueries}).
 */
final class TokenLookup {

  /** Columns are named, not t.*: both tables have id and created_at. */
  private static final String TOKEN_WITH_ACCOUNT =
      "SELECT t.account_id, t.client_identifier, t.token_hash, t.product, t.version, t.platform,"
          + " t.device, t.created_at, t.remember_until, t.last_used_at, a.id, a.uuid, a.username, a.email,"
          + " a.password_hash, a.totp_secret, a.totp_last_step, a.admin, a.friendly_name,"
          + " a.country, a.locale, a.created_at AS account_created_at"
          + " FROM account_tokens t JOIN accounts a ON a.id = t.account_id"
          + " WHERE t.token_hash = ?";

  private final PreparedQueries queries;

  TokenLookup(PreparedQueries queries) {
    this.queries = queries;
  }

  /** See {@link Store#findAccountTokenWithAccount}. */
  Optional<TokenWithAccount> find(String tokenHash) {
    return queries.query(
        TOKEN_WITH_ACCOUNT,
        statement -> statement.setString(1, tokenHash),
        // token_hash is unique: one row at most.
        rows ->
            rows.next()
                ? Optional.of(
                    new TokenWithAccount(
                        Rows.token(rows), Rows.account(rows, "account_created_at")))
                : Optional.empty(),
        "cannot read tokens");
  }
}
