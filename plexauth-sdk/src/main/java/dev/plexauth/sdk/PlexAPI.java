package dev.plexauth.sdk;

import dev.plexauth.sdk.internal.ClientConfig;
import dev.plexauth.sdk.internal.HeaderValues;
import dev.plexauth.sdk.internal.OperationRunner;
import dev.plexauth.sdk.internal.RetryTiming;
import dev.plexauth.sdk.internal.Urls;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Plex client: one immutable, thread-safe object, built once and shared, copied with {@link
 * #newBuilder()} to change a setting.
 *
 * <p>The operations come in three groups, as in plexjs: {@link #authentication()}, {@link #plex()}
 * and {@link #server()}. The PMS operations ({@code getTransientToken}, {@code
 * getSourceConnectionInformation}, {@code getServerIdentity}, {@code getServerCapabilities}) go to
 * {@code serverURL} (or {@code protocol://ip:port}); there is no default address, so calling one
 * without it fails with {@link IllegalStateException}. The plex.tv operations ({@code
 * getTokenDetails}, {@code postUsersSignInData}, {@code getServerResources}, {@code ping}, {@code
 * signOut}, {@code devices}, {@code removeDevice}, {@code getPin}, {@code getTokenByPinId}, {@code
 * linkPin}) go to {@code plexTvURL}, {@code https://plex.tv/api/v2} by default. {@link
 * RequestOptions.Builder#serverURL(String)} overrides either for one call.
 *
 * <pre>{@code
 * PlexAPI plex = PlexAPI.builder()
 *     .serverURL("http://127.0.0.1:32400")
 *     .accessToken(System.getenv("PLEX_TOKEN"))
 *     .clientID("3381b62b-9ab7-4e37-827b-203e9809eb58")
 *     .clientName("My App")
 *     .build();
 * String token = plex.authentication()
 *     .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL)
 *     .token();
 * }</pre>
 *
 * <p>Timeouts are always on: 10 s to connect and 30 s for each attempt by default, the body
 * included. Answers are at most 4 MiB ({@link Builder#maxResponseBytes}). Nothing is retried unless
 * a {@link RetryConfig} says so. {@link #toString()} never shows the token.
 */
public final class PlexAPI {

  /** The default plex.tv base URL of the plex.tv operations. */
  public static final String DEFAULT_PLEX_TV_URL = "https://plex.tv/api/v2";

  /** The largest answer body accepted by default: 4 MiB, a thousand times a user object. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 4L * 1024 * 1024;

  /** The largest body a {@code byte[]} can hold. */
  private static final long LARGEST_BODY = Integer.MAX_VALUE - 8;

  private final Builder settings;
  private final Transport transport;
  private final Authentication authentication;
  private final OperationRunner runner;
  private final Plex plex;
  private final Server server;

  private PlexAPI(Builder builder) {
    this.settings = builder.copy();
    URI server = resolveServer(settings);
    this.transport = chooseTransport(builder);
    ClientConfig config =
        new ClientConfig(
            settings.tokenSupplier,
            server,
            Urls.parseBase(settings.plexTvURL, "plexTvURL"),
            new ClientConfig.Identity(
                settings.clientID,
                settings.clientName,
                settings.clientVersion,
                settings.platform,
                settings.deviceNickname),
            settings.retryConfig,
            settings.requestTimeout,
            transport,
            settings.retryTiming,
            settings.maxResponseBytes);
    this.runner = new OperationRunner(config);
    this.authentication = new Authentication(runner);
    this.plex = new Plex(runner);
    this.server = new Server(runner);
  }

  /** The builder's transport; else the default one of the client copied from, if still fitting. */
  private static Transport chooseTransport(Builder builder) {
    if (builder.transport != null) {
      return builder.transport;
    }
    if (builder.inheritedTransport != null
        && builder.connectTimeout.equals(builder.inheritedConnectTimeout)) {
      return builder.inheritedTransport;
    }
    return Transport.jdk(builder.connectTimeout);
  }

  private static URI resolveServer(Builder settings) {
    if (settings.serverURL != null) {
      return Urls.parseBase(settings.serverURL, "serverURL");
    }
    if (settings.ip != null) {
      String host =
          settings.ip.contains(":") && !settings.ip.startsWith("[")
              ? "[" + settings.ip + "]"
              : settings.ip;
      return Urls.parseBase(settings.protocol + "://" + host + ":" + settings.port, "serverURL");
    }
    return null;
  }

  /**
   * Starts a builder with the defaults: no server, plex.tv at {@code https://plex.tv/api/v2}, no
   * token, no retries, 10 s connect timeout, 30 s request timeout.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this client's settings, to build a changed copy. The copy shares this
   * client's transport (and so its connections) unless its connect timeout or transport changes.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    Builder copy = settings.copy();
    if (settings.transport == null) {
      copy.inheritedTransport = transport;
      copy.inheritedConnectTimeout = settings.connectTimeout;
    }
    return copy;
  }

  /**
   * Returns the authentication operations.
   *
   * @return the operations; one instance per client
   */
  public Authentication authentication() {
    return authentication;
  }

  /** The runner of this client's calls, for the logins beside {@link Authentication}. */
  OperationRunner runner() {
    return runner;
  }

  /**
   * Returns the plex.tv operations of plexjs's {@code plex} group ({@code getServerResources},
   * {@code getPin}, {@code getTokenByPinId}) and {@code linkPin}.
   *
   * @return the operations; one instance per client
   */
  public Plex plex() {
    return plex;
  }

  /**
   * Returns the PMS operations of plexjs's {@code server} group ({@code getServerIdentity}, {@code
   * getServerCapabilities}).
   *
   * @return the operations; one instance per client
   */
  public Server server() {
    return server;
  }

  /**
   * Returns the PMS base URL, if one is configured.
   *
   * @return the base URL of the PMS operations
   */
  public Optional<String> serverURL() {
    URI server = resolveServer(settings);
    return server == null ? Optional.empty() : Optional.of(server.toString());
  }

  /**
   * Returns the plex.tv base URL.
   *
   * @return the base URL of the plex.tv operations
   */
  public String plexTvURL() {
    return settings.plexTvURL;
  }

  /**
   * Returns the client identifier sent as {@code X-Plex-Client-Identifier}.
   *
   * @return the identifier, or empty
   */
  public String clientID() {
    return settings.clientID;
  }

  /**
   * Returns the retry configuration.
   *
   * @return the configuration, {@link RetryConfig#none()} by default
   */
  public RetryConfig retryConfig() {
    return settings.retryConfig;
  }

  /** The clock and sleeper of this client's waits, for {@link PinLogin}'s polling. */
  RetryTiming retryTiming() {
    return settings.retryTiming;
  }

  /**
   * Returns the connect timeout.
   *
   * @return the timeout
   */
  public Duration connectTimeout() {
    return settings.connectTimeout;
  }

  /**
   * Returns the timeout of each attempt.
   *
   * @return the timeout
   */
  public Duration requestTimeout() {
    return settings.requestTimeout;
  }

  /**
   * Returns the largest answer body accepted.
   *
   * @return bytes
   */
  public long maxResponseBytes() {
    return settings.maxResponseBytes;
  }

  /**
   * Checks a body limit.
   *
   * @param maxResponseBytes the limit
   * @return the limit
   * @throws IllegalArgumentException when it is not 1 to {@code Integer.MAX_VALUE - 8}
   */
  static long checkMaxResponseBytes(long maxResponseBytes) {
    if (maxResponseBytes < 1 || maxResponseBytes > LARGEST_BODY) {
      throw new IllegalArgumentException(
          "maxResponseBytes must be 1 to " + LARGEST_BODY + ": " + maxResponseBytes);
    }
    return maxResponseBytes;
  }

  @Override
  public String toString() {
    return "PlexAPI[serverURL="
        + serverURL().map(Urls::maskQuery).orElse("<none>")
        + ", plexTvURL="
        + Urls.maskQuery(settings.plexTvURL)
        + ", accessToken="
        + (settings.tokenSupplier == null ? "<none>" : "***")
        + ", clientID="
        + settings.clientID
        + ", clientName="
        + settings.clientName
        + ", clientVersion="
        + settings.clientVersion
        + ", platform="
        + settings.platform
        + ", deviceNickname="
        + settings.deviceNickname
        + ", retryConfig="
        + settings.retryConfig
        + ", connectTimeout="
        + settings.connectTimeout
        + ", requestTimeout="
        + settings.requestTimeout
        + ", maxResponseBytes="
        + settings.maxResponseBytes
        + "]";
  }

  /** Builds a {@link PlexAPI}. Every setter checks its argument at once. */
  public static final class Builder {
    private Supplier<String> tokenSupplier;
    private String serverURL;
    private String protocol = "https";
    private String ip;
    private int port = 32400;
    private String plexTvURL = DEFAULT_PLEX_TV_URL;
    private String clientID = "";
    private String clientName = "";
    private String clientVersion = "";
    private String platform = "";
    private String deviceNickname = "";
    private RetryConfig retryConfig = RetryConfig.none();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private Transport transport;
    private RetryTiming retryTiming = RetryTiming.system();
    private Transport inheritedTransport;
    private Duration inheritedConnectTimeout;

    private Builder() {}

    private Builder copy() {
      Builder copy = new Builder();
      copy.tokenSupplier = tokenSupplier;
      copy.serverURL = serverURL;
      copy.protocol = protocol;
      copy.ip = ip;
      copy.port = port;
      copy.plexTvURL = plexTvURL;
      copy.clientID = clientID;
      copy.clientName = clientName;
      copy.clientVersion = clientVersion;
      copy.platform = platform;
      copy.deviceNickname = deviceNickname;
      copy.retryConfig = retryConfig;
      copy.connectTimeout = connectTimeout;
      copy.requestTimeout = requestTimeout;
      copy.maxResponseBytes = maxResponseBytes;
      copy.transport = transport;
      copy.retryTiming = retryTiming;
      return copy;
    }

    /**
     * Sets the account or server token sent as {@code X-Plex-Token} (never on sign-in). An empty
     * token sends nothing.
     *
     * @param accessToken the token
     * @return this builder
     */
    public Builder accessToken(String accessToken) {
      Objects.requireNonNull(accessToken, "accessToken == null");
      this.tokenSupplier = new FixedToken(accessToken);
      return this;
    }

    /**
     * Sets where the token comes from; the supplier is called once per operation call (not per
     * retry), so it can hand out a refreshed token. A null or empty answer sends no token.
     *
     * @param accessToken supplies the token
     * @return this builder
     */
    public Builder accessToken(Supplier<String> accessToken) {
      this.tokenSupplier = Objects.requireNonNull(accessToken, "accessToken == null");
      return this;
    }

    /**
     * Sets the PMS base URL; its path is kept ({@code http://h/pfx} + {@code /security/token}). It
     * wins over {@link #protocol(String)}, {@link #ip(String)} and {@link #port(int)}.
     *
     * @param serverURL an {@code http} or {@code https} URL, e.g. {@code http://127.0.0.1:32400}
     * @return this builder
     * @throws IllegalArgumentException if it is not an http(s) URL with a host
     */
    public Builder serverURL(String serverURL) {
      Objects.requireNonNull(serverURL, "serverURL == null");
      Urls.parseBase(serverURL, "serverURL");
      this.serverURL = serverURL;
      return this;
    }

    /**
     * Sets the protocol of the PMS address built from {@code protocol://ip:port}.
     *
     * @param protocol {@code http} or {@code https} (the default)
     * @return this builder
     */
    public Builder protocol(String protocol) {
      Objects.requireNonNull(protocol, "protocol == null");
      if (!protocol.equals("http") && !protocol.equals("https")) {
        throw new IllegalArgumentException("protocol must be http or https: " + protocol);
      }
      this.protocol = protocol;
      return this;
    }

    /**
     * Sets the host of the PMS address built from {@code protocol://ip:port}.
     *
     * @param ip an IP address or host name
     * @return this builder
     */
    public Builder ip(String ip) {
      Objects.requireNonNull(ip, "ip == null");
      if (ip.isBlank() || ip.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '?' || c == '#')) {
        throw new IllegalArgumentException("not a host: " + ip);
      }
      this.ip = ip;
      return this;
    }

    /**
     * Sets the port of the PMS address built from {@code protocol://ip:port}.
     *
     * @param port 1 to 65535; 32400 by default
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the base URL of the plex.tv operations; its path is kept.
     *
     * @param plexTvURL an http(s) URL; {@code https://plex.tv/api/v2} by default
     * @return this builder
     */
    public Builder plexTvURL(String plexTvURL) {
      Objects.requireNonNull(plexTvURL, "plexTvURL == null");
      Urls.parseBase(plexTvURL, "plexTvURL");
      this.plexTvURL = plexTvURL;
      return this;
    }

    /**
     * Sets the client identifier, sent as {@code X-Plex-Client-Identifier}. Keep it stable per
     * install: plex.tv registers a device per identifier.
     *
     * @param clientID e.g. a UUID stored with the app's settings
     * @return this builder
     */
    public Builder clientID(String clientID) {
      Objects.requireNonNull(clientID, "clientID == null");
      this.clientID = HeaderValues.check("clientID", clientID);
      return this;
    }

    /**
     * Sets the product name, sent as {@code X-Plex-Product}.
     *
     * @param clientName e.g. {@code Plex for Roku}
     * @return this builder
     */
    public Builder clientName(String clientName) {
      Objects.requireNonNull(clientName, "clientName == null");
      this.clientName = HeaderValues.check("clientName", clientName);
      return this;
    }

    /**
     * Sets the product version, sent as {@code X-Plex-Version}.
     *
     * @param clientVersion e.g. {@code 2.4.1}
     * @return this builder
     */
    public Builder clientVersion(String clientVersion) {
      Objects.requireNonNull(clientVersion, "clientVersion == null");
      this.clientVersion = HeaderValues.check("clientVersion", clientVersion);
      return this;
    }

    /**
     * Sets the platform, sent as {@code X-Plex-Platform}.
     *
     * @param platform e.g. {@code Roku}
     * @return this builder
     */
    public Builder platform(String platform) {
      Objects.requireNonNull(platform, "platform == null");
      this.platform = HeaderValues.check("platform", platform);
      return this;
    }

    /**
     * Sets the device name, sent as {@code X-Plex-Device}.
     *
     * @param deviceNickname e.g. {@code Roku 3}
     * @return this builder
     */
    public Builder deviceNickname(String deviceNickname) {
      Objects.requireNonNull(deviceNickname, "deviceNickname == null");
      this.deviceNickname = HeaderValues.check("deviceNickname", deviceNickname);
      return this;
    }

    /**
     * Sets how failed calls are retried.
     *
     * @param retryConfig {@link RetryConfig#none()} (the default) or a backoff
     * @return this builder
     */
    public Builder retryConfig(RetryConfig retryConfig) {
      this.retryConfig = Objects.requireNonNull(retryConfig, "retryConfig == null");
      return this;
    }

    /**
     * Sets the longest wait for a connection, for the default transport.
     *
     * @param connectTimeout a positive duration; 10 s by default
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * Sets the longest one attempt may take, from sending to the last byte of the answer.
     *
     * @param requestTimeout a positive duration; 30 s by default
     * @return this builder
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * Sets the largest answer body accepted. A larger answer fails the call with an {@link
     * dev.plexauth.sdk.errors.SDKError} (never retried) as soon as {@code Content-Length} says so,
     * or as soon as a streamed body passes the limit: a broken or hostile server cannot fill the
     * memory. The request timeout still bounds a body that arrives slowly.
     *
     * @param maxResponseBytes 1 to {@code Integer.MAX_VALUE - 8}; 4 MiB by default
     * @return this builder
     */
    public Builder maxResponseBytes(long maxResponseBytes) {
      this.maxResponseBytes = checkMaxResponseBytes(maxResponseBytes);
      return this;
    }

    /**
     * Sets the HTTP transport; the default is {@link Transport#jdk(Duration)} with the connect
     * timeout.
     *
     * @param transport the transport
     * @return this builder
     */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport == null");
      return this;
    }

    /**
     * Replaces the retry loop's clock, sleeper and random source. Package-private on purpose: it
     * lets this package's tests drive retries without waiting, while users tune retries through
     * {@link RetryConfig}, the contract that stays stable.
     */
    Builder retryTiming(RetryTiming retryTiming) {
      this.retryTiming = Objects.requireNonNull(retryTiming, "retryTiming == null");
      return this;
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name + " == null");
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }

    /**
     * Builds the client.
     *
     * @return the client
     */
    public PlexAPI build() {
      return new PlexAPI(this);
    }

    @Override
    public String toString() {
      return "PlexAPI.Builder[accessToken=" + (tokenSupplier == null ? "<none>" : "***") + "]";
    }
  }

  /** A fixed token whose toString does not show it. */
  private static final class FixedToken implements Supplier<String> {
    private final String token;

    FixedToken(String token) {
      this.token = token;
    }

    @Override
    public String get() {
      return token;
    }

    @Override
    public String toString() {
      return "***";
    }
  }
}
