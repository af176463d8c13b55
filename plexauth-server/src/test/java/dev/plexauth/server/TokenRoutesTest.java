package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/v2/user, GET|POST /security/token and GET /security/resources on the wire. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenRoutesTest {

  Fixture fx;
  Http http;
  String adminToken;
  String userToken;

  /** The database the suite runs on; {@link PostgresWireTest} overrides it. */
  TestDatabase database(Path dataDir) {
    return TestDatabase.sqlite(dataDir);
  }

  @BeforeAll
  void start(@TempDir Path dataDir) {
    fx = Fixture.withAccounts(database(dataDir));
    http = fx.http;
    adminToken = http.signInToken("routes-admin", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
    userToken = http.signInToken("routes-user", Fixture.USER, Fixture.USER_PASSWORD, null);
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  @Test
  void tokenDetailsAnswerTheAccountWithThePresentedToken() {
    Http.Response response =
        http.getJson("/api/v2/user", "X-Plex-Token", userToken, "Authorization", "Basic Og==");

    assertThat(response.status()).isEqualTo(200);
    JsonNode user = response.json();
    assertThat(user.path("username").asText()).isEqualTo(Fixture.USER);
    assertThat(user.path("authToken").asText()).isEqualTo(userToken);
    assertThat(user.has("pastSubscriptions")).isFalse();
    assertThat(user.has("trials")).isFalse();
  }

  @Test
  void tokenDetailsAcceptTheTokenInTheQuery() {
    Http.Response response = http.getJson("/api/v2/user?X-Plex-Token=" + userToken);

    assertThat(response.status()).isEqualTo(200);
  }

  @Test
  void tokenDetailsRefuseATransientTokenWhichIsAPmsToken() {
    String transientToken = http.transientToken(userToken);

    Http.Response response = http.getJson("/api/v2/user", "X-Plex-Token", transientToken);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo(1001);
    assertThat(response.body()).doesNotContain(Fixture.USER_EMAIL);
  }

  @Test
  void tokenDetailsWithoutOrWithABadTokenAre401With1001() {
    for (Http.Response response :
        new Http.Response[] {
          http.getJson("/api/v2/user"),
          http.getJson("/api/v2/user", "X-Plex-Token", ""),
          http.getJson("/api/v2/user", "X-Plex-Token", "not-a-real-token"),
          http.getJson("/api/v2/user", "X-Plex-Token", "transient-forged"),
          http.getJson("/api/v2/user", "Authorization", "Basic Og==")
        }) {
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.errorCode()).isEqualTo(1001);
    }
  }

  @Test
  void tokenDetailsAnswerXmlByDefault() {
    Http.Response ok = http.getXml("/api/v2/user", "X-Plex-Token", userToken);
    Http.Response error = http.getXml("/api/v2/user");

    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.contentType()).isEqualTo("text/xml;charset=utf-8");
    assertThat(ok.body())
        .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><user ")
        .contains(" id=\"" + fx.user.account().id() + "\"")
        .contains("username=\"alice\"", "confirmed=\"1\"", "mailingListStatus=\"active\"")
        .contains("<subscription active=\"0\" status=\"Inactive\"><features/></subscription>")
        .contains("<entitlements/>", "<services/>", "<subscriptions/>", "<roles/>")
        .doesNotContain("locale=", "pastSubscriptions");
    assertThat(error.status()).isEqualTo(401);
    assertThat(error.body())
        .isEqualTo(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><errors><error code=\"1001\""
                + " message=\"User could not be authenticated\" status=\"401\"/></errors>");
  }

  @Test
  void transientTokenWithGetAndPost() {
    Http.Response get =
        http.getJson("/security/token?scope=all&type=delegation", "X-Plex-Token", userToken);
    Http.Response post =
        http.send(
            "POST",
            "/security/token?type=delegation&scope=all",
            null,
            "X-Plex-Token",
            userToken,
            "Accept",
            "application/json");

    for (Http.Response response : new Http.Response[] {get, post}) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("X-Plex-Protocol")).contains("1.0");
      JsonNode container = response.json().path("MediaContainer");
      assertThat(container.path("size").asInt(-1)).isZero();
      assertThat(container.path("token").asText()).matches("transient-[A-Za-z0-9_-]{43}");
    }
    assertThat(get.json().path("MediaContainer").path("token"))
        .isNotEqualTo(post.json().path("MediaContainer").path("token"));
  }

  @Test
  void transientTokenAnswersXmlByDefault() {
    Http.Response response =
        http.getXml("/security/token?type=delegation&scope=all", "X-Plex-Token", userToken);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body())
        .matches(
            "<\\?xml version=\"1.0\" encoding=\"UTF-8\"\\?><MediaContainer size=\"0\""
                + " token=\"transient-[A-Za-z0-9_-]{43}\"/>");
  }

  @Test
  void transientTokenMadeFromATransientTokenWorksAndKeepsTheAccessLevel() {
    String first = http.transientToken(userToken);
    String second = http.transientToken(first);
    String third = http.transientToken(second);
    String adminThird = http.transientToken(http.transientToken(http.transientToken(adminToken)));

    assertThat(second).isNotEqualTo(first);
    assertThat(http.transientToken(third)).startsWith("transient-");
    assertThat(resources(third).status()).isEqualTo(403);
    assertThat(resources(adminThird).status()).isEqualTo(200);
  }

  private Http.Response resources(String token) {
    return http.getJson("/security/resources?source=" + Fixture.SOURCE, "X-Plex-Token", token);
  }

  @Test
  void transientTokenNeedsAValidToken() {
    Http.Response missing = http.getJson("/security/token?type=delegation&scope=all");
    Http.Response bad =
        http.getJson("/security/token?type=delegation&scope=all", "X-Plex-Token", "nope");

    for (Http.Response response : new Http.Response[] {missing, bad}) {
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.errorCode()).isEqualTo(1001);
    }
  }

  @Test
  void wrongOrMissingTypeOrScopeIs400() {
    for (String query :
        new String[] {
          "",
          "?type=delegation",
          "?scope=all",
          "?type=bogus&scope=all",
          "?type=delegation&scope=none",
          "?type=Delegation&scope=all",
          "?type=&scope=all"
        }) {
      Http.Response response = http.getJson("/security/token" + query, "X-Plex-Token", userToken);
      assertThat(response.status()).as(query).isEqualTo(400);
      assertThat(response.json().path("errors").path(0).path("message").asText())
          .isEqualTo("type must be delegation and scope must be all");
    }
  }

  @Test
  void sourceInformationForAnAdminToken() {
    Http.Response response =
        http.getJson(
            "/security/resources?source=" + Http.encode(Fixture.SOURCE),
            "X-Plex-Token",
            adminToken);

    assertThat(response.status()).isEqualTo(200);
    JsonNode container = response.json().path("MediaContainer");
    assertThat(container.path("size").asInt()).isEqualTo(1);
    JsonNode device = container.path("Device");
    assertThat(device.isObject()).isTrue();
    assertThat(device.path("name").asText()).isEqualTo("Living room");
    assertThat(device.path("clientIdentifier").asText()).isEqualTo("living-room");
    String accessToken = device.path("accessToken").asText();
    assertThat(accessToken).startsWith("transient-");
    JsonNode connections = device.path("Connection");
    assertThat(connections).hasSize(2);
    assertThat(connections.path(0).path("protocol").asText()).isEqualTo("http");
    assertThat(connections.path(0).path("address").asText()).isEqualTo("192.168.1.20");
    assertThat(connections.path(0).path("port").asInt()).isEqualTo(32400);
    assertThat(connections.path(0).path("uri").asText()).isEqualTo("http://192.168.1.20:32400");
    assertThat(connections.path(0).path("local").asBoolean()).isTrue();
    assertThat(connections.path(0).path("relay").asBoolean()).isFalse();
    assertThat(connections.path(1).path("relay").asBoolean()).isTrue();
    // The access token handed out is itself an admin transient token.
    assertThat(
            http.getJson(
                    "/security/resources?source=" + Http.encode(Fixture.SOURCE),
                    "X-Plex-Token",
                    accessToken)
                .status())
        .isEqualTo(200);
  }

  @Test
  void sourceInformationForATransientTokenMadeFromAnAdminToken() {
    String transientToken = http.transientToken(http.transientToken(adminToken));

    Http.Response response =
        http.getJson(
            "/security/resources?source=" + Fixture.SOURCE, "X-Plex-Token", transientToken);

    assertThat(response.status()).isEqualTo(200);
  }

  @Test
  void sourceInformationAnswersXmlByDefault() {
    Http.Response response =
        http.getXml("/security/resources?source=" + Fixture.SOURCE, "X-Plex-Token", adminToken);

    assertThat(response.body())
        .matches(
            "<\\?xml version=\"1.0\" encoding=\"UTF-8\"\\?><MediaContainer size=\"1\">"
                + "<Device name=\"Living room\" clientIdentifier=\"living-room\""
                + " accessToken=\"transient-[A-Za-z0-9_-]{43}\">"
                + "<Connection protocol=\"http\" address=\"192.168.1.20\" port=\"32400\""
                + " uri=\"http://192.168.1.20:32400\" local=\"1\" relay=\"0\"/>"
                + "<Connection protocol=\"https\" address=\"relay.example.com\" port=\"8443\""
                + " uri=\"https://relay.example.com:8443\" local=\"0\" relay=\"1\"/>"
                + "</Device></MediaContainer>");
  }

  @Test
  void sourceInformationIsForbiddenToNonAdminTokens() {
    String userTransient = http.transientToken(userToken);
    for (String token : new String[] {userToken, userTransient}) {
      Http.Response response =
          http.getJson("/security/resources?source=" + Fixture.SOURCE, "X-Plex-Token", token);
      assertThat(response.status()).isEqualTo(403);
      assertThat(response.errorCode()).isEqualTo(1009);
    }
  }

  @Test
  void sourceInformationErrors() {
    assertThat(http.getJson("/security/resources?source=" + Fixture.SOURCE).status())
        .isEqualTo(401);
    assertThat(
            http.getJson("/security/resources?source=" + Fixture.SOURCE, "X-Plex-Token", "bad")
                .status())
        .isEqualTo(401);
    assertThat(http.getJson("/security/resources", "X-Plex-Token", adminToken).status())
        .isEqualTo(400);
    assertThat(http.getJson("/security/resources?source=", "X-Plex-Token", adminToken).status())
        .isEqualTo(400);
    Http.Response unknown =
        http.getJson(
            "/security/resources?source=server%3A%2F%2Fdoes-not-exist", "X-Plex-Token", adminToken);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo(1002);
  }
}
