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

/** GET /identity (no token) and GET / (any PMS token) on the wire. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerIdentityTest {

  Fixture fx;
  Http http;
  String userToken;

  /** The database the suite runs on; {@link PostgresWireTest} overrides it. */
  TestDatabase database(Path dataDir) {
    return TestDatabase.sqlite(dataDir);
  }

  @BeforeAll
  void start(@TempDir Path dataDir) {
    fx = Fixture.on(database(dataDir)).server(b -> b.name("Den server")).withAccounts().start();
    http = fx.http;
    userToken = http.signInToken("identity-user", Fixture.USER, Fixture.USER_PASSWORD, null);
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  @Test
  void identityNeedsNoTokenAndNamesTheMachine() {
    Http.Response response = http.getJson("/identity");

    assertThat(response.status()).isEqualTo(200);
    JsonNode container = response.json().path("MediaContainer");
    assertThat(container.path("size").isInt()).isTrue();
    assertThat(container.path("size").asInt()).isZero();
    assertThat(container.path("claimed").asBoolean()).isTrue();
    assertThat(container.path("machineIdentifier").asText())
        .matches("[0-9a-f]{40}")
        .isEqualTo(fx.server.machineIdentifier());
    assertThat(container.path("version").asText()).isNotBlank();
  }

  @Test
  void identityAnswersXmlByDefaultAndIgnoresABadToken() {
    Http.Response response = http.getXml("/identity", "X-Plex-Token", "not-a-token");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).isEqualTo("text/xml;charset=utf-8");
    assertThat(response.body())
        .matches(
            "<\\?xml version=\"1.0\" encoding=\"UTF-8\"\\?><MediaContainer size=\"0\""
                + " claimed=\"1\" machineIdentifier=\""
                + fx.server.machineIdentifier()
                + "\" version=\"[^\"]+\"/>");
  }

  @Test
  void anUnclaimedServerSaysSo(@TempDir Path other) {
    try (Fixture empty = Fixture.empty(database(other))) {
      JsonNode container = empty.http.getJson("/identity").json().path("MediaContainer");

      assertThat(container.path("claimed").asBoolean()).isFalse();
      assertThat(container.path("machineIdentifier").asText())
          .isNotEqualTo(fx.server.machineIdentifier());
    }
  }

  @Test
  void capabilitiesForAnAccountToken() {
    Http.Response response = http.getJson("/", "X-Plex-Token", userToken);

    assertThat(response.status()).isEqualTo(200);
    JsonNode container = response.json().path("MediaContainer");
    assertThat(container.path("machineIdentifier").asText())
        .isEqualTo(fx.server.machineIdentifier());
    assertThat(container.path("friendlyName").asText()).isEqualTo("Den server");
    assertThat(container.path("version").asText()).isNotBlank();
    assertThat(container.path("platform").asText()).isEqualTo(System.getProperty("os.name"));
    assertThat(container.path("myPlex").isBoolean()).isTrue();
    assertThat(container.path("myPlex").asBoolean()).isTrue();
    assertThat(container.path("myPlexUsername").asText()).isEqualTo(Fixture.ADMIN);
    assertThat(container.path("ownerFeatures").isTextual()).isTrue();
    assertThat(container.path("ownerFeatures").asText()).isEmpty();
    assertThat(container.path("transcoderActiveVideoSessions").isInt()).isTrue();
    assertThat(container.path("transcoderActiveVideoSessions").asInt()).isZero();
    assertThat(container.path("allowSync").isBoolean()).isTrue();
    assertThat(container.path("Directory").isArray()).isTrue();
    assertThat(container.path("Directory")).isEmpty();
  }

  @Test
  void capabilitiesForATransientTokenAndInXml() {
    String transientToken = http.transientToken(userToken);

    Http.Response json = http.getJson("/", "X-Plex-Token", transientToken);
    Http.Response xml = http.getXml("/?X-Plex-Token=" + userToken);

    assertThat(json.status()).isEqualTo(200);
    assertThat(xml.status()).isEqualTo(200);
    assertThat(xml.body())
        .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><MediaContainer size=\"0\"")
        .contains(" friendlyName=\"Den server\"", " myPlex=\"1\"", " myPlexUsername=\"admin\"")
        .contains(" ownerFeatures=\"\"", " transcoderActiveVideoSessions=\"0\"")
        .contains(" machineIdentifier=\"" + fx.server.machineIdentifier() + "\"")
        .endsWith(" voiceSearch=\"0\"></MediaContainer>");
  }

  @Test
  void capabilitiesNeedAValidToken() {
    for (Http.Response response :
        new Http.Response[] {
          http.getJson("/"),
          http.getJson("/", "X-Plex-Token", "not-a-real-token"),
          http.getJson("/", "X-Plex-Token", "transient-forged"),
          http.getJson("/", "X-Plex-Token", "resource-forged"),
          http.getJson("/", "Authorization", "Basic Og==")
        }) {
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.errorCode()).isEqualTo(1001);
    }
    Http.Response xml = http.getXml("/");
    assertThat(xml.status()).isEqualTo(401);
    assertThat(xml.body()).contains("<error code=\"1001\"");
  }

  @Test
  void theMachineIdentifierSurvivesARestartAndTheNameIsPerInstance(@TempDir Path other) {
    TestDatabase database = database(other);
    String first;
    try (Fixture before = Fixture.on(database).server(b -> b.name("first")).start()) {
      first = before.server.machineIdentifier();
    }
    try (Fixture after =
        Fixture.on(database).server(b -> b.name("second")).withAccounts().start()) {
      String token = after.http.signInToken("restart", Fixture.USER, Fixture.USER_PASSWORD, null);
      JsonNode container =
          after.http.getJson("/", "X-Plex-Token", token).json().path("MediaContainer");

      assertThat(after.server.machineIdentifier()).isEqualTo(first);
      assertThat(container.path("machineIdentifier").asText()).isEqualTo(first);
      assertThat(container.path("friendlyName").asText()).isEqualTo("second");
    }
  }
}
