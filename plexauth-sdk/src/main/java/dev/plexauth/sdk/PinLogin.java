package dev.plexauth.sdk;

import dev.plexauth.sdk.errors.GetTokenByPinIdNotFound;
import dev.plexauth.sdk.errors.PinExpiredException;
import dev.plexauth.sdk.errors.PlexConnectionException;
import dev.plexauth.sdk.errors.RateLimitedException;
import dev.plexauth.sdk.errors.ServerErrorException;
import dev.plexauth.sdk.internal.RetryAfter;
import dev.plexauth.sdk.internal.RetryTiming;
import dev.plexauth.sdk.internal.Urls;
import dev.plexauth.sdk.models.AuthPinContainer;
import dev.plexauth.sdk.models.GetPinRequest;
import dev.plexauth.sdk.models.GetTokenByPinIdRequest;
import dev.plexauth.sdk.models.GetTokenByPinIdResponse;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A PIN sign-in from start to token, the way Plex apps sign people in: make a pin, send the person
 * to the approval page (or show the 4-character code to type on the link page), and wait while the
 * pin is polled about once a second until the person approves it.
 *
 * <pre>{@code
 * PlexAPI plex = PlexAPI.builder()
 *     .plexTvURL("http://127.0.0.1:32400/api/v2")       // a plexauth server; plex.tv by default
 *     .clientID(storedClientIdentifier)
 *     .clientName("My App")
 *     .build();
 * PinLogin login = PinLogin.start(plex);                  // a strong pin
 * openBrowser(login.authUrl("https://myapp.example/signed-in"));
 * String token = login.awaitToken();                      // blocks until approved, or throws
 * }</pre>
 *
 * <p>Headless (a TV, a terminal): show a 4-character code and where to type it; the person approves
 * on a phone or computer.
 *
 * <pre>{@code
 * PinLogin login = PinLogin.startWithCode(plex);
 * System.out.println("Go to " + login.linkUrl() + " and enter " + login.code());
 * login.tokenAsync().thenAccept(token -> save(token));
 * }</pre>
 *
 * <p>Waiting honours {@code Retry-After} on 429 and 5xx answers and keeps going through connection
 * failures; it ends with the token, with {@link PinExpiredException} when the pin expires or the
 * server no longer knows it, with {@link CancellationException} after {@link #cancel()}, or with
 * the first other error. The token is handed out once: wait in one place.
 *
 * <p>The pages: the approval page is {@code https://app.plex.tv/auth} and the link page {@code
 * https://plex.tv/link} for real Plex (when {@code plexTvURL} is on {@code plex.tv}); for any other
 * {@code plexTvURL}, such as a plexauth server's {@code http://host:32400/api/v2}, they are {@code
 * /auth} and {@code /link} on that server. {@link Builder#authAppURL(String)} and {@link
 * Builder#linkURL(String)} set them otherwise.
 */
public final class PinLogin {

  /** How often the pin is polled unless the server asks for more time. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

  private static final String PLEX_TV_HOST = "plex.tv";
  private static final String PLEX_AUTH_APP = "https://app.plex.tv/auth";
  private static final String PLEX_LINK = "https://plex.tv/link";

  private final PlexAPI plex;
  private final AuthPinContainer pin;
  private final String authAppURL;
  private final String linkURL;
  private final Duration pollInterval;
  private final RetryTiming timing;

  /** When the pin was answered, by the monotonic clock. */
  private final long answeredAtNanos;

  /** How long it lives from then: its {@code expiresIn}, so the two clocks need not agree. */
  private final long lifetimeNanos;

  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final CompletableFuture<String> cancellation = new CompletableFuture<>();

  private PinLogin(Builder builder, AuthPinContainer pin, long answeredAtNanos) {
    this.plex = builder.plex;
    this.pin = pin;
    this.authAppURL = builder.authAppURL;
    this.linkURL = builder.linkURL;
    this.pollInterval = builder.pollInterval;
    this.timing = builder.plex.retryTiming();
    this.answeredAtNanos = answeredAtNanos;
    this.lifetimeNanos =
        pin.expiresIn() > 0
            ? Duration.ofSeconds(pin.expiresIn()).toNanos()
            : Math.max(0, Duration.between(timing.clock().instant(), pin.expiresAt()).toNanos());
  }

  /**
   * Makes a strong pin, for the approval page an app opens ({@link #authUrl(String)}).
   *
   * @param plex the client; its {@code clientID} must be set and its {@code clientName} is the
   *     product the person is asked about
   * @return the started sign-in
   * @throws dev.plexauth.sdk.errors.PlexException when the pin cannot be made
   */
  public static PinLogin start(PlexAPI plex) {
    return builder(plex).strong(true).start();
  }

  /**
   * Makes a pin with a 4-character code, for a person to type on the link page ({@link
   * #linkUrl()}): the headless case.
   *
   * @param plex the client; its {@code clientID} must be set
   * @return the started sign-in
   * @throws dev.plexauth.sdk.errors.PlexException when the pin cannot be made
   */
  public static PinLogin startWithCode(PlexAPI plex) {
    return builder(plex).strong(false).start();
  }

  /**
   * Starts a builder for a strong pin, with the pages derived from the client's {@code plexTvURL}.
   *
   * @param plex the client
   * @return the builder
   */
  public static Builder builder(PlexAPI plex) {
    return new Builder(plex);
  }

  /**
   * Returns the pin as the server answered it.
   *
   * @return the pin; its {@code authToken} is empty
   */
  public AuthPinContainer pin() {
    return pin;
  }

  /**
   * Returns the code: 25 characters for the approval page, 4 for the link page.
   *
   * @return the code
   */
  public String code() {
    return pin.code();
  }

  /**
   * Returns when the pin expires, by the server's clock.
   *
   * @return the expiry
   */
  public Instant expiresAt() {
    return pin.expiresAt();
  }

  /**
   * The approval page for this pin with no page to go to afterwards: the page says the app is
   * signed in and the window can be closed.
   *
   * @return {@code …/auth#?clientID=…&code=…&context%5Bdevice%5D%5Bproduct%5D=…}
   */
  public String authUrl() {
    return authUrl(null);
  }

  /**
   * The approval page for this pin, as apps open it: {@code
   * …/auth#?clientID=…&code=…&context%5Bdevice%5D%5Bproduct%5D=…&forwardUrl=…}. The parameters are
   * in the fragment, so they never reach a server's log.
   *
   * @param forwardUrl where the page sends the browser after the approval (http or https), or null
   *     for none
   * @return the URL to open
   * @throws IllegalArgumentException when the forward URL is not an http or https URL
   */
  public String authUrl(String forwardUrl) {
    StringBuilder url =
        new StringBuilder(authAppURL)
            .append("#?clientID=")
            .append(Urls.encodeComponent(clientIdentifier()))
            .append("&code=")
            .append(Urls.encodeComponent(pin.code()));
    if (!pin.product().isEmpty()) {
      url.append("&context%5Bdevice%5D%5Bproduct%5D=").append(Urls.encodeComponent(pin.product()));
    }
    if (forwardUrl != null) {
      Urls.parseBase(forwardUrl, "forwardUrl");
      url.append("&forwardUrl=").append(Urls.encodeComponent(forwardUrl));
    }
    return url.toString();
  }

  /**
   * The link page, where a person signs in and types the 4-character {@link #code()}.
   *
   * @return e.g. {@code http://127.0.0.1:32400/link}, or {@code https://plex.tv/link}
   */
  public String linkUrl() {
    return linkURL;
  }

  /**
   * Waits until the pin is approved, polling it, and returns the account token.
   *
   * @return the token for this client identifier
   * @throws PinExpiredException when the pin expires first, or the server no longer knows it
   * @throws CancellationException after {@link #cancel()}, or when the thread is interrupted (its
   *     interrupt flag is kept)
   * @throws dev.plexauth.sdk.errors.PlexException on any other error answer
   */
  public String awaitToken() {
    return poll(null).orElseThrow();
  }

  /**
   * Waits at most {@code timeout} for the approval. The pin stays valid after a timeout: call again
   * to keep waiting.
   *
   * @param timeout how long to wait at most
   * @return the token, or empty when the time ran out first
   * @throws PinExpiredException when the pin expires first, or the server no longer knows it
   * @throws CancellationException after {@link #cancel()}, or when the thread is interrupted
   */
  public Optional<String> awaitToken(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout == null");
    return poll(timeout);
  }

  /**
   * Waits without blocking a thread: polls are sent asynchronously and the waits between them
   * scheduled. Cancelling the future (or calling {@link #cancel()}) stops the polling.
   *
   * @return a future of the token, completing exceptionally with {@link PinExpiredException}, a
   *     {@link CancellationException} or the first other {@link
   *     dev.plexauth.sdk.errors.PlexException}
   */
  public CompletableFuture<String> tokenAsync() {
    CompletableFuture<String> result = new CompletableFuture<>();
    cancellation.whenComplete((unused, error) -> result.cancel(false));
    pollAsync(result);
    return result;
  }

  /** Stops every wait on this sign-in, now and later; the pin simply expires on the server. */
  public void cancel() {
    cancelled.set(true);
    cancellation.cancel(false);
  }

  /**
   * Whether {@link #cancel()} was called.
   *
   * @return true once cancelled
   */
  public boolean isCancelled() {
    return cancelled.get();
  }

  @Override
  public String toString() {
    return "PinLogin[id="
        + pin.id()
        + ", strong="
        + (pin.code().length() > 4)
        + ", expiresAt="
        + pin.expiresAt()
        + "]";
  }

  /** Polls until the token comes, the pin expires, or the timeout (null: none) runs out. */
  private Optional<String> poll(Duration timeout) {
    long started = timing.clock().nanoTime();
    while (true) {
      checkLive();
      Duration wait;
      try {
        Optional<String> token = pollOnce();
        if (token.isPresent()) {
          return token;
        }
        wait = pollInterval;
      } catch (RuntimeException e) {
        wait = waitAfter(e);
      }
      long now = timing.clock().nanoTime();
      if (expired(now)) {
        throw expired(null);
      }
      if (timeout != null && now - started + wait.toNanos() > timeout.toNanos()) {
        return Optional.empty();
      }
      try {
        timing.sleeper().sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        CancellationException cancelled = new CancellationException("interrupted while waiting");
        cancelled.initCause(e);
        throw cancelled;
      }
    }
  }

  private void pollAsync(CompletableFuture<String> result) {
    if (result.isDone()) {
      return;
    }
    if (cancelled.get()) {
      result.cancel(false);
      return;
    }
    if (expired(timing.clock().nanoTime())) {
      result.completeExceptionally(expired(null));
      return;
    }
    plex.plex()
        .getTokenByPinIdAsync(request(), RequestOptions.none())
        .whenComplete(
            (answer, failure) -> {
              Duration wait;
              if (failure == null) {
                Optional<String> token = answer.authPinContainer().authToken();
                if (token.isPresent()) {
                  result.complete(token.get());
                  return;
                }
                wait = pollInterval;
              } else {
                Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                try {
                  wait = waitAfter(cause);
                } catch (RuntimeException e) {
                  result.completeExceptionally(e);
                  return;
                }
              }
              timing.sleeper().schedule(wait, () -> pollAsync(result));
            });
  }

  private Optional<String> pollOnce() {
    GetTokenByPinIdResponse answer = plex.plex().getTokenByPinId(request(), RequestOptions.none());
    return answer.authPinContainer().authToken();
  }

  /**
   * How long to wait after a failed poll, or the exception that ends the wait: a 404 means the pin
   * is gone; 429 and 5xx wait for {@code Retry-After} (at least the poll interval); a connection
   * failure waits one interval; anything else ends the wait.
   */
  private Duration waitAfter(Throwable failure) {
    if (failure instanceof GetTokenByPinIdNotFound notFound) {
      throw expired(notFound);
    }
    if (failure instanceof RateLimitedException limited) {
      return atLeastInterval(limited.retryAfter());
    }
    if (failure instanceof ServerErrorException error) {
      return atLeastInterval(
          error.headers().getOrDefault("Retry-After", java.util.List.of()).stream()
              .findFirst()
              .flatMap(value -> RetryAfter.parse(value, timing.clock().instant())));
    }
    if (failure instanceof PlexConnectionException) {
      return pollInterval;
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    throw new CompletionException(failure);
  }

  private Duration atLeastInterval(Optional<Duration> asked) {
    return asked.filter(wait -> wait.compareTo(pollInterval) > 0).orElse(pollInterval);
  }

  private boolean expired(long nowNanos) {
    return nowNanos - answeredAtNanos >= lifetimeNanos;
  }

  private void checkLive() {
    if (cancelled.get()) {
      throw new CancellationException("the PIN sign-in was cancelled");
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("interrupted while waiting");
    }
  }

  private PinExpiredException expired(GetTokenByPinIdNotFound cause) {
    String message =
        cause == null
            ? "the PIN expired at " + pin.expiresAt() + " before it was approved; start again"
            : "the PIN is expired or no longer known to the server (HTTP 404); start again";
    return new PinExpiredException(message, pin.expiresAt(), cause);
  }

  private GetTokenByPinIdRequest request() {
    return GetTokenByPinIdRequest.builder().pinID(pin.id()).clientID(clientIdentifier()).build();
  }

  private String clientIdentifier() {
    return pin.clientIdentifier().isEmpty() ? plex.clientID() : pin.clientIdentifier();
  }

  /** The default approval page of a plex.tv base: app.plex.tv for plex.tv, else {@code /auth}. */
  static String defaultPage(String plexTvURL, String page) {
    URI base = Urls.parseBase(plexTvURL, "plexTvURL");
    String host = base.getHost().toLowerCase(Locale.ROOT);
    if (host.equals(PLEX_TV_HOST) || host.endsWith("." + PLEX_TV_HOST)) {
      return page.equals("auth") ? PLEX_AUTH_APP : PLEX_LINK;
    }
    String path = base.getRawPath() == null ? "" : base.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith("/api/v2")) {
      path = path.substring(0, path.length() - "/api/v2".length());
    } else {
      path = "";
    }
    String authority = base.getRawAuthority();
    return base.getScheme() + "://" + authority + path + "/" + page;
  }

  /**
   * Configures a {@link PinLogin}: the kind of code, the pages and the poll interval.
   *
   * <pre>{@code
   * PinLogin login = PinLogin.builder(plex)
   *     .strong(false)
   *     .linkURL("https://auth.example.com/link")
   *     .start();
   * }</pre>
   */
  public static final class Builder {
    private final PlexAPI plex;
    private boolean strong = true;
    private String authAppURL;
    private String linkURL;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;

    private Builder(PlexAPI plex) {
      this.plex = Objects.requireNonNull(plex, "plex == null");
      this.authAppURL = defaultPage(plex.plexTvURL(), "auth");
      this.linkURL = defaultPage(plex.plexTvURL(), "link");
    }

    /**
     * Chooses the kind of code.
     *
     * @param strong true (the default) for a strong code and the approval page; false for a
     *     4-character code to type on the link page
     * @return this builder
     */
    public Builder strong(boolean strong) {
      this.strong = strong;
      return this;
    }

    /**
     * Sets the approval page that {@link PinLogin#authUrl(String)} points at.
     *
     * @param authAppURL an http(s) URL without a fragment, e.g. {@code
     *     https://auth.example.com/auth}
     * @return this builder
     */
    public Builder authAppURL(String authAppURL) {
      this.authAppURL = page(authAppURL, "authAppURL");
      return this;
    }

    /**
     * Sets the link page that {@link PinLogin#linkUrl()} returns.
     *
     * @param linkURL an http(s) URL, e.g. {@code https://auth.example.com/link}
     * @return this builder
     */
    public Builder linkURL(String linkURL) {
      this.linkURL = page(linkURL, "linkURL");
      return this;
    }

    /**
     * Sets how often the pin is polled.
     *
     * @param pollInterval a positive duration; 1 s by default
     * @return this builder
     */
    public Builder pollInterval(Duration pollInterval) {
      Objects.requireNonNull(pollInterval, "pollInterval == null");
      if (pollInterval.isZero() || pollInterval.isNegative()) {
        throw new IllegalArgumentException("pollInterval must be positive: " + pollInterval);
      }
      this.pollInterval = pollInterval;
      return this;
    }

    /**
     * Makes the pin.
     *
     * @return the started sign-in
     * @throws dev.plexauth.sdk.errors.PlexException when the pin cannot be made
     * @throws IllegalArgumentException when the client has no clientID
     */
    public PinLogin start() {
      AuthPinContainer pin =
          plex.plex().getPin(GetPinRequest.builder().strong(strong).build()).authPinContainer();
      return new PinLogin(this, pin, plex.retryTiming().clock().nanoTime());
    }

    private static String page(String url, String name) {
      Objects.requireNonNull(url, name + " == null");
      URI uri = Urls.parseBase(url, name);
      if (uri.getRawFragment() != null) {
        throw new IllegalArgumentException(name + " must not have a fragment: " + url);
      }
      return url;
    }
  }
}
