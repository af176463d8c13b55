package dev.plexauth.sdk;

import static dev.plexauth.sdk.Wire.clientFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plexauth.sdk.ScriptedSocketServer.Step;
import dev.plexauth.sdk.errors.PlexConnectionException;
import dev.plexauth.sdk.errors.RateLimitedException;
import dev.plexauth.sdk.errors.RequestTimeoutException;
import dev.plexauth.sdk.errors.ServerErrorException;
import dev.plexauth.sdk.models.GetTransientTokenQueryParamType;
import dev.plexauth.sdk.models.PostUsersSignInDataRequest;
import dev.plexauth.sdk.models.PostUsersSignInDataRequestBody;
import dev.plexauth.sdk.models.Scope;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scripted loopback faults, one kind per test: a connection dropped halfway through the body, a
 * server that stalls, 503 then 200, 429 with {@code Retry-After}, and a TCP reset. Every test
 * counts the requests that reached the server, checks the outcome and bounds the time taken; a
 * sign-in that may have reached the server is never sent twice, whatever the retry settings. The
 * retry loop waits on a {@link TestTiming}, so a test reads the retries it planned instead of
 * waiting for them; the timeouts and stalls are real.
 */
class FaultInjectionTest {

  /** Retries everything retryable, connection failures included: caps of 50, 100, 100… ms. */
  private static final RetryConfig RETRY_ALL =
      RetryConfig.backoff(
              Duration.ofMillis(50), Duration.ofMillis(100), 2.0, Duration.ofSeconds(10))
          .withRetryConnectionErrors(true);

  private static final Duration TIMEOUT = Duration.ofMillis(300);

  /** Room for one request on a busy two-core machine. */
  private static final Duration SLACK = Duration.ofMillis(1500);

  private MockWebServer server;
  private QueueDispatcher queue;
  private final TestTiming timing = new TestTiming();
  private final List<Long> arrivals = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    queue =
        new QueueDispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            arrivals.add(timing.nanoTime());
            return super.dispatch(request);
          }
        };
    server.setDispatcher(queue);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private PlexAPI client() {
    return clientFor(server)
        .requestTimeout(TIMEOUT)
        .retryConfig(RETRY_ALL)
        .retryTiming(timing.retryTiming())
        .build();
  }

  private static PostUsersSignInDataRequest signIn() {
    return PostUsersSignInDataRequest.builder()
        .clientID("cid")
        .requestBody(PostUsersSignInDataRequestBody.of("alice", "hunter2"))
        .build();
  }

  /** How long the call took on the test's clock: real time plus the waits it skipped. */
  private Duration time(Runnable call) {
    long start = timing.nanoTime();
    call.run();
    return Duration.ofNanos(timing.nanoTime() - start);
  }

  private <T extends Throwable> T failure(Class<T> type, Runnable call, Duration[] took) {
    long start = timing.nanoTime();
    T error = catchThrowableOfType(type, call::run);
    took[0] = Duration.ofNanos(timing.nanoTime() - start);
    assertThat(error).as("a %s", type.getSimpleName()).isNotNull();
    return error;
  }

  private static MockResponse cutHalfway(MockResponse answer) {
    return new MockResponse.Builder(answer).onResponseBody(new SocketEffect.CloseSocket()).build();
  }

  private static MockResponse stalled() {
    return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
  }

  // ------------------------------------------------------------------ dropped mid-body

  @Test
  void aBodyCutOffHalfwayIsAConnectionFailureNeverAParseError() {
    queue.enqueue(cutHalfway(Wire.user(200)));
    PlexAPI plex = clientFor(server).requestTimeout(TIMEOUT).build();
    Duration[] took = new Duration[1];

    PlexConnectionException error =
        failure(PlexConnectionException.class, () -> plex.authentication().getTokenDetails(), took);

    assertThat(error).isNotInstanceOf(RequestTimeoutException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(took[0]).isLessThan(TIMEOUT.plus(SLACK));
  }

  @Test
  void anIdempotentCallCutOffMidBodyIsRetriedOnceAndSucceeds() {
    queue.enqueue(cutHalfway(Wire.user(200)));
    queue.enqueue(Wire.user(200));

    Duration took =
        time(
            () ->
                assertThat(client().authentication().getTokenDetails().statusCode())
                    .isEqualTo(200));

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(timing.waits()).containsExactly(Duration.ofMillis(50));
    assertThat(took).isLessThan(Duration.ofMillis(50).plus(SLACK));
  }

  @Test
  void aSignInCutOffMidBodyIsNeverSentAgain() {
    queue.enqueue(cutHalfway(Wire.json(201, Wire.fixture("signin.json"))));
    queue.enqueue(Wire.json(201, Wire.fixture("signin.json")));
    Duration[] took = new Duration[1];

    failure(
        PlexConnectionException.class,
        () -> client().authentication().postUsersSignInData(signIn()),
        took);

    assertThat(timing.waits()).as("no retry was planned").isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(took[0]).isLessThan(TIMEOUT.plus(SLACK));
  }

  // ------------------------------------------------------------------ stalls

  @Test
  void aStalledServerCostsOneTimeoutPerAttemptAndIsRetriedWhenAllowed() {
    queue.enqueue(stalled());
    queue.enqueue(stalled());
    queue.enqueue(Wire.user(200));

    Duration took = time(() -> client().authentication().getTokenDetails());

    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(timing.waits()).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    assertThat(took).isBetween(TIMEOUT.multipliedBy(2), TIMEOUT.multipliedBy(2).plus(SLACK));
  }

  @Test
  void aStalledServerWithoutConnectionRetriesIsOneTimeout() {
    queue.enqueue(stalled());
    queue.enqueue(Wire.user(200));
    PlexAPI plex =
        clientFor(server)
            .requestTimeout(TIMEOUT)
            .retryConfig(RETRY_ALL.withRetryConnectionErrors(false))
            .retryTiming(timing.retryTiming())
            .build();
    Duration[] took = new Duration[1];

    failure(RequestTimeoutException.class, () -> plex.authentication().getTokenDetails(), took);

    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(timing.waits()).isEmpty();
    assertThat(took[0]).isBetween(TIMEOUT, TIMEOUT.plus(SLACK));
  }

  @Test
  void aStalledSignInTimesOutOnceAndIsNeverSentAgain() {
    queue.enqueue(stalled());
    queue.enqueue(
        new MockResponse.Builder(Wire.json(201, Wire.fixture("signin.json")))
            .onResponseBody(SocketEffect.Stall.INSTANCE)
            .build());
    queue.enqueue(Wire.json(201, Wire.fixture("signin.json")));
    Duration[] took = new Duration[1];

    // Stalled before the headers, then (a second call) after them: one request each.
    failure(
        RequestTimeoutException.class,
        () -> client().authentication().postUsersSignInData(signIn()),
        took);
    assertThat(took[0]).isBetween(TIMEOUT, TIMEOUT.plus(SLACK));
    failure(
        RequestTimeoutException.class,
        () -> client().authentication().postUsersSignInData(signIn()),
        took);
    assertThat(took[0]).isBetween(TIMEOUT, TIMEOUT.plus(SLACK));

    assertThat(timing.waits()).as("no retry was planned").isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  // ------------------------------------------------------------------ 503 then 200

  @Test
  void serviceUnavailableThenOkIsOneRetryForEachIdempotentOperation() {
    Authentication auth = client().authentication();
    List<Supplier<Object>> calls =
        List.of(
            () -> auth.getTokenDetails(),
            () -> auth.getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL),
            () -> auth.getSourceConnectionInformation("server://abc"));
    List<MockResponse> answers =
        List.of(
            Wire.user(200),
            Wire.transientToken(),
            Wire.json(
                200,
                "{\"MediaContainer\":{\"size\":1,\"Device\":{\"name\":\"Den\","
                    + "\"clientIdentifier\":\"abc\",\"accessToken\":\"transient-x\","
                    + "\"Connection\":[]}}}"));
    for (int i = 0; i < calls.size(); i++) {
      queue.enqueue(Wire.json(503, "{}"));
      queue.enqueue(answers.get(i));
      int before = server.getRequestCount();
      Supplier<Object> call = calls.get(i);

      Duration took = time(() -> assertThat(call.get()).isNotNull());

      assertThat(server.getRequestCount() - before).as("requests of call %d", i).isEqualTo(2);
      assertThat(timing.waits()).as("waits after call %d", i).hasSize(i + 1);
      assertThat(took).isLessThan(Duration.ofMillis(50).plus(SLACK));
    }
  }

  @Test
  void aSignInAnswered503IsNotSentAgain() {
    queue.enqueue(Wire.json(503, "{}"));
    queue.enqueue(Wire.json(201, Wire.fixture("signin.json")));
    Duration[] took = new Duration[1];

    ServerErrorException error =
        failure(
            ServerErrorException.class,
            () -> client().authentication().postUsersSignInData(signIn()),
            took);

    assertThat(timing.waits()).as("no retry was planned").isEmpty();
    assertThat(error.statusCode()).isEqualTo(503);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(took[0]).isLessThan(SLACK);
  }

  // ------------------------------------------------------------------ 429 with Retry-After

  @Test
  void tooManyRequestsWithRetryAfterWaitsThatLongThenSucceeds() {
    queue.enqueue(
        new MockResponse.Builder(Wire.json(429, "{\"errors\":[{\"code\":1003}]}"))
            .setHeader("Retry-After", "1")
            .build());
    queue.enqueue(Wire.user(200));

    Duration took = time(() -> client().authentication().getTokenDetails());

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(timing.waits()).containsExactly(Duration.ofSeconds(1));
    assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0)))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    assertThat(took).isBetween(Duration.ofMillis(950), Duration.ofSeconds(1).plus(SLACK));
  }

  @Test
  void aSignInAnswered429ReportsRetryAfterWithoutWaitingOrResending() {
    queue.enqueue(
        new MockResponse.Builder(
                Wire.json(
                    429, "{\"errors\":[{\"code\":1031,\"message\":\"locked\",\"status\":429}]}"))
            .setHeader("Retry-After", "60")
            .build());
    queue.enqueue(Wire.json(201, Wire.fixture("signin.json")));
    Duration[] took = new Duration[1];

    RateLimitedException error =
        failure(
            RateLimitedException.class,
            () -> client().authentication().postUsersSignInData(signIn()),
            took);

    assertThat(timing.waits()).as("no retry was planned").isEmpty();
    assertThat(error.code()).isEqualTo(1031);
    assertThat(error.retryAfter()).contains(Duration.ofSeconds(60));
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(took[0]).isLessThan(SLACK);
  }

  // ------------------------------------------------------------------ TCP reset

  @Test
  void aSignInResetAfterItWasReadIsNeverSentAgain() throws Exception {
    try (ScriptedSocketServer reset = new ScriptedSocketServer()) {
      reset.then(Step.RESET_AFTER_REQUEST).thenAnswer(201, Wire.fixture("signin.json"));
      Duration[] took = new Duration[1];

      PlexConnectionException error =
          failure(
              PlexConnectionException.class,
              () -> plexTvAt(reset.url()).authentication().postUsersSignInData(signIn()),
              took);

      assertThat(timing.waits()).as("no retry was planned").isEmpty();
      assertThat(error).isNotInstanceOf(RequestTimeoutException.class);
      assertThat(reset.connections()).isEqualTo(1);
      assertThat(reset.requests()).isEqualTo(1);
      assertThat(took[0]).isLessThan(SLACK);
    }
  }

  @Test
  void aGetResetBeforeAnyAnswerIsResentOnceByTheJdkClientItselfEvenWithRetriesOff()
      throws Exception {
    // java.net.http takes a connection that ends before the first byte of the answer for a stale
    // keep-alive connection and resends a GET (never a POST) once, below the SDK's retry loop.
    try (ScriptedSocketServer reset = new ScriptedSocketServer()) {
      reset.then(Step.RESET_AFTER_REQUEST).thenAnswer(200, Wire.fixture("user.json"));

      Duration took =
          time(() -> plexTvAt(reset.url(), RetryConfig.none()).authentication().getTokenDetails());

      assertThat(reset.requests()).isEqualTo(2);
      assertThat(took).isLessThan(SLACK);
    }
    try (ScriptedSocketServer reset = new ScriptedSocketServer()) {
      reset.then(Step.RESET_AFTER_REQUEST).then(Step.RESET_AFTER_REQUEST);
      reset.thenAnswer(200, Wire.fixture("user.json"));
      Duration[] took = new Duration[1];

      failure(
          PlexConnectionException.class,
          () -> plexTvAt(reset.url(), RetryConfig.none()).authentication().getTokenDetails(),
          took);
      // No retry loop here: the wait gives a late resend by the JDK client itself time to arrive.
      Thread.sleep(300);

      assertThat(reset.requests()).isEqualTo(2);
      assertThat(took[0]).isLessThan(SLACK);
    }
  }

  @Test
  void aGetResetTwiceIsRetriedByTheSdkOnlyWithRetryConnectionErrors() throws Exception {
    try (ScriptedSocketServer reset = new ScriptedSocketServer()) {
      reset.then(Step.RESET_AFTER_REQUEST).then(Step.RESET_AFTER_REQUEST);
      reset.thenAnswer(200, Wire.fixture("user.json"));

      Duration took =
          time(() -> plexTvAt(reset.url(), RETRY_ALL).authentication().getTokenDetails());

      assertThat(reset.requests()).as("two by the JDK client, one by the SDK").isEqualTo(3);
      assertThat(timing.waits()).containsExactly(Duration.ofMillis(50));
      assertThat(took).isLessThan(Duration.ofMillis(50).plus(SLACK));
    }
    try (ScriptedSocketServer reset = new ScriptedSocketServer()) {
      reset.then(Step.RESET_AFTER_REQUEST).then(Step.RESET_AFTER_REQUEST);
      reset.thenAnswer(200, Wire.fixture("user.json"));
      RetryConfig statusesOnly = RETRY_ALL.withRetryConnectionErrors(false);

      assertThat(
              catchThrowableOfType(
                  PlexConnectionException.class,
                  () -> plexTvAt(reset.url(), statusesOnly).authentication().getTokenDetails()))
          .isNotNull();

      assertThat(timing.waits()).as("no retry beyond the first call's").hasSize(1);
      assertThat(reset.requests()).isEqualTo(2);
    }
  }

  private PlexAPI plexTvAt(String url) {
    return plexTvAt(url, RETRY_ALL);
  }

  private PlexAPI plexTvAt(String url, RetryConfig retries) {
    return PlexAPI.builder()
        .plexTvURL(url)
        .accessToken(Wire.TOKEN)
        .requestTimeout(Duration.ofSeconds(5))
        .retryConfig(retries)
        .retryTiming(timing.retryTiming())
        .build();
  }
}
