package dev.plexauth.server;

import dev.plexauth.server.auth.Authenticator;
import dev.plexauth.server.auth.PasswordHasher;
import dev.plexauth.server.auth.SignInRateLimiter;
import dev.plexauth.server.auth.SignInService;
import dev.plexauth.server.auth.SourceAccess;
import dev.plexauth.server.auth.TokenLifetime;
import dev.plexauth.server.auth.TransientTokens;
import dev.plexauth.server.http.HttpApi;
import dev.plexauth.server.store.JdbcStore;
import dev.plexauth.server.store.Store;
import io.javalin.Javalin;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Plex-compatible authentication server: the PMS routes ({@code /security/token}, {@code
 * /security/resources}) at the root and the plex.tv routes ({@code /api/v2/user}, {@code
 * /api/v2/users/signin}) under {@code /api/v2}, on one port.
 *
 * <p>Embedded in a JUnit test:
 *
 * <pre>{@code
 * try (PlexAuthServer server =
 *     PlexAuthServer.builder().dataDir(tempDir).port(0).createOwnerOnFirstStart(false).build().start()) {
 *   server.addAccount(NewAccount.of("alice", "alice@example.com", "alice-test-Pa55").asAdmin());
 *   server.addSource(new Source("server://abc", "Den", "abc", List.of()));
 *   PlexAPI plex = PlexAPI.builder()
 *       .serverURL(server.url())
 *       .plexTvURL(server.url() + "/api/v2")
 *       .clientID("my-test")
 *       .build();
 *   // ... sign in, get transient tokens, read source information
 * }
 * }</pre>
 *
 * Accounts, account tokens (as SHA-256 hashes), sources and failed sign-ins live in the database
 * (SQLite in the data directory unless a JDBC URL is given) and survive a restart; transient tokens
 * live in memory and do not.
 */
public final class PlexAuthServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PlexAuthServer.class);

  /** The port Plex Media Server uses, and this server's default. */
  public static final int DEFAULT_PORT = 32400;

  /** Sign-in attempts allowed per client address and minute, by default. */
  public static final int DEFAULT_SIGN_IN_RATE_LIMIT = 30;

  /** Transient tokens held at once, by default (see {@link Builder#maxTransientTokens}). */
  public static final int DEFAULT_MAX_TRANSIENT_TOKENS = TransientTokens.DEFAULT_MAX;

  /** The largest {@link Builder#maxTransientTokens} accepted. */
  public static final int MAX_TRANSIENT_TOKENS_LIMIT = TransientTokens.LIMIT_MAX;

  private final Builder config;
  private Store store;
  private PasswordHasher hasher;
  private TransientTokens transientTokens;
  private PlexAuthAdmin admin;
  private Javalin app;

  private PlexAuthServer(Builder config) {
    this.config = config;
  }

  /**
   * Starts a builder.
   *
   * @return a builder with the defaults: 127.0.0.1, port 32400, 30 sign-ins a minute per address,
   *     owner created on first start
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Opens the database, creates the owner on first start if configured, and starts serving.
   *
   * @return this server
   * @throws IllegalStateException when already started
   * @throws DatabaseUnavailableException when the database cannot be opened
   */
  public synchronized PlexAuthServer start() {
    if (app != null) {
      throw new IllegalStateException("already started");
    }
    Storage storage =
        Storage.open(
            config.jdbcUrl == null ? config.dataDir : null, config.jdbcUrl, config.environment);
    store = storage.store();
    try {
      hasher = new PasswordHasher();
      // The dummy hash for unknown logins is one Argon2id hash, a quarter of a second in a cold
      // JVM: compute it while the HTTP server starts. An unknown login that comes first waits.
      Thread warmUp = new Thread(hasher::warmUp, "plexauth-warm-up");
      warmUp.setDaemon(true);
      warmUp.start();
      admin = new PlexAuthAdmin(storage, false, hasher, config.clock);
      if (config.createOwnerOnFirstStart) {
        OwnerOnFirstStart.createIfNone(admin, config.environment, config.announcements);
      }
      transientTokens = new TransientTokens(config.clock, config.maxTransientTokens);
      Authenticator authenticator =
          new Authenticator(
              store,
              transientTokens,
              new TokenLifetime(config.tokenIdleTimeout, Optional.ofNullable(config.tokenMaxAge)),
              config.clock);
      app =
          HttpApi.create(
              authenticator,
              new SignInService(store, hasher, config.clock, storage.secrets()),
              new SignInRateLimiter(config.signInRateLimit, config.clock),
              new SourceAccess(store, authenticator),
              config.host,
              config.port);
      app.start();
    } catch (RuntimeException e) {
      if (app != null) {
        app.stop();
        app = null;
      }
      store.close();
      throw e;
    }
    LOG.info("plexauth listening on http://{}:{}", config.host, app.port());
    return this;
  }

  /**
   * The port the server listens on (the real one when started with port 0).
   *
   * @return the port
   */
  public synchronized int port() {
    requireStarted();
    return app.port();
  }

  /**
   * The base URL: the SDK's {@code serverURL}; append {@code /api/v2} for {@code plexTvURL}.
   *
   * @return e.g. {@code http://127.0.0.1:32400}
   */
  public String url() {
    String host = config.host.contains(":") ? "[" + config.host + "]" : config.host;
    if ("0.0.0.0".equals(host) || "[::]".equals(host)) {
      host = "127.0.0.1";
    }
    return "http://" + host + ":" + port();
  }

  /**
   * Adds an account (see {@link PlexAuthAdmin#addAccount}).
   *
   * @param account the account
   * @return the account, with its TOTP secret if two-factor sign-in is on
   */
  public CreatedAccount addAccount(NewAccount account) {
    return admin().addAccount(account);
  }

  /**
   * Lists the accounts.
   *
   * @return the accounts, by id
   */
  public List<Account> listAccounts() {
    return admin().listAccounts();
  }

  /**
   * Removes an account and signs out all its devices.
   *
   * @param login the username or email address
   * @return whether an account was removed
   */
  public boolean removeAccount(String login) {
    return admin().removeAccount(login);
  }

  /**
   * Changes an account's password and signs out all its devices (see {@link
   * PlexAuthAdmin#changePassword}).
   *
   * @param login the username or email address
   * @param newPassword the new password
   * @return whether the account exists
   */
  public boolean changePassword(String login, String newPassword) {
    return admin().changePassword(login, newPassword);
  }

  /**
   * Gives an account a new TOTP secret and signs out all its devices (see {@link
   * PlexAuthAdmin#resetTotp}).
   *
   * @param login the username or email address
   * @return the new base32 secret, or empty when there is no such account
   */
  public Optional<String> resetTotp(String login) {
    return admin().resetTotp(login);
  }

  /**
   * Turns two-factor sign-in off for an account and signs out all its devices (see {@link
   * PlexAuthAdmin#turnOffTotp}).
   *
   * @param login the username or email address
   * @return whether the account exists
   */
  public boolean turnOffTotp(String login) {
    return admin().turnOffTotp(login);
  }

  /**
   * Registers a source.
   *
   * @param source the source
   */
  public void addSource(Source source) {
    admin().addSource(source);
  }

  /**
   * Lists the sources.
   *
   * @return the sources, by id
   */
  public List<Source> listSources() {
    return admin().listSources();
  }

  /**
   * Removes a source.
   *
   * @param id the source id
   * @return whether a source was removed
   */
  public boolean removeSource(String id) {
    return admin().removeSource(id);
  }

  /**
   * How many Argon2id password verifications this server ran: exactly one per sign-in attempt that
   * reaches the credential check, for known and unknown logins alike. Package-private: the server's
   * tests prove with it that every attempt costs one hash; it is no embedding API.
   *
   * @return the count since start
   */
  synchronized long passwordVerifications() {
    requireStarted();
    return hasher.verifications();
  }

  /**
   * How many transient tokens this server holds. Package-private, like {@link
   * #passwordVerifications()}: the tests prove the bounds with it.
   *
   * @return the count (expired ones may count until the next sweep)
   */
  synchronized int transientTokens() {
    requireStarted();
    return transientTokens.size();
  }

  /** Stops serving and closes the database; transient tokens are gone. Idempotent. */
  public synchronized void stop() {
    if (app == null) {
      return;
    }
    try {
      app.stop();
    } finally {
      app = null;
      store.close();
    }
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  private synchronized PlexAuthAdmin admin() {
    requireStarted();
    return admin;
  }

  private void requireStarted() {
    if (app == null) {
      throw new IllegalStateException("the server is not running; call start()");
    }
  }

  /**
   * Configures a {@link PlexAuthServer}. A data directory or a JDBC URL is required.
   *
   * <pre>{@code
   * PlexAuthServer server = PlexAuthServer.builder()
   *     .dataDir(Path.of("/var/lib/plexauth"))
   *     .host("0.0.0.0")
   *     .build()
   *     .start();
   * }</pre>
   */
  public static final class Builder {
    private Path dataDir;
    private String jdbcUrl;
    private String host = "127.0.0.1";
    private int port = DEFAULT_PORT;
    private Clock clock = Clock.systemUTC();
    private int signInRateLimit = DEFAULT_SIGN_IN_RATE_LIMIT;
    private Duration tokenIdleTimeout = TokenLifetime.DEFAULT_IDLE_TIMEOUT;
    private Duration tokenMaxAge;
    private int maxTransientTokens = TransientTokens.DEFAULT_MAX;
    private boolean createOwnerOnFirstStart = true;
    private Map<String, String> environment = System.getenv();
    private PrintStream announcements = System.out;

    private Builder() {}

    /**
     * The data directory; the SQLite database {@code plexauth.db} lives there unless {@link
     * #jdbcUrl} is set.
     *
     * @param dataDir the directory, created if missing
     * @return this builder
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir == null");
      return this;
    }

    /**
     * A database other than the SQLite file in the data directory. Several servers on one
     * PostgreSQL database share accounts, account tokens, lockout counts and sources:
     *
     * <pre>{@code
     * // the password comes from PLEXAUTH_DB_PASSWORD (or PGPASSWORD) in environment(...)
     * builder.jdbcUrl("jdbc:postgresql://db.internal:5432/plexauth?user=plexauth")
     * }</pre>
     *
     * @param jdbcUrl {@code jdbc:sqlite:…} or {@code jdbc:postgresql://HOST:PORT/DB?user=…}
     * @return this builder
     */
    public Builder jdbcUrl(String jdbcUrl) {
      this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl == null");
      return this;
    }

    /**
     * The address to bind; 127.0.0.1 by default, so nothing is exposed unless asked.
     *
     * @param host an IP address or host name
     * @return this builder
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host == null");
      return this;
    }

    /**
     * The port; 32400 by default, 0 for any free port (read it back with {@link #port()}).
     *
     * @param port 0 to 65535
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0 to 65535: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The clock for token expiry, lockout, TOTP and rate limits (tests pass a movable one).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Sign-in attempts allowed per client address and minute.
     *
     * @param perMinute at least 1; 30 by default
     * @return this builder
     */
    public Builder signInRateLimit(int perMinute) {
      if (perMinute < 1) {
        throw new IllegalArgumentException("signInRateLimit must be at least 1: " + perMinute);
      }
      this.signInRateLimit = perMinute;
      return this;
    }

    /**
     * How long an account token keeps working unused; 90 days by default. A use is recorded at most
     * once an hour per token, so a token used daily never ends this way.
     *
     * <pre>{@code
     * builder.tokenIdleTimeout(Duration.ofDays(30))
     * }</pre>
     *
     * @param idle a positive duration
     * @return this builder
     */
    public Builder tokenIdleTimeout(Duration idle) {
      Objects.requireNonNull(idle, "idle == null");
      if (idle.isNegative() || idle.isZero()) {
        throw new IllegalArgumentException("tokenIdleTimeout must be positive: " + idle);
      }
      this.tokenIdleTimeout = idle;
      return this;
    }

    /**
     * How long an account token works at most after sign-in, however much it is used; unlimited by
     * default (the idle timeout still applies).
     *
     * @param maxAge a positive duration
     * @return this builder
     */
    public Builder tokenMaxAge(Duration maxAge) {
      Objects.requireNonNull(maxAge, "maxAge == null");
      if (maxAge.isNegative() || maxAge.isZero()) {
        throw new IllegalArgumentException("tokenMaxAge must be positive: " + maxAge);
      }
      this.tokenMaxAge = maxAge;
      return this;
    }

    /**
     * The most transient tokens held at once, over all account tokens; minting one more drops the
     * oldest. 1,000,000 by default (about 120 MB of heap when all are live). Each account token has
     * at most {@value TransientTokens#MAX_PER_ROOT} live descendants besides, its oldest dropped
     * first.
     *
     * <pre>{@code
     * builder.maxTransientTokens(100_000)
     * }</pre>
     *
     * @param max 1 to 100,000,000
     * @return this builder
     */
    public Builder maxTransientTokens(int max) {
      this.maxTransientTokens = TransientTokens.checkMax(max);
      return this;
    }

    /**
     * Whether the first start with no account creates an admin (owner) account from {@code
     * PLEXAUTH_ADMIN_LOGIN}, {@code PLEXAUTH_ADMIN_EMAIL} and {@code PLEXAUTH_ADMIN_PASSWORD}, or
     * with a generated password printed once. True by default.
     *
     * @param create whether to create the owner
     * @return this builder
     */
    public Builder createOwnerOnFirstStart(boolean create) {
      this.createOwnerOnFirstStart = create;
      return this;
    }

    /**
     * Where the {@code PLEXAUTH_ADMIN_*} values and the database settings ({@value
     * JdbcStore#PASSWORD_VARIABLE} or {@value JdbcStore#PGPASSWORD_VARIABLE}, {@value
     * JdbcStore#POOL_SIZE_VARIABLE}) come from; {@link System#getenv()} by default.
     *
     * @param environment the variables
     * @return this builder
     */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment == null"));
      return this;
    }

    /**
     * Where a generated owner password is printed (once); standard output by default. It never goes
     * to the log.
     *
     * @param out the stream
     * @return this builder
     */
    public Builder announceTo(PrintStream out) {
      this.announcements = Objects.requireNonNull(out, "out == null");
      return this;
    }

    /**
     * Builds the server (not started).
     *
     * @return the server
     * @throws IllegalStateException when neither a data directory nor a JDBC URL is set
     */
    public PlexAuthServer build() {
      if (dataDir == null && jdbcUrl == null) {
        throw new IllegalStateException("dataDir or jdbcUrl is required");
      }
      Builder copy = new Builder();
      copy.dataDir = dataDir;
      copy.jdbcUrl = jdbcUrl;
      copy.host = host;
      copy.port = port;
      copy.clock = clock;
      copy.signInRateLimit = signInRateLimit;
      copy.tokenIdleTimeout = tokenIdleTimeout;
      copy.tokenMaxAge = tokenMaxAge;
      copy.maxTransientTokens = maxTransientTokens;
      copy.createOwnerOnFirstStart = createOwnerOnFirstStart;
      copy.environment = environment;
      copy.announcements = announcements;
      return new PlexAuthServer(copy);
    }
  }
}
