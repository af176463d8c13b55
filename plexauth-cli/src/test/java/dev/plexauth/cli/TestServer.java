package dev.plexauth.cli;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import dev.plexauth.sdk.models.Connection;
import dev.plexauth.server.NewAccount;
import dev.plexauth.server.PlexAuthServer;
import dev.plexauth.server.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/** A plexauth server on a loopback port with an admin, a user and a source, for one test class. */
final class TestServer implements AutoCloseable {

  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "admin-Pa55word!";
  static final String USER = "alice";
  static final String USER_PASSWORD = "alice-Pa55word!";
  static final String SOURCE = "server://living-room";

  final Path dataDir;
  final PlexAuthServer server;

  private TestServer(Path dataDir, PlexAuthServer server) {
    this.dataDir = dataDir;
    this.server = server;
  }

  /** Starts on port 0 with the standard accounts and source. */
  static TestServer start(Path dataDir) {
    return start(dataDir, 10_000);
  }

  static TestServer start(Path dataDir, int signInsPerMinute) {
    PlexAuthServer server =
        PlexAuthServer.builder()
            .dataDir(dataDir)
            .port(0)
            .createOwnerOnFirstStart(false)
            .signInRateLimit(signInsPerMinute)
            .build()
            .start();
    server.addAccount(NewAccount.of(ADMIN, "admin@example.com", ADMIN_PASSWORD).asAdmin());
    server.addAccount(NewAccount.of(USER, "alice@example.com", USER_PASSWORD));
    server.addSource(
        new Source(
            SOURCE,
            "Living room",
            "living-room",
            List.of(
                new Connection(
                    "http", "192.168.1.20", 32400, "http://192.168.1.20:32400", true, false))));
    return new TestServer(dataDir, server);
  }

  String url() {
    return server.url();
  }

  /** The account tokens the database holds for a user (one per device). */
  int deviceTokens(String username) {
    String url = "jdbc:sqlite:" + dataDir.resolve("plexauth.db");
    try (java.sql.Connection db = DriverManager.getConnection(url);
        Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT count(*) FROM account_tokens t JOIN accounts a ON a.id = t.account_id"
                    + " WHERE a.username = '"
                    + username
                    + "'")) {
      rows.next();
      return rows.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }

  /** The current RFC 6238 code of a base32 secret (SHA-1, 6 digits, 30 s). */
  static String totp(String base32Secret) {
    try {
      TimeBasedOneTimePasswordGenerator generator =
          new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6);
      byte[] key = new Base32().decode(base32Secret.toUpperCase(Locale.ROOT));
      return generator.generateOneTimePasswordString(
          new SecretKeySpec(key, generator.getAlgorithm()), Instant.now());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A loopback port nothing listens on: opened, then closed. */
  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
