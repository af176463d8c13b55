package dev.plexauth.sdk;

import static dev.plexauth.sdk.Wire.TOKEN;
import static dev.plexauth.sdk.Wire.base;
import static dev.plexauth.sdk.Wire.clientFor;
import static dev.plexauth.sdk.Wire.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plexauth.sdk.models.GetTransientTokenQueryParamType;
import dev.plexauth.sdk.models.PostUsersSignInDataRequest;
import dev.plexauth.sdk.models.PostUsersSignInDataRequestBody;
import dev.plexauth.sdk.models.Scope;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact requests each operation puts on the wire. */
class RequestWireTest {

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

  private static PostUsersSignInDataRequestBody credentials(String login, String password) {
    return PostUsersSignInDataRequestBody.of(login, password);
  }

  @Test
  void getTransientTokenSendsTypeAndScopeWithTheTokenInAHeader() throws Exception {
    server.enqueue(Wire.transientToken());

    clientFor(server)
        .build()
        .authentication()
        .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL);

    RecordedRequest request = take(server);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/security/token?type=delegation&scope=all");
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(request.getHeaders().get("X-Plex-Token")).isEqualTo(TOKEN);
    assertThat(request.getHeaders().get("Authorization")).isNull();
    assertThat(request.getHeaders().get("User-Agent")).matches("plexauth-sdk/\\S+ Java/\\S+");
    assertThat(request.getBodySize()).isZero();
  }

  @Test
  void getSourceConnectionInformationEncodesTheSourceLikeEncodeUriComponent() throws Exception {
    server.enqueue(Wire.json(200, "{\"MediaContainer\":{\"Device\":{\"name\":\"n\"}}}"));
    server.enqueue(Wire.json(200, "{\"MediaContainer\":{\"Device\":{\"name\":\"n\"}}}"));
    Authentication auth = clientFor(server).build().authentication();

    auth.getSourceConnectionInformation("server://client-identifier");
    auth.getSourceConnectionInformation("provider://x y+z&é");

    RecordedRequest first = take(server);
    assertThat(first.getMethod()).isEqualTo("GET");
    assertThat(first.getTarget())
        .isEqualTo("/security/resources?source=server%3A%2F%2Fclient-identifier");
    assertThat(first.getHeaders().get("X-Plex-Token")).isEqualTo(TOKEN);
    assertThat(take(server).getTarget())
        .isEqualTo("/security/resources?source=provider%3A%2F%2Fx%20y%2Bz%26%C3%A9");
  }

  @Test
  void getTokenDetailsGoesToPlexTvUrlWithTheTokenInAHeader() throws Exception {
    server.enqueue(Wire.user(200));

    clientFor(server).build().authentication().getTokenDetails();

    RecordedRequest request = take(server);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/api/v2/user");
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(request.getHeaders().get("X-Plex-Token")).isEqualTo(TOKEN);
    assertThat(request.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void plexTvOperationsGoToPlexTvByDefaultAndIgnoreTheServerUrl() {
    List<URI> sent = new ArrayList<>();
    Transport capture =
        request -> {
          sent.add(request.uri());
          return new TransportResponse(404, Map.of(), new byte[0]);
        };
    PlexAPI plex = PlexAPI.builder().serverURL("http://127.0.0.1:9").transport(capture).build();

    assertThatThrownBy(() -> plex.authentication().getTokenDetails());
    assertThatThrownBy(
        () ->
            plex.authentication()
                .postUsersSignInData(PostUsersSignInDataRequest.builder().clientID("cid").build()));

    assertThat(sent)
        .containsExactly(
            URI.create("https://plex.tv/api/v2/user"),
            URI.create("https://plex.tv/api/v2/users/signin"));
  }

  @Test
  void signInSendsTheFormInPlexjsOrderPercentEncodedAndNeverTheToken() throws Exception {
    server.enqueue(Wire.json(201, Wire.fixture("signin.json")));
    PostUsersSignInDataRequest request =
        PostUsersSignInDataRequest.builder()
            .clientID("3381b62b-9ab7-4e37-827b-203e9809eb58")
            .clientName("Plex for Roku")
            .deviceNickname("Roku 3")
            .clientVersion("2.4.1")
            .platform("Roku")
            .requestBody(
                credentials("username@email.com", "pa ss&w=rd+123").withVerificationCode("123456"))
            .build();

    clientFor(server).build().authentication().postUsersSignInData(request);

    RecordedRequest recorded = take(server);
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getTarget()).isEqualTo("/api/v2/users/signin");
    assertThat(recorded.getHeaders().get("Content-Type"))
        .isEqualTo("application/x-www-form-urlencoded");
    assertThat(recorded.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(recorded.getHeaders().get("X-Plex-Client-Identifier"))
        .isEqualTo("3381b62b-9ab7-4e37-827b-203e9809eb58");
    assertThat(recorded.getHeaders().get("X-Plex-Product")).isEqualTo("Plex for Roku");
    assertThat(recorded.getHeaders().get("X-Plex-Version")).isEqualTo("2.4.1");
    assertThat(recorded.getHeaders().get("X-Plex-Device")).isEqualTo("Roku 3");
    assertThat(recorded.getHeaders().get("X-Plex-Platform")).isEqualTo("Roku");
    assertThat(recorded.getHeaders().get("X-Plex-Token")).isNull();
    assertThat(recorded.getHeaders().get("Authorization")).isNull();
    assertThat(recorded.getBody().utf8())
        .isEqualTo(
            "login=username%40email.com&password=pa%20ss%26w%3Drd%2B123"
                + "&rememberMe=false&verificationCode=123456");
  }

  @Test
  void signInSendsRememberMeWhenSetAndNoVerificationCodeWhenUnset() throws Exception {
    server.enqueue(Wire.json(201, Wire.fixture("signin.json")));

    clientFor(server)
        .build()
        .authentication()
        .postUsersSignInData(
            PostUsersSignInDataRequest.builder()
                .clientID("cid-1")
                .requestBody(credentials("a@b.c", "p").withRememberMe(true))
                .build());

    RecordedRequest recorded = take(server);
    assertThat(recorded.getBody().utf8()).isEqualTo("login=a%40b.c&password=p&rememberMe=true");
    assertThat(recorded.getHeaders().get("X-Plex-Client-Identifier")).isEqualTo("cid-1");
    assertThat(recorded.getHeaders().get("X-Plex-Product")).isNull();
  }

  @Test
  void signInEncodesNonAsciiAsUtf8() throws Exception {
    server.enqueue(Wire.json(201, Wire.fixture("signin.json")));

    clientFor(server)
        .build()
        .authentication()
        .postUsersSignInData(
            PostUsersSignInDataRequest.builder()
                .clientID("cid")
                .requestBody(credentials("jürgen", "pässwörd €"))
                .build());

    assertThat(take(server).getBody().utf8())
        .isEqualTo("login=j%C3%BCrgen&password=p%C3%A4ssw%C3%B6rd%20%E2%82%AC&rememberMe=false");
  }

  @Test
  void signInWithoutRequestBodySendsAnEmptyFormWithItsContentType() throws Exception {
    server.enqueue(Wire.json(201, Wire.fixture("signin.json")));

    clientFor(server)
        .build()
        .authentication()
        .postUsersSignInData(PostUsersSignInDataRequest.builder().clientID("cid-1").build());

    RecordedRequest recorded = take(server);
    assertThat(recorded.getBodySize()).isZero();
    assertThat(recorded.getHeaders().get("Content-Length")).isEqualTo("0");
    assertThat(recorded.getHeaders().get("Content-Type"))
        .isEqualTo("application/x-www-form-urlencoded");
  }

  @Test
  void signInIdentityFallsBackToTheClientsFieldByField() throws Exception {
    server.enqueue(Wire.json(201, Wire.fixture("signin.json")));
    PlexAPI plex =
        clientFor(server)
            .clientID("client-cid")
            .clientName("Client Product")
            .clientVersion("9.9")
            .platform("Linux")
            .deviceNickname("Box")
            .build();

    plex.authentication()
        .postUsersSignInData(
            PostUsersSignInDataRequest.builder()
                .clientID("request-cid")
                .platform("Roku")
                .requestBody(credentials("a", "b"))
                .build());

    RecordedRequest recorded = take(server);
    assertThat(recorded.getHeaders().get("X-Plex-Client-Identifier")).isEqualTo("request-cid");
    assertThat(recorded.getHeaders().get("X-Plex-Platform")).isEqualTo("Roku");
    assertThat(recorded.getHeaders().get("X-Plex-Product")).isEqualTo("Client Product");
    assertThat(recorded.getHeaders().get("X-Plex-Version")).isEqualTo("9.9");
    assertThat(recorded.getHeaders().get("X-Plex-Device")).isEqualTo("Box");
  }

  @Test
  void signInWithoutAnyClientIdFailsBeforeSending() {
    PlexAPI plex = clientFor(server).build();
    PostUsersSignInDataRequest request =
        PostUsersSignInDataRequest.builder().requestBody(credentials("a", "b")).build();

    assertThatThrownBy(() -> plex.authentication().postUsersSignInData(request))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clientID");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void pmsOperationWithoutAServerAddressFailsAtCallTimeWithAClearMessage() {
    PlexAPI plex = PlexAPI.builder().accessToken(TOKEN).build();

    assertThatThrownBy(
            () ->
                plex.authentication()
                    .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("getTransientToken")
        .hasMessageContaining("serverURL");
    assertThatThrownBy(() -> plex.authentication().getSourceConnectionInformationAsync("x"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void perCallServerUrlOverridesEitherServerAndKeepsTheBasePath() throws Exception {
    server.enqueue(Wire.transientToken());
    server.enqueue(Wire.user(200));
    PlexAPI plex =
        PlexAPI.builder()
            .serverURL("http://127.0.0.1:9")
            .plexTvURL("http://127.0.0.1:9/api/v2")
            .accessToken(TOKEN)
            .build();

    plex.authentication()
        .getTransientToken(
            GetTransientTokenQueryParamType.DELEGATION,
            Scope.ALL,
            RequestOptions.builder().serverURL(base(server) + "/pfx").build());
    plex.authentication()
        .getTokenDetails(RequestOptions.builder().serverURL(base(server) + "/other/v2/").build());

    assertThat(take(server).getTarget()).isEqualTo("/pfx/security/token?type=delegation&scope=all");
    assertThat(take(server).getTarget()).isEqualTo("/other/v2/user");
  }

  @Test
  void protocolIpAndPortMakeTheServerAddress() throws Exception {
    server.enqueue(Wire.transientToken());
    PlexAPI plex =
        PlexAPI.builder()
            .protocol("http")
            .ip(server.getHostName())
            .port(server.getPort())
            .accessToken(TOKEN)
            .build();

    plex.authentication().getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL);

    assertThat(take(server).getTarget()).isEqualTo("/security/token?type=delegation&scope=all");
    assertThat(plex.serverURL())
        .contains("http://" + server.getHostName() + ":" + server.getPort());
  }

  @Test
  void clientIdentityIsSentOnEveryOperationOnlyWhenSet() throws Exception {
    server.enqueue(Wire.transientToken());
    server.enqueue(Wire.transientToken());

    clientFor(server)
        .clientID("cid")
        .clientName("App")
        .clientVersion("1.2")
        .platform("Java")
        .deviceNickname("Laptop")
        .build()
        .authentication()
        .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL);
    clientFor(server)
        .build()
        .authentication()
        .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL);

    RecordedRequest identified = take(server);
    assertThat(identified.getHeaders().get("X-Plex-Client-Identifier")).isEqualTo("cid");
    assertThat(identified.getHeaders().get("X-Plex-Product")).isEqualTo("App");
    assertThat(identified.getHeaders().get("X-Plex-Version")).isEqualTo("1.2");
    assertThat(identified.getHeaders().get("X-Plex-Platform")).isEqualTo("Java");
    assertThat(identified.getHeaders().get("X-Plex-Device")).isEqualTo("Laptop");
    RecordedRequest anonymous = take(server);
    assertThat(anonymous.getHeaders().names())
        .noneMatch(
            name -> name.toLowerCase().startsWith("x-plex-") && !name.equals("X-Plex-Token"));
  }

  @Test
  void noTokenHeaderIsSentWhenTheTokenIsEmptyOrMissing() throws Exception {
    server.enqueue(Wire.transientToken());
    server.enqueue(Wire.transientToken());
    server.enqueue(Wire.transientToken());

    PlexAPI.builder()
        .serverURL(base(server))
        .build()
        .authentication()
        .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL);
    PlexAPI.builder()
        .serverURL(base(server))
        .accessToken("")
        .build()
        .authentication()
        .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL);
    PlexAPI.builder()
        .serverURL(base(server))
        .accessToken(() -> null)
        .build()
        .authentication()
        .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL);

    for (int i = 0; i < 3; i++) {
      RecordedRequest request = take(server);
      assertThat(request.getHeaders().get("X-Plex-Token")).isNull();
      assertThat(request.getTarget()).doesNotContainIgnoringCase("token=");
    }
  }

  @Test
  void tokenSupplierIsAskedOncePerCallNotOncePerRetry() throws Exception {
    server.enqueue(Wire.json(503, "{}"));
    server.enqueue(Wire.user(200));
    AtomicInteger asked = new AtomicInteger();
    PlexAPI plex =
        clientFor(server)
            .accessToken(() -> "token-" + asked.incrementAndGet())
            .retryConfig(
                RetryConfig.backoff(
                    Duration.ofMillis(10), Duration.ofMillis(20), 1.5, Duration.ofSeconds(5)))
            .build();

    plex.authentication().getTokenDetails();

    assertThat(asked).hasValue(1);
    assertThat(take(server).getHeaders().get("X-Plex-Token")).isEqualTo("token-1");
    assertThat(take(server).getHeaders().get("X-Plex-Token")).isEqualTo("token-1");
  }

  @Test
  void signInIdentityThatCannotBeSentInAHeaderFailsBeforeSending() {
    PlexAPI plex = clientFor(server).build();
    PostUsersSignInDataRequest request =
        PostUsersSignInDataRequest.builder()
            .clientID("cid")
            .deviceNickname("TV \uD83D\uDCFA")
            .build();

    assertThatThrownBy(() -> plex.authentication().postUsersSignInData(request))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("X-Plex-Device");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void extraHeadersAreAddedAndOverrideTheSdksOwn() throws Exception {
    server.enqueue(Wire.user(200));

    clientFor(server)
        .build()
        .authentication()
        .getTokenDetails(
            RequestOptions.builder()
                .header("X-Plex-Language", "en")
                .header("x-plex-token", "override")
                .header("User-Agent", "my-app/1.0")
                .build());

    RecordedRequest request = take(server);
    assertThat(request.getHeaders().get("X-Plex-Language")).isEqualTo("en");
    assertThat(request.getHeaders().values("X-Plex-Token")).containsExactly("override");
    assertThat(request.getHeaders().get("User-Agent")).isEqualTo("my-app/1.0");
  }
}
