package dev.plexauth.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the connection pool on a JDBC URL, set up for its dialect, and brings the schema up to date
 * with Flyway: everything {@link JdbcStore} needs before its first query.
 */
final class Database {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

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
      Flyway.configure().dataSource(dataSource).locations(dialect.migrations()).load().migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw new StoreException("cannot migrate the database " + shown, e);
    }
    LOG.info("database {} (pool of {})", shown, config.getMaximumPoolSize());
    return dataSource;
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
