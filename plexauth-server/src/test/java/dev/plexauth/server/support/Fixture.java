package dev.plexauth.server.support;

import dev.plexauth.sdk.models.Connection;
import dev.plexauth.server.CreatedAccount;
import dev.plexauth.server.NewAccount;
import dev.plexauth.server.PlexAuthServer;
import dev.plexauth.server.Source;
import dev.plexauth.server.auth.Totp;
import dev.plexauth.server.store.RecentLookups;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A started server with a movable clock and the usual accounts, on SQLite in a temp data directory
 * or on any {@link TestDatabase}: the one server set-up of the server's, the CLI's and the
 * conformance tests (shipped in the server's test jar).
 *
 * <pre>{@code
 * try (Fixture fx = Fixture.withAccounts(dataDir)) { ... }          // clock stands still
 * Fixture fx = Fixture.on(dataDir).clock(MutableClock.ticking()).signInRateLimit(2)
 *     .withAccounts().start();                                         // real time, a tight limit
 * }</pre>
 */
public final class Fixture implements AutoCloseable {
  public static final String ADMIN = "admin";
  public static final String ADMIN_EMAIL = "Admin@Example.com";
  public static final String ADMIN_PASSWORD = "admin pass&w=rd+1";
  public static final String USER = "alice";
  public static final String USER_EMAIL = "alice@example.com";
  public static final String USER_PASSWORD = "alice-password";
  public static final String TOTP_USER = "bob";
  public static final String TOTP_EMAIL = "bob@example.com";
  public static final String TOTP_PASSWORD = "bob-password";

  /** The registered source: its id, name, client identifier and two connections. */
  public static final String SOURCE = "server://living-room";

  public static final String SOURCE_NAME = "Living room";
  public static final String SOURCE_CLIENT_IDENTIFIER = "living-room";

  /** The source's first connection: on the local network. */
  public static final String SOURCE_LOCAL_URI = "http://192.168.1.20:32400";

  /** The source's second connection: through a relay. */
  public static final String SOURCE_RELAY_URI = "https://relay.example.com:8443";

  /** A sign-in limit no test reaches unless it means to. */
  public static final int GENEROUS_SIGN_IN_RATE_LIMIT = 10_000;

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

  /**
   * Waits out a server's reuse of token lookups ({@link RecentLookups#LIFETIME}): afterwards, a
   * change made on the database by another process (another instance, an administration opened
   * beside the server) is seen by every server.
   */
  public static void waitOutRecentLookups() {
    try {
      Thread.sleep(RecentLookups.LIFETIME.toMillis() + 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A server to be, on SQLite in {@code dataDir}. */
  public static Builder on(Path dataDir) {
    return on(TestDatabase.sqlite(dataDir));
  }

  /** A server to be, on a test database. */
  public static Builder on(TestDatabase database) {
    return new Builder(database);
  }

  /** A server with a generous sign-in limit and no accounts. */
  public static Fixture empty(Path dataDir) {
    return empty(TestDatabase.sqlite(dataDir));
  }

  /** A server with a generous sign-in limit and no accounts. */
  public static Fixture empty(TestDatabase database) {
    return on(database).start();
  }

  /** A server with an admin, a user, a 2FA user and a source. */
  public static Fixture withAccounts(Path dataDir) {
    return withAccounts(TestDatabase.sqlite(dataDir));
  }

  /** A server with an admin, a user, a 2FA user and a source. */
  public static Fixture withAccounts(TestDatabase database) {
    return on(database).withAccounts().start();
  }

  public static Fixture start(Path dataDir, MutableClock clock, int signInRateLimit) {
    return start(TestDatabase.sqlite(dataDir), clock, signInRateLimit);
  }

  public static Fixture start(TestDatabase database, MutableClock clock, int signInRateLimit) {
    return on(database).clock(clock).signInRateLimit(signInRateLimit).start();
  }

  /** How a fixture starts: its database, clock, sign-in limit and whether it has the accounts. */
  public static final class Builder {
    private final TestDatabase database;
    private MutableClock clock = new MutableClock();
    private int signInRateLimit = GENEROUS_SIGN_IN_RATE_LIMIT;
    private boolean withAccounts;
    private Consumer<PlexAuthServer.Builder> settings = builder -> {};

    private Builder(TestDatabase database) {
      this.database = Objects.requireNonNull(database, "database == null");
    }

    /** The server's clock; by default one that stands at the start time until moved. */
    public Builder clock(MutableClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Sign-ins per minute from one address; by default {@value
     * Fixture#GENEROUS_SIGN_IN_RATE_LIMIT}.
     */
    public Builder signInRateLimit(int perMinute) {
      this.signInRateLimit = perMinute;
      return this;
    }

    /**
     * More server settings, applied after the fixture's own (trusted proxies, allowed hosts, TLS,
     * …).
     */
    public Builder server(Consumer<PlexAuthServer.Builder> settings) {
      this.settings = this.settings.andThen(Objects.requireNonNull(settings, "settings == null"));
      return this;
    }

    /** Adds the admin, the user, the 2FA user and the source once started. */
    public Builder withAccounts() {
      this.withAccounts = true;
      return this;
    }

    public Fixture start() {
      PlexAuthServer.Builder builder =
          database
              .applyTo(PlexAuthServer.builder())
              .port(0)
              .clock(clock)
              .signInRateLimit(signInRateLimit)
              .createOwnerOnFirstStart(false);
      settings.accept(builder);
      PlexAuthServer server = builder.build().start();
      Fixture fixture = new Fixture(database, clock, server);
      if (withAccounts) {
        fixture.addStandardData();
      }
      return fixture;
    }
  }

  public void addStandardData() {
    admin = server.addAccount(NewAccount.of(ADMIN, ADMIN_EMAIL, ADMIN_PASSWORD).asAdmin());
    user = server.addAccount(NewAccount.of(USER, USER_EMAIL, USER_PASSWORD));
    totpUser = server.addAccount(NewAccount.of(TOTP_USER, TOTP_EMAIL, TOTP_PASSWORD).withTotp());
    server.addSource(
        new Source(
            SOURCE,
            SOURCE_NAME,
            SOURCE_CLIENT_IDENTIFIER,
            List.of(
                new Connection("http", "192.168.1.20", 32400, SOURCE_LOCAL_URI, true, false),
                new Connection(
                    "https", "relay.example.com", 8443, SOURCE_RELAY_URI, false, true))));
  }

  /** The PMS address: {@code http://127.0.0.1:PORT}. */
  public String url() {
    return server.url();
  }

  /** The plex.tv address: {@link #url()} + {@code /api/v2}. */
  public String plexTvUrl() {
    return server.url() + "/api/v2";
  }

  public String totpSecret() {
    return totpUser.totpSecret().orElseThrow();
  }

  /** The 2FA user's code at the server's current time. */
  public String totpCode() {
    return totpCode(totpSecret(), clock.instant());
  }

  /**
   * A six-digit code that is wrong for the 2FA user at the server's current time: the code of no
   * step from two before to two after it.
   */
  public String wrongTotpCode() {
    long step = Totp.step(clock.instant());
    Set<String> valid = new HashSet<>();
    for (long s = step - 2; s <= step + 2; s++) {
      valid.add(totpCode(totpSecret(), Instant.ofEpochSecond(s * Totp.STEP.getSeconds())));
    }
    for (int n = 0; ; n++) {
      String candidate = String.format(Locale.ROOT, "%06d", n);
      if (!valid.contains(candidate)) {
        return candidate;
      }
    }
  }

  /** The code an authenticator app shows for a base32 secret at a moment (RFC 6238, SHA-1). */
  public static String totpCode(String secret, Instant at) {
    return Totp.code(secret, at);
  }

  /** The account tokens the database holds for a username: one per device. */
  public int deviceTokens(String username) {
    String count =
        "SELECT count(*) FROM account_tokens t JOIN accounts a ON a.id = t.account_id"
            + " WHERE a.username = ?";
    try (java.sql.Connection db = database.connect();
        PreparedStatement statement = db.prepareStatement(count)) {
      statement.setString(1, username);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
