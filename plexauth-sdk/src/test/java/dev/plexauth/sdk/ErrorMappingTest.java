package dev.plexauth.sdk;

import static dev.plexauth.sdk.Wire.clientFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plexauth.sdk.errors.BadRequestException;
import dev.plexauth.sdk.errors.ForbiddenException;
import dev.plexauth.sdk.errors.GetSourceConnectionInformationBadRequest;
import dev.plexauth.sdk.errors.GetSourceConnectionInformationUnauthorized;
import dev.plexauth.sdk.errors.GetTokenDetailsBadRequest;
import dev.plexauth.sdk.errors.GetTokenDetailsUnauthorized;
import dev.plexauth.sdk.errors.GetTransientTokenBadRequest;
import dev.plexauth.sdk.errors.GetTransientTokenUnauthorized;
import dev.plexauth.sdk.errors.NotFoundException;
import dev.plexauth.sdk.errors.PlexConnectionException;
import dev.plexauth.sdk.errors.PlexError;
import dev.plexauth.sdk.errors.PostUsersSignInDataBadRequest;
import dev.plexauth.sdk.errors.PostUsersSignInDataUnauthorized;
import dev.plexauth.sdk.errors.RateLimitedException;
import dev.plexauth.sdk.errors.RequestTimeoutException;
import dev.plexauth.sdk.errors.SDKError;
import dev.plexauth.sdk.errors.ServerErrorException;
import dev.plexauth.sdk.errors.UnauthorizedException;
import dev.plexauth.sdk.models.GetTransientTokenQueryParamType;
import dev.plexauth.sdk.models.PostUsersSignInDataRequest;
import dev.plexauth.sdk.models.PostUsersSignInDataRequestBody;
import dev.plexauth.sdk.models.Scope;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every error answer and failure maps to its exception, with status, Plex errors and body. */
class ErrorMappingTest {

  private static final String BAD_REQUEST =
      "{\"errors\":[{\"code\":1000,\"message\":\"X-Plex-Client-Identifier is missing\","
          + "\"status\":400}]}";
  private static final String UNAUTHORIZED =
      "{\"errors\":[{\"code\":1001,\"message\":\"User could not be authenticated\","
          + "\"status\":401}]}";
  private static final String HTML_401 =
      "<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>";

  private MockWebServer server;
  private Authentication auth;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    auth = clientFor(server).build().authentication();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** The four operations, each run once against the next scripted answer. */
  private Map<String, Runnable> operations() {
    return Map.of(
        "getTransientToken",
        () -> auth.getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL),
        "getSourceConnectionInformation",
        () -> auth.getSourceConnectionInformation("server://x"),
        "getTokenDetails",
        () -> auth.getTokenDetails(),
        "postUsersSignInData",
        () ->
            auth.postUsersSignInData(
                PostUsersSignInDataRequest.builder()
                    .clientID("cid")
                    .requestBody(PostUsersSignInDataRequestBody.of("alice", "hunter2"))
                    .build()));
  }

  private SDKError failure(MockResponse answer, Runnable call) {
    server.enqueue(answer);
    return catchThrowableOfType(SDKError.class, call::run);
  }

  private SDKError tokenDetailsFailure(MockResponse answer) {
    return failure(answer, () -> auth.getTokenDetails());
  }

  @Test
  void badRequestMapsToEachOperationsOwnTypeWithThePlexError() {
    Map<String, Class<? extends BadRequestException>> types =
        Map.of(
            "getTransientToken", GetTransientTokenBadRequest.class,
            "getSourceConnectionInformation", GetSourceConnectionInformationBadRequest.class,
            "getTokenDetails", GetTokenDetailsBadRequest.class,
            "postUsersSignInData", PostUsersSignInDataBadRequest.class);
    operations()
        .forEach(
            (id, call) -> {
              SDKError error = failure(Wire.json(400, BAD_REQUEST), call);

              assertThat(error).isExactlyInstanceOf(types.get(id));
              assertThat(error.operation()).isEqualTo(id);
              assertThat(error.statusCode()).isEqualTo(400);
              assertThat(error.code()).isEqualTo(1000);
              assertThat(error.errors())
                  .containsExactly(new PlexError(1000, "X-Plex-Client-Identifier is missing", 400));
              assertThat(error.body()).isEqualTo(BAD_REQUEST);
              assertThat(error.contentType()).isEqualTo("application/json");
              assertThat(error.getMessage())
                  .isEqualTo(id + ": HTTP 400 (1000 X-Plex-Client-Identifier is missing)");
            });
  }

  @Test
  void unauthorizedMapsToEachOperationsOwnTypeWithThePlexError() {
    Map<String, Class<? extends UnauthorizedException>> types =
        Map.of(
            "getTransientToken", GetTransientTokenUnauthorized.class,
            "getSourceConnectionInformation", GetSourceConnectionInformationUnauthorized.class,
            "getTokenDetails", GetTokenDetailsUnauthorized.class,
            "postUsersSignInData", PostUsersSignInDataUnauthorized.class);
    operations()
        .forEach(
            (id, call) -> {
              SDKError error = failure(Wire.json(401, UNAUTHORIZED), call);

              assertThat(error).isExactlyInstanceOf(types.get(id));
              assertThat(error.statusCode()).isEqualTo(401);
              assertThat(error.errors())
                  .containsExactly(new PlexError(1001, "User could not be authenticated", 401));
              assertThat(error.getMessage())
                  .isEqualTo(id + ": HTTP 401 (1001 User could not be authenticated)");
            });
  }

  @Test
  void xmlErrorEnvelopeIsParsed() {
    SDKError error =
        tokenDetailsFailure(
            Wire.xml(
                401,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><errors><error code=\"1029\""
                    + " message=\"Please enter the verification code\" status=\"401\"/></errors>"));

    assertThat(error).isInstanceOf(GetTokenDetailsUnauthorized.class);
    assertThat(error.errors())
        .containsExactly(new PlexError(1029, "Please enter the verification code", 401));
  }

  @Test
  void unprocessableInvalidTokenIsUnauthorizedAndOther422IsAnSdkError() {
    SDKError invalid =
        tokenDetailsFailure(Wire.xml(422, "<errors><error>Invalid token</error></errors>"));
    assertThat(invalid).isExactlyInstanceOf(GetTokenDetailsUnauthorized.class);
    assertThat(invalid.statusCode()).isEqualTo(422);
    assertThat(invalid.errors()).containsExactly(new PlexError(0, "Invalid token", 0));
    assertThat(invalid.getMessage()).isEqualTo("getTokenDetails: HTTP 422 (Invalid token)");

    SDKError legacyJson = tokenDetailsFailure(Wire.json(422, "{\"error\":\"Invalid token\"}"));
    assertThat(legacyJson).isExactlyInstanceOf(GetTokenDetailsUnauthorized.class);

    SDKError other =
        tokenDetailsFailure(Wire.json(422, "{\"errors\":[{\"code\":1008,\"message\":\"nope\"}]}"));
    assertThat(other).isExactlyInstanceOf(SDKError.class);
    assertThat(other.code()).isEqualTo(1008);
  }

  @Test
  void legacyJsonErrorIsParsed() {
    SDKError error =
        failure(
            Wire.json(401, "{\"error\":\"Invalid email, username, or password.\"}"),
            operations().get("postUsersSignInData"));

    assertThat(error).isInstanceOf(PostUsersSignInDataUnauthorized.class);
    assertThat(error.errors())
        .containsExactly(new PlexError(0, "Invalid email, username, or password.", 0));
  }

  @Test
  void forbiddenAndNotFoundMapToTheirClasses() {
    SDKError forbidden =
        failure(
            Wire.withType(403, "text/html", "<html>403 Forbidden</html>"),
            operations().get("getSourceConnectionInformation"));
    assertThat(forbidden).isExactlyInstanceOf(ForbiddenException.class);
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(forbidden.operation()).isEqualTo("getSourceConnectionInformation");
    assertThat(forbidden.body()).isEqualTo("<html>403 Forbidden</html>");

    SDKError notFound =
        failure(
            Wire.json(
                404, "{\"errors\":[{\"code\":1002,\"message\":\"Not found\",\"status\":404}]}"),
            operations().get("getSourceConnectionInformation"));
    assertThat(notFound).isExactlyInstanceOf(NotFoundException.class);
    assertThat(notFound.code()).isEqualTo(1002);
  }

  @Test
  void tooManyRequestsCarriesRetryAfterInSeconds() {
    SDKError error =
        failure(
            new MockResponse.Builder()
                .code(429)
                .setHeader("Content-Type", "application/json")
                .setHeader("Retry-After", "120")
                .body(
                    "{\"errors\":[{\"code\":1031,\"message\":\"User could not be authenticated."
                        + " This IP appears to be having trouble signing in\",\"status\":429}]}")
                .build(),
            operations().get("postUsersSignInData"));

    assertThat(error).isExactlyInstanceOf(RateLimitedException.class);
    assertThat(((RateLimitedException) error).retryAfter()).contains(Duration.ofSeconds(120));
    assertThat(error.code()).isEqualTo(1031);
    assertThat(error.headers().get("retry-after")).containsExactly("120");
  }

  @Test
  void tooManyRequestsCarriesRetryAfterAsAnHttpDate() {
    String inAMinute =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
    RateLimitedException error =
        (RateLimitedException)
            tokenDetailsFailure(
                new MockResponse.Builder().code(429).setHeader("Retry-After", inAMinute).build());

    assertThat(error.retryAfter()).isPresent();
    assertThat(error.retryAfter().get()).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(61));
  }

  @Test
  void tooManyRequestsWithAnEmptyBodyAndNoRetryAfter() {
    RateLimitedException error =
        (RateLimitedException) tokenDetailsFailure(new MockResponse.Builder().code(429).build());

    assertThat(error.retryAfter()).isEmpty();
    assertThat(error.errors()).isEmpty();
    assertThat(error.body()).isEmpty();
    assertThat(error.getMessage()).isEqualTo("getTokenDetails: HTTP 429");
  }

  @Test
  void serverErrorsMapToServerErrorException() {
    for (int status : List.of(500, 502, 503, 504)) {
      SDKError error = tokenDetailsFailure(Wire.withType(status, "text/plain", "down"));

      assertThat(error).isExactlyInstanceOf(ServerErrorException.class);
      assertThat(error.statusCode()).isEqualTo(status);
      assertThat(error.body()).isEqualTo("down");
    }
  }

  @Test
  void anyOtherStatusIsAPlainSdkError() {
    SDKError teapot = tokenDetailsFailure(Wire.withType(418, "text/plain", "teapot"));
    assertThat(teapot).isExactlyInstanceOf(SDKError.class);
    assertThat(teapot.statusCode()).isEqualTo(418);

    SDKError redirect =
        tokenDetailsFailure(
            new MockResponse.Builder().code(302).setHeader("Location", "/elsewhere").build());
    assertThat(redirect).isExactlyInstanceOf(SDKError.class);
    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(server.getRequestCount()).as("the redirect was not followed").isEqualTo(2);
  }

  @Test
  void htmlEmptyAndMalformedErrorBodiesStillGiveTheRightClassWithoutErrors() {
    SDKError html = tokenDetailsFailure(Wire.withType(401, "text/html", HTML_401));
    assertThat(html).isExactlyInstanceOf(GetTokenDetailsUnauthorized.class);
    assertThat(html.errors()).isEmpty();
    assertThat(html.body()).isEqualTo(HTML_401);
    assertThat(html.getMessage()).isEqualTo("getTokenDetails: HTTP 401");

    SDKError empty = tokenDetailsFailure(new MockResponse.Builder().code(401).build());
    assertThat(empty).isExactlyInstanceOf(GetTokenDetailsUnauthorized.class);
    assertThat(empty.errors()).isEmpty();
    assertThat(empty.contentType()).isEmpty();

    SDKError malformed = tokenDetailsFailure(Wire.json(400, "{\"errors\":[{\"code\":"));
    assertThat(malformed).isExactlyInstanceOf(GetTokenDetailsBadRequest.class);
    assertThat(malformed.errors()).isEmpty();
    assertThat(malformed.body()).isEqualTo("{\"errors\":[{\"code\":");

    SDKError jsonHtml = tokenDetailsFailure(Wire.json(500, "<html>oops</html>"));
    assertThat(jsonHtml).isExactlyInstanceOf(ServerErrorException.class);
    assertThat(jsonHtml.errors()).isEmpty();
  }

  @Test
  void messageIsOneLineWithoutTheBody() {
    String longMessage = "line one\nline two " + "x".repeat(500);
    SDKError error =
        tokenDetailsFailure(
            Wire.json(
                401,
                "{\"errors\":[{\"code\":1001,\"message\":\""
                    + longMessage.replace("\n", "\\n")
                    + "\"}],\"secretField\":\"body-only-value\"}"));

    assertThat(error.getMessage()).doesNotContain("\n").doesNotContain("body-only-value");
    assertThat(error.getMessage().length()).isLessThan(260);
    assertThat(error.body()).contains("body-only-value");
  }

  @Test
  void connectionRefusedIsAPlexConnectionException() {
    PlexAPI plex = PlexAPI.builder().plexTvURL("http://127.0.0.1:" + Wire.closedPort()).build();

    PlexConnectionException error =
        catchThrowableOfType(
            PlexConnectionException.class, () -> plex.authentication().getTokenDetails());

    assertThat(error).isNotInstanceOf(RequestTimeoutException.class);
    assertThat(error.operation()).isEqualTo("getTokenDetails");
    assertThat(error.getMessage()).startsWith("getTokenDetails: could not connect to 127.0.0.1:");
  }

  @Test
  void stalledServerTimesOutAfterAboutTheConfiguredTimeout() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    PlexAPI plex = clientFor(server).requestTimeout(Duration.ofMillis(300)).build();

    long start = System.nanoTime();
    RequestTimeoutException error =
        catchThrowableOfType(
            RequestTimeoutException.class, () -> plex.authentication().getTokenDetails());
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    assertThat(error.operation()).isEqualTo("getTokenDetails");
    assertThat(error.getMessage()).contains("within 300 ms");
    assertThat(elapsed).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
  }

  @Test
  void bodyThatStallsAfterTheHeadersAlsoTimesOut() {
    server.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/json")
            .body(Wire.fixture("user.json"))
            .onResponseBody(SocketEffect.Stall.INSTANCE)
            .build());
    RequestOptions options = RequestOptions.builder().timeout(Duration.ofMillis(300)).build();

    long start = System.nanoTime();
    catchThrowableOfType(RequestTimeoutException.class, () -> auth.getTokenDetails(options));

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
    assertThat(Thread.currentThread().isInterrupted())
        .as("the timeout's interrupt stays inside the SDK")
        .isFalse();
  }

  @Test
  void anInterruptedCallerStaysInterruptedAndGetsAConnectionError() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    PlexAPI plex = clientFor(server).requestTimeout(Duration.ofSeconds(20)).build();

    Thread.currentThread().interrupt();
    try {
      long start = System.nanoTime();
      PlexConnectionException error =
          catchThrowableOfType(
              PlexConnectionException.class, () -> plex.authentication().getTokenDetails());

      assertThat(error).isNotInstanceOf(RequestTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void connectionDroppedAfterTheRequestIsAPlexConnectionException() {
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());

    PlexConnectionException error =
        catchThrowableOfType(
            PlexConnectionException.class,
            () ->
                auth.postUsersSignInData(
                    PostUsersSignInDataRequest.builder().clientID("cid").build()));

    assertThat(error).isNotInstanceOf(RequestTimeoutException.class);
    assertThat(error.getMessage()).startsWith("postUsersSignInData: connection to ");
  }

  @Test
  void everyErrorIsAPlexExceptionSubclassChosenByStatus() {
    Function<Integer, SDKError> at = status -> tokenDetailsFailure(Wire.json(status, "{}"));
    assertThat(at.apply(400)).isInstanceOf(BadRequestException.class);
    assertThat(at.apply(401)).isInstanceOf(UnauthorizedException.class);
    assertThat(at.apply(403)).isInstanceOf(ForbiddenException.class);
    assertThat(at.apply(404)).isInstanceOf(NotFoundException.class);
    assertThat(at.apply(429)).isInstanceOf(RateLimitedException.class);
    assertThat(at.apply(599)).isInstanceOf(ServerErrorException.class);
  }
}
