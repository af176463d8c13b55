package dev.plexauth.sdk;

import static dev.plexauth.sdk.Wire.clientFor;
import static dev.plexauth.sdk.Wire.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The client's builder: defaults, fail-fast checks, copies, and sharing one client. */
class PlexAPIBuilderTest {

  @Test
  void defaultsAreSafe() {
    PlexAPI plex = PlexAPI.builder().build();

    assertThat(plex.serverURL()).isEmpty();
    assertThat(plex.plexTvURL()).isEqualTo("https://plex.tv/api/v2");
    assertThat(plex.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(plex.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(plex.retryConfig()).isEqualTo(RetryConfig.none());
    assertThat(plex.clientID()).isEmpty();
  }

  @Test
  void builderChecksFailFastWithPlainMessages() {
    PlexAPI.Builder builder = PlexAPI.builder();

    assertThatThrownBy(() -> builder.serverURL(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("serverURL == null");
    assertThatThrownBy(() -> builder.serverURL("ftp://host"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("serverURL");
    assertThatThrownBy(() -> builder.serverURL("not a url"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.serverURL("http:///nohost"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.plexTvURL("plex.tv/api/v2"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.accessToken((String) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("accessToken == null");
    assertThatThrownBy(() -> builder.port(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.port(65536)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.protocol("ftp")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.ip("a/b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.requestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.connectTimeout(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.retryConfig(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.transport(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void retryConfigAndRequestOptionsCheckTheirArguments() {
    assertThatThrownBy(
            () ->
                RetryConfig.backoff(
                    Duration.ofMillis(-1), Duration.ofSeconds(1), 1.5, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                RetryConfig.backoff(
                    Duration.ofMillis(1), Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestOptions.builder().retryCodes("abc"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestOptions.builder().retryCodes("6XX"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestOptions.builder().header("Host", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestOptions.builder().header("X-A", "a\r\nB: b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestOptions.builder().timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestOptions.builder().serverURL("nope"))
        .isInstanceOf(IllegalArgumentException.class);

    RetryConfig defaults = RetryConfig.backoff();
    assertThat(defaults.initialInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(defaults.maxInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(defaults.exponent()).isEqualTo(1.5);
    assertThat(defaults.maxElapsedTime()).isEqualTo(Duration.ofHours(1));
    assertThat(defaults.retryConnectionErrors()).isFalse();
    assertThat(defaults.withRetryConnectionErrors(true).retryConnectionErrors()).isTrue();
    assertThat(RetryConfig.none().isBackoff()).isFalse();
  }

  @Test
  void newBuilderCopiesTheClientAndLeavesTheOriginalUnchanged() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(Wire.user(200));
      server.enqueue(Wire.user(200));
      PlexAPI original = clientFor(server).clientID("first").build();

      PlexAPI copy = original.newBuilder().clientID("second").build();
      copy.authentication().getTokenDetails();
      original.authentication().getTokenDetails();

      RecordedRequest fromCopy = take(server);
      assertThat(fromCopy.getHeaders().get("X-Plex-Client-Identifier")).isEqualTo("second");
      assertThat(fromCopy.getHeaders().get("X-Plex-Token")).isEqualTo(Wire.TOKEN);
      assertThat(take(server).getHeaders().get("X-Plex-Client-Identifier")).isEqualTo("first");
      assertThat(original.clientID()).isEqualTo("first");
    }
  }

  @Test
  void identityValuesThatCannotBeSentInAHeaderAreRejectedAtOnce() {
    assertThatThrownBy(() -> PlexAPI.builder().deviceNickname("TV \uD83D\uDCFA"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deviceNickname");
    assertThatThrownBy(() -> PlexAPI.builder().clientName("a\nb"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(PlexAPI.builder().deviceNickname("Jürgens PC").build()).isNotNull();
  }

  @Test
  void aCopyKeepsSendingThroughTheSameTransport() throws Exception {
    List<String> seen = new ArrayList<>();
    Transport recording =
        request -> {
          seen.add(request.uri().getPath());
          return new TransportResponse(
              200,
              java.util.Map.of("Content-Type", List.of("application/json")),
              Wire.fixture("user.json").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        };
    PlexAPI original = PlexAPI.builder().transport(recording).build();

    original.newBuilder().accessToken("t").build().authentication().getTokenDetails();

    assertThat(seen).containsExactly("/api/v2/user");
  }

  @Test
  void oneClientServesManyThreadsAtOnce() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      int calls = 16;
      for (int i = 0; i < calls; i++) {
        server.enqueue(Wire.user(200));
      }
      PlexAPI plex = clientFor(server).build();

      List<CompletableFuture<String>> results = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        results.add(
            CompletableFuture.supplyAsync(
                () -> plex.authentication().getTokenDetails().userPlexAccount().username(),
                runnable -> new Thread(runnable).start()));
      }

      for (CompletableFuture<String> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("Username");
      }
      assertThat(server.getRequestCount()).isEqualTo(calls);
    }
  }

  @Test
  void requestOptionsNewBuilderKeepsEverySetting() {
    RequestOptions options =
        RequestOptions.builder()
            .retries(RetryConfig.backoff())
            .retryCodes("503", "5XX")
            .timeout(Duration.ofSeconds(3))
            .serverURL("http://127.0.0.1:1/x")
            .header("X-Plex-Language", "en")
            .build();

    RequestOptions copy = options.newBuilder().build();

    assertThat(copy.retries()).contains(RetryConfig.backoff());
    assertThat(copy.retryCodes()).contains(List.of("503", "5XX"));
    assertThat(copy.timeout()).contains(Duration.ofSeconds(3));
    assertThat(copy.serverURL()).contains("http://127.0.0.1:1/x");
    assertThat(copy.headers()).containsEntry("X-Plex-Language", "en");
    assertThat(RequestOptions.none().headers()).isEmpty();
  }
}
