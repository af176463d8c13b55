package dev.plexauth.sdk;

import dev.plexauth.sdk.internal.HeaderValues;
import dev.plexauth.sdk.internal.Secrets;
import dev.plexauth.sdk.internal.StatusCodes;
import dev.plexauth.sdk.internal.Urls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Settings for one call that replace the client's: retries, the statuses to retry, the timeout, the
 * server and extra headers.
 *
 * <pre>{@code
 * RequestOptions options = RequestOptions.builder()
 *     .serverURL("http://127.0.0.1:32400/api/v2")
 *     .timeout(Duration.ofSeconds(5))
 *     .retries(RetryConfig.backoff())
 *     .retryCodes("429", "5XX")
 *     .header("X-Plex-Language", "en")
 *     .build();
 * UserPlexAccount me = plex.authentication().getTokenDetails(options).userPlexAccount();
 * }</pre>
 */
public final class RequestOptions {

  private static final RequestOptions NONE = builder().build();

  /** Header names the JDK HTTP client manages itself and refuses to set. */
  private static final Set<String> RESTRICTED_HEADERS =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final RetryConfig retries;
  private final List<String> retryCodes;
  private final Duration timeout;
  private final String serverURL;
  private final Map<String, String> headers;

  private RequestOptions(Builder builder) {
    this.retries = builder.retries;
    this.retryCodes = builder.retryCodes;
    this.timeout = builder.timeout;
    this.serverURL = builder.serverURL;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
  }

  /**
   * Options that change nothing: the client's settings apply.
   *
   * @return the empty options
   */
  public static RequestOptions none() {
    return NONE;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding these options, to change a few of them.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.retries = retries;
    builder.retryCodes = retryCodes;
    builder.timeout = timeout;
    builder.serverURL = serverURL;
    builder.headers.putAll(headers);
    return builder;
  }

  /**
   * Returns the retry configuration that replaces the client's, if set.
   *
   * @return the retry configuration
   */
  public Optional<RetryConfig> retries() {
    return Optional.ofNullable(retries);
  }

  /**
   * Returns the statuses to retry instead of 429, 500, 502, 503 and 504, if set.
   *
   * @return codes such as {@code "503"} or ranges such as {@code "5XX"}
   */
  public Optional<List<String>> retryCodes() {
    return Optional.ofNullable(retryCodes);
  }

  /**
   * Returns the per-attempt timeout that replaces the client's request timeout, if set.
   *
   * @return the timeout
   */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /**
   * Returns the base URL that replaces the operation's server, if set.
   *
   * @return the base URL
   */
  public Optional<String> serverURL() {
    return Optional.ofNullable(serverURL);
  }

  /**
   * Returns the extra headers, in the order they were added; they override the SDK's headers.
   *
   * @return an unmodifiable map from header name to value
   */
  public Map<String, String> headers() {
    return headers;
  }

  @Override
  public String toString() {
    return "RequestOptions[retries="
        + retries
        + ", retryCodes="
        + retryCodes
        + ", timeout="
        + timeout
        + ", serverURL="
        + (serverURL == null ? null : Urls.maskQuery(serverURL))
        + ", headers="
        + Secrets.maskHeaders(headers)
        + "]";
  }

  /** Builds {@link RequestOptions}. */
  public static final class Builder {
    private RetryConfig retries;
    private List<String> retryCodes;
    private Duration timeout;
    private String serverURL;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Replaces the client's retry configuration for this call.
     *
     * @param retries the configuration, e.g. {@link RetryConfig#backoff()}
     * @return this builder
     */
    public Builder retries(RetryConfig retries) {
      this.retries = Objects.requireNonNull(retries, "retries == null");
      return this;
    }

    /**
     * Replaces the statuses that are retried (429, 500, 502, 503 and 504 by default).
     *
     * @param codes exact codes such as {@code "503"} or ranges such as {@code "5XX"}
     * @return this builder
     * @throws IllegalArgumentException if a code is neither three digits nor a range like {@code
     *     5XX}
     */
    public Builder retryCodes(String... codes) {
      Objects.requireNonNull(codes, "codes == null");
      return retryCodes(List.of(codes));
    }

    /**
     * Replaces the statuses that are retried (429, 500, 502, 503 and 504 by default).
     *
     * @param codes exact codes such as {@code "503"} or ranges such as {@code "5XX"}
     * @return this builder
     * @throws IllegalArgumentException if a code is neither three digits nor a range like {@code
     *     5XX}
     */
    public Builder retryCodes(List<String> codes) {
      Objects.requireNonNull(codes, "codes == null");
      List<String> copy = new ArrayList<>();
      for (String code : codes) {
        Objects.requireNonNull(code, "code == null");
        StatusCodes.parse(code);
        copy.add(code.toUpperCase(Locale.ROOT));
      }
      this.retryCodes = List.copyOf(copy);
      return this;
    }

    /**
     * Replaces the client's request timeout for each attempt of this call.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the timeout is zero or negative
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("timeout must be positive: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Sends this call to another base URL, for the PMS and the plex.tv operations alike. The base's
     * path is kept: {@code http://h/pfx} sends {@code getTransientToken} to {@code
     * http://h/pfx/security/token}.
     *
     * @param serverURL an {@code http} or {@code https} URL
     * @return this builder
     * @throws IllegalArgumentException if it is not an http(s) URL
     */
    public Builder serverURL(String serverURL) {
      Objects.requireNonNull(serverURL, "serverURL == null");
      Urls.parseBase(serverURL, "serverURL");
      this.serverURL = serverURL;
      return this;
    }

    /**
     * Adds a header, or replaces one added before (names are case-insensitive). It overrides the
     * header the SDK would send under that name.
     *
     * @param name the header name, e.g. {@code X-Plex-Language}
     * @param value the value
     * @return this builder
     * @throws IllegalArgumentException for a name the HTTP client manages itself ({@code Host},
     *     {@code Connection}, {@code Content-Length}, {@code Expect}, {@code Upgrade}) or a value
     *     with a control character or a character above U+00FF
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(value, "value == null");
      if (name.isBlank() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
        throw new IllegalArgumentException("not a valid header name: " + name);
      }
      if (RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("header is managed by the HTTP client: " + name);
      }
      HeaderValues.check(name, value);
      headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
      headers.put(name, value);
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public RequestOptions build() {
      return new RequestOptions(this);
    }
  }
}
