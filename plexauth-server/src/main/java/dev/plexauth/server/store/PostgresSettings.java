package dev.plexauth.server.store;

import com.zaxxer.hikari.HikariConfig;
import java.util.Map;

/**
 * How the pool talks to PostgreSQL: the password from the environment (never from a URL that a
 * library may log), the pool size, and timeouts that make a database that is gone fail requests
 * quickly instead of hanging them. The variables and values are documented on {@link JdbcStore}.
 */
final class PostgresSettings {

  private PostgresSettings() {}

  static void configure(HikariConfig config, String jdbcUrl, Map<String, String> environment) {
    // Secrets go to the driver as properties, not in the URL that the pool and Flyway may log.
    JdbcUrls.Split split = JdbcUrls.splitSecrets(jdbcUrl);
    config.setJdbcUrl(split.url());
    split.secrets().forEach(config::addDataSourceProperty);
    if (!split.secrets().containsKey("password")) {
      String password = nonEmpty(environment.get(JdbcStore.PASSWORD_VARIABLE));
      if (password == null) {
        password = nonEmpty(environment.get(JdbcStore.PGPASSWORD_VARIABLE));
      }
      if (password != null) {
        config.setPassword(password);
      }
    }
    int poolSize = poolSize(environment.get(JdbcStore.POOL_SIZE_VARIABLE));
    config.setMaximumPoolSize(poolSize);
    // Idle instances (and one-shot admin commands) hold few connections; the pool grows on demand.
    config.setMinimumIdle(Math.min(2, poolSize));
    // A request that cannot get a connection gives up after this and answers 503.
    config.setConnectionTimeout(JdbcStore.CONNECTION_TIMEOUT_MILLIS);
    config.setValidationTimeout(1_000);
    // Finds connections that died while idle (a restarted or failed-over server) before a request
    // does.
    config.setKeepaliveTime(60_000);
    // Defaults for the driver; the same parameters in the URL win. connectTimeout bounds a new
    // connection to an unreachable host, socketTimeout a query on a connection whose server went
    // silent.
    config.addDataSourceProperty(
        "connectTimeout", Integer.toString(JdbcStore.CONNECT_TIMEOUT_SECONDS));
    config.addDataSourceProperty(
        "socketTimeout", Integer.toString(JdbcStore.SOCKET_TIMEOUT_SECONDS));
    config.addDataSourceProperty("tcpKeepAlive", "true");
    config.addDataSourceProperty("ApplicationName", "plexauth");
  }

  private static int poolSize(String value) {
    if (value == null || value.isBlank()) {
      return JdbcStore.DEFAULT_POOL_SIZE;
    }
    try {
      int size = Integer.parseInt(value.strip());
      if (size >= 1 && size <= JdbcStore.MAX_POOL_SIZE) {
        return size;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        JdbcStore.POOL_SIZE_VARIABLE
            + " must be a whole number from 1 to "
            + JdbcStore.MAX_POOL_SIZE
            + ": "
            + value);
  }

  private static String nonEmpty(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
