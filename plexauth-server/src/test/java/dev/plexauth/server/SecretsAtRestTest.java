package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plexauth.server.auth.Totp;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.MutableClock;
import dev.plexauth.server.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets at rest: a data directory only its owner can read, TOTP secrets sealed with AES-GCM under
 * a key kept outside the database, a wrong key refused at start, old plain-text secrets sealed
 * once.
 */
class SecretsAtRestTest {

  private static final String OTHER_KEY = "b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMzI=";

  @TempDir Path tempDir;

  @Test
  void theDataDirectoryAndEveryFileInItAreForTheOwnerOnly() throws Exception {
    Path dataDir = tempDir.resolve("fresh").resolve("data");
    try (Fixture fx = Fixture.withAccounts(dataDir)) {
      // A sign-in writes, so the write-ahead log and its shared memory exist.
      assertThat(fx.http.signIn("c", Fixture.USER, Fixture.USER_PASSWORD, null).status())
          .isEqualTo(201);

      assertThat(mode(dataDir)).isEqualTo("rwx------");
      try (Stream<Path> files = Files.list(dataDir)) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .contains("plexauth.db", "plexauth.db-wal", "plexauth.db-shm", "secret.key");
      }
      try (Stream<Path> files = Files.list(dataDir)) {
        assertThat(files)
            .allSatisfy(
                f -> assertThat(mode(f)).as(f.getFileName().toString()).isEqualTo("rw-------"));
      }
    }
  }

  @Test
  void filesLeftReadableByAnOlderVersionAreClosedAtStart() throws Exception {
    Path dataDir = tempDir.resolve("data");
    try (Fixture fx = Fixture.withAccounts(dataDir)) {
      fx.http.signIn("c", Fixture.USER, Fixture.USER_PASSWORD, null);
    }
    Files.setPosixFilePermissions(
        dataDir.resolve("plexauth.db"), PosixFilePermissions.fromString("rw-r--r--"));

    try (Fixture fx = Fixture.empty(dataDir)) {
      assertThat(mode(fx.dataDir.resolve("plexauth.db"))).isEqualTo("rw-------");
    }
  }

  @Test
  void totpSecretsAreSealedWithTheAccountIdAndAreInNoFileAsText() throws Exception {
    Path dataDir = tempDir.resolve("data");
    String secret;
    try (Fixture fx = Fixture.withAccounts(dataDir)) {
      secret = fx.totpSecret();
      assertThat(
              fx.http.signIn("c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, fx.totpCode()).status())
          .isEqualTo(201);
      assertThat(storedTotp(fx.database, Fixture.TOTP_USER))
          .startsWith("v1.")
          .doesNotContain(secret);

      // A sealed secret moved to another account does not open there: the id is bound into it.
      try (PlexAuthAdmin admin = fx.database.openAdmin()) {
        admin.addAccount(NewAccount.of("carl", "carl@example.com", "carl-Pa55word").withTotp());
      }
      setStoredTotp(fx.database, "carl", storedTotp(fx.database, Fixture.TOTP_USER));
      fx.clock.advance(Totp.STEP);
      Http.Response moved = fx.http.signIn("c", "carl", "carl-Pa55word", fx.totpCode());
      assertThat(moved.status()).isEqualTo(500);
    }
    for (Path file : files(dataDir)) {
      String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      assertThat(content).as(file.getFileName().toString()).doesNotContain(secret);
    }
  }

  @Test
  void aWrongKeyIsRefusedAtStartWithAClearMessage() throws Exception {
    Path dataDir = tempDir.resolve("data");
    try (Fixture fx = Fixture.withAccounts(dataDir)) {
      fx.http.signIn("c", Fixture.USER, Fixture.USER_PASSWORD, null);
    }
    PlexAuthServer withOtherKey =
        PlexAuthServer.builder()
            .dataDir(dataDir)
            .port(0)
            .environment(Map.of("PLEXAUTH_SECRET_KEY", OTHER_KEY))
            .build();
    assertThatThrownBy(withOtherKey::start)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not the key this database's secrets are sealed with")
        .hasMessageContaining("PLEXAUTH_SECRET_KEY")
        .hasMessageNotContaining(OTHER_KEY);
    // A lost key file is no fresh start either: a new key does not open the old secrets.
    Files.delete(dataDir.resolve("secret.key"));
    assertThatThrownBy(() -> PlexAuthAdmin.open(dataDir, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not the key this database's secrets are sealed with");
    assertThatThrownBy(
            () -> PlexAuthAdmin.open(dataDir, Map.of("PLEXAUTH_SECRET_KEY", "not base64 !")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("base64 of 32 random bytes");
  }

  @Test
  void theKeyFromTheEnvironmentIsUsedInsteadOfAKeyFile() throws Exception {
    Path dataDir = tempDir.resolve("data");
    Map<String, String> env = Map.of("PLEXAUTH_SECRET_KEY", OTHER_KEY);
    String secret;
    try (PlexAuthAdmin admin = PlexAuthAdmin.open(dataDir, env)) {
      secret =
          admin
              .addAccount(NewAccount.of("envy", "envy@example.com", "envy-Pa55word").withTotp())
              .totpSecret()
              .orElseThrow();
    }
    assertThat(dataDir.resolve("secret.key")).doesNotExist();
    try (PlexAuthServer server =
        PlexAuthServer.builder()
            .dataDir(dataDir)
            .port(0)
            .createOwnerOnFirstStart(false)
            .environment(env)
            .build()
            .start()) {
      Http http = new Http(server.url());
      assertThat(
              http.signIn("c", "envy", "envy-Pa55word", Totp.code(secret, Instant.now())).status())
          .isEqualTo(201);
    }
  }

  @Test
  void postgresqlNeedsTheKeyInTheEnvironment() {
    TestDatabase database = TestDatabase.postgres();
    for (Map<String, String> env :
        List.of(Map.<String, String>of(), Map.of("PLEXAUTH_SECRET_KEY", ""))) {
      PlexAuthServer server =
          PlexAuthServer.builder().jdbcUrl(database.jdbcUrl()).port(0).environment(env).build();
      assertThatThrownBy(server::start)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("PLEXAUTH_SECRET_KEY is required with PostgreSQL");
      assertThatThrownBy(() -> PlexAuthAdmin.open(database.jdbcUrl(), env))
          .hasMessageContaining("PLEXAUTH_SECRET_KEY is required with PostgreSQL");
    }
    try (Fixture fx = Fixture.on(database).withAccounts().start()) {
      assertThat(
              fx.http.signIn("c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, fx.totpCode()).status())
          .isEqualTo(201);
    }
    // A second instance with another key is refused before it serves anything.
    Map<String, String> other = new HashMap<>(database.environment());
    other.put("PLEXAUTH_SECRET_KEY", OTHER_KEY);
    assertThatThrownBy(() -> PlexAuthAdmin.open(database.jdbcUrl(), other))
        .hasMessageContaining("is not the key this database's secrets are sealed with");
  }

  @Test
  void plainTextSecretsAreSealedOnceAtStartOnSqlite() throws Exception {
    plainTextSecretsAreSealedOnceAtStart(TestDatabase.sqlite(tempDir.resolve("data")));
  }

  @Test
  void plainTextSecretsAreSealedOnceAtStartOnPostgresqlWithSeveralInstances() throws Exception {
    plainTextSecretsAreSealedOnceAtStart(TestDatabase.postgres());
  }

  /**
   * A database from before secrets were sealed holds them as text: several instances start on it at
   * once; each secret ends up sealed exactly once and the codes still work.
   */
  private static void plainTextSecretsAreSealedOnceAtStart(TestDatabase database) throws Exception {
    MutableClock clock = new MutableClock();
    String bob;
    String tess;
    try (Fixture fx = Fixture.on(database).clock(clock).withAccounts().start();
        PlexAuthAdmin admin = database.openAdmin()) {
      bob = fx.totpSecret();
      tess =
          admin
              .addAccount(NewAccount.of("tess", "tess@example.com", "tess-Pa55word").withTotp())
              .totpSecret()
              .orElseThrow();
    }
    // As an older version stored them: the base32 text itself.
    setStoredTotp(database, Fixture.TOTP_USER, bob);
    setStoredTotp(database, "tess", tess);

    List<CompletableFuture<PlexAuthAdmin>> opening =
        Stream.generate(() -> CompletableFuture.supplyAsync(database::openAdmin)).limit(3).toList();
    for (CompletableFuture<PlexAuthAdmin> admin : opening) {
      admin.join().close();
    }

    String sealedBob = storedTotp(database, Fixture.TOTP_USER);
    assertThat(sealedBob).startsWith("v1.").doesNotContain(bob);
    assertThat(storedTotp(database, "tess")).startsWith("v1.").doesNotContain(tess);
    try (Fixture fx = Fixture.on(database).clock(clock).start()) {
      assertThat(storedTotp(database, Fixture.TOTP_USER)).isEqualTo(sealedBob);
      assertThat(
              fx.http
                  .signIn("c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, Totp.code(bob, clock))
                  .status())
          .isEqualTo(201);
      assertThat(fx.http.signIn("c", "tess", "tess-Pa55word", Totp.code(tess, clock)).status())
          .isEqualTo(201);
    }
  }

  private static String storedTotp(TestDatabase database, String username) throws SQLException {
    try (Connection db = database.connect();
        PreparedStatement query =
            db.prepareStatement("SELECT totp_secret FROM accounts WHERE username = ?")) {
      query.setString(1, username);
      try (ResultSet rows = query.executeQuery()) {
        assertThat(rows.next()).isTrue();
        return rows.getString(1);
      }
    }
  }

  private static void setStoredTotp(TestDatabase database, String username, String value)
      throws SQLException {
    try (Connection db = database.connect();
        PreparedStatement update =
            db.prepareStatement("UPDATE accounts SET totp_secret = ? WHERE username = ?")) {
      update.setString(1, value);
      update.setString(2, username);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  private static List<Path> files(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  private static String mode(Path path) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
