package dev.plexauth.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the connection pool on a JDBC URL, set up for its dialect, and brings the schema up to date
 * with Flyway: everything {@link JdbcStore} needs before its first query.
 */
final class Database {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  /**
   * The version of the newest migration in {@code db/migration/sqlite} and {@code
   * db/migration/postgresql} (the two are kept in step; a test checks both against this).
   */
  static final int SCHEMA_VERSION = 7;

  private Database() {}

  /**
   * Opens and migrates the database.
   *
   * @param jdbcUrl a {@code jdbc:sqlite:} or {@code jdbc:postgresql:} URL
   * @param environment the PostgreSQL settings (see {@link JdbcStore#open(String, Map)})
   * @return the pool, ready for queries
   * @throws StoreException when the database cannot be opened or migrated
   * @throws IllegalArgumentException when the URL or a setting is invalid
   */
  static HikariDataSource open(String jdbcUrl, Map<String, String> environment) {
    Dialect dialect = Dialect.of(jdbcUrl);
    Objects.requireNonNull(environment, "environment == null");
    String shown = JdbcUrls.redact(jdbcUrl);
    HikariConfig config = new HikariConfig();
    config.setPoolName("plexauth");
    if (dialect == Dialect.SQLITE) {
      configureSqlite(config, jdbcUrl);
    } else {
      PostgresSettings.configure(config, jdbcUrl, environment);
    }
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("cannot open the database " + shown + ": " + rootMessage(e), e);
    }
    try {
      if (!schemaIsCurrent(dataSource)) {
        Flyway.configure().dataSource(dataSource).locations(dialect.migrations()).load().migrate();
      }
    } catch (RuntimeException e) {
      dataSource.close();
      throw new StoreException("cannot migrate the database " + shown, e);
    }
    LOG.info("database {} (pool of {})", shown, config.getMaximumPoolSize());
    return dataSource;
  }

  /**
   * Whether Flyway's history says every migration up to {@link #SCHEMA_VERSION} was applied and
   * none failed. Then a start skips Flyway, whose set-up and checks were a seventh of a start's
   * time (it reads every migration it bundles to compare checksums); any other answer, a missing
   * history among them, runs Flyway as before. A migration edited after it was applied is therefore
   * caught only by the next start that has a migration to apply.
   */
  static boolean schemaIsCurrent(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT version, success FROM flyway_schema_history")) {
      int highest = 0;
      while (rows.next()) {
        String version = rows.getString(1);
        if (!rows.getBoolean(2) || version == null || !version.matches("[0-9]{1,9}")) {
          return false;
        }
        highest = Math.max(highest, Integer.parseInt(version));
      }
      return highest == SCHEMA_VERSION;
    } catch (SQLException e) {
      return false;
    }
  }

  private static void configureSqlite(HikariConfig config, String jdbcUrl) {
    config.setJdbcUrl(jdbcUrl);
    config.setConnectionTimeout(10_000);
    // WAL lets readers run beside the one writer; FULL makes an acknowledged write survive a
    // power cut; IMMEDIATE takes the write lock at BEGIN, so two processes never deadlock on a
    // lock upgrade; the busy timeout makes a writer wait for another process instead of failing;
    // foreign keys make deletes cascade to tokens and connections.
    Properties pragmas = new Properties();
    pragmas.setProperty("journal_mode", "WAL");
    pragmas.setProperty("synchronous", "FULL");
    pragmas.setProperty("busy_timeout", "10000");
    pragmas.setProperty("foreign_keys", "true");
    pragmas.setProperty("transaction_mode", "IMMEDIATE");
    config.setDataSourceProperties(pragmas);
    config.setMaximumPoolSize(4);
  }

  /** The innermost cause's message: the pool's own message hides why it could not connect. */
  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }
}
