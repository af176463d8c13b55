package dev.plexauth.sdk.internal;

import dev.plexauth.sdk.RefreshableToken;
import dev.plexauth.sdk.RequestOptions;
import dev.plexauth.sdk.ResponseTooLargeException;
import dev.plexauth.sdk.RetryConfig;
import dev.plexauth.sdk.TransportRequest;
import dev.plexauth.sdk.TransportResponse;
import dev.plexauth.sdk.errors.PlexConnectionException;
import dev.plexauth.sdk.errors.PlexException;
import dev.plexauth.sdk.errors.RequestTimeoutException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs operations: builds the request, sends it through the transport, retries as the configuration
 * allows, and reads the answer or maps the error. One per {@code PlexAPI}; stateless and
 * thread-safe. Its clock, its waits and its jitter come from the configuration's {@link
 * RetryTiming}.
 */
public final class OperationRunner {

  private final ClientConfig config;
  private final RetryClock clock;

  /**
   * Creates the runner.
   *
   * @param config the client's settings
   */
  public OperationRunner(ClientConfig config) {
    this.config = config;
    this.clock = config.timing().clock();
  }

  /** One call, ready to send: the request and the rules for retrying it. */
  private record Call<T>(
      Operation<T> operation,
      TransportRequest request,
      RetryConfig retry,
      List<String> retryCodes,
      long startNanos,
      String token,
      boolean refreshed) {}

  /** What one attempt produced: an answer or a transport failure. */
  private record Outcome(TransportResponse response, IOException failure) {}

  /**
   * Runs an operation, blocking until it succeeds or fails for good.
   *
   * @param operation the operation
   * @param options the call's options
   * @param <T> the response type
   * @return the response
   * @throws PlexException when the call fails
   */
  public <T> T call(Operation<T> operation, RequestOptions options) {
    Call<T> call = prepare(operation, options, false);
    for (int attempt = 0; ; attempt++) {
      Outcome outcome = sendOnce(call, attempt);
      if (expired(call, outcome)) {
        refresh(call);
        call = prepare(operation, options, true);
        attempt = -1;
        continue;
      }
      Duration delay = retryDelay(call, outcome, attempt);
      if (delay == null) {
        return finish(call, outcome);
      }
      sleep(call, delay);
    }
  }

  /**
   * Whether the answer is a 498 that a refreshable token may cure: the token sent came from a
   * {@link RefreshableToken} and this call has not refreshed it yet. One refresh per call, so a
   * server that keeps answering 498 never makes a loop.
   */
  private boolean expired(Call<?> call, Outcome outcome) {
    return outcome.response() != null
        && outcome.response().statusCode() == 498
        && !call.refreshed()
        && call.token() != null
        && config.accessToken() instanceof RefreshableToken;
  }

  private void refresh(Call<?> call) {
    HttpLog.retrying(call.operation().id(), "HTTP 498, token refreshed", Duration.ZERO);
    ((RefreshableToken) config.accessToken()).refresh(call.token());
  }

  /**
   * Runs an operation without blocking; waits between retries are scheduled, not slept.
   *
   * @param operation the operation
   * @param options the call's options
   * @param <T> the response type
   * @return a future completing with the response, or exceptionally with the {@link PlexException}
   *     itself
   */
  public <T> CompletableFuture<T> callAsync(Operation<T> operation, RequestOptions options) {
    Call<T> call = prepare(operation, options, false);
    CompletableFuture<T> result = new CompletableFuture<>();
    AtomicReference<CompletableFuture<TransportResponse>> inFlight = new AtomicReference<>();
    result.whenComplete(
        (value, failure) -> {
          CompletableFuture<TransportResponse> pending = inFlight.get();
          if (result.isCancelled() && pending != null) {
            pending.cancel(true);
          }
        });
    attemptAsync(call, 0, result, inFlight, options);
    return result;
  }

  private <T> void attemptAsync(
      Call<T> call,
      int attempt,
      CompletableFuture<T> result,
      AtomicReference<CompletableFuture<TransportResponse>> inFlight,
      RequestOptions options) {
    if (result.isDone()) {
      return;
    }
    HttpLog.sending(call.operation().id(), call.request(), attempt + 1);
    long sent = System.nanoTime();
    CompletableFuture<TransportResponse> exchange;
    try {
      exchange = config.transport().sendAsync(call.request());
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    inFlight.set(exchange);
    exchange.whenComplete(
        (response, failure) -> {
          Outcome outcome;
          if (failure == null) {
            HttpLog.received(call.request(), response.statusCode(), since(sent));
            outcome = sized(call, response);
          } else {
            HttpLog.failed(call.request(), Failures.unwrap(failure), since(sent));
            IOException io = Failures.asIOException(failure);
            if (io == null) {
              result.completeExceptionally(Failures.unwrap(failure));
              return;
            }
            outcome = new Outcome(null, io);
          }
          try {
            if (expired(call, outcome)) {
              refresh(call);
              attemptAsync(prepare(call.operation(), options, true), 0, result, inFlight, options);
              return;
            }
            Duration delay = retryDelay(call, outcome, attempt);
            if (delay != null) {
              config
                  .timing()
                  .sleeper()
                  .schedule(
                      delay, () -> attemptAsync(call, attempt + 1, result, inFlight, options));
            } else {
              result.complete(finish(call, outcome));
            }
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
  }

  private <T> Call<T> prepare(Operation<T> operation, RequestOptions options, boolean refreshed) {
    URI base = base(operation, options);
    URI uri = Urls.resolve(base, operation.path(), operation.query());
    Map<String, String> headers = new LinkedHashMap<>();
    if (operation.contentType() != null) {
      headers.put("Content-Type", operation.contentType());
    }
    headers.put("Accept", "application/json");
    ClientConfig.Identity identity = operation.identity(config.identity());
    if (operation.signIn() && identity.clientID().isEmpty()) {
      throw new IllegalArgumentException(
          operation.id()
              + " needs a clientID: set it on the request or with PlexAPI.builder().clientID(...)");
    }
    putIfNotEmpty(headers, "X-Plex-Client-Identifier", identity.clientID());
    putIfNotEmpty(headers, "X-Plex-Product", identity.clientName());
    putIfNotEmpty(headers, "X-Plex-Version", identity.clientVersion());
    putIfNotEmpty(headers, "X-Plex-Device", identity.deviceNickname());
    putIfNotEmpty(headers, "X-Plex-Platform", identity.platform());
    for (Map.Entry<String, String> header : operation.headers()) {
      headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(header.getKey()));
      putIfNotEmpty(headers, header.getKey(), header.getValue());
    }
    String token = null;
    if (operation.sendsToken() && config.accessToken() != null) {
      token = config.accessToken().get();
      putIfNotEmpty(headers, "X-Plex-Token", token == null ? "" : token);
    }
    headers.put("User-Agent", UserAgent.VALUE);
    options
        .headers()
        .forEach(
            (name, value) -> {
              headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
              headers.put(name, value);
            });
    Duration timeout = options.timeout().orElse(config.requestTimeout());
    TransportRequest request =
        new TransportRequest(
            operation.method(), uri, headers, operation.body(), timeout, config.maxResponseBytes());
    return new Call<>(
        operation,
        request,
        options.retries().orElse(config.retryConfig()),
        options.retryCodes().orElse(StatusCodes.DEFAULT_RETRY_CODES),
        clock.nanoTime(),
        token,
        refreshed);
  }

  private URI base(Operation<?> operation, RequestOptions options) {
    Optional<String> override = options.serverURL();
    if (override.isPresent()) {
      return Urls.parseBase(override.get(), "serverURL");
    }
    if (operation.server() == Operation.Server.PLEX_TV) {
      return config.plexTvURL();
    }
    if (config.serverURL() == null) {
      throw new IllegalStateException(
          operation.id()
              + " needs the Plex Media Server address: set PlexAPI.builder().serverURL(...) or"
              + " ip(...), or RequestOptions.builder().serverURL(...)");
    }
    return config.serverURL();
  }

  private static void putIfNotEmpty(Map<String, String> headers, String name, String value) {
    if (!value.isEmpty()) {
      headers.put(name, HeaderValues.check(name, value));
    }
  }

  private Outcome sendOnce(Call<?> call, int attempt) {
    HttpLog.sending(call.operation().id(), call.request(), attempt + 1);
    long sent = System.nanoTime();
    try {
      TransportResponse response = config.transport().send(call.request());
      HttpLog.received(call.request(), response.statusCode(), since(sent));
      return sized(call, response);
    } catch (IOException e) {
      HttpLog.failed(call.request(), e, since(sent));
      return new Outcome(null, e);
    }
  }

  /**
   * An answer, or a too-large failure when a transport returned more than the limit (the default
   * transport refuses it before; another may not).
   */
  private static Outcome sized(Call<?> call, TransportResponse response) {
    long limit = call.request().maxResponseBytes();
    if (response.body().length > limit) {
      return new Outcome(
          null,
          new ResponseTooLargeException(response.statusCode(), response.headers(), limit, -1));
    }
    return new Outcome(response, null);
  }

  /**
   * Decides whether to try again and after how long; null means this outcome is final.
   *
   * <p>A status is retried when it is one of the retry codes; a failure only with {@code
   * retryConnectionErrors}. An operation that must not be sent twice (the sign-in flow, a pin's
   * approval) is retried only when the connection was never made. No retry starts when the time
   * spent plus the delay would pass {@code maxElapsedTime}.
   */
  private Duration retryDelay(Call<?> call, Outcome outcome, int attempt) {
    RetryConfig retry = call.retry();
    if (!retry.isBackoff()) {
      return null;
    }
    Duration delay;
    String reason;
    if (outcome.response() != null) {
      int status = outcome.response().statusCode();
      if ((status >= 200 && status <= 299)
          || !call.operation().resendable()
          || !StatusCodes.matches(call.retryCodes(), status)) {
        return null;
      }
      delay =
          outcome
              .response()
              .header("Retry-After")
              .flatMap(value -> RetryAfter.parse(value, clock.instant()))
              .orElseGet(() -> Backoff.delay(retry, attempt, config.timing().random()));
      reason = "HTTP " + status;
    } else if (outcome.failure() instanceof ResponseTooLargeException) {
      return null; // the same request would get the same answer
    } else {
      Failures failure = Failures.classify(outcome.failure());
      if (!retry.retryConnectionErrors()
          || (!call.operation().resendable() && !failure.notSent())) {
        return null;
      }
      delay = Backoff.delay(retry, attempt, config.timing().random());
      reason = outcome.failure().getClass().getSimpleName();
    }
    Duration elapsed = Duration.ofNanos(clock.nanoTime() - call.startNanos());
    if (elapsed.plus(delay).compareTo(retry.maxElapsedTime()) > 0) {
      return null;
    }
    HttpLog.retrying(call.operation().id(), reason, delay);
    return delay;
  }

  private <T> T finish(Call<T> call, Outcome outcome) {
    Operation<T> operation = call.operation();
    if (outcome.failure() instanceof ResponseTooLargeException tooLarge) {
      throw ErrorMapper.tooLarge(operation, tooLarge);
    }
    if (outcome.failure() != null) {
      throw connectionError(call, outcome.failure());
    }
    TransportResponse response = outcome.response();
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw ErrorMapper.map(operation, response, clock.instant());
    }
    String contentType = response.header("Content-Type").orElse("");
    Decoders.Answer answer =
        new Decoders.Answer(status, contentType, response.headers(), response.body());
    try {
      T value = operation.decoder().decode(answer);
      answer.requireReadable();
      return value;
    } catch (DecodeException e) {
      throw ErrorMapper.undecodable(operation, response, e.getMessage());
    }
  }

  private static PlexConnectionException connectionError(Call<?> call, IOException failure) {
    String id = call.operation().id();
    URI uri = call.request().uri();
    String where = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    Failures kind = Failures.classify(failure);
    if (kind.timeout() && kind.notSent()) {
      return new RequestTimeoutException(
          id, id + ": could not connect to " + where + " in time", failure);
    }
    if (kind.timeout()) {
      return new RequestTimeoutException(
          id,
          id
              + ": no answer from "
              + where
              + " within "
              + call.request().timeout().toMillis()
              + " ms",
          failure);
    }
    if (kind.notSent()) {
      return new PlexConnectionException(
          id,
          id + ": could not connect to " + where + " (" + failure.getClass().getSimpleName() + ")",
          failure);
    }
    return new PlexConnectionException(
        id,
        id + ": connection to " + where + " failed (" + failure.getClass().getSimpleName() + ")",
        failure);
  }

  private void sleep(Call<?> call, Duration delay) {
    try {
      config.timing().sleeper().sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      String id = call.operation().id();
      throw new PlexConnectionException(id, id + ": interrupted while waiting to retry", e);
    }
  }

  /** The time an attempt took, for the log: always the system's clock. */
  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
