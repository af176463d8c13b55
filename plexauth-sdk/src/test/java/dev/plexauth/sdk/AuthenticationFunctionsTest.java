package dev.plexauth.sdk;

import static dev.plexauth.sdk.AuthenticationFunctions.authenticationGetSourceConnectionInformation;
import static dev.plexauth.sdk.AuthenticationFunctions.authenticationGetTokenDetails;
import static dev.plexauth.sdk.AuthenticationFunctions.authenticationGetTransientToken;
import static dev.plexauth.sdk.AuthenticationFunctions.authenticationPostUsersSignInData;
import static dev.plexauth.sdk.Wire.clientFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plexauth.sdk.errors.GetTokenDetailsUnauthorized;
import dev.plexauth.sdk.errors.PlexConnectionException;
import dev.plexauth.sdk.errors.PostUsersSignInDataBadRequest;
import dev.plexauth.sdk.models.GetSourceConnectionInformationResponse;
import dev.plexauth.sdk.models.GetTokenDetailsResponse;
import dev.plexauth.sdk.models.GetTransientTokenQueryParamType;
import dev.plexauth.sdk.models.GetTransientTokenResponse;
import dev.plexauth.sdk.models.PostUsersSignInDataRequest;
import dev.plexauth.sdk.models.PostUsersSignInDataResponse;
import dev.plexauth.sdk.models.Scope;
import java.io.IOException;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The standalone functions return a Result instead of throwing a PlexException. */
class AuthenticationFunctionsTest {

  private MockWebServer server;
  private PlexAPI plex;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    plex = clientFor(server).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void eachFunctionReturnsOkWithTheAnswer() {
    server.enqueue(Wire.transientToken());
    server.enqueue(Wire.json(200, "{\"MediaContainer\":{\"Device\":{\"name\":\"src\"}}}"));
    server.enqueue(Wire.user(200));
    server.enqueue(Wire.json(201, Wire.fixture("signin.json")));

    Result<GetTransientTokenResponse> token =
        authenticationGetTransientToken(
            plex, GetTransientTokenQueryParamType.DELEGATION, Scope.ALL);
    Result<GetSourceConnectionInformationResponse> source =
        authenticationGetSourceConnectionInformation(plex, "server://x", RequestOptions.none());
    Result<GetTokenDetailsResponse> details = authenticationGetTokenDetails(plex);
    Result<PostUsersSignInDataResponse> signIn =
        authenticationPostUsersSignInData(
            plex, PostUsersSignInDataRequest.builder().clientID("cid").build());

    assertThat(token.ok()).isTrue();
    assertThat(token).isInstanceOf(Result.Ok.class);
    assertThat(token.getOrThrow().token()).isEqualTo("transient-abc");
    assertThat(source.map(res -> res.device().name())).isEqualTo(new Result.Ok<>("src"));
    assertThat(details.getOrThrow().userPlexAccount().username()).isEqualTo("Username");
    assertThat(signIn.getOrThrow().statusCode()).isEqualTo(201);
  }

  @Test
  void aPlexExceptionBecomesErrInsteadOfBeingThrown() {
    server.enqueue(Wire.json(401, "{\"errors\":[{\"code\":1001,\"message\":\"no\"}]}"));
    server.enqueue(Wire.json(400, "{\"errors\":[{\"code\":1000,\"message\":\"cid\"}]}"));

    Result<GetTokenDetailsResponse> details = authenticationGetTokenDetails(plex);
    Result<PostUsersSignInDataResponse> signIn =
        authenticationPostUsersSignInData(
            plex, PostUsersSignInDataRequest.builder().clientID("cid").build());

    assertThat(details.ok()).isFalse();
    assertThat(details).isInstanceOf(Result.Err.class);
    assertThat(((Result.Err<GetTokenDetailsResponse>) details).error())
        .isInstanceOf(GetTokenDetailsUnauthorized.class);
    assertThatThrownBy(details::getOrThrow).isInstanceOf(GetTokenDetailsUnauthorized.class);
    assertThat(details.map(res -> "never")).isInstanceOf(Result.Err.class);
    assertThat(details.map(res -> res.userPlexAccount().username()).orElse("nobody"))
        .isEqualTo("nobody");
    assertThat(((Result.Err<PostUsersSignInDataResponse>) signIn).error())
        .isInstanceOf(PostUsersSignInDataBadRequest.class);
  }

  @Test
  void connectionFailuresAreCapturedToo() {
    PlexAPI unreachable =
        PlexAPI.builder().plexTvURL("http://127.0.0.1:" + Wire.closedPort()).build();

    Result<GetTokenDetailsResponse> result = authenticationGetTokenDetails(unreachable);

    assertThat(result).isInstanceOf(Result.Err.class);
    assertThat(((Result.Err<GetTokenDetailsResponse>) result).error())
        .isInstanceOf(PlexConnectionException.class);
  }

  @Test
  void programmingErrorsStillThrow() {
    PlexAPI noServer = PlexAPI.builder().build();

    assertThatThrownBy(
            () ->
                authenticationGetTransientToken(
                    noServer, GetTransientTokenQueryParamType.DELEGATION, Scope.ALL))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> authenticationGetSourceConnectionInformation(plex, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () ->
                authenticationPostUsersSignInData(
                    plex, PostUsersSignInDataRequest.builder().build()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(server.getRequestCount()).isZero();
  }
}
