package dev.plexauth.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.plexauth.sdk.AuthenticationFunctions;
import dev.plexauth.sdk.PlexAPI;
import dev.plexauth.sdk.RequestOptions;
import dev.plexauth.sdk.Result;
import dev.plexauth.sdk.RetryConfig;
import dev.plexauth.sdk.errors.PlexConnectionException;
import dev.plexauth.sdk.errors.PlexErrorCode;
import dev.plexauth.sdk.errors.PlexException;
import dev.plexauth.sdk.errors.PostUsersSignInDataUnauthorized;
import dev.plexauth.sdk.errors.UnauthorizedException;
import dev.plexauth.sdk.models.Connection;
import dev.plexauth.sdk.models.Device;
import dev.plexauth.sdk.models.GetTokenDetailsResponse;
import dev.plexauth.sdk.models.GetTransientTokenQueryParamType;
import dev.plexauth.sdk.models.PostUsersSignInDataRequest;
import dev.plexauth.sdk.models.PostUsersSignInDataRequestBody;
import dev.plexauth.sdk.models.Scope;
import dev.plexauth.sdk.models.UserPlexAccount;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK the way an application uses it, through the public API only (this class lives outside the
 * SDK's packages). A loopback server plays both the Plex Media Server and plex.tv.
 */
class PublicApiExampleTest {

  private MockWebServer plexServer;
  private String serverURL;

  @BeforeEach
  void startAFakePlex() throws IOException {
    plexServer = new MockWebServer();
    plexServer.start();
    String root = plexServer.url("/").toString();
    serverURL = root.substring(0, root.length() - 1);
  }

  @AfterEach
  void stopIt() {
    plexServer.close();
  }

  private void plexAnswers(int status, String json) {
    plexServer.enqueue(
        new MockResponse.Builder()
            .code(status)
            .setHeader("Content-Type", "application/json")
            .body(json)
            .build());
  }

  private static String signInAnswer() throws IOException {
    try (InputStream in = PublicApiExampleTest.class.getResourceAsStream("/fixtures/signin.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void signInThenUseTheTokenForTheOtherOperations() throws Exception {
    // One client for the whole application: immutable and thread-safe.
    PlexAPI anonymous =
        PlexAPI.builder()
            .serverURL(serverURL) // the Plex Media Server
            .plexTvURL(serverURL + "/api/v2") // plex.tv, here played by the same server
            .clientID("3381b62b-9ab7-4e37-827b-203e9809eb58") // stable per install
            .clientName("My Plex App")
            .clientVersion("1.0.0")
            .build();

    // Sign in. The password never appears in logs or toString().
    plexAnswers(201, signInAnswer());
    UserPlexAccount account =
        anonymous
            .authentication()
            .postUsersSignInData(
                PostUsersSignInDataRequest.builder()
                    .requestBody(
                        PostUsersSignInDataRequestBody.of("username@email.com", "password123")
                            .withVerificationCode("123456"))
                    .build())
            .userPlexAccount();
    assertThat(account.username()).isEqualTo("Username");

    // A copy of the client that sends the account token.
    PlexAPI plex = anonymous.newBuilder().accessToken(account.authToken()).build();

    // Who does the token belong to?
    plexAnswers(200, signInAnswer());
    UserPlexAccount me = plex.authentication().getTokenDetails().userPlexAccount();
    assertThat(me.email()).isEqualTo("username@email.com");
    assertThat(me.subscription().active()).isTrue();

    // A transient token to hand to another process instead of the account token.
    plexAnswers(200, "{\"MediaContainer\":{\"size\":0,\"token\":\"transient-90904684\"}}");
    String transientToken =
        plex.authentication()
            .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL)
            .token();
    assertThat(transientToken).startsWith("transient-");

    // How to reach a source the server knows.
    plexAnswers(
        200,
        "{\"MediaContainer\":{\"size\":1,\"Device\":{\"name\":\"Living room\","
            + "\"clientIdentifier\":\"abc\",\"accessToken\":\"transient-1\",\"Connection\":["
            + "{\"protocol\":\"http\",\"address\":\"192.168.1.20\",\"port\":32400,"
            + "\"uri\":\"http://192.168.1.20:32400\",\"local\":true,\"relay\":false}]}}}");
    Device device = plex.authentication().getSourceConnectionInformation("server://abc").device();
    Connection local =
        device.connections().stream().filter(Connection::local).findFirst().orElseThrow();
    assertThat(local.uri()).isEqualTo("http://192.168.1.20:32400");

    assertThat(plexServer.takeRequest().getHeaders().get("X-Plex-Token")).isNull();
    assertThat(plexServer.takeRequest().getHeaders().get("X-Plex-Token"))
        .isEqualTo("CxoUzBTSV5hsxjTpFKaf");
  }

  @Test
  void handleAWrongVerificationCodeByItsPlexCode() {
    PlexAPI plex = PlexAPI.builder().plexTvURL(serverURL).clientID("my-install-id").build();
    plexAnswers(
        401,
        "{\"errors\":[{\"code\":1029,\"message\":\"Please enter the verification code\","
            + "\"status\":401}]}");

    try {
      plex.authentication()
          .postUsersSignInData(
              PostUsersSignInDataRequest.builder()
                  .requestBody(PostUsersSignInDataRequestBody.of("alice", "secret"))
                  .build());
      fail("expected the sign-in to be refused");
    } catch (PostUsersSignInDataUnauthorized e) {
      // 1029: ask the user for the code from the authenticator app, then sign in again.
      assertThat(e.code()).isEqualTo(PlexErrorCode.VERIFICATION_CODE_REQUIRED);
      assertThat(e.getMessage())
          .isEqualTo("postUsersSignInData: HTTP 401 (1029 Please enter the verification code)");
    } catch (PlexException e) {
      fail("another failure: " + e);
    }
  }

  @Test
  void theNonThrowingStyleReturnsAResult() {
    PlexAPI plex = PlexAPI.builder().plexTvURL(serverURL).accessToken("revoked").build();
    plexAnswers(
        401, "{\"errors\":[{\"code\":1001,\"message\":\"User could not be authenticated\"}]}");

    Result<GetTokenDetailsResponse> res =
        AuthenticationFunctions.authenticationGetTokenDetails(plex);

    if (res instanceof Result.Err<GetTokenDetailsResponse> err) {
      assertThat(err.error()).isInstanceOf(UnauthorizedException.class);
    } else {
      fail("expected an error");
    }
    assertThat(res.ok()).isFalse();
  }

  @Test
  void retriesTimeoutsAndAsyncCalls() throws Exception {
    PlexAPI plex =
        PlexAPI.builder()
            .plexTvURL(serverURL)
            .accessToken("token")
            .requestTimeout(Duration.ofSeconds(5))
            .retryConfig(
                RetryConfig.backoff(
                        Duration.ofMillis(20), Duration.ofMillis(200), 1.5, Duration.ofSeconds(10))
                    .withRetryConnectionErrors(true))
            .build();
    plexServer.enqueue(new MockResponse.Builder().code(503).build()); // retried
    plexAnswers(200, signInAnswer());

    CompletableFuture<String> username =
        plex.authentication()
            .getTokenDetailsAsync(RequestOptions.builder().header("X-Plex-Language", "en").build())
            .thenApply(res -> res.userPlexAccount().username());

    assertThat(username.get(5, TimeUnit.SECONDS)).isEqualTo("Username");
    assertThat(plexServer.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anUnreachableServerIsAConnectionException() {
    PlexAPI plex =
        PlexAPI.builder()
            .serverURL("http://127.0.0.1:1")
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    try {
      plex.authentication().getSourceConnectionInformation("server://abc");
      fail("expected a connection failure");
    } catch (PlexConnectionException e) {
      assertThat(e.operation()).isEqualTo("getSourceConnectionInformation");
    }
  }
}
