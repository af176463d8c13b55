package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plexauth.sdk.models.Connection;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.TestDatabase;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/v2/resources on the wire: who sees which resource, the include flags, and the access
 * token of each resource: what it opens (the PMS routes, for that account and resource), what it
 * does not (the plex.tv routes, admin rights on a source), and when it dies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResourcesTest {

  static final String PUBLIC_URL = "https://plex.example.com:32443";
  static final String CELLAR = "server://cellar";
  static final String ALL = "?includeHttps=1&includeRelay=1&includeIPv6=1";

  Fixture fx;
  Http http;

  /** The database the suite runs on; {@link PostgresWireTest} overrides it. */
  TestDatabase database(Path dataDir) {
    return TestDatabase.sqlite(dataDir);
  }

  @BeforeAll
  void start(@TempDir Path dataDir) {
    fx =
        Fixture.on(database(dataDir))
            .server(b -> b.name("plexauth test").publicUrl(PUBLIC_URL))
            .withAccounts()
            .start();
    http = fx.http;
    fx.server.addSource(
        new Source(
            CELLAR,
            "Cellar",
            "cellar",
            List.of(
                new Connection("http", "fd00::20", 32400, "http://[fd00::20]:32400", true, false),
                new Connection(
                    "https",
                    "cellar.example.com",
                    443,
                    "https://cellar.example.com",
                    false,
                    false))));
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  private String signIn(String client, String login, String password) {
    return http.signInToken(client, login, password, null);
  }

  private Http.Response resources(String token, String query) {
    return http.getJson(
        "/api/v2/resources" + query, "X-Plex-Token", token, "X-Plex-Client-Identifier", "test");
  }

  /** The resources of a token, by client identifier. */
  private Map<String, JsonNode> byClient(String token, String query) {
    Http.Response response = resources(token, query);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    Map<String, JsonNode> found = new TreeMap<>();
    for (JsonNode resource : response.json()) {
      found.put(resource.path("clientIdentifier").asText(), resource);
    }
    return found;
  }

  private String accessToken(String token, String clientIdentifier) {
    return byClient(token, ALL).get(clientIdentifier).path("accessToken").asText();
  }

  @Test
  void anAdminSeesThisServerAndEverySourceAsOwned() {
    String admin = signIn("res-admin", Fixture.ADMIN, Fixture.ADMIN_PASSWORD);

    Http.Response response = resources(admin, ALL);

    assertThat(response.status()).isEqualTo(200);
    JsonNode list = response.json();
    assertThat(list.isArray()).isTrue();
    assertThat(list).hasSize(3);
    JsonNode self = list.get(0);
    assertThat(self.path("name").asText()).isEqualTo("plexauth test");
    assertThat(self.path("clientIdentifier").asText()).isEqualTo(fx.server.machineIdentifier());
    assertThat(self.path("product").asText()).isEqualTo("Plex Media Server");
    assertThat(self.path("productVersion").asText()).isNotBlank();
    assertThat(self.path("provides").asText()).isEqualTo("server");
    assertThat(self.path("owned").asBoolean()).isTrue();
    assertThat(self.path("presence").asBoolean()).isTrue();
    assertThat(self.path("httpsRequired").asBoolean()).isTrue();
    assertThat(self.path("ownerId").isNull()).isTrue();
    assertThat(self.path("sourceTitle").isNull()).isTrue();
    assertThat(self.path("device").isNull()).isTrue();
    assertThat(self.path("publicAddress").asText()).isEqualTo("plex.example.com");
    assertThat(self.path("createdAt").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(self.path("lastSeenAt").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(self.path("accessToken").asText()).matches("resource-[A-Za-z0-9_-]{43}");
    assertThat(self.path("connections")).hasSize(1);
    JsonNode connection = self.path("connections").get(0);
    assertThat(connection.path("protocol").asText()).isEqualTo("https");
    assertThat(connection.path("address").asText()).isEqualTo("plex.example.com");
    assertThat(connection.path("port").asInt()).isEqualTo(32443);
    assertThat(connection.path("uri").asText()).isEqualTo(PUBLIC_URL);
    assertThat(connection.path("local").asBoolean()).isFalse();
    assertThat(connection.path("relay").asBoolean()).isFalse();
    assertThat(connection.path("IPv6").isBoolean()).isTrue();
    assertThat(connection.path("IPv6").asBoolean()).isFalse();

    assertThat(list.get(1).path("clientIdentifier").asText()).isEqualTo("cellar");
    JsonNode livingRoom = list.get(2);
    assertThat(livingRoom.path("name").asText()).isEqualTo(Fixture.SOURCE_NAME);
    assertThat(livingRoom.path("owned").asBoolean()).isTrue();
    assertThat(livingRoom.path("relay").asBoolean()).isTrue();
    assertThat(livingRoom.path("platform").isNull()).isTrue();
    assertThat(livingRoom.path("connections")).hasSize(2);
    assertThat(livingRoom.path("connections").get(0).path("uri").asText())
        .isEqualTo(Fixture.SOURCE_LOCAL_URI);
    assertThat(livingRoom.path("connections").get(1).path("relay").asBoolean()).isTrue();
  }

  @Test
  void anotherAccountSeesOnlyWhatIsSharedWithItNotOwned() {
    String user = signIn("res-user", Fixture.USER, Fixture.USER_PASSWORD);
    assertThat(byClient(user, ALL).keySet()).containsExactly(fx.server.machineIdentifier());

    assertThat(fx.server.shareSource(Fixture.SOURCE, Fixture.USER)).isTrue();
    assertThat(fx.server.shareSource(Fixture.SOURCE, Fixture.USER_EMAIL)).isFalse();
    try {
      Map<String, JsonNode> shared = byClient(user, ALL);

      assertThat(shared.keySet())
          .containsExactlyInAnyOrder(
              fx.server.machineIdentifier(), Fixture.SOURCE_CLIENT_IDENTIFIER);
      JsonNode livingRoom = shared.get(Fixture.SOURCE_CLIENT_IDENTIFIER);
      assertThat(livingRoom.path("owned").asBoolean()).isFalse();
      assertThat(livingRoom.path("ownerId").asLong()).isEqualTo(fx.admin.account().id());
      assertThat(livingRoom.path("sourceTitle").asText()).isEqualTo(Fixture.ADMIN);
      assertThat(shared.get(fx.server.machineIdentifier()).path("owned").asBoolean()).isFalse();
      assertThat(shared).doesNotContainKey("cellar");
    } finally {
      assertThat(fx.server.unshareSource(Fixture.SOURCE, Fixture.USER)).isTrue();
    }
    assertThat(byClient(user, ALL).keySet()).containsExactly(fx.server.machineIdentifier());
    assertThat(fx.server.unshareSource(Fixture.SOURCE, Fixture.USER)).isFalse();
  }

  @Test
  void theIncludeFlagsFilterConnectionsAsTheirNamesSay() {
    String admin = signIn("res-flags", Fixture.ADMIN, Fixture.ADMIN_PASSWORD);

    Map<String, List<String>> none = uris(admin, "");
    Map<String, List<String>> zeros = uris(admin, "?includeHttps=0&includeRelay=0&includeIPv6=0");
    Map<String, List<String>> https = uris(admin, "?includeHttps=1");
    Map<String, List<String>> relay = uris(admin, "?includeHttps=1&includeRelay=1");
    Map<String, List<String>> ipv6 = uris(admin, "?includeIPv6=1");

    assertThat(none).isEqualTo(zeros);
    assertThat(none.get(fx.server.machineIdentifier())).isEmpty();
    assertThat(none.get(Fixture.SOURCE_CLIENT_IDENTIFIER))
        .containsExactly(Fixture.SOURCE_LOCAL_URI);
    assertThat(none.get("cellar")).isEmpty();
    assertThat(https.get(fx.server.machineIdentifier())).containsExactly(PUBLIC_URL);
    assertThat(https.get(Fixture.SOURCE_CLIENT_IDENTIFIER))
        .containsExactly(Fixture.SOURCE_LOCAL_URI);
    assertThat(https.get("cellar")).containsExactly("https://cellar.example.com");
    assertThat(relay.get(Fixture.SOURCE_CLIENT_IDENTIFIER))
        .containsExactly(Fixture.SOURCE_LOCAL_URI, Fixture.SOURCE_RELAY_URI);
    assertThat(ipv6.get("cellar")).containsExactly("http://[fd00::20]:32400");
    JsonNode cellar = byClient(admin, "?includeIPv6=1").get("cellar");
    assertThat(cellar.path("connections").get(0).path("IPv6").asBoolean()).isTrue();
  }

  private Map<String, List<String>> uris(String token, String query) {
    Map<String, List<String>> uris = new TreeMap<>();
    byClient(token, query)
        .forEach(
            (client, resource) -> {
              List<String> list = new ArrayList<>();
              resource.path("connections").forEach(c -> list.add(c.path("uri").asText()));
              uris.put(client, list);
            });
    return uris;
  }

  @Test
  void theAccessTokenOpensThePmsRoutesOnly() {
    String admin = signIn("res-pms", Fixture.ADMIN, Fixture.ADMIN_PASSWORD);
    String self = accessToken(admin, fx.server.machineIdentifier());
    String source = accessToken(admin, Fixture.SOURCE_CLIENT_IDENTIFIER);

    for (String token : List.of(self, source)) {
      assertThat(http.getJson("/", "X-Plex-Token", token).status()).isEqualTo(200);
      String transientToken = http.transientToken(token);
      assertThat(http.getJson("/", "X-Plex-Token", transientToken).status()).isEqualTo(200);
      for (String plexTvToken : List.of(token, transientToken)) {
        assertThat(http.getJson("/api/v2/user", "X-Plex-Token", plexTvToken).status())
            .isEqualTo(401);
        assertThat(http.getJson("/api/v2/devices", "X-Plex-Token", plexTvToken).status())
            .isEqualTo(401);
        assertThat(http.getJson("/api/v2/ping", "X-Plex-Token", plexTvToken).status())
            .isEqualTo(401);
        assertThat(resources(plexTvToken, "").status()).isEqualTo(401);
        assertThat(
                http.send(
                        "DELETE",
                        "/api/v2/users/signout",
                        null,
                        "X-Plex-Token",
                        plexTvToken,
                        "Accept",
                        "application/json")
                    .status())
            .isEqualTo(401);
      }
    }
    assertThat(http.getJson("/", "X-Plex-Token", admin).status()).isEqualTo(200);
  }

  @Test
  void onlyAnAdminsTokenForThisServerCarriesAdminRights() {
    String admin = signIn("res-rights-admin", Fixture.ADMIN, Fixture.ADMIN_PASSWORD);
    String user = signIn("res-rights-user", Fixture.USER, Fixture.USER_PASSWORD);
    fx.server.shareSource(Fixture.SOURCE, Fixture.USER);
    try {
      String adminSelf = accessToken(admin, fx.server.machineIdentifier());
      String adminSource = accessToken(admin, Fixture.SOURCE_CLIENT_IDENTIFIER);
      String userSelf = accessToken(user, fx.server.machineIdentifier());
      String userSource = accessToken(user, Fixture.SOURCE_CLIENT_IDENTIFIER);

      assertThat(sourceInformation(adminSelf, Fixture.SOURCE)).isEqualTo(200);
      assertThat(sourceInformation(http.transientToken(adminSelf), OTHER_SOURCE)).isEqualTo(404);
      assertThat(sourceInformation(userSelf, Fixture.SOURCE)).isEqualTo(403);
      // A token bound to a source reads that source (what its holder, that server, already knows)
      // and nothing else, and never as an admin: not another source, admin or not.
      for (String bound : List.of(adminSource, userSource)) {
        assertThat(sourceInformation(bound, Fixture.SOURCE)).isEqualTo(200);
        assertThat(sourceInformation(http.transientToken(bound), Fixture.SOURCE)).isEqualTo(200);
        assertThat(sourceInformation(bound, OTHER_SOURCE)).isEqualTo(403);
        assertThat(sourceInformation(http.transientToken(bound), OTHER_SOURCE)).isEqualTo(403);
      }
      assertThat(List.of(adminSelf, adminSource, userSelf, userSource)).doesNotHaveDuplicates();
    } finally {
      fx.server.unshareSource(Fixture.SOURCE, Fixture.USER);
    }
  }

  /** A source id no source is registered under. */
  private static final String OTHER_SOURCE = "server://nowhere";

  private int sourceInformation(String token, String source) {
    return http.getJson("/security/resources?source=" + Http.encode(source), "X-Plex-Token", token)
        .status();
  }

  @Test
  void theSameAccountTokenGetsTheSameAccessTokensAndAnotherDeviceOthers() {
    String laptop = signIn("res-laptop", Fixture.ADMIN, Fixture.ADMIN_PASSWORD);
    String phone = signIn("res-phone", Fixture.ADMIN, Fixture.ADMIN_PASSWORD);

    String first = accessToken(laptop, Fixture.SOURCE_CLIENT_IDENTIFIER);
    String again = accessToken(laptop, Fixture.SOURCE_CLIENT_IDENTIFIER);
    String fromPhone = accessToken(phone, Fixture.SOURCE_CLIENT_IDENTIFIER);

    assertThat(again).isEqualTo(first);
    assertThat(fromPhone).isNotEqualTo(first);
    assertThat(http.getJson("/", "X-Plex-Token", fromPhone).status()).isEqualTo(200);
    assertThat(first).doesNotContain(laptop);
  }

  @Test
  void listingAgainGivesTheSameAccessTokensAndWritesNothing() throws SQLException {
    String token = signIn("res-twice", Fixture.ADMIN, Fixture.ADMIN_PASSWORD);
    Map<String, String> first = accessTokens(token);
    List<String> stored = resourceTokenRows(token);
    assertThat(stored).hasSize(first.size()).hasSize(3);

    Map<String, String> again;
    java.sql.Connection blocking = fx.database.blockWrites("resource_tokens");
    try {
      // Were the listing to write, it would wait for this lock and fail.
      again = accessTokens(token);
    } finally {
      blocking.close();
    }

    assertThat(again).isEqualTo(first);
    assertThat(resourceTokenRows(token)).isEqualTo(stored);
  }

  /** The access token of each resource of an account token, by client identifier. */
  private Map<String, String> accessTokens(String token) {
    Map<String, String> tokens = new TreeMap<>();
    byClient(token, ALL)
        .forEach((client, resource) -> tokens.put(client, resource.path("accessToken").asText()));
    return tokens;
  }

  /** The resource tokens stored for an account token, as "resource hash created_at". */
  private List<String> resourceTokenRows(String accountToken) throws SQLException {
    String parent = MalformedRequests.sha256(accountToken);
    try (java.sql.Connection db = fx.database.connect();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT resource, token_hash, created_at FROM resource_tokens"
                    + " WHERE parent_token_hash = ? ORDER BY resource")) {
      query.setString(1, parent);
      List<String> rows = new ArrayList<>();
      try (ResultSet found = query.executeQuery()) {
        while (found.next()) {
          rows.add(found.getString(1) + " " + found.getString(2) + " " + found.getLong(3));
        }
      }
      return rows;
    }
  }

  @Test
  void theAccessTokenDiesWithItsAccountTokenAtOnce() {
    String token = signIn("res-dies", Fixture.ADMIN, Fixture.ADMIN_PASSWORD);
    String access = accessToken(token, fx.server.machineIdentifier());
    String transientToken = http.transientToken(access);

    Http.Response signedOut =
        http.send("DELETE", "/api/v2/users/signout", null, "X-Plex-Token", token);

    assertThat(signedOut.status()).isEqualTo(204);
    assertThat(http.getJson("/", "X-Plex-Token", access).status()).isEqualTo(401);
    assertThat(http.getJson("/", "X-Plex-Token", transientToken).status()).isEqualTo(401);
  }

  @Test
  void aNewSignInFromTheSameClientEndsTheOldAccessTokens() {
    String old = signIn("res-again", Fixture.USER, Fixture.USER_PASSWORD);
    String access = accessToken(old, fx.server.machineIdentifier());

    String fresh = signIn("res-again", Fixture.USER, Fixture.USER_PASSWORD);

    assertThat(http.getJson("/", "X-Plex-Token", access).status()).isEqualTo(401);
    assertThat(accessToken(fresh, fx.server.machineIdentifier())).isNotEqualTo(access);
  }

  @Test
  void unsharingOrRemovingASourceEndsItsAccessTokensAtOnce() {
    fx.server.addSource(new Source("server://attic", "Attic", "attic", List.of()));
    fx.server.shareSource("server://attic", Fixture.USER);
    String user = signIn("res-unshare", Fixture.USER, Fixture.USER_PASSWORD);
    String admin = signIn("res-remove", Fixture.ADMIN, Fixture.ADMIN_PASSWORD);
    String userAccess = accessToken(user, "attic");
    String adminAccess = accessToken(admin, "attic");
    assertThat(http.getJson("/", "X-Plex-Token", userAccess).status()).isEqualTo(200);

    fx.server.unshareSource("server://attic", Fixture.USER);
    assertThat(http.getJson("/", "X-Plex-Token", userAccess).status()).isEqualTo(401);
    assertThat(http.getJson("/", "X-Plex-Token", adminAccess).status()).isEqualTo(200);

    fx.server.shareSource("server://attic", Fixture.USER);
    assertThat(http.getJson("/", "X-Plex-Token", userAccess).status())
        .as("sharing again does not bring back a token that ended")
        .isEqualTo(401);
    assertThat(accessToken(user, "attic"))
        .as("listing after sharing again stores the token again")
        .isEqualTo(userAccess);
    assertThat(http.getJson("/", "X-Plex-Token", userAccess).status()).isEqualTo(200);
    fx.server.unshareSource("server://attic", Fixture.USER);
    assertThat(http.getJson("/", "X-Plex-Token", userAccess).status()).isEqualTo(401);
    fx.server.removeSource("server://attic");
    assertThat(http.getJson("/", "X-Plex-Token", adminAccess).status()).isEqualTo(401);
  }

  @Test
  void theListFollowsSourcesAtOnceThroughTheServerAndWithinASecondBesideIt() {
    String admin = signIn("res-lists", Fixture.ADMIN, Fixture.ADMIN_PASSWORD);
    String user = signIn("res-lists-user", Fixture.USER, Fixture.USER_PASSWORD);
    assertThat(byClient(admin, ALL)).doesNotContainKey("shed");
    assertThat(byClient(user, ALL)).doesNotContainKey("shed");

    fx.server.addSource(new Source("server://shed", "Shed", "shed", List.of()));
    assertThat(byClient(admin, ALL)).containsKey("shed");
    assertThat(byClient(user, ALL)).doesNotContainKey("shed");
    fx.server.shareSource("server://shed", Fixture.USER);
    assertThat(byClient(user, ALL)).containsKey("shed");

    try (PlexAuthAdmin beside = fx.database.openAdmin()) {
      assertThat(beside.unshareSource("server://shed", Fixture.USER)).isTrue();
      beside.addSource(new Source("server://barn", "Barn", "barn", List.of()));
    }
    Fixture.waitOutRecentLookups();
    assertThat(byClient(user, ALL)).doesNotContainKey("shed");
    assertThat(byClient(admin, ALL)).containsKeys("shed", "barn");

    fx.server.removeSource("server://shed");
    fx.server.removeSource("server://barn");
    assertThat(byClient(admin, ALL)).doesNotContainKeys("shed", "barn");
  }

  @Test
  void resourcesAnswerXmlByDefault() {
    String admin = signIn("res-xml", Fixture.ADMIN, Fixture.ADMIN_PASSWORD);

    Http.Response response =
        http.getXml(
            "/api/v2/resources?includeHttps=1",
            "X-Plex-Token",
            admin,
            "X-Plex-Client-Identifier",
            "test");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body())
        .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><resources><resource name=")
        .contains(" owned=\"1\"", " provides=\"server\"", " accessToken=\"resource-")
        .contains(
            "<connections><connection protocol=\"https\" address=\"plex.example.com\""
                + " port=\"32443\" uri=\""
                + PUBLIC_URL
                + "\" local=\"0\" relay=\"0\" IPv6=\"0\"/></connections>")
        .endsWith("</resource></resources>")
        .doesNotContain("ownerId=", "sourceTitle=");
  }

  @Test
  void refusals() {
    String admin = signIn("res-refusals", Fixture.ADMIN, Fixture.ADMIN_PASSWORD);
    String transientToken = http.transientToken(admin);

    for (Http.Response response :
        List.of(
            http.getJson("/api/v2/resources", "X-Plex-Client-Identifier", "test"),
            resources("not-a-real-token", ""),
            resources(transientToken, ""),
            resources("resource-forged", ""))) {
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.errorCode()).isEqualTo(1001);
    }
    Http.Response noClient = http.getJson("/api/v2/resources", "X-Plex-Token", admin);
    assertThat(noClient.status()).isEqualTo(400);
    assertThat(noClient.errorCode()).isEqualTo(1000);
    for (String query :
        List.of("?includeHttps=2", "?includeRelay=yes", "?includeIPv6=1&includeIPv6=0")) {
      Http.Response bad = resources(admin, query);
      assertThat(bad.status()).as(query).isEqualTo(400);
      assertThat(bad.errorCode()).isEqualTo(1004);
    }
  }

  @Test
  void withoutAPublicUrlThisServerIsNotListed(@TempDir Path other) {
    try (Fixture plain = Fixture.withAccounts(database(other))) {
      String admin = plain.http.signInToken("plain", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
      JsonNode list =
          plain
              .http
              .getJson(
                  "/api/v2/resources", "X-Plex-Token", admin, "X-Plex-Client-Identifier", "test")
              .json();

      assertThat(list).hasSize(1);
      assertThat(list.get(0).path("clientIdentifier").asText())
          .isEqualTo(Fixture.SOURCE_CLIENT_IDENTIFIER);
      assertThat(plain.server.publicUrl()).isEmpty();
    }
  }
}
