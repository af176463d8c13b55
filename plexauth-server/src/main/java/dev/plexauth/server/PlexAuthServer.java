package dev.plexauth.server;

import dev.plexauth.server.auth.Authenticator;
import dev.plexauth.server.auth.DeviceKeyService;
import dev.plexauth.server.auth.DeviceService;
import dev.plexauth.server.auth.PasswordHasher;
import dev.plexauth.server.auth.PinService;
import dev.plexauth.server.auth.ResourceService;
import dev.plexauth.server.auth.ServerInfo;
import dev.plexauth.server.auth.SignInQueue;
import dev.plexauth.server.auth.SignInRateLimiter;
import dev.plexauth.server.auth.SignInService;
import dev.plexauth.server.auth.SigningKeys;
import dev.plexauth.server.auth.SourceAccess;
import dev.plexauth.server.auth.StoreUnavailable;
import dev.plexauth.server.auth.TokenLifetime;
import dev.plexauth.server.auth.TransientTokens;
import dev.plexauth.server.http.Edge;
import dev.plexauth.server.http.HostAndOrigin;
import dev.plexauth.server.http.HttpApi;
import dev.plexauth.server.http.TlsIdentity;
import dev.plexauth.server.http.TrustedProxies;
import dev.plexauth.server.store.JdbcStore;
import dev.plexauth.server.store.Store;
import io.javalin.Javalin;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Plex-compatible authentication server: the PMS routes ({@code /}, {@code /identity}, {@code
 * /security/token}, {@code /security/resources}) at the root and the plex.tv routes ({@code
 * /api/v2/user}, {@code /api/v2/users/signin}, {@code /api/v2/resources}, {@code /api/v2/devices},
 * and PIN sign-in: {@code /api/v2/pins}) under {@code /api/v2}, on one port, with the older sign-in
 * at {@code /users/sign_in.json} and the approval pages of PIN sign-in at {@code /auth} and {@code
 * /link}.
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
 * Accounts, account tokens (as SHA-256 hashes), sources and their shares, failed sign-ins, pins and
 * the server's identity live in the database (SQLite in the data directory unless a JDBC URL is
 * given) and survive a restart; transient tokens live in memory and do not.
 */
public final class PlexAuthServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PlexAuthServer.class);

  /** The port Plex Media Server uses, and this server's default. */
  public static final int DEFAULT_PORT = 32400;

  /** Sign-in attempts allowed per client address and minute, by default. */
  public static final int DEFAULT_SIGN_IN_RATE_LIMIT = 30;

  /** Nonces ({@code GET /api/v2/auth/nonce}) allowed per client identifier and minute. */
  public static final int NONCE_RATE_LIMIT = 10;

  /** Transient tokens held at once, by default (see {@link Builder#maxTransientTokens}). */
  public static final int DEFAULT_MAX_TRANSIENT_TOKENS = TransientTokens.DEFAULT_MAX;

  /** The largest {@link Builder#maxTransientTokens} accepted. */
  public static final int MAX_TRANSIENT_TOKENS_LIMIT = TransientTokens.LIMIT_MAX;

  /**
   * HTTP request threads at most, by default: 8 per core, at least 32. A request holds its thread
   * only while it runs (sign-ins wait in their own queue, idle keep-alive connections hold none),
   * so a CPU-bound server needs few; more threads cost memory and context switches.
   */
  public static final int DEFAULT_HTTP_THREADS =
      Math.max(32, 8 * Runtime.getRuntime().availableProcessors());

  /** The largest {@link Builder#httpThreads} accepted. */
  public static final int MAX_HTTP_THREADS = 10_000;

  private final Builder config;
  private Store store;
  private PasswordHasher hasher;
  private SignInQueue signIns;
  private TransientTokens transientTokens;
  private PlexAuthAdmin admin;
  private ServerInfo serverInfo;
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
    Preload.begin(usesSqlite(config.jdbcUrl));
    // The certificate and key are checked before anything is created: a bad file fails fast.
    Optional<TlsIdentity> tls =
        config.tlsCertificate == null
            ? Optional.empty()
            : Optional.of(TlsIdentity.load(config.tlsCertificate, config.tlsKey));
    Storage storage =
        Storage.open(
            config.jdbcUrl == null ? config.dataDir : null, config.jdbcUrl, config.environment);
    store = storage.store();
    try {
      hasher = new PasswordHasher();
      admin = new PlexAuthAdmin(storage, false, hasher, config.clock);
      if (config.createOwnerOnFirstStart) {
        OwnerOnFirstStart.createIfNone(admin, config.environment, config.announcements);
      }
      SigningKeys signingKeys = admin.signingKeys();
      signingKeys.ensureOne();
      TokenLifetime lifetime =
          new TokenLifetime(config.tokenIdleTimeout, Optional.ofNullable(config.tokenMaxAge));
      transientTokens = new TransientTokens(config.clock, config.maxTransientTokens);
      Authenticator authenticator =
          new Authenticator(store, transientTokens, lifetime, config.clock, signingKeys);
      DeviceKeyService deviceKeys =
          new DeviceKeyService(store, signingKeys, lifetime, config.clock);
      String name = config.name != null ? config.name : hostName();
      try {
        serverInfo = ServerInfo.load(store, name, config.clock);
      } catch (StoreUnavailable e) {
        throw new DatabaseUnavailableException(e.getMessage(), e);
      }
      SignInService signIn = new SignInService(store, hasher, config.clock, storage.secrets());
      signIns = new SignInQueue(signIn, PasswordHasher.permits());
      app =
          HttpApi.create(
              new HttpApi.Services(
                  authenticator,
                  signIns,
                  new SignInRateLimiter(config.signInRateLimit, config.clock),
                  new SourceAccess(store, authenticator),
                  serverInfo,
                  new ResourceService(
                      store, serverInfo, Optional.ofNullable(config.publicUrl), config.clock),
                  new DeviceService(store, config.clock),
                  new PinService(store, config.clock, deviceKeys),
                  new SignInRateLimiter(config.signInRateLimit, config.clock),
                  deviceKeys,
                  new SignInRateLimiter(NONCE_RATE_LIMIT, config.clock)),
              new Edge(
                  config.host,
                  config.port,
                  tls,
                  config.trustedProxies,
                  HostAndOrigin.of(
                      config.host,
                      Optional.ofNullable(config.publicUrl),
                      config.allowedHosts,
                      config.allowedOrigins),
                  Optional.ofNullable(config.publicUrl),
                  config.httpThreads));
      app.start();
    } catch (RuntimeException e) {
      if (app != null) {
        app.stop();
        app = null;
      }
      if (signIns != null) {
        signIns.close();
      }
      store.close();
      throw e;
    }
    LOG.info("plexauth listening on {}", url());
    return this;
  }

  /**
   * Begins loading, on a background thread, what a start needs before it gets there: the SQLite
   * driver's native library, the database layer's and the HTTP server's classes. A start that
   * follows overlaps that with its own work; {@link #start()} begins it too, so this only helps a
   * program that has other work to do first (parsing its command line, say). Only the first call in
   * a JVM does anything.
   *
   * @param jdbcUrl the database URL the start will use, or null for the SQLite database of a data
   *     directory
   */
  public static void preload(String jdbcUrl) {
    Preload.begin(usesSqlite(jdbcUrl));
  }

  private static boolean usesSqlite(String jdbcUrl) {
    return jdbcUrl == null || jdbcUrl.startsWith("jdbc:sqlite:");
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
   * @return e.g. {@code http://127.0.0.1:32400}, or {@code https://…} when serving TLS
   */
  public String url() {
    String host = config.host.contains(":") ? "[" + config.host + "]" : config.host;
    if ("0.0.0.0".equals(host) || "[::]".equals(host)) {
      host = "127.0.0.1";
    }
    return (config.tlsCertificate == null ? "http://" : "https://") + host + ":" + port();
  }

  /**
   * The URL clients reach this server at, as set with {@link Builder#publicUrl(String)}.
   *
   * @return the public URL, or empty when none is set (then {@code GET /api/v2/resources} does not
   *     list this server)
   */
  public Optional<URI> publicUrl() {
    return Optional.ofNullable(config.publicUrl);
  }

  /**
   * The machine identifier: made once at the first start, kept in the database, the same on every
   * instance sharing it ({@code GET /identity}, {@code GET /}).
   *
   * @return 40 hexadecimal characters
   */
  public synchronized String machineIdentifier() {
    requireStarted();
    return serverInfo.machineIdentifier();
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
   * Makes a new JWT signing key (see {@link PlexAuthAdmin#rotateSigningKey}).
   *
   * @return the new key's kid
   */
  public String rotateSigningKey() {
    return admin().rotateSigningKey();
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
   * Shares a source with an account (see {@link PlexAuthAdmin#shareSource}).
   *
   * @param id the source id
   * @param login the account's username or email address
   * @return true when shared now, false when it was shared already
   */
  public boolean shareSource(String id, String login) {
    return admin().shareSource(id, login);
  }

  /**
   * Stops sharing a source with an account (see {@link PlexAuthAdmin#unshareSource}).
   *
   * @param id the source id
   * @param login the account's username or email address
   * @return whether it was shared
   */
  public boolean unshareSource(String id, String login) {
    return admin().unshareSource(id, login);
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
   * Takes every password-hashing permit until the hold is closed: sign-ins then wait in their
   * queue, and once it is full are refused with 503. Package-private: the server's tests saturate
   * hashing with it instead of timing a flood; it is no embedding API.
   *
   * @return the hold
   */
  synchronized PasswordHasher.Hold holdHashing() {
    requireStarted();
    return hasher.holdAllPermits();
  }

  /**
   * The sign-in queue's state: {@code {running, waiting, capacity}}. Package-private, for tests.
   *
   * @return the three counts
   */
  synchronized int[] signInQueue() {
    requireStarted();
    return new int[] {signIns.running(), signIns.waiting(), signIns.capacity()};
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
      signIns.close();
      store.close();
    }
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /** The machine's host name, or {@code plexauth} when it cannot be told. */
  private static String hostName() {
    try {
      String host = InetAddress.getLocalHost().getHostName();
      return host == null || host.isBlank() ? "plexauth" : host;
    } catch (UnknownHostException e) {
      return "plexauth";
    }
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
    private String name;
    private int signInRateLimit = DEFAULT_SIGN_IN_RATE_LIMIT;
    private Duration tokenIdleTimeout = TokenLifetime.DEFAULT_IDLE_TIMEOUT;
    private Duration tokenMaxAge;
    private TrustedProxies trustedProxies = TrustedProxies.NONE;
    private URI publicUrl;
    private List<String> allowedHosts = List.of();
    private List<String> allowedOrigins = List.of();
    private Path tlsCertificate;
    private Path tlsKey;
    private int httpThreads = DEFAULT_HTTP_THREADS;
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
     * The name clients show for this server ({@code friendlyName} of {@code GET /}, {@code name} of
     * its resource); the host name by default.
     *
     * @param name 1 to 200 characters, no control characters
     * @return this builder
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name == null");
      if (name.isBlank() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException(
            "name must be 1 to 200 characters without control characters");
      }
      this.name = name;
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
     * Sign-in attempts allowed per client address and minute; pins made and linked per address and
     * minute have a bucket of the same size of their own. The client address is the socket's peer,
     * or what a {@linkplain #trustedProxies trusted proxy} forwarded; an IPv6 client counts by its
     * /64.
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
     * The reverse proxies (load balancers) in front of the server. A request whose socket peer lies
     * in one of these ranges is counted by the client address the proxy forwarded: the right-most
     * address of {@code X-Forwarded-For} (or, without it, of {@code Forwarded}) that is not itself
     * a trusted proxy. From any other peer those headers are ignored, so a client cannot pick its
     * own address. None by default.
     *
     * <pre>{@code
     * builder.trustedProxies(List.of("10.0.0.0/8", "fd00::/8"))
     * }</pre>
     *
     * @param cidrs CIDR blocks or single IP addresses (literals, never host names)
     * @return this builder
     * @throws IllegalArgumentException when one is not a CIDR block or an IP address
     */
    public Builder trustedProxies(List<String> cidrs) {
      this.trustedProxies =
          TrustedProxies.of(List.copyOf(Objects.requireNonNull(cidrs, "cidrs == null")));
      return this;
    }

    /**
     * The URL clients reach the server at, when it is not the address it binds (behind a reverse
     * proxy or a TLS terminator): its host is answered (see {@link #allowedHosts}), its origin may
     * post sign-ins (see {@link #allowedOrigins}), and {@code GET /api/v2/resources} lists this
     * server with this URL as its connection.
     *
     * @param url an absolute http or https URL, e.g. {@code https://plexauth.example.com}
     * @return this builder
     * @throws IllegalArgumentException when it is not an absolute http or https URL with a host
     */
    public Builder publicUrl(String url) {
      Objects.requireNonNull(url, "url == null");
      URI uri;
      try {
        uri = new URI(url);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "publicUrl must be an absolute http or https URL: " + url, e);
      }
      String scheme = uri.getScheme();
      if (!uri.isAbsolute()
          || uri.getHost() == null
          || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
        throw new IllegalArgumentException(
            "publicUrl must be an absolute http or https URL: " + url);
      }
      this.publicUrl = uri;
      return this;
    }

    /**
     * More host names to answer, against DNS rebinding: a request whose {@code Host} is a name
     * other than {@code localhost}, the bind address, the public URL's host or one of these gets
     * 421. IP addresses are always answered (rebinding needs a name).
     *
     * @param hosts host names (or addresses), without scheme or port
     * @return this builder
     * @throws IllegalArgumentException when one is not a host name
     */
    public Builder allowedHosts(List<String> hosts) {
      List<String> checked = new ArrayList<>();
      for (String host : Objects.requireNonNull(hosts, "hosts == null")) {
        checked.add(HostAndOrigin.allowedHost(host));
      }
      this.allowedHosts = List.copyOf(checked);
      return this;
    }

    /**
     * More origins whose web pages may send sign-ins and other state-changing requests: a POST
     * whose {@code Origin} is not the server's own (same scheme, host and port as the request), the
     * public URL's or one of these gets 403. Requests without {@code Origin} (every non-browser
     * client) are not affected.
     *
     * @param origins origins such as {@code https://app.example.com}
     * @return this builder
     * @throws IllegalArgumentException when one is not {@code http(s)://host[:port]}
     */
    public Builder allowedOrigins(List<String> origins) {
      List<String> checked = new ArrayList<>();
      for (String origin : Objects.requireNonNull(origins, "origins == null")) {
        checked.add(HostAndOrigin.allowedOrigin(origin));
      }
      this.allowedOrigins = List.copyOf(checked);
      return this;
    }

    /**
     * Serves HTTPS instead of HTTP, with a certificate and key in PEM files, read at {@link
     * #start()}. The certificate file holds the server's certificate first, then any intermediate
     * ones; the key file an unencrypted PKCS#8 key ({@code -----BEGIN PRIVATE KEY-----}), RSA or
     * EC.
     *
     * <pre>{@code
     * builder.tls(Path.of("/etc/plexauth/cert.pem"), Path.of("/etc/plexauth/key.pem"))
     * }</pre>
     *
     * @param certificate the PEM certificate chain
     * @param key the PEM private key
     * @return this builder
     */
    public Builder tls(Path certificate, Path key) {
      this.tlsCertificate = Objects.requireNonNull(certificate, "certificate == null");
      this.tlsKey = Objects.requireNonNull(key, "key == null");
      return this;
    }

    /**
     * The most HTTP request threads, {@link #DEFAULT_HTTP_THREADS} unless set.
     *
     * @param max 4 to {@link #MAX_HTTP_THREADS}
     * @return this builder
     * @throws IllegalArgumentException when out of range
     */
    public Builder httpThreads(int max) {
      if (max < 4 || max > MAX_HTTP_THREADS) {
        throw new IllegalArgumentException(
            "httpThreads must be 4 to " + MAX_HTTP_THREADS + ": " + max);
      }
      this.httpThreads = max;
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
      copy.name = name;
      copy.signInRateLimit = signInRateLimit;
      copy.tokenIdleTimeout = tokenIdleTimeout;
      copy.tokenMaxAge = tokenMaxAge;
      copy.trustedProxies = trustedProxies;
      copy.publicUrl = publicUrl;
      copy.allowedHosts = allowedHosts;
      copy.allowedOrigins = allowedOrigins;
      copy.tlsCertificate = tlsCertificate;
      copy.tlsKey = tlsKey;
      copy.httpThreads = httpThreads;
      copy.maxTransientTokens = maxTransientTokens;
      copy.createOwnerOnFirstStart = createOwnerOnFirstStart;
      copy.environment = environment;
      copy.announcements = announcements;
      return new PlexAuthServer(copy);
    }
  }
}
