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
import java.util.SplittableRandom;
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

/**
 * Retries: when, how often, how long between, and never a sign-in that may have arrived. The waits
 * between attempts go through a {@link TestTiming}: the tests read the delays the loop chose
 * instead of spending them.
 */
class RetryTest {

  /** Fast backoff for tests: caps of 10, 20, 40, 50, 50… ms, five seconds in total. */
  private static final RetryConfig FAST =
      RetryConfig.backoff(Duration.ofMillis(10), Duration.ofMillis(50), 2.0, Duration.ofSeconds(5));

  private MockWebServer server;
  private final TestTiming timing = new TestTiming();

  /** A client of the server whose retry loop waits on {@link #timing}. */
  private PlexAPI.Builder client() {
    return clientFor(server).retryTiming(timing.retryTiming());
  }

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

  /** Answers every request the same way, recording when each arrived on the test's clock. */
  private static final class Always extends Dispatcher {
    final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final MockResponse answer;
    private final TestTiming timing;

    Always(MockResponse answer, TestTiming timing) {
      this.answer = answer;
      this.timing = timing;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      arrivals.add(timing.nanoTime());
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
        client()
            .retryConfig(FAST)
            .build()
            .authentication()
            .getTokenDetails()
            .userPlexAccount()
            .username();

    assertThat(username).isEqualTo("Username");
    assertThat(server.getRequestCount()).isEqualTo(6);
    assertThat(timing.sleeps())
        .as("each wait is its cap: the jitter draws the largest delay")
        .containsExactly(
            Duration.ofMillis(10),
            Duration.ofMillis(20),
            Duration.ofMillis(40),
            Duration.ofMillis(50),
            Duration.ofMillis(50));
  }

  @Test
  void statusesOutsideTheRetryCodesAreNotRetried() {
    for (int status : List.of(400, 401, 403, 404, 501)) {
      server.enqueue(Wire.json(status, "{}"));
    }
    Authentication auth = client().retryConfig(FAST).build().authentication();

    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(auth::getTokenDetails).isInstanceOf(SDKError.class);
    }
    assertThat(server.getRequestCount()).isEqualTo(5);
    assertThat(timing.waits()).isEmpty();
  }

  @Test
  void delaysStayWithinTheFullJitterBounds() {
    RetryConfig config =
        RetryConfig.backoff(
            Duration.ofMillis(100), Duration.ofMillis(200), 2.0, Duration.ofMillis(900));
    TestTiming largest = new TestTiming();
    for (TestTiming timing : List.of(largest, new TestTiming(new SplittableRandom(42)))) {
      Always always = new Always(Wire.json(503, "{}"), timing);
      server.setDispatcher(always);
      PlexAPI plex =
          clientFor(server).retryConfig(config).retryTiming(timing.retryTiming()).build();

      long start = timing.nanoTime();
      assertThatThrownBy(() -> plex.authentication().getTokenDetails())
          .isInstanceOf(ServerErrorException.class);
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(timing.nanoTime() - start);

      List<Long> arrivals = always.arrivals;
      assertThat(arrivals.size()).isGreaterThanOrEqualTo(4);
      assertThat(timing.sleeps()).hasSize(arrivals.size() - 1);
      // Caps: 100 ms before the first retry, 200 ms (the max interval) before every later one;
      // the slack covers one request on a busy machine.
      for (int n = 1; n < arrivals.size(); n++) {
        long gapMillis = TimeUnit.NANOSECONDS.toMillis(arrivals.get(n) - arrivals.get(n - 1));
        long cap = n == 1 ? 100 : 200;
        assertThat(gapMillis).as("gap before retry %d", n).isBetween(0L, cap + 300);
        assertThat(timing.sleeps().get(n - 1))
            .as("wait before retry %d", n)
            .isBetween(Duration.ZERO, Duration.ofMillis(cap));
      }
      assertThat(elapsedMillis).isLessThan(900 + 1000);
    }
    List<Duration> atTheCaps = largest.sleeps();
    assertThat(atTheCaps.get(0)).isEqualTo(Duration.ofMillis(100));
    assertThat(atTheCaps.subList(1, atTheCaps.size())).containsOnly(Duration.ofMillis(200));
  }

  @Test
  void retryAfterInSecondsReplacesTheComputedDelay() {
    server.enqueue(
        new MockResponse.Builder().code(503).setHeader("Retry-After", "1").body("{}").build());
    server.enqueue(Wire.user(200));

    long start = timing.nanoTime();
    client().retryConfig(FAST).build().authentication().getTokenDetails();
    Duration elapsed = Duration.ofNanos(timing.nanoTime() - start);

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(timing.sleeps()).containsExactly(Duration.ofSeconds(1));
    assertThat(elapsed).isBetween(Duration.ofMillis(950), Duration.ofSeconds(5));
  }

  @Test
  void retryAfterAsAnHttpDateIsHonoured() {
    String inTwoSeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.ofInstant(timing.instant(), ZoneOffset.UTC).plusSeconds(2));
    server.enqueue(
        new MockResponse.Builder().code(429).setHeader("Retry-After", inTwoSeconds).build());
    server.enqueue(Wire.user(200));

    long start = timing.nanoTime();
    client().retryConfig(FAST).build().authentication().getTokenDetails();
    Duration elapsed = Duration.ofNanos(timing.nanoTime() - start);

    assertThat(server.getRequestCount()).isEqualTo(2);
    // The date has whole seconds, so the wait is between one and two seconds.
    assertThat(timing.sleeps())
        .singleElement()
        .satisfies(
            wait -> assertThat(wait).isBetween(Duration.ofMillis(900), Duration.ofSeconds(2)));
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
                .build(),
            timing);
    server.setDispatcher(always);
    RetryConfig config =
        RetryConfig.backoff(
            Duration.ofMillis(20), Duration.ofMillis(20), 1.0, Duration.ofMillis(300));

    // Retry-After: 0 means no wait at all, so only the time the attempts take ends the call.
    long start = timing.nanoTime();
    RateLimitedException error =
        catchThrowableOfType(
            RateLimitedException.class,
            () -> client().retryConfig(config).build().authentication().getTokenDetails());
    Duration elapsed = Duration.ofNanos(timing.nanoTime() - start);

    assertThat(error.code()).isEqualTo(1003);
    assertThat(error.retryAfter()).contains(Duration.ZERO);
    assertThat(always.arrivals.size()).isGreaterThanOrEqualTo(3);
    assertThat(timing.sleeps()).hasSize(always.arrivals.size() - 1).containsOnly(Duration.ZERO);
    assertThat(elapsed).isBetween(Duration.ofMillis(250), Duration.ofMillis(300 + 1000));
  }

  @Test
  void aRetryAfterBeyondMaxElapsedTimeEndsTheCallAtOnce() {
    server.enqueue(
        new MockResponse.Builder().code(503).setHeader("Retry-After", "30").body("{}").build());
    RetryConfig config =
        RetryConfig.backoff(
            Duration.ofMillis(10), Duration.ofMillis(10), 1.0, Duration.ofSeconds(2));

    long start = timing.nanoTime();
    assertThatThrownBy(
            () -> client().retryConfig(config).build().authentication().getTokenDetails())
        .isInstanceOf(ServerErrorException.class);

    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(timing.waits()).as("no wait was even started").isEmpty();
    assertThat(Duration.ofNanos(timing.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void retryCodesCanBeReplacedPerCallWithCodesAndRanges() {
    server.enqueue(Wire.json(503, "{}"));
    server.enqueue(Wire.json(501, "{}"));
    server.enqueue(Wire.user(200));
    Authentication auth = client().retryConfig(FAST).build().authentication();

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

    client()
        .build()
        .authentication()
        .getTokenDetails(RequestOptions.builder().retries(FAST).build());
    assertThat(server.getRequestCount()).isEqualTo(2);

    assertThatThrownBy(
            () ->
                client()
                    .retryConfig(FAST)
                    .build()
                    .authentication()
                    .getTokenDetails(RequestOptions.builder().retries(RetryConfig.none()).build()))
        .isInstanceOf(ServerErrorException.class);
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(timing.waits()).containsExactly(Duration.ofMillis(10));
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
            .retryTiming(timing.retryTiming())
            .build();

    assertThatThrownBy(
            () ->
                plex.authentication()
                    .getTokenDetails(RequestOptions.builder().retries(config).build()))
        .isInstanceOf(PlexConnectionException.class);
    assertThat(counting.attempts).hasValue(1);
    assertThat(timing.waits()).isEmpty();

    assertThatThrownBy(
            () ->
                plex.authentication()
                    .getTokenDetails(
                        RequestOptions.builder()
                            .retries(config.withRetryConnectionErrors(true))
                            .build()))
        .isInstanceOf(PlexConnectionException.class);
    assertThat(counting.attempts.get()).isGreaterThan(2);
    assertThat(timing.waits())
        .as("one wait between attempts of the second call")
        .hasSize(counting.attempts.get() - 2);
  }

  @Test
  void timeoutsOfReadsAreRetriedWithRetryConnectionErrors() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    server.enqueue(Wire.user(200));

    client()
        .requestTimeout(Duration.ofMillis(200))
        .retryConfig(FAST.withRetryConnectionErrors(true))
        .build()
        .authentication()
        .getTokenDetails();

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(timing.waits()).containsExactly(Duration.ofMillis(10));
  }

  @Test
  void timeoutsAreNotRetriedWithoutRetryConnectionErrors() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    server.enqueue(Wire.user(200));

    assertThatThrownBy(
            () ->
                client()
                    .requestTimeout(Duration.ofMillis(200))
                    .retryConfig(FAST)
                    .build()
                    .authentication()
                    .getTokenDetails())
        .isInstanceOf(RequestTimeoutException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(timing.waits()).isEmpty();
  }

  @Test
  void signInIsNeverRetriedAfterTheRequestWasSent() {
    PlexAPI plex = client().retryConfig(FAST.withRetryConnectionErrors(true)).build();
    for (int status : List.of(429, 500, 502, 503, 504)) {
      server.enqueue(new MockResponse.Builder().code(status).setHeader("Retry-After", "0").build());
      server.enqueue(Wire.json(201, Wire.fixture("signin.json")));

      assertThatThrownBy(() -> plex.authentication().postUsersSignInData(signInRequest()))
          .isInstanceOf(SDKError.class);
      server.setDispatcher(new mockwebserver3.QueueDispatcher());
    }
    assertThat(server.getRequestCount()).isEqualTo(5);
    assertThat(timing.waits()).isEmpty();
  }

  @Test
  void signInIsNotRetriedAfterATimeoutOrADroppedConnection() throws IOException {
    PlexAPI plex =
        client()
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
      assertThat(timing.waits()).isEmpty();
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
            .retryTiming(timing.holdScheduledRetries().retryTiming())
            .build();

    CompletableFuture<PostUsersSignInDataResponse> signIn =
        plex.authentication().postUsersSignInDataAsync(signInRequest());
    timing.awaitScheduled(1);
    timing.releaseNext();
    timing.awaitScheduled(2);
    assertThat(signIn).as("two attempts refused, a third waits").isNotDone();
    MockWebServer late = new MockWebServer();
    try {
      late.enqueue(Wire.json(201, Wire.fixture("signin.json")));
      late.start(InetAddress.getByName("127.0.0.1"), port);
      timing.releaseNext();

      PostUsersSignInDataResponse response = signIn.get(10, TimeUnit.SECONDS);

      assertThat(response.statusCode()).isEqualTo(201);
      assertThat(late.getRequestCount()).isEqualTo(1);
      assertThat(timing.scheduled()).containsExactly(Duration.ofMillis(20), Duration.ofMillis(30));
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
            .retryTiming(timing.retryTiming())
            .build();

    assertThatThrownBy(() -> plex.authentication().postUsersSignInData(signInRequest()))
        .isInstanceOf(PlexConnectionException.class);
    assertThat(counting.attempts).hasValue(1);
    assertThat(timing.waits()).isEmpty();
  }

  @Test
  void anErrorThatIsNotRetriedKeepsItsClass() {
    server.enqueue(Wire.json(401, "{\"errors\":[{\"code\":1001}]}"));

    assertThatThrownBy(() -> client().retryConfig(FAST).build().authentication().getTokenDetails())
        .isInstanceOf(GetTokenDetailsUnauthorized.class);
    assertThat(timing.waits()).isEmpty();
  }
}
