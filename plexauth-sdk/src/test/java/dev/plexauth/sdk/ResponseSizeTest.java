package dev.plexauth.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.plexauth.sdk.errors.PlexConnectionException;
import dev.plexauth.sdk.errors.RequestTimeoutException;
import dev.plexauth.sdk.errors.SDKError;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Answers larger than the client accepts, and answers that arrive slowly, on a real loopback
 * socket, blocking and async. A too-large body must fail the call with an {@link SDKError} before
 * it is read whole; without the limit the call would read until its timeout and fail with a timeout
 * instead, so the type of the failure is the proof, not a time. A dribbling body must end in the
 * request timeout.
 */
class ResponseSizeTest {

  private static final long MIB = 1024 * 1024;

  /** Runs getTokenDetails blocking or async; returns what it threw, unwrapped. */
  private static Throwable failure(PlexAPI plex, boolean async) {
    Throwable thrown =
        catchThrowable(
            () -> {
              if (async) {
                plex.authentication().getTokenDetailsAsync().get(60, TimeUnit.SECONDS);
              } else {
                plex.authentication().getTokenDetails();
              }
            });
    return thrown instanceof java.util.concurrent.ExecutionException
            || thrown instanceof CompletionException
        ? thrown.getCause()
        : thrown;
  }

  private static PlexAPI.Builder client(String url) {
    return PlexAPI.builder()
        .serverURL(url)
        .plexTvURL(url + "/api/v2")
        .accessToken(Wire.TOKEN)
        .retryConfig(
            RetryConfig.backoff(
                    Duration.ofMillis(10), Duration.ofMillis(10), 1.0, Duration.ofSeconds(30))
                .withRetryConnectionErrors(true))
        .requestTimeout(Duration.ofSeconds(30));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aDeclaredLengthOverTheLimitFailsBeforeTheBodyIsRead(boolean async) throws Exception {
    // 600 MB announced, written slowly: reading it would take far longer than the timeout.
    try (StreamingServer server = new StreamingServer(600 * MIB, 64 * 1024, 50, -1)) {
      Throwable thrown = failure(client(server.url()).build(), async);

      assertThat(thrown)
          .isExactlyInstanceOf(SDKError.class)
          .hasMessageContaining("getTokenDetails: HTTP 200")
          .hasMessageContaining("larger than 4194304 bytes")
          .hasMessageContaining("Content-Length 629145600");
      SDKError error = (SDKError) thrown;
      assertThat(error.statusCode()).isEqualTo(200);
      assertThat(error.body()).isEmpty();
      assertThat(error.contentType()).isEqualTo("application/json");
      // Never retried: the same request would get the same answer.
      assertThat(server.requests()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void anEndlessStreamedBodyIsCutOffAtTheLimit(boolean async) throws Exception {
    try (StreamingServer server = new StreamingServer(-1, 64 * 1024, 0, -1)) {
      Throwable thrown = failure(client(server.url()).maxResponseBytes(MIB).build(), async);

      assertThat(thrown)
          .isExactlyInstanceOf(SDKError.class)
          .hasMessageContaining("larger than 1048576 bytes");
      assertThat(server.requests()).isEqualTo(1);
      // What the server got out before the client hung up: the limit plus what socket buffers
      // hold, nowhere near the endless rest.
      assertThat(server.written()).isLessThan(64 * MIB);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aBodyThatDribblesEndsInTheRequestTimeout(boolean async) throws Exception {
    // 1000 bytes, one every 100 ms: 100 s to arrive; the timeout is 500 ms.
    try (StreamingServer server = new StreamingServer(1000, 1, 100, 1000)) {
      Throwable thrown =
          failure(
              client(server.url())
                  .requestTimeout(Duration.ofMillis(500))
                  .retryConfig(RetryConfig.none())
                  .build(),
              async);

      assertThat(thrown).isInstanceOf(RequestTimeoutException.class);
      assertThat(server.written()).isLessThan(1000);
    }
  }

  @Test
  void aBodyOfExactlyTheLimitIsReadAndOneByteMoreIsNot() throws Exception {
    String user = Wire.fixture("user.json");
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(Wire.json(200, user));
      server.enqueue(Wire.json(200, user + " "));
      server.start();
      PlexAPI plex = Wire.clientFor(server).maxResponseBytes(user.getBytes().length).build();

      assertThat(plex.authentication().getTokenDetails().userPlexAccount().username()).isNotEmpty();
      assertThatThrownBy(() -> plex.authentication().getTokenDetails())
          .isExactlyInstanceOf(SDKError.class)
          .hasMessageContaining("larger than " + user.getBytes().length + " bytes");
    }
  }

  @Test
  void aTransportThatIgnoresTheLimitStillFailsTheCall() {
    Function<Integer, Transport> returning =
        size ->
            request -> {
              assertThat(request.maxResponseBytes()).isEqualTo(100);
              return new TransportResponse(
                  200,
                  Map.of("Content-Type", java.util.List.of("application/json")),
                  new byte[size]);
            };
    PlexAPI plex =
        PlexAPI.builder()
            .serverURL("http://127.0.0.1:9")
            .plexTvURL("http://127.0.0.1:9/api/v2")
            .transport(returning.apply(101))
            .maxResponseBytes(100)
            .build();

    assertThatThrownBy(() -> plex.authentication().getTokenDetails())
        .isExactlyInstanceOf(SDKError.class)
        .isNotInstanceOf(PlexConnectionException.class)
        .hasMessageContaining("larger than 100 bytes");
  }

  @Test
  void theLimitIsCheckedAndKept() {
    assertThat(PlexAPI.builder().build().maxResponseBytes()).isEqualTo(4 * MIB);
    assertThat(
            PlexAPI.builder().maxResponseBytes(10).build().newBuilder().build().maxResponseBytes())
        .isEqualTo(10);
    assertThatThrownBy(() -> PlexAPI.builder().maxResponseBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxResponseBytes");
    assertThatThrownBy(() -> PlexAPI.builder().maxResponseBytes(Integer.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
