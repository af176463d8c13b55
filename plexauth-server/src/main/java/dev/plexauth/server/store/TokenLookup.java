package dev.plexauth.server.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lookup behind every authenticated request: a token by its hash, with its account, in one
 * query, in plain JDBC with the statement prepared once per physical connection of the pool.
 * Preparing it was two thirds of the lookup on SQLite (bench TokenLookupBenchmark: 31 µs prepared
 * each time, through Jdbi or not, against 10 µs prepared once), and neither the pool, Jdbi nor the
 * driver keeps statements. A pooled connection serves one thread at a time, and so does its
 * statement.
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

  private static final Logger LOG = LoggerFactory.getLogger(TokenLookup.class);

  private final HikariDataSource dataSource;

  /** The statement of each physical connection. Guarded by itself. */
  private final Map<Connection, PreparedStatement> statements = new HashMap<>();

  TokenLookup(HikariDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** See {@link Store#findAccountTokenWithAccount}. */
  Optional<TokenWithAccount> find(String tokenHash) {
    Connection pooled;
    try {
      pooled = dataSource.getConnection();
    } catch (SQLException e) {
      throw new StoreException("cannot read tokens", e);
    }
    Connection physical = null;
    try {
      physical = pooled.unwrap(Connection.class);
      PreparedStatement statement = statement(physical);
      statement.setString(1, tokenHash);
      try (ResultSet rs = statement.executeQuery()) {
        // token_hash is unique: one row at most.
        return rs.next()
            ? Optional.of(
                new TokenWithAccount(Rows.token(rs), Rows.account(rs, "account_created_at")))
            : Optional.empty();
      }
    } catch (SQLException e) {
      forget(physical);
      // The pool sees only what runs through its own proxies: tell it when this connection broke.
      if (isConnectionFailure(e) || (physical != null && isClosed(physical))) {
        dataSource.evictConnection(pooled);
      }
      throw new StoreException("cannot read tokens", e);
    } finally {
      try {
        pooled.close();
      } catch (SQLException e) {
        LOG.debug("cannot return a connection to the pool", e);
      }
    }
  }

  /** Forgets the statements; they close with their connections when the pool closes. */
  void clear() {
    synchronized (statements) {
      statements.clear();
    }
  }

  /**
   * The statement on a physical connection of the pool, prepared on first use. Entries of
   * connections the pool has since closed are dropped whenever one is added.
   */
  private PreparedStatement statement(Connection physical) throws SQLException {
    synchronized (statements) {
      PreparedStatement statement = statements.get(physical);
      if (statement == null || statement.isClosed()) {
        statements.keySet().removeIf(TokenLookup::isClosed);
        statement = physical.prepareStatement(TOKEN_WITH_ACCOUNT);
        statements.put(physical, statement);
      }
      return statement;
    }
  }

  private void forget(Connection physical) {
    if (physical == null) {
      return;
    }
    PreparedStatement statement;
    synchronized (statements) {
      statement = statements.remove(physical);
    }
    if (statement != null) {
      try {
        statement.close();
      } catch (SQLException e) {
        LOG.debug("cannot close a statement", e);
      }
    }
  }

  /** A failure of the connection itself, as HikariCP judges it for the statements it proxies. */
  private static boolean isConnectionFailure(SQLException e) {
    String state = e.getSQLState();
    return e instanceof SQLRecoverableException
        || e instanceof SQLNonTransientConnectionException
        || e instanceof SQLTimeoutException
        || (state != null && (state.startsWith("08") || state.startsWith("57P0")));
  }

  private static boolean isClosed(Connection connection) {
    try {
      return connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }
}
