package dev.plexauth.sdk;

import static dev.plexauth.sdk.Wire.base;
import static dev.plexauth.sdk.Wire.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plexauth.sdk.errors.BadRequestException;
import dev.plexauth.sdk.errors.GetPinBadRequest;
import dev.plexauth.sdk.errors.GetTokenByPinIdBadRequest;
import dev.plexauth.sdk.errors.GetTokenByPinIdNotFound;
import dev.plexauth.sdk.errors.NotFoundException;
import dev.plexauth.sdk.errors.PlexErrorCode;
import dev.plexauth.sdk.errors.RateLimitedException;
import dev.plexauth.sdk.errors.SDKError;
import dev.plexauth.sdk.models.AuthPinContainer;
import dev.plexauth.sdk.models.GeoData;
import dev.plexauth.sdk.models.GetPinRequest;
import dev.plexauth.sdk.models.GetPinResponse;
import dev.plexauth.sdk.models.GetTokenByPinIdRequest;
import dev.plexauth.sdk.models.GetTokenByPinIdResponse;
import dev.plexauth.sdk.models.LinkPinResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * getPin and getTokenByPinId: what they send, how they read the answers, which errors they throw.
 */
class PinOperationsTest {

  private static final String NOT_FOUND =
      "{\"errors\":[{\"code\":1020,\"message\":\"Code not found or expired\",\"status\":404}]}";

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

  private PlexAPI plex() {
    return PlexAPI.builder()
        .plexTvURL(base(server) + "/api/v2")
        .accessToken(Wire.TOKEN)
        .clientID("client-of-plexapi")
        .clientName("My App")
        .build();
  }

  @Test
  void getPinPostsStrongWithTheRequestsIdentityAndNoToken() throws Exception {
    server.enqueue(Wire.json(201, Wire.fixture("pin.json")));

    GetPinResponse answer =
        plex()
            .plex()
            .getPin(
                GetPinRequest.builder()
                    .strong(true)
                    .clientID("3381b62b")
                    .clientName("Plex for Roku")
                    .deviceNickname("Roku 3")
                    .clientVersion("2.4.1")
                    .platform("Roku")
                    .build());

    RecordedRequest request = take(server);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/v2/pins?strong=true");
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(request.getHeaders().get("X-Plex-Client-Identifier")).isEqualTo("3381b62b");
    assertThat(request.getHeaders().get("X-Plex-Product")).isEqualTo("Plex for Roku");
    assertThat(request.getHeaders().get("X-Plex-Device")).isEqualTo("Roku 3");
    assertThat(request.getHeaders().get("X-Plex-Version")).isEqualTo("2.4.1");
    assertThat(request.getHeaders().get("X-Plex-Platform")).isEqualTo("Roku");
    assertThat(request.getHeaders().get("X-Plex-Token")).isNull();
    assertThat(request.getBodySize()).isZero();
    assertThat(answer.statusCode()).isEqualTo(201);
  }

  @Test
  void getPinFallsBackToTheClientsIdentityAndSendsStrongFalseByDefault() throws Exception {
    server.enqueue(Wire.json(201, Wire.fixture("pin.json")));

    plex().plex().getPin(GetPinRequest.builder().build());

    RecordedRequest request = take(server);
    assertThat(request.getTarget()).isEqualTo("/api/v2/pins?strong=false");
    assertThat(request.getHeaders().get("X-Plex-Client-Identifier")).isEqualTo("client-of-plexapi");
    assertThat(request.getHeaders().get("X-Plex-Product")).isEqualTo("My App");
  }

  @Test
  void getPinWithoutAnyClientIdentifierFailsBeforeSending() {
    PlexAPI anonymous = PlexAPI.builder().plexTvURL(base(server) + "/api/v2").build();

    assertThatThrownBy(() -> anonymous.plex().getPin(GetPinRequest.builder().build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clientID");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aRealPlexTvPinIsReadWithEveryField() {
    server.enqueue(Wire.json(201, Wire.fixture("pin.json")));

    AuthPinContainer pin = plex().plex().getPin(GetPinRequest.builder().build()).authPinContainer();

    assertThat(pin.id()).isEqualTo(308667304L);
    assertThat(pin.code()).isEqualTo("7RQZ");
    assertThat(pin.product()).isEqualTo("Tautulli");
    assertThat(pin.trusted()).isFalse();
    assertThat(pin.qr()).isEqualTo("https://plex.tv/api/v2/pins/qr/7RQZ");
    assertThat(pin.clientIdentifier()).isEqualTo("Tautulli");
    assertThat(pin.location().continentCode()).isEqualTo("NA");
    assertThat(pin.location().postalCode()).as("a number on the wire").isEqualTo("802");
    assertThat(pin.location().europeanUnionMember()).isTrue();
    assertThat(pin.expiresIn()).isEqualTo(876);
    assertThat(pin.createdAt()).isEqualTo(Instant.parse("2024-07-16T17:03:05Z"));
    assertThat(pin.expiresAt()).isEqualTo(Instant.parse("2024-07-16T17:18:05Z"));
    assertThat(pin.authToken()).isEmpty();
    assertThat(pin.newRegistration()).isEmpty();
  }

  @Test
  void aPinIsReadFromXmlToo() {
    server.enqueue(
        Wire.xml(
            200,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><pin id=\"42\" code=\"ABCD\" product=\"\""
                + " trusted=\"0\" qr=\"q\" clientIdentifier=\"tv\" expiresIn=\"899\""
                + " createdAt=\"2026-01-02T03:04:05Z\" expiresAt=\"2026-01-02T03:19:05+00:00\""
                + " authToken=\"secret-token\"><location code=\"\" time_zone=\"\"/></pin>"));

    AuthPinContainer pin =
        plex()
            .plex()
            .getTokenByPinId(GetTokenByPinIdRequest.builder().pinID(42).build())
            .authPinContainer();

    assertThat(pin.id()).isEqualTo(42);
    assertThat(pin.code()).isEqualTo("ABCD");
    assertThat(pin.expiresIn()).isEqualTo(899);
    assertThat(pin.expiresAt()).isEqualTo(Instant.parse("2026-01-02T03:19:05Z"));
    assertThat(pin.authToken()).contains("secret-token");
    assertThat(pin.location()).isEqualTo(GeoData.UNKNOWN);
  }

  @Test
  void theTokenIsMaskedInToString() {
    server.enqueue(
        Wire.json(
            200,
            "{\"id\":1,\"code\":\"ABCD\",\"authToken\":\"secret-token\","
                + "\"createdAt\":1700000000,\"expiresAt\":\"2023-11-14T22:28:20.5Z\"}"));

    GetTokenByPinIdResponse answer =
        plex().plex().getTokenByPinId(GetTokenByPinIdRequest.builder().pinID(1).build());

    assertThat(answer.authPinContainer().authToken()).contains("secret-token");
    assertThat(answer.authPinContainer().createdAt()).isEqualTo(Instant.ofEpochSecond(1700000000));
    assertThat(answer.toString())
        .doesNotContain("secret-token")
        .contains("authToken=Optional[***]");
  }

  @Test
  void getTokenByPinIdGetsThePinByIdWithTheIdentityAndNoToken() throws Exception {
    server.enqueue(Wire.json(200, Wire.fixture("pin.json")));

    plex()
        .plex()
        .getTokenByPinId(
            GetTokenByPinIdRequest.builder().pinID(408895).clientID("3381b62b").build());

    RecordedRequest request = take(server);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/api/v2/pins/408895");
    assertThat(request.getHeaders().get("X-Plex-Client-Identifier")).isEqualTo("3381b62b");
    assertThat(request.getHeaders().get("X-Plex-Product")).isEqualTo("My App");
    assertThat(request.getHeaders().get("X-Plex-Token")).isNull();
  }

  @Test
  void aPinIdIsRequired() {
    assertThatThrownBy(() -> GetTokenByPinIdRequest.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pinID");
  }

  @Test
  void anUnknownPinIsGetTokenByPinIdNotFoundWith1020() {
    server.enqueue(Wire.json(404, NOT_FOUND));

    assertThatThrownBy(
            () -> plex().plex().getTokenByPinId(GetTokenByPinIdRequest.builder().pinID(7).build()))
        .isInstanceOf(GetTokenByPinIdNotFound.class)
        .isInstanceOf(NotFoundException.class)
        .hasMessage("getTokenByPinId: HTTP 404 (1020 Code not found or expired)")
        .satisfies(e -> assertThat(((SDKError) e).code()).isEqualTo(PlexErrorCode.CODE_NOT_FOUND));
  }

  @Test
  void aBadRequestIsEachOperationsOwnType() {
    String missing =
        "{\"errors\":[{\"code\":1000,\"message\":\"X-Plex-Client-Identifier is missing\","
            + "\"status\":400}]}";
    server.enqueue(Wire.json(400, missing));
    server.enqueue(Wire.json(400, missing));

    assertThatThrownBy(() -> plex().plex().getPin(GetPinRequest.builder().build()))
        .isInstanceOf(GetPinBadRequest.class)
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(
            () -> plex().plex().getTokenByPinId(GetTokenByPinIdRequest.builder().pinID(1).build()))
        .isInstanceOf(GetTokenByPinIdBadRequest.class);
  }

  @Test
  void aPinPostIsNeverResentOnceItMayHaveReachedTheServer() {
    AtomicInteger sent = new AtomicInteger();
    Transport failing =
        request -> {
          sent.incrementAndGet();
          throw new IOException("connection reset");
        };
    PlexAPI plex =
        PlexAPI.builder()
            .clientID("c")
            .transport(failing)
            .retryConfig(
                RetryConfig.backoff(
                        java.time.Duration.ofMillis(1),
                        java.time.Duration.ofMillis(1),
                        1.0,
                        java.time.Duration.ofSeconds(5))
                    .withRetryConnectionErrors(true))
            .build();

    assertThatThrownBy(() -> plex.plex().getPin(GetPinRequest.builder().build()));
    assertThatThrownBy(
        () -> plex.plex().getTokenByPinId(GetTokenByPinIdRequest.builder().pinID(1).build()));

    assertThat(sent.get()).isEqualTo(2);
  }

  @Test
  void theResultFormsAndTheAsyncFormsCarryTheSameOutcomes() {
    server.enqueue(Wire.json(201, Wire.fixture("pin.json")));
    server.enqueue(Wire.json(404, NOT_FOUND));
    server.enqueue(Wire.json(201, Wire.fixture("pin.json")));
    server.enqueue(Wire.json(404, NOT_FOUND));
    PlexAPI plex = plex();

    Result<GetPinResponse> made = PlexFunctions.plexGetPin(plex, GetPinRequest.builder().build());
    Result<GetTokenByPinIdResponse> unknown =
        PlexFunctions.plexGetTokenByPinId(plex, GetTokenByPinIdRequest.builder().pinID(9).build());
    GetPinResponse async = plex.plex().getPinAsync(GetPinRequest.builder().build()).join();

    assertThat(made.ok()).isTrue();
    assertThat(made.getOrThrow().authPinContainer().code()).isEqualTo("7RQZ");
    assertThat(unknown.ok()).isFalse();
    assertThat(((Result.Err<GetTokenByPinIdResponse>) unknown).error())
        .isInstanceOf(GetTokenByPinIdNotFound.class);
    assertThat(async.authPinContainer().id()).isEqualTo(308667304L);
    assertThatThrownBy(
            () ->
                plex.plex()
                    .getTokenByPinIdAsync(GetTokenByPinIdRequest.builder().pinID(9).build())
                    .join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(GetTokenByPinIdNotFound.class);
  }

  @Test
  void linkPinPutsTheCodeAsAFormWithTheTokenAndReadsThe204() throws Exception {
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(204).build());

    LinkPinResponse answer = plex().plex().linkPin("7t 3&9");

    RecordedRequest request = take(server);
    assertThat(request.getMethod()).isEqualTo("PUT");
    assertThat(request.getTarget()).isEqualTo("/api/v2/pins/link");
    assertThat(request.getHeaders().get("Content-Type"))
        .isEqualTo("application/x-www-form-urlencoded");
    assertThat(request.getBody().utf8()).isEqualTo("code=7t%203%269");
    assertThat(request.getHeaders().get("X-Plex-Token")).isEqualTo(Wire.TOKEN);
    assertThat(answer.statusCode()).isEqualTo(204);
  }

  @Test
  void anUnknownCodeIsNotFoundWith1020AndALockoutIsRateLimited() {
    server.enqueue(Wire.json(404, NOT_FOUND));
    server.enqueue(
        new mockwebserver3.MockResponse.Builder()
            .code(429)
            .setHeader("Content-Type", "application/json")
            .setHeader("Retry-After", "60")
            .body("{\"errors\":[{\"code\":1031,\"message\":\"Too many wrong codes\"}]}")
            .build());

    Result<LinkPinResponse> unknown =
        PlexFunctions.plexLinkPin(plex(), "ZZZZ", RequestOptions.none());
    assertThat(((Result.Err<LinkPinResponse>) unknown).error())
        .isInstanceOf(NotFoundException.class)
        .satisfies(e -> assertThat(((SDKError) e).code()).isEqualTo(1020));
    assertThatThrownBy(() -> plex().plex().linkPin("ZZZZ"))
        .isInstanceOf(RateLimitedException.class)
        .satisfies(
            e ->
                assertThat(((RateLimitedException) e).retryAfter())
                    .contains(java.time.Duration.ofSeconds(60)));
  }

  @Test
  void anApprovalIsNeverResentNotEvenOnA503() {
    AtomicInteger sent = new AtomicInteger();
    Transport unavailable =
        request -> {
          sent.incrementAndGet();
          return new TransportResponse(503, java.util.Map.of(), new byte[0]);
        };
    PlexAPI plex =
        PlexAPI.builder()
            .accessToken("t")
            .transport(unavailable)
            .retryConfig(
                RetryConfig.backoff(
                    java.time.Duration.ofMillis(1),
                    java.time.Duration.ofMillis(1),
                    1.0,
                    java.time.Duration.ofSeconds(5)))
            .build();

    assertThatThrownBy(() -> plex.plex().linkPin("ABCD")).isInstanceOf(SDKError.class);

    assertThat(sent.get()).isEqualTo(1);
  }

  @Test
  void anAnswerWithoutAPinIsAnSdkErrorNotAParserException() {
    server.enqueue(Wire.json(201, "{\"user\":{}}"));

    assertThatThrownBy(() -> plex().plex().getPin(GetPinRequest.builder().build()))
        .isExactlyInstanceOf(SDKError.class)
        .hasMessageContaining("no pin in the answer");
  }

  @Test
  void missingTextsReadAsEmptyAndMissingTimesAsTheEpoch() {
    AuthPinContainer sparse =
        new AuthPinContainer(
            1, null, null, false, null, null, null, 0, null, null, null, Optional.empty());

    assertThat(sparse.code()).isEmpty();
    assertThat(sparse.location()).isEqualTo(GeoData.UNKNOWN);
    assertThat(sparse.createdAt()).isEqualTo(Instant.EPOCH);
    assertThat(sparse.authToken()).isEmpty();
  }
}
