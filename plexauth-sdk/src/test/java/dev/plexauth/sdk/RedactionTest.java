package dev.plexauth.sdk;

import static dev.plexauth.sdk.Wire.base;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plexauth.sdk.errors.PlexConnectionException;
import dev.plexauth.sdk.errors.PlexException;
import dev.plexauth.sdk.errors.SDKError;
import dev.plexauth.sdk.models.GetSourceConnectionInformationResponse;
import dev.plexauth.sdk.models.GetTokenDetailsResponse;
import dev.plexauth.sdk.models.GetTransientTokenQueryParamType;
import dev.plexauth.sdk.models.GetTransientTokenResponse;
import dev.plexauth.sdk.models.PostUsersSignInDataRequest;
import dev.plexauth.sdk.models.PostUsersSignInDataRequestBody;
import dev.plexauth.sdk.models.PostUsersSignInDataResponse;
import dev.plexauth.sdk.models.Scope;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** No token, password or code ever shows in a toString(), an exception message or a log line. */
class RedactionTest {

  private static final String TOKEN = "SECRET-TOKEN-1234";
  private static final String PASSWORD = "PASSWORD-5678";
  private static final String CODE = "CODE-9012";
  private static final String AUTH_TOKEN = "AUTH-TOKEN-3456";
  private static final String TRANSIENT = "TRANSIENT-7890";
  private static final String SERVICE_TOKEN = "DjoMtqFAGRL1uVtCyF1dKIorTbShJeqv";
  private static final List<String> SECRETS =
      List.of(TOKEN, PASSWORD, CODE, AUTH_TOKEN, TRANSIENT, SERVICE_TOKEN);

  /** Held strongly so the configured level is not lost to garbage collection. */
  private static final Logger SDK_LOG = Logger.getLogger("dev.plexauth.sdk");

  private final List<String> logLines = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
          synchronized (logLines) {
            logLines.add(record.getLevel() + " " + formatter.formatMessage(record));
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    SDK_LOG.setLevel(Level.ALL);
    SDK_LOG.addHandler(capture);
  }

  @AfterEach
  void stop() {
    SDK_LOG.removeHandler(capture);
    SDK_LOG.setLevel(null);
    server.close();
  }

  private static void assertFreeOfSecrets(Object shown) {
    String text = String.valueOf(shown);
    for (String secret : SECRETS) {
      assertThat(text).as("shown text").doesNotContain(secret);
    }
  }

  private static String userJson() {
    return Wire.fixture("signin.json").replace("CxoUzBTSV5hsxjTpFKaf", AUTH_TOKEN);
  }

  @Test
  void callsLeaveNoSecretInResponsesRequestsOrLogs() {
    server.enqueue(Wire.json(200, "{\"MediaContainer\":{\"token\":\"" + TRANSIENT + "\"}}"));
    server.enqueue(
        Wire.json(
            200,
            "{\"MediaContainer\":{\"Device\":{\"name\":\"n\",\"accessToken\":\""
                + TRANSIENT
                + "\"}}}"));
    server.enqueue(Wire.json(200, userJson()));
    server.enqueue(
        new MockResponse.Builder()
            .code(201)
            .setHeader("Content-Type", "application/json")
            .setHeader("Set-Cookie", "session=" + TOKEN)
            .body(userJson())
            .build());
    PlexAPI plex =
        PlexAPI.builder()
            .serverURL(base(server) + "/?X-Plex-Token=" + TOKEN)
            .plexTvURL(base(server) + "/api/v2")
            .accessToken(TOKEN)
            .clientID("cid")
            .build();
    PostUsersSignInDataRequest signIn =
        PostUsersSignInDataRequest.builder()
            .clientID("cid")
            .requestBody(
                PostUsersSignInDataRequestBody.of("alice", PASSWORD).withVerificationCode(CODE))
            .build();

    GetTransientTokenResponse token =
        plex.authentication()
            .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL);
    GetSourceConnectionInformationResponse source =
        plex.authentication().getSourceConnectionInformation("server://x");
    GetTokenDetailsResponse details = plex.authentication().getTokenDetails();
    PostUsersSignInDataResponse signedIn = plex.authentication().postUsersSignInData(signIn);

    assertThat(token.token()).isEqualTo(TRANSIENT);
    assertThat(signedIn.userPlexAccount().authToken()).isEqualTo(AUTH_TOKEN);
    for (Object shown :
        List.of(
            token,
            source,
            source.device(),
            details,
            details.userPlexAccount(),
            details.userPlexAccount().services(),
            signedIn,
            signIn,
            signIn.requestBody().orElseThrow(),
            plex,
            plex.newBuilder())) {
      assertFreeOfSecrets(shown);
    }
    assertThat(logLines)
        .anyMatch(line -> line.contains("--> GET") && line.contains("/security/token"))
        .anyMatch(line -> line.contains("<-- 201 POST"))
        .anyMatch(line -> line.contains("X-Plex-Token=***"));
    logLines.forEach(RedactionTest::assertFreeOfSecrets);
  }

  @Test
  void errorsCarryTheBodyButShowNoSecret() {
    server.enqueue(
        Wire.json(
            401,
            "{\"errors\":[{\"code\":1001,\"message\":\"User could not be authenticated\"}],"
                + "\"authToken\":\""
                + AUTH_TOKEN
                + "\"}"));
    PlexAPI plex =
        PlexAPI.builder()
            .plexTvURL(base(server) + "/api/v2?X-Plex-Token=" + TOKEN)
            .accessToken(TOKEN)
            .build();

    SDKError error =
        catchThrowableOfType(
            SDKError.class,
            () ->
                plex.authentication()
                    .postUsersSignInData(
                        PostUsersSignInDataRequest.builder()
                            .clientID("cid")
                            .requestBody(PostUsersSignInDataRequestBody.of("alice", PASSWORD))
                            .build()));

    assertThat(error.body()).contains(AUTH_TOKEN);
    assertFreeOfSecrets(error);
    assertFreeOfSecrets(error.getMessage());
    logLines.forEach(RedactionTest::assertFreeOfSecrets);
  }

  @Test
  void connectionErrorsShowNoSecret() {
    PlexAPI plex =
        PlexAPI.builder()
            .plexTvURL("http://127.0.0.1:" + Wire.closedPort() + "/api?X-Plex-Token=" + TOKEN)
            .accessToken(TOKEN)
            .build();

    PlexException error =
        catchThrowableOfType(
            PlexConnectionException.class, () -> plex.authentication().getTokenDetails());

    assertFreeOfSecrets(error);
    logLines.forEach(RedactionTest::assertFreeOfSecrets);
  }

  @Test
  void transportRecordsAndOptionsMaskTheirSecrets() {
    TransportRequest request =
        new TransportRequest(
            "POST",
            URI.create("http://h/users/signin?X-Plex-Token=" + TOKEN + "&type=delegation"),
            Map.of("X-Plex-Token", TOKEN, "Authorization", "Basic " + TOKEN, "Accept", "x"),
            ("login=a&password=" + PASSWORD).getBytes(StandardCharsets.UTF_8),
            Duration.ofSeconds(1));
    TransportResponse response =
        new TransportResponse(
            201,
            Map.of(
                "Set-Cookie", List.of("s=" + TOKEN), "Content-Type", List.of("application/json")),
            userJson().getBytes(StandardCharsets.UTF_8));
    RequestOptions options =
        RequestOptions.builder()
            .serverURL("http://h/?X-Plex-Token=" + TOKEN)
            .header("X-Plex-Token", TOKEN)
            .header("Cookie", "c=" + TOKEN)
            .build();

    assertFreeOfSecrets(request);
    assertFreeOfSecrets(response);
    assertFreeOfSecrets(options);
    assertThat(request.toString()).contains("type=delegation").contains("Accept=x");
    assertThat(response.toString()).contains("application/json");
  }
}
