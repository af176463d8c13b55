package dev.plexauth.server.support;

import dev.plexauth.server.PlexAuthAdmin;
import dev.plexauth.server.PlexAuthServer;
import dev.plexauth.server.store.JdbcStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;

/**
 * Where a test server keeps its data: SQLite in a temporary data directory, or a fresh database on
 * the {@link SharedPostgres} server. Test classes that run on both databases choose one with an
 * overridable {@code database(Path)} method.
 *
 * @param kind which database
 * @param jdbcUrl its URL
 * @param dataDir the data directory (SQLite), or null
 */
public record TestDatabase(Kind kind, String jdbcUrl, Path dataDir) {

  /** The databases plexauth supports. */
  public enum Kind {
    SQLITE,
    POSTGRESQL
  }

  public TestDatabase {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl == null");
  }

  /** SQLite in {@code dataDir/plexauth.db}, as a server started with {@code dataDir(…)} uses. */
  public static TestDatabase sqlite(Path dataDir) {
    return new TestDatabase(Kind.SQLITE, JdbcStore.sqliteUrl(dataDir), dataDir);
  }

  /** A new, empty database on the JVM's shared embedded PostgreSQL. */
  public static TestDatabase postgres() {
    return new TestDatabase(Kind.POSTGRESQL, SharedPostgres.newDatabase(), null);
  }

  /**
   * The secret key every instance on a test PostgreSQL database shares ({@code
   * PLEXAUTH_SECRET_KEY}, base64 of 32 bytes); on SQLite the data directory's key file is used.
   */
  public static final String POSTGRES_SECRET_KEY = "cGxleGF1dGgtdGVzdC1zZWNyZXQta2V5LTMyLWJ5dGU=";

  /** The variables a server or an administration on this database needs. */
  public Map<String, String> environment() {
    return kind == Kind.POSTGRESQL ? Map.of("PLEXAUTH_SECRET_KEY", POSTGRES_SECRET_KEY) : Map.of();
  }

  /** Points a server builder at this database (the data directory for SQLite). */
  public PlexAuthServer.Builder applyTo(PlexAuthServer.Builder builder) {
    builder.environment(environment());
    return dataDir != null ? builder.dataDir(dataDir) : builder.jdbcUrl(jdbcUrl);
  }

  /** The administration of this database, as another process (the CLI) would open it. */
  public PlexAuthAdmin openAdmin() {
    return dataDir != null
        ? PlexAuthAdmin.open(dataDir, environment())
        : PlexAuthAdmin.open(jdbcUrl, environment());
  }

  /** A plain JDBC connection, to look at rows behind the server's back. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl);
  }

  /**
   * A plain JDBC connection that holds, until it is closed, the lock a write to a table waits for,
   * while plain reads go on: SQLite's one write lock, or PostgreSQL's {@code EXCLUSIVE} lock on the
   * table. What answers while it is held wrote nothing to that table.
   *
   * <pre>{@code
   * try (Connection blocking = database.blockWrites("resource_tokens")) {
   *   // reads only
   * }
   * }</pre>
   *
   * @param table the table
   * @return the connection holding the lock
   */
  public Connection blockWrites(String table) throws SQLException {
    Connection connection = connect();
    try (Statement statement = connection.createStatement()) {
      if (kind == Kind.SQLITE) {
        statement.execute("BEGIN IMMEDIATE");
      } else {
        connection.setAutoCommit(false);
        statement.execute("LOCK TABLE " + table + " IN EXCLUSIVE MODE");
      }
      return connection;
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }
}
