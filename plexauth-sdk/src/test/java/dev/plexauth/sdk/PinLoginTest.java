package dev.plexauth.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plexauth.sdk.errors.GetTokenByPinIdNotFound;
import dev.plexauth.sdk.errors.PinExpiredException;
import dev.plexauth.sdk.errors.UnauthorizedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * PinLogin against a scripted plex.tv: the pages it points at, and how it waits. The waits go
 * through {@link TestTiming}, so every second of polling is counted without being spent.
 */
class PinLoginTest {

  private static final String SERVER = "http://127.0.0.1:32400";

  private final TestTiming timing = new TestTiming();
  private final Script script = new Script();

  private PlexAPI plex(String plexTvURL) {
    return PlexAPI.builder()
        .plexTvURL(plexTvURL)
        .clientID("tv-1")
        .clientName("Living Room TV")
        .transport(script)
        .retryTiming(timing.retryTiming())
        .build();
  }

  private PlexAPI plex() {
    return plex(SERVER + "/api/v2");
  }

  @Test
  void aStrongPinsApprovalPageIsOnThePlexauthServerWithTheFragmentAppsUse() {
    script.pin(201, 1800, "abcdefghijklmnopqrstuvwxy");

    PinLogin login = PinLogin.start(plex());

    assertThat(script.requests.get(0).uri().toString())
        .isEqualTo(SERVER + "/api/v2/pins?strong=true");
    assertThat(login.code()).isEqualTo("abcdefghijklmnopqrstuvwxy");
    assertThat(login.authUrl("https://app.example/done?x=1&y=2"))
        .isEqualTo(
            SERVER
                + "/auth#?clientID=tv-1&code=abcdefghijklmnopqrstuvwxy"
                + "&context%5Bdevice%5D%5Bproduct%5D=Living%20Room%20TV"
                + "&forwardUrl=https%3A%2F%2Fapp.example%2Fdone%3Fx%3D1%26y%3D2");
    assertThat(login.authUrl()).doesNotContain("forwardUrl");
    assertThat(login.linkUrl()).isEqualTo(SERVER + "/link");
  }

  @Test
  void aShortCodeIsForTheLinkPage() {
    script.pin(201, 900, "AB3D");

    PinLogin login = PinLogin.startWithCode(plex());

    assertThat(script.requests.get(0).uri().getQuery()).isEqualTo("strong=false");
    assertThat(login.code()).isEqualTo("AB3D");
    assertThat(login.linkUrl()).isEqualTo(SERVER + "/link");
  }

  @Test
  void forRealPlexThePagesAreAppPlexTvAndPlexTvLink() {
    script.pin(201, 1800, "abcdefghijklmnopqrstuvwxy");

    PinLogin login = PinLogin.start(plex(PlexAPI.DEFAULT_PLEX_TV_URL));

    assertThat(login.authUrl()).startsWith("https://app.plex.tv/auth#?clientID=tv-1&code=");
    assertThat(login.linkUrl()).isEqualTo("https://plex.tv/link");
  }

  @Test
  void thePagesCanBeSetAndAServerUnderAPathKeepsIt() {
    script.pin(201, 1800, "abcdefghijklmnopqrstuvwxy");
    script.pin(201, 1800, "abcdefghijklmnopqrstuvwxy");

    PinLogin set =
        PinLogin.builder(plex())
            .authAppURL("https://login.example/approve")
            .linkURL("https://login.example/tv")
            .start();
    PinLogin underPath = PinLogin.start(plex("https://proxy.example/plex/api/v2/"));

    assertThat(set.authUrl()).startsWith("https://login.example/approve#?clientID=tv-1");
    assertThat(set.linkUrl()).isEqualTo("https://login.example/tv");
    assertThat(underPath.authUrl()).startsWith("https://proxy.example/plex/auth#?");
    assertThat(underPath.linkUrl()).isEqualTo("https://proxy.example/plex/link");
    assertThatThrownBy(() -> PinLogin.builder(plex()).authAppURL("https://x.example/auth#frag"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> set.authUrl("javascript:alert(1)"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void awaitTokenPollsOnceASecondUntilTheApproval() {
    script.pin(201, 900, "AB3D");
    script.pending(3);
    script.approved("the-token");
    PinLogin login = PinLogin.startWithCode(plex());

    String token = login.awaitToken();

    assertThat(token).isEqualTo("the-token");
    assertThat(timing.sleeps()).containsExactly(seconds(1), seconds(1), seconds(1));
    List<TransportRequest> polls = script.requests.subList(1, script.requests.size());
    assertThat(polls).hasSize(4);
    assertThat(polls)
        .allSatisfy(
            poll -> {
              assertThat(poll.method()).isEqualTo("GET");
              assertThat(poll.uri().toString()).isEqualTo(SERVER + "/api/v2/pins/42");
              assertThat(poll.headers()).containsEntry("X-Plex-Client-Identifier", "tv-1");
            });
  }

  @Test
  void retryAfterIsHonouredAndNeverShortensTheInterval() {
    script.pin(201, 900, "AB3D");
    script.answer(429, Map.of("Retry-After", List.of("5")), "{\"errors\":[{\"code\":1003}]}");
    script.answer(503, Map.of("Retry-After", List.of("3")), "{\"errors\":[{\"code\":1007}]}");
    script.answer(503, Map.of("Retry-After", List.of("0")), "");
    script.fail(new IOException("connection reset"));
    script.approved("the-token");

    String token = PinLogin.startWithCode(plex()).awaitToken();

    assertThat(token).isEqualTo("the-token");
    assertThat(timing.sleeps()).containsExactly(seconds(5), seconds(3), seconds(1), seconds(1));
  }

  @Test
  void aPinThatIsNeverApprovedEndsAtItsExpiryWithAClearException() {
    script.pin(201, 3, "AB3D");
    script.pending(100);
    PinLogin login = PinLogin.startWithCode(plex());

    assertThatThrownBy(login::awaitToken)
        .isInstanceOf(PinExpiredException.class)
        .hasMessageContaining("expired")
        .hasMessageContaining("start again");
    assertThat(timing.sleeps()).hasSize(3);
    assertThat(script.requests).hasSize(1 + 4);
  }

  @Test
  void aPinTheServerNoLongerKnowsEndsTheWait() {
    script.pin(201, 900, "AB3D");
    script.pending(1);
    script.answer(404, Map.of(), "{\"errors\":[{\"code\":1020,\"message\":\"Code not found\"}]}");

    assertThatThrownBy(() -> PinLogin.startWithCode(plex()).awaitToken())
        .isInstanceOf(PinExpiredException.class)
        .hasCauseInstanceOf(GetTokenByPinIdNotFound.class);
  }

  @Test
  void anyOtherErrorEndsTheWaitAsItIs() {
    script.pin(201, 900, "AB3D");
    script.answer(401, Map.of(), "{\"errors\":[{\"code\":1001}]}");

    assertThatThrownBy(() -> PinLogin.startWithCode(plex()).awaitToken())
        .isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void aTimeoutLeavesThePinUsableForTheNextWait() {
    script.pin(201, 900, "AB3D");
    script.pending(5);
    script.approved("the-token");
    PinLogin login = PinLogin.startWithCode(plex());

    Optional<String> early = login.awaitToken(seconds(2));
    Optional<String> later = login.awaitToken(seconds(10));

    assertThat(early).isEmpty();
    assertThat(later).contains("the-token");
  }

  @Test
  void theFutureCompletesWithTheTokenWithoutBlockingAThread() {
    script.pin(201, 900, "AB3D");
    script.pending(2);
    script.approved("the-token");
    PinLogin login = PinLogin.startWithCode(plex());

    String token = login.tokenAsync().orTimeout(10, TimeUnit.SECONDS).join();

    assertThat(token).isEqualTo("the-token");
    assertThat(timing.scheduled()).containsExactly(seconds(1), seconds(1));
    assertThat(timing.sleeps()).isEmpty();
  }

  @Test
  void theFutureFailsWithTheExpiry() {
    script.pin(201, 2, "AB3D");
    script.pending(100);

    CompletableFuture<String> future = PinLogin.startWithCode(plex()).tokenAsync();

    assertThatThrownBy(() -> future.orTimeout(10, TimeUnit.SECONDS).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(PinExpiredException.class);
  }

  @Test
  void cancelStopsABlockingWaitAndTheFuture() throws Exception {
    script.pin(201, 900, "AB3D");
    script.pending(1_000);
    PinLogin login = PinLogin.startWithCode(plex());
    timing.holdScheduledRetries();
    CompletableFuture<String> future = login.tokenAsync();
    timing.awaitScheduled(1);
    script.onPoll(3, login::cancel);

    assertThatThrownBy(login::awaitToken).isInstanceOf(CancellationException.class);
    assertThat(future).isCancelled();
    int polls = script.requests.size();
    timing.releaseNext();
    assertThat(script.requests).as("no poll after the cancel").hasSize(polls);
    assertThat(login.isCancelled()).isTrue();
  }

  @Test
  void cancellingTheFutureStopsItsPolling() throws Exception {
    script.pin(201, 900, "AB3D");
    script.pending(1_000);
    timing.holdScheduledRetries();
    CompletableFuture<String> future = PinLogin.startWithCode(plex()).tokenAsync();
    timing.awaitScheduled(1);

    future.cancel(true);
    int polls = script.requests.size();
    timing.releaseNext();

    assertThat(script.requests).hasSize(polls);
  }

  @Test
  void anInterruptedWaitEndsAndKeepsTheInterrupt() {
    script.pin(201, 900, "AB3D");
    script.pending(1_000);
    PinLogin login = PinLogin.startWithCode(plex());
    script.onPoll(2, () -> Thread.currentThread().interrupt());

    try {
      assertThatThrownBy(login::awaitToken).isInstanceOf(CancellationException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void toStringShowsNoCode() {
    script.pin(201, 900, "AB3D");

    assertThat(PinLogin.startWithCode(plex()).toString()).doesNotContain("AB3D").contains("42");
  }

  private static Duration seconds(long n) {
    return Duration.ofSeconds(n);
  }

  /** plex.tv as a script: each request takes the next answer; polls then see a pending pin. */
  private static final class Script implements Transport {
    final List<TransportRequest> requests = new CopyOnWriteArrayList<>();
    private final Deque<Step> steps = new ArrayDeque<>();
    private volatile int hookAt = -1;
    private volatile Runnable hook;

    private interface Step {
      TransportResponse answer() throws IOException;
    }

    void pin(int status, int expiresIn, String code) {
      answer(status, Map.of(), pinJson(expiresIn, code, null));
    }

    void pending(int times) {
      for (int i = 0; i < times; i++) {
        answer(200, Map.of(), pinJson(900, "AB3D", null));
      }
    }

    void approved(String token) {
      answer(200, Map.of(), pinJson(900, "AB3D", token));
    }

    void answer(int status, Map<String, List<String>> headers, String body) {
      Map<String, List<String>> all = new java.util.HashMap<>(headers);
      all.put("Content-Type", List.of("application/json"));
      steps.add(() -> new TransportResponse(status, all, body.getBytes(StandardCharsets.UTF_8)));
    }

    void fail(IOException failure) {
      steps.add(
          () -> {
            throw failure;
          });
    }

    /** Runs an action when the n-th poll (not counting the pin's creation) is sent. */
    void onPoll(int n, Runnable action) {
      hookAt = n;
      hook = action;
    }

    @Override
    public TransportResponse send(TransportRequest request) throws IOException {
      requests.add(request);
      if (hook != null && requests.size() - 1 == hookAt) {
        hook.run();
      }
      Step step;
      synchronized (steps) {
        step = steps.poll();
      }
      if (step == null) {
        throw new IOException("the script has no more answers");
      }
      return step.answer();
    }

    private static String pinJson(int expiresIn, String code, String token) {
      return "{\"id\":42,\"code\":\""
          + code
          + "\",\"product\":\"Living Room TV\",\"trusted\":false,\"qr\":\"q\","
          + "\"clientIdentifier\":\"tv-1\",\"location\":{},\"expiresIn\":"
          + expiresIn
          + ",\"createdAt\":\"2026-01-01T00:00:00Z\",\"expiresAt\":\"2026-01-01T00:15:00Z\","
          + "\"authToken\":"
          + (token == null ? "null" : "\"" + token + "\"")
          + "}";
    }
  }
}
