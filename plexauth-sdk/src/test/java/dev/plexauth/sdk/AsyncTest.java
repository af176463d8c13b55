package dev.plexauth.sdk;

import static dev.plexauth.sdk.Wire.clientFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plexauth.sdk.errors.GetTokenDetailsUnauthorized;
import dev.plexauth.sdk.errors.PlexConnectionException;
import dev.plexauth.sdk.errors.PostUsersSignInDataUnauthorized;
import dev.plexauth.sdk.internal.Sleeper;
import dev.plexauth.sdk.models.GetTokenDetailsResponse;
import dev.plexauth.sdk.models.GetTransientTokenQueryParamType;
import dev.plexauth.sdk.models.PostUsersSignInDataRequest;
import dev.plexauth.sdk.models.Scope;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code …Async} variants: same results, failures as the PlexException itself, no blocking. */
class AsyncTest {

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

  @Test
  void everyOperationHasAnAsyncVariantWithTheSameAnswer() throws Exception {
    server.enqueue(Wire.transientToken());
    server.enqueue(Wire.json(200, "{\"MediaContainer\":{\"Device\":{\"name\":\"src\"}}}"));
    server.enqueue(Wire.user(200));
    server.enqueue(Wire.json(201, Wire.fixture("signin.json")));
    Authentication auth = clientFor(server).build().authentication();

    assertThat(
            auth.getTransientTokenAsync(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL)
                .get(5, TimeUnit.SECONDS)
                .token())
        .isEqualTo("transient-abc");
    assertThat(
            auth.getSourceConnectionInformationAsync("server://x", RequestOptions.none())
                .get(5, TimeUnit.SECONDS)
                .device()
                .name())
        .isEqualTo("src");
    assertThat(auth.getTokenDetailsAsync().get(5, TimeUnit.SECONDS).userPlexAccount().id())
        .isEqualTo(13692262L);
    assertThat(
            auth.postUsersSignInDataAsync(
                    PostUsersSignInDataRequest.builder().clientID("cid").build())
                .get(5, TimeUnit.SECONDS)
                .statusCode())
        .isEqualTo(201);
    assertThat(server.takeRequest().getTarget())
        .isEqualTo("/security/token?type=delegation&scope=all");
  }

  @Test
  void failureCompletesTheFutureWithThePlexExceptionItself() throws Exception {
    server.enqueue(Wire.json(401, "{\"errors\":[{\"code\":1001,\"message\":\"nope\"}]}"));
    server.enqueue(Wire.json(401, "{\"errors\":[{\"code\":1029,\"message\":\"code\"}]}"));
    Authentication auth = clientFor(server).build().authentication();

    Throwable seen =
        auth.getTokenDetailsAsync().handle((value, failure) -> failure).get(5, TimeUnit.SECONDS);
    assertThat(seen).isExactlyInstanceOf(GetTokenDetailsUnauthorized.class);

    CompletableFuture<?> signIn =
        auth.postUsersSignInDataAsync(PostUsersSignInDataRequest.builder().clientID("c").build());
    assertThatThrownBy(() -> signIn.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isExactlyInstanceOf(PostUsersSignInDataUnauthorized.class);
  }

  @Test
  void connectionFailureCompletesTheFutureWithAPlexConnectionException() throws Exception {
    PlexAPI plex = PlexAPI.builder().plexTvURL("http://127.0.0.1:" + Wire.closedPort()).build();

    Throwable seen =
        plex.authentication()
            .getTokenDetailsAsync()
            .handle((value, failure) -> failure)
            .get(5, TimeUnit.SECONDS);

    assertThat(seen).isInstanceOf(PlexConnectionException.class);
  }

  @Test
  void theCallReturnsBeforeTheServerAnswers() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .headersDelay(300, TimeUnit.MILLISECONDS)
            .setHeader("Content-Type", "application/json")
            .body(Wire.fixture("user.json"))
            .build());

    CompletableFuture<GetTokenDetailsResponse> future =
        clientFor(server).build().authentication().getTokenDetailsAsync();

    assertThat(future).isNotDone();
    assertThat(future.get(5, TimeUnit.SECONDS).userPlexAccount().username()).isEqualTo("Username");
  }

  @Test
  void cancellingACallInFlightClosesItsConnection() throws Exception {
    // A body that never ends, a byte every 20 ms: only the client hanging up stops the server.
    try (StreamingServer streaming = new StreamingServer(-1, 1, 20, -1)) {
      CompletableFuture<GetTokenDetailsResponse> future =
          PlexAPI.builder()
              .plexTvURL(streaming.url() + "/api/v2")
              .accessToken(Wire.TOKEN)
              .requestTimeout(Duration.ofMinutes(2))
              .build()
              .authentication()
              .getTokenDetailsAsync();
      assertThat(streaming.awaitAnswering(Duration.ofSeconds(10))).isTrue();

      future.cancel(true);

      assertThat(streaming.awaitHangUp(Duration.ofSeconds(20)))
          .as("the exchange was aborted, not left reading")
          .isTrue();
      assertThat(future).isCancelled();
    }
  }

  @Test
  void noThreadSleepsWhileAnAsyncCallWaitsToRetry() throws Exception {
    int calls = 8;
    for (int i = 0; i < calls; i++) {
      server.enqueue(
          new MockResponse.Builder().code(503).setHeader("Retry-After", "1").body("{}").build());
    }
    for (int i = 0; i < calls; i++) {
      server.enqueue(Wire.user(200));
    }
    TestTiming timing = new TestTiming().holdScheduledRetries();
    Authentication auth =
        clientFor(server)
            .retryConfig(RetryConfig.backoff())
            .retryTiming(timing.retryTiming())
            .build()
            .authentication();

    List<CompletableFuture<GetTokenDetailsResponse>> futures = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      futures.add(auth.getTokenDetailsAsync());
    }
    timing.awaitScheduled(calls);

    assertThat(futures).noneMatch(CompletableFuture::isDone);
    assertThat(timing.sleeps()).as("no wait blocked a thread").isEmpty();
    assertThat(timing.scheduled()).hasSize(calls).containsOnly(Duration.ofSeconds(1));
    // Parked threads only: the thread that scheduled the last retry may still be on its way out.
    assertThat(Thread.getAllStackTraces().entrySet())
        .as("no thread is parked inside the SDK waiting to retry")
        .noneMatch(
            thread ->
                EnumSet.of(Thread.State.WAITING, Thread.State.TIMED_WAITING, Thread.State.BLOCKED)
                        .contains(thread.getKey().getState())
                    && Arrays.stream(thread.getValue())
                        .anyMatch(
                            frame -> frame.getClassName().startsWith("dev.plexauth.sdk.internal")));
    for (int i = 0; i < calls; i++) {
      timing.releaseNext();
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    assertThat(server.getRequestCount()).isEqualTo(2 * calls);
  }

  @Test
  void theSystemSleeperSchedulesWithoutHoldingAThread() throws Exception {
    CountDownLatch ranLater = new CountDownLatch(1);
    CountDownLatch ranNow = new CountDownLatch(1);

    Sleeper.SYSTEM.schedule(Duration.ofHours(1), ranLater::countDown);
    Sleeper.SYSTEM.schedule(Duration.ZERO, ranNow::countDown);

    assertThat(ranNow.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(ranLater.getCount()).as("an hour has not passed").isEqualTo(1);
    assertThat(Thread.getAllStackTraces().values())
        .as("no thread is parked inside the SDK for the scheduled task")
        .noneMatch(
            stack ->
                Arrays.stream(stack)
                    .anyMatch(
                        frame -> frame.getClassName().startsWith("dev.plexauth.sdk.internal")));
  }

  @Test
  void cancellingTheFutureStopsFurtherAttempts() throws Exception {
    server.enqueue(
        new MockResponse.Builder().code(503).setHeader("Retry-After", "1").body("{}").build());
    server.enqueue(Wire.user(200));
    TestTiming timing = new TestTiming().holdScheduledRetries();
    AtomicInteger attempts = new AtomicInteger();
    Transport jdk = Transport.jdk(Duration.ofSeconds(5));
    Transport counting =
        new Transport() {
          @Override
          public TransportResponse send(TransportRequest request) throws IOException {
            attempts.incrementAndGet();
            return jdk.send(request);
          }

          @Override
          public CompletableFuture<TransportResponse> sendAsync(TransportRequest request) {
            attempts.incrementAndGet();
            return jdk.sendAsync(request);
          }
        };
    CompletableFuture<GetTokenDetailsResponse> future =
        clientFor(server)
            .transport(counting)
            .retryConfig(RetryConfig.backoff())
            .retryTiming(timing.retryTiming())
            .build()
            .authentication()
            .getTokenDetailsAsync();
    timing.awaitScheduled(1);

    future.cancel(true);
    timing.releaseNext(); // the wait is over: the retry would start now

    assertThat(future).isCancelled();
    assertThat(attempts).hasValue(1);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(timing.heldCount()).as("no later retry was scheduled").isZero();
  }

  @Test
  void missingServerAddressFailsAtCallTimeNotInTheFuture() {
    Authentication auth =
        PlexAPI.builder().requestTimeout(Duration.ofSeconds(1)).build().authentication();

    assertThatThrownBy(
            () ->
                auth.getTransientTokenAsync(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> auth.getSourceConnectionInformationAsync(null))
        .isInstanceOf(NullPointerException.class);
  }
}
