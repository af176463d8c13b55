package dev.plexauth.sdk;

import static dev.plexauth.sdk.Wire.clientFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plexauth.sdk.errors.GetTokenDetailsUnauthorized;
import dev.plexauth.sdk.errors.PlexConnectionException;
import dev.plexauth.sdk.errors.RateLimitedException;
import dev.plexauth.sdk.errors.RequestTimeoutException;
import dev.plexauth.sdk.errors.SDKError;
import dev.plexauth.sdk.errors.ServerErrorException;
import dev.plexauth.sdk.models.PostUsersSignInDataRequest;
import dev.plexauth.sdk.models.PostUsersSignInDataRequestBody;
import dev.plexauth.sdk.models.PostUsersSignInDataResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries: when, how often, how long between, and never a sign-in that may have arrived. */
class RetryTest {

  /** Fast backoff for tests: caps of 10, 20, 40, 50, 50… ms, five seconds in total. */
  private static final RetryConfig FAST =
      RetryConfig.backoff(Duration.ofMillis(10), Duration.ofMillis(50), 2.0, Duration.ofSeconds(5));

  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static PostUsersSignInDataRequest signInRequest() {
    return PostUsersSignInDataRequest.builder()
        .clientID("cid")
        .requestBody(PostUsersSignInDataRequestBody.of("alice", "hunter2"))
        .build();
  }

  /** Answers every request the same way, recording when each arrived. */
  private static final class Always extends Dispatcher {
    final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final MockResponse answer;

    Always(MockResponse answer) {
      this.answer = answer;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      arrivals.add(System.nanoTime());
      return answer;
    }
  }

  /** Counts attempts while delegating to the real JDK transport. */
  private static final class Counting implements Transport {
    final AtomicInteger attempts = new AtomicInteger();
    private final Transport real = Transport.jdk(Duration.ofSeconds(2));

    @Override
    public TransportResponse send(TransportRequest request) throws IOException {
      attempts.incrementAndGet();
      return real.send(request);
    }
  }

  @Test
  void nothingIsRetriedWithoutARetryConfig() {
    server.enqueue(Wire.json(503, "{}"));
    server.enqueue(Wire.user(200));

    assertThatThrownBy(() -> clientFor(server).build().authentication().getTokenDetails())
        .isInstanceOf(ServerErrorException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void backoffRetriesEachDefaultRetryCodeUntilSuccess() {
    for (int status : List.of(429, 500, 502, 503, 504)) {
      server.enqueue(Wire.json(status, "{}"));
    }
    server.enqueue(Wire.user(200));

    String username =
        clientFor(server)
            .retryConfig(FAST)
            .build()
            .authentication()
            .getTokenDetails()
            .userPlexAccount()
            .username();

    assertThat(username).isEqualTo("Username");
    assertThat(server.getRequestCount()).isEqualTo(6);
  }

  @Test
  void statusesOutsideTheRetryCodesAreNotRetried() {
    for (int status : List.of(400, 401, 403, 404, 501)) {
      server.enqueue(Wire.json(status, "{}"));
    }
    Authentication auth = clientFor(server).retryConfig(FAST).build().authentication();

    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(auth::getTokenDetails).isInstanceOf(SDKError.class);
    }
    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void delaysStayWithinTheFullJitterBounds() {
    Always always = new Always(Wire.json(503, "{}"));
    server.setDispatcher(always);
    RetryConfig config =
        RetryConfig.backoff(
            Duration.ofMillis(100), Duration.ofMillis(200), 2.0, Duration.ofMillis(900));

    long start = System.nanoTime();
    assertThatThrownBy(
            () -> clientFor(server).retryConfig(config).build().authentication().getTokenDetails())
        .isInstanceOf(ServerErrorException.class);
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    List<Long> arrivals = always.arrivals;
    assertThat(arrivals.size()).isGreaterThanOrEqualTo(4);
    // Caps: 100 ms before the first retry, 200 ms (the max interval) before every later one;
    // the slack covers one request on a busy machine.
    for (int n = 1; n < arrivals.size(); n++) {
      long gapMillis = TimeUnit.NANOSECONDS.toMillis(arrivals.get(n) - arrivals.get(n - 1));
      long cap = n == 1 ? 100 : 200;
      assertThat(gapMillis).as("gap before retry %d", n).isBetween(0L, cap + 300);
    }
    assertThat(elapsedMillis).isLessThan(900 + 1000);
  }

  @Test
  void retryAfterInSecondsReplacesTheComputedDelay() {
    server.enqueue(
        new MockResponse.Builder().code(503).setHeader("Retry-After", "1").body("{}").build());
    server.enqueue(Wire.user(200));

    long start = System.nanoTime();
    clientFor(server).retryConfig(FAST).build().authentication().getTokenDetails();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(elapsed).isBetween(Duration.ofMillis(950), Duration.ofSeconds(5));
  }

  @Test
  void retryAfterAsAnHttpDateIsHonoured() {
    String inTwoSeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
    server.enqueue(
        new MockResponse.Builder().code(429).setHeader("Retry-After", inTwoSeconds).build());
    server.enqueue(Wire.user(200));

    long start = System.nanoTime();
    clientFor(server).retryConfig(FAST).build().authentication().getTokenDetails();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    assertThat(server.getRequestCount()).isEqualTo(2);
    // The date has whole seconds, so the wait is between one and two seconds.
    assertThat(elapsed).isBetween(Duration.ofMillis(900), Duration.ofSeconds(6));
  }

  @Test
  void maxElapsedTimeStopsRetryingAndThrowsTheLastErrorMappedNormally() {
    Always always =
        new Always(
            new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "0")
                .setHeader("Content-Type", "application/json")
                .body("{\"errors\":[{\"code\":1003,\"message\":\"API rate limit exceeded\"}]}")
                .build());
    server.setDispatcher(always);
    RetryConfig config =
        RetryConfig.backoff(
            Duration.ofMillis(20), Duration.ofMillis(20), 1.0, Duration.ofMillis(300));

    long start = System.nanoTime();
    RateLimitedException error =
        catchThrowableOfType(
            RateLimitedException.class,
            () -> clientFor(server).retryConfig(config).build().authentication().getTokenDetails());
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    assertThat(error.code()).isEqualTo(1003);
    assertThat(error.retryAfter()).contains(Duration.ZERO);
    assertThat(always.arrivals.size()).isGreaterThanOrEqualTo(3);
    assertThat(elapsed).isBetween(Duration.ofMillis(250), Duration.ofMillis(300 + 1000));
  }

  @Test
  void aRetryAfterBeyondMaxElapsedTimeEndsTheCallAtOnce() {
    server.enqueue(
        new MockResponse.Builder().code(503).setHeader("Retry-After", "30").body("{}").build());
    RetryConfig config =
        RetryConfig.backoff(
            Duration.ofMillis(10), Duration.ofMillis(10), 1.0, Duration.ofSeconds(2));

    long start = System.nanoTime();
    assertThatThrownBy(
            () -> clientFor(server).retryConfig(config).build().authentication().getTokenDetails())
        .isInstanceOf(ServerErrorException.class);

    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void retryCodesCanBeReplacedPerCallWithCodesAndRanges() {
    server.enqueue(Wire.json(503, "{}"));
    server.enqueue(Wire.json(501, "{}"));
    server.enqueue(Wire.user(200));
    Authentication auth = clientFor(server).retryConfig(FAST).build().authentication();

    assertThatThrownBy(
            () -> auth.getTokenDetails(RequestOptions.builder().retryCodes("500").build()))
        .isInstanceOf(ServerErrorException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);

    auth.getTokenDetails(RequestOptions.builder().retryCodes("5xx").build());
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void perCallRetriesReplaceTheClients() {
    server.enqueue(Wire.json(503, "{}"));
    server.enqueue(Wire.user(200));
    server.enqueue(Wire.json(503, "{}"));

    clientFor(server)
        .build()
        .authentication()
        .getTokenDetails(RequestOptions.builder().retries(FAST).build());
    assertThat(server.getRequestCount()).isEqualTo(2);

    assertThatThrownBy(
            () ->
                clientFor(server)
                    .retryConfig(FAST)
                    .build()
                    .authentication()
                    .getTokenDetails(RequestOptions.builder().retries(RetryConfig.none()).build()))
        .isInstanceOf(ServerErrorException.class);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void refusedConnectionsAreRetriedOnlyWithRetryConnectionErrors() {
    Counting counting = new Counting();
    RetryConfig config =
        RetryConfig.backoff(
            Duration.ofMillis(10), Duration.ofMillis(20), 1.5, Duration.ofMillis(300));
    PlexAPI plex =
        PlexAPI.builder()
            .plexTvURL("http://127.0.0.1:" + Wire.closedPort())
            .transport(counting)
            .build();

    assertThatThrownBy(
            () ->
                plex.authentication()
                    .getTokenDetails(RequestOptions.builder().retries(config).build()))
        .isInstanceOf(PlexConnectionException.class);
    assertThat(counting.attempts).hasValue(1);

    assertThatThrownBy(
            () ->
                plex.authentication()
                    .getTokenDetails(
                        RequestOptions.builder()
                            .retries(config.withRetryConnectionErrors(true))
                            .build()))
        .isInstanceOf(PlexConnectionException.class);
    assertThat(counting.attempts.get()).isGreaterThan(2);
  }

  @Test
  void timeoutsOfReadsAreRetriedWithRetryConnectionErrors() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    server.enqueue(Wire.user(200));

    clientFor(server)
        .requestTimeout(Duration.ofMillis(200))
        .retryConfig(FAST.withRetryConnectionErrors(true))
        .build()
        .authentication()
        .getTokenDetails();

    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void timeoutsAreNotRetriedWithoutRetryConnectionErrors() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    server.enqueue(Wire.user(200));

    assertThatThrownBy(
            () ->
                clientFor(server)
                    .requestTimeout(Duration.ofMillis(200))
                    .retryConfig(FAST)
                    .build()
                    .authentication()
                    .getTokenDetails())
        .isInstanceOf(RequestTimeoutException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void signInIsNeverRetriedAfterTheRequestWasSent() {
    PlexAPI plex = clientFor(server).retryConfig(FAST.withRetryConnectionErrors(true)).build();
    for (int status : List.of(429, 500, 502, 503, 504)) {
      server.enqueue(new MockResponse.Builder().code(status).setHeader("Retry-After", "0").build());
      server.enqueue(Wire.json(201, Wire.fixture("signin.json")));

      assertThatThrownBy(() -> plex.authentication().postUsersSignInData(signInRequest()))
          .isInstanceOf(SDKError.class);
      server.setDispatcher(new mockwebserver3.QueueDispatcher());
    }
    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void signInIsNotRetriedAfterATimeoutOrADroppedConnection() throws IOException {
    PlexAPI plex =
        clientFor(server)
            .requestTimeout(Duration.ofMillis(200))
            .retryConfig(FAST.withRetryConnectionErrors(true))
            .build();
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    server.enqueue(Wire.json(201, Wire.fixture("signin.json")));

    assertThatThrownBy(() -> plex.authentication().postUsersSignInData(signInRequest()))
        .isInstanceOf(RequestTimeoutException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);

    MockWebServer dropping = new MockWebServer();
    try {
      dropping.start();
      dropping.enqueue(
          new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
      dropping.enqueue(Wire.json(201, Wire.fixture("signin.json")));
      assertThatThrownBy(
              () ->
                  plex.authentication()
                      .postUsersSignInData(
                          signInRequest(),
                          RequestOptions.builder().serverURL(Wire.base(dropping)).build()))
          .isInstanceOf(PlexConnectionException.class)
          .isNotInstanceOf(RequestTimeoutException.class);
      assertThat(dropping.getRequestCount()).isEqualTo(1);
    } finally {
      dropping.close();
    }
  }

  @Test
  void signInIsRetriedWhenTheConnectionWasRefusedAndRetryConnectionErrorsIsOn() throws Exception {
    int port = Wire.closedPort();
    PlexAPI plex =
        PlexAPI.builder()
            .plexTvURL("http://127.0.0.1:" + port)
            .retryConfig(
                RetryConfig.backoff(
                        Duration.ofMillis(20), Duration.ofMillis(100), 1.5, Duration.ofSeconds(20))
                    .withRetryConnectionErrors(true))
            .build();

    CompletableFuture<PostUsersSignInDataResponse> signIn =
        plex.authentication().postUsersSignInDataAsync(signInRequest());
    Thread.sleep(300);
    assertThat(signIn).isNotDone();
    MockWebServer late = new MockWebServer();
    try {
      late.enqueue(Wire.json(201, Wire.fixture("signin.json")));
      late.start(InetAddress.getByName("127.0.0.1"), port);

      PostUsersSignInDataResponse response = signIn.get(10, TimeUnit.SECONDS);

      assertThat(response.statusCode()).isEqualTo(201);
      assertThat(late.getRequestCount()).isEqualTo(1);
    } finally {
      late.close();
    }
  }

  @Test
  void signInOnARefusedConnectionIsNotRetriedWithoutRetryConnectionErrors() {
    Counting counting = new Counting();
    PlexAPI plex =
        PlexAPI.builder()
            .plexTvURL("http://127.0.0.1:" + Wire.closedPort())
            .retryConfig(FAST)
            .transport(counting)
            .build();

    assertThatThrownBy(() -> plex.authentication().postUsersSignInData(signInRequest()))
        .isInstanceOf(PlexConnectionException.class);
    assertThat(counting.attempts).hasValue(1);
  }

  @Test
  void anErrorThatIsNotRetriedKeepsItsClass() {
    server.enqueue(Wire.json(401, "{\"errors\":[{\"code\":1001}]}"));

    assertThatThrownBy(
            () -> clientFor(server).retryConfig(FAST).build().authentication().getTokenDetails())
        .isInstanceOf(GetTokenDetailsUnauthorized.class);
  }
}
