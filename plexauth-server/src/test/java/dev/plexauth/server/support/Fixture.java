package dev.plexauth.server.support;

import dev.plexauth.sdk.models.Connection;
import dev.plexauth.server.CreatedAccount;
import dev.plexauth.server.NewAccount;
import dev.plexauth.server.PlexAuthServer;
import dev.plexauth.server.Source;
import java.nio.file.Path;
import java.util.List;

/**
 * A started server with a movable clock and the usual accounts, on SQLite in a temp data directory
 * or on any {@link TestDatabase}.
 */
public final class Fixture implements AutoCloseable {
  public static final String ADMIN = "admin";
  public static final String ADMIN_EMAIL = "Admin@Example.com";
  public static final String ADMIN_PASSWORD = "admin pass&w=rd+1";
  public static final String USER = "alice";
  public static final String USER_EMAIL = "alice@example.com";
  public static final String USER_PASSWORD = "alice-password";
  public static final String TOTP_USER = "bob";
  public static final String TOTP_PASSWORD = "bob-password";
  public static final String SOURCE = "server://living-room";

  /** The SQLite data directory, or null on PostgreSQL. */
  public final Path dataDir;

  public final TestDatabase database;
  public final MutableClock clock;
  public final PlexAuthServer server;
  public final Http http;
  public CreatedAccount admin;
  public CreatedAccount user;
  public CreatedAccount totpUser;

  private Fixture(TestDatabase database, MutableClock clock, PlexAuthServer server) {
    this.dataDir = database.dataDir();
    this.database = database;
    this.clock = clock;
    this.server = server;
    this.http = new Http(server.url());
  }

  /** A server with a generous sign-in limit and no accounts. */
  public static Fixture empty(Path dataDir) {
    return empty(TestDatabase.sqlite(dataDir));
  }

  /** A server with a generous sign-in limit and no accounts. */
  public static Fixture empty(TestDatabase database) {
    return start(database, new MutableClock(), 10_000);
  }

  /** A server with an admin, a user, a 2FA user and a source. */
  public static Fixture withAccounts(Path dataDir) {
    return withAccounts(TestDatabase.sqlite(dataDir));
  }

  /** A server with an admin, a user, a 2FA user and a source. */
  public static Fixture withAccounts(TestDatabase database) {
    Fixture fixture = empty(database);
    fixture.addStandardData();
    return fixture;
  }

  public static Fixture start(Path dataDir, MutableClock clock, int signInRateLimit) {
    return start(TestDatabase.sqlite(dataDir), clock, signInRateLimit);
  }

  public static Fixture start(TestDatabase database, MutableClock clock, int signInRateLimit) {
    PlexAuthServer server =
        database
            .applyTo(PlexAuthServer.builder())
            .port(0)
            .clock(clock)
            .signInRateLimit(signInRateLimit)
            .createOwnerOnFirstStart(false)
            .build()
            .start();
    return new Fixture(database, clock, server);
  }

  public void addStandardData() {
    admin = server.addAccount(NewAccount.of(ADMIN, ADMIN_EMAIL, ADMIN_PASSWORD).asAdmin());
    user = server.addAccount(NewAccount.of(USER, USER_EMAIL, USER_PASSWORD));
    totpUser =
        server.addAccount(NewAccount.of(TOTP_USER, "bob@example.com", TOTP_PASSWORD).withTotp());
    server.addSource(
        new Source(
            SOURCE,
            "Living room",
            "living-room",
            List.of(
                new Connection(
                    "http", "192.168.1.20", 32400, "http://192.168.1.20:32400", true, false),
                new Connection(
                    "https",
                    "relay.example.com",
                    8443,
                    "https://relay.example.com:8443",
                    false,
                    true))));
  }

  public String totpSecret() {
    return totpUser.totpSecret().orElseThrow();
  }

  @Override
  public void close() {
    server.stop();
  }
}
