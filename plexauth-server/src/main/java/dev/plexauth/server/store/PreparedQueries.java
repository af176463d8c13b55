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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queries of the request path in plain JDBC, each statement prepared once per physical
 * connection of the pool. Preparing was two thirds of a token lookup on SQLite (bench
 * TokenLookupBenchmark: 31 µs prepared each time, through Jdbi or not, against 10 µs prepared
 * once), and neither the pool, Jdbi nor the driver keeps statements. A pooled connection serves one
 * thread at a time, and so do its statements.
 */
final class PreparedQueries {

  /** Sets a statement's parameters. */
  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /** Reads a result. */
  interface Reader<T> {
    T read(ResultSet rows) throws SQLException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(PreparedQueries.class);

  private final HikariDataSource dataSource;

  /** The statements of each physical connection, by SQL. Guarded by itself. */
  private final Map<Connection, Map<String, PreparedStatement>> statements = new HashMap<>();

  PreparedQueries(HikariDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Runs a query on a pooled connection with its statement prepared once.
   *
   * @param sql the query, a constant
   * @param binder sets its parameters
   * @param reader reads its rows
   * @param failure the {@link StoreException}'s message when it fails
   * @return what the reader made
   */
  <T> T query(String sql, Binder binder, Reader<T> reader, String failure) {
    Connection pooled;
    try {
      pooled = dataSource.getConnection();
    } catch (SQLException e) {
      throw new StoreException(failure, e);
    }
    Connection physical = null;
    try {
      physical = pooled.unwrap(Connection.class);
      PreparedStatement statement = statement(physical, sql);
      binder.bind(statement);
      try (ResultSet rows = statement.executeQuery()) {
        return reader.read(rows);
      }
    } catch (SQLException e) {
      forget(physical);
      // The pool sees only what runs through its own proxies: tell it when this connection broke.
      if (isConnectionFailure(e) || (physical != null && isClosed(physical))) {
        dataSource.evictConnection(pooled);
      }
      throw new StoreException(failure, e);
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
   * connections the pool has since closed are dropped whenever a connection is added.
   */
  private PreparedStatement statement(Connection physical, String sql) throws SQLException {
    synchronized (statements) {
      Map<String, PreparedStatement> ofConnection = statements.get(physical);
      if (ofConnection == null) {
        statements.keySet().removeIf(PreparedQueries::isClosed);
        ofConnection = new HashMap<>();
        statements.put(physical, ofConnection);
      }
      PreparedStatement statement = ofConnection.get(sql);
      if (statement == null || statement.isClosed()) {
        statement = physical.prepareStatement(sql);
        ofConnection.put(sql, statement);
      }
      return statement;
    }
  }

  /** Closes and forgets every statement of a connection after a failure on it. */
  private void forget(Connection physical) {
    if (physical == null) {
      return;
    }
    Map<String, PreparedStatement> ofConnection;
    synchronized (statements) {
      ofConnection = statements.remove(physical);
    }
    if (ofConnection != null) {
      for (PreparedStatement statement : ofConnection.values()) {
        try {
          statement.close();
        } catch (SQLException e) {
          LOG.debug("cannot close a statement", e);
        }
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
