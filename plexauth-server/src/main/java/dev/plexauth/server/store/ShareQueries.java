package dev.plexauth.server.store;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The {@link Store}'s queries on shared sources ({@code source_shares}) and on the resource access
 * tokens derived from account tokens ({@code resource_tokens}).
 *
 * <p>A resource token is good only while three things hold, all checked by the one query that finds
 * it: its parent account token is current, its account is the parent's, and the resource is still
 * there for the account (this server; or a source that exists and that the account is an admin of
 * or has shared with it). So sign-out, device removal, a new sign-in from the same client, removing
 * the source or unsharing it end the token on every instance (within the store's one-second bound).
 */
final class ShareQueries {

  private static final String RESOURCE_TOKEN =
      "SELECT r.resource, t.account_id, t.client_identifier, t.token_hash, t.product, t.version,"
          + " t.platform, t.device, t.created_at, t.remember_until, t.last_used_at, a.id, a.uuid,"
          + " a.username,"
          + " a.email, a.password_hash, a.totp_secret, a.totp_last_step, a.admin, a.friendly_name,"
          + " a.country, a.locale, a.created_at AS account_created_at"
          + " FROM resource_tokens r"
          + " JOIN account_tokens t ON t.token_hash = r.parent_token_hash"
          + " AND t.account_id = r.account_id"
          + " JOIN accounts a ON a.id = t.account_id"
          + " WHERE r.token_hash = :hash AND (r.resource = :self OR EXISTS (SELECT 1 FROM sources s"
          + " WHERE s.id = r.resource AND (a.admin OR EXISTS (SELECT 1 FROM source_shares sh"
          + " WHERE sh.source_id = s.id AND sh.account_id = a.id))))";

  /**
   * The resource tokens stored for an account token, prepared once per pooled connection: a client
   * listing its resources again finds them all and writes nothing.
   */
  private static final String STORED_RESOURCE_TOKENS =
      "SELECT resource, token_hash FROM resource_tokens"
          + " WHERE parent_token_hash = ? AND account_id = ?";

  private final Jdbi jdbi;
  private final PreparedQueries prepared;

  ShareQueries(Jdbi jdbi, PreparedQueries prepared) {
    this.jdbi = jdbi;
    this.prepared = prepared;
  }

  /** See {@link Store#shareSource}. */
  boolean share(String sourceId, long accountId, long nowMillis) {
    try {
      return jdbi.withHandle(
              handle ->
                  handle
                      .createUpdate(
                          "INSERT INTO source_shares (source_id, account_id, created_at)"
                              + " VALUES (:source, :account, :now)"
                              + " ON CONFLICT (source_id, account_id) DO NOTHING")
                      .bind("source", sourceId)
                      .bind("account", accountId)
                      .bind("now", nowMillis)
                      .execute())
          > 0;
    } catch (JdbiException e) {
      throw SqlErrors.translate("cannot share the source", e);
    }
  }

  /** See {@link Store#unshareSource}. */
  boolean unshare(String sourceId, long accountId) {
    return SqlErrors.call(
        jdbi,
        "cannot unshare the source",
        handle ->
            handle.inTransaction(
                tx -> {
                  tx.createUpdate(
                          "DELETE FROM resource_tokens"
                              + " WHERE resource = :source AND account_id = :account")
                      .bind("source", sourceId)
                      .bind("account", accountId)
                      .execute();
                  return tx.createUpdate(
                              "DELETE FROM source_shares"
                                  + " WHERE source_id = :source AND account_id = :account")
                          .bind("source", sourceId)
                          .bind("account", accountId)
                          .execute()
                      > 0;
                }));
  }

  /** See {@link Store#listShares}. */
  List<String> sharedWith(String sourceId) {
    return SqlErrors.call(
        jdbi,
        "cannot read shares",
        handle ->
            handle
                .createQuery(
                    "SELECT a.username FROM source_shares sh JOIN accounts a"
                        + " ON a.id = sh.account_id WHERE sh.source_id = :source ORDER BY a.id")
                .bind("source", sourceId)
                .mapTo(String.class)
                .list());
  }

  /** See {@link Store#saveResourceTokens}. */
  void saveResourceTokens(
      long accountId, String parentTokenHash, Map<String, String> byResource, long nowMillis) {
    Map<String, String> stored =
        prepared.query(
            STORED_RESOURCE_TOKENS,
            statement -> {
              statement.setString(1, parentTokenHash);
              statement.setLong(2, accountId);
            },
            rows -> {
              Map<String, String> found = new HashMap<>();
              while (rows.next()) {
                found.put(rows.getString(1), rows.getString(2));
              }
              return found;
            },
            "cannot read the resource tokens");
    Map<String, String> missing = new LinkedHashMap<>(byResource);
    missing.entrySet().removeIf(token -> token.getValue().equals(stored.get(token.getKey())));
    if (missing.isEmpty()) {
      // The usual case, a client listing its resources again: no write, so no write lock.
      return;
    }
    SqlErrors.call(
        jdbi,
        "cannot store the resource tokens",
        handle ->
            handle.inTransaction(
                tx -> {
                  // Tokens of this account's ended or replaced account tokens are dead already
                  // (the lookup joins the parent); drop them so the table stays small.
                  tx.createUpdate(
                          "DELETE FROM resource_tokens WHERE account_id = :account"
                              + " AND parent_token_hash NOT IN (SELECT token_hash"
                              + " FROM account_tokens WHERE account_id = :account)")
                      .bind("account", accountId)
                      .execute();
                  var batch =
                      tx.prepareBatch(
                          "INSERT INTO resource_tokens (token_hash, parent_token_hash, account_id,"
                              + " resource, created_at) VALUES (:hash, :parent, :account,"
                              + " :resource, :now) ON CONFLICT DO NOTHING");
                  missing.forEach(
                      (resource, hash) ->
                          batch
                              .bind("hash", hash)
                              .bind("parent", parentTokenHash)
                              .bind("account", accountId)
                              .bind("resource", resource)
                              .bind("now", nowMillis)
                              .add());
                  batch.execute();
                  return null;
                }));
  }

  /** See {@link Store#findResourceToken}. */
  Optional<ResourceTokenWithAccount> findResourceToken(String tokenHash) {
    return SqlErrors.call(
        jdbi,
        "cannot read tokens",
        handle ->
            handle
                .createQuery(RESOURCE_TOKEN)
                .bind("hash", tokenHash)
                .bind("self", Store.THIS_SERVER)
                .map(
                    (rs, ctx) ->
                        new ResourceTokenWithAccount(
                            rs.getString("resource"),
                            Rows.token(rs),
                            Rows.account(rs, "account_created_at")))
                .findOne());
  }
}
