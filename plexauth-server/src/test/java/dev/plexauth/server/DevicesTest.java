package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.StoreDump;
import dev.plexauth.server.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account's devices on the wire: GET /api/v2/devices, DELETE /api/v2/devices/{id} and DELETE
 * /devices/{id}.xml, GET /api/v2/ping and DELETE /api/v2/users/signout. Each takes an account token
 * only, and a device of another account is as absent as one that never was.
 */
class DevicesTest {

  @TempDir Path dataDir;

  Fixture fx;
  Http http;

  /** The database each test runs on; {@link PostgresWireTest} overrides it. */
  TestDatabase database(Path dataDir) {
    return TestDatabase.sqlite(dataDir);
  }

  @BeforeEach
  void start() {
    fx = Fixture.withAccounts(database(dataDir));
    http = fx.http;
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private String signIn(String client, String product, String device) {
    Http.Response response =
        http.send(
            "POST",
            "/api/v2/users/signin",
            Http.form(Map.of("login", Fixture.USER, "password", Fixture.USER_PASSWORD)),
            "Content-Type",
            "application/x-www-form-urlencoded",
            "Accept",
            "application/json",
            "X-Plex-Client-Identifier",
            client,
            "X-Plex-Product",
            product,
            "X-Plex-Version",
            "1.2",
            "X-Plex-Platform",
            "Linux",
            "X-Plex-Device",
            device);
    assertThat(response.status()).isEqualTo(201);
    return response.json().path("authToken").asText();
  }

  private JsonNode devices(String token) {
    Http.Response response = http.getJson("/api/v2/devices", "X-Plex-Token", token);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private Http.Response delete(String path, String token) {
    return http.send("DELETE", path, null, "X-Plex-Token", token, "Accept", "application/json");
  }

  private int status(String path, String token) {
    return http.getJson(path, "X-Plex-Token", token).status();
  }

  @Test
  void devicesListOneEntryPerClientWithWhatItSaidAndNeverAToken() {
    String laptop = signIn("laptop-id", "Plex Web", "Laptop");
    fx.clock.advance(Duration.ofMinutes(1));
    String replaced = signIn("phone-id", "Plex for iOS", "Phone");
    String phone = signIn("phone-id", "Plex for iOS", "Phone");
    String other = http.signInToken("admin-id", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);

    Http.Response response = http.getJson("/api/v2/devices", "X-Plex-Token", laptop);

    JsonNode list = response.json();
    assertThat(list).hasSize(2);
    JsonNode newest = list.get(0);
    assertThat(newest.path("clientIdentifier").asText()).isEqualTo("phone-id");
    assertThat(newest.path("name").asText()).isEqualTo("Phone");
    assertThat(newest.path("product").asText()).isEqualTo("Plex for iOS");
    assertThat(newest.path("productVersion").asText()).isEqualTo("1.2");
    assertThat(newest.path("platform").asText()).isEqualTo("Linux");
    assertThat(newest.path("current").asBoolean()).isFalse();
    assertThat(newest.path("id").asLong()).isBetween(1L, 1L << 52);
    assertThat(newest.path("createdAt").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(list.get(1).path("clientIdentifier").asText()).isEqualTo("laptop-id");
    assertThat(list.get(1).path("current").asBoolean()).isTrue();
    assertThat(response.body()).doesNotContain(laptop, replaced, phone, other);
    assertThat(devices(phone).get(0).path("current").asBoolean()).isTrue();
    assertThat(devices(other)).hasSize(1);
  }

  @Test
  void aDeviceKeepsItsIdWhenItSignsInAgain() {
    String first = signIn("keep-id", "App", "Box");
    long id = devices(first).get(0).path("id").asLong();

    String second = signIn("keep-id", "App", "Box");

    assertThat(devices(second).get(0).path("id").asLong()).isEqualTo(id);
  }

  @Test
  void devicesAnswerXmlByDefault() {
    String token = signIn("xml-id", "App & Co", "Box");

    Http.Response response = http.getXml("/api/v2/devices", "X-Plex-Token", token);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body())
        .matches(
            "<\\?xml version=\"1.0\" encoding=\"UTF-8\"\\?><devices><device id=\"\\d+\""
                + " name=\"Box\" product=\"App &amp; Co\" productVersion=\"1.2\""
                + " platform=\"Linux\" device=\"Box\" clientIdentifier=\"xml-id\""
                + " createdAt=\"[0-9TZ:-]+\" lastSeenAt=\"[0-9TZ:-]+\" current=\"1\"/></devices>");
  }

  @Test
  void theOlderDeviceListIsXmlWithEpochSecondsAndNoToken() {
    String token = signIn("legacy-id", "App & Co", "Box");
    long id = deviceId(token, "legacy-id");

    Http.Response response = http.getJson("/devices.xml", "X-Plex-Token", token);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type").orElse("")).startsWith("text/xml");
    long now = fx.clock.instant().getEpochSecond();
    assertThat(response.body())
        .isEqualTo(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><MediaContainer size=\"1\"><Device"
                + " name=\"Box\" product=\"App &amp; Co\" productVersion=\"1.2\""
                + " platform=\"Linux\" device=\"Box\" clientIdentifier=\"legacy-id\" id=\""
                + id
                + "\" createdAt=\""
                + now
                + "\" lastSeenAt=\""
                + now
                + "\"/></MediaContainer>");
    assertThat(response.body()).doesNotContain(token).doesNotContain("token=");
  }

  @Test
  void pingRecordsWhenTheTokenWasLastSeen() {
    String token = signIn("ping-id", "App", "Box");
    String createdAt = devices(token).get(0).path("createdAt").asText();
    fx.clock.advance(Duration.ofHours(3));

    Http.Response json = http.getJson("/api/v2/ping", "X-Plex-Token", token);
    Http.Response xml = http.getXml("/api/v2/ping", "X-Plex-Token", token);

    assertThat(json.status()).isEqualTo(200);
    assertThat(json.body()).isEqualTo("{\"pong\":true}");
    assertThat(xml.status()).isEqualTo(200);
    assertThat(xml.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><pong>true</pong>");
    JsonNode device = devices(token).get(0);
    assertThat(device.path("createdAt").asText()).isEqualTo(createdAt);
    assertThat(device.path("lastSeenAt").asText())
        .isEqualTo(fx.clock.instant().toString().replaceAll("\\.\\d+Z$", "Z"));
  }

  @Test
  void aPingWithinAMinuteOfTheRecordedTimeWritesNothing() {
    String token = signIn("ping-often", "App", "Box");
    String signedInAt = devices(token).get(0).path("lastSeenAt").asText();

    fx.clock.advance(Duration.ofSeconds(30));
    assertThat(status("/api/v2/ping", token)).isEqualTo(200);
    assertThat(devices(token).get(0).path("lastSeenAt").asText()).isEqualTo(signedInAt);

    fx.clock.advance(Duration.ofSeconds(31));
    assertThat(status("/api/v2/ping", token)).isEqualTo(200);
    assertThat(devices(token).get(0).path("lastSeenAt").asText())
        .isEqualTo(fx.clock.instant().toString().replaceAll("\\.\\d+Z$", "Z"))
        .isNotEqualTo(signedInAt);
  }

  @Test
  void removingADeviceEndsItsTokenAndItsDescendantsAtOnce() {
    String keep = signIn("keep", "App", "Keep");
    String gone = signIn("gone", "App", "Gone");
    String goneTransient = http.transientToken(gone);
    long goneId = deviceId(keep, "gone");

    Http.Response removed = delete("/api/v2/devices/" + goneId, keep);

    assertThat(removed.status()).isEqualTo(204);
    assertThat(removed.body()).isEmpty();
    assertThat(status("/api/v2/user", gone)).isEqualTo(401);
    assertThat(status("/", goneTransient)).isEqualTo(401);
    assertThat(status("/api/v2/user", keep)).isEqualTo(200);
    assertThat(devices(keep)).hasSize(1);
    assertThat(delete("/api/v2/devices/" + goneId, keep).status()).isEqualTo(404);
  }

  @Test
  void theOlderXmlPathRemovesADeviceToo() {
    String keep = signIn("keep", "App", "Keep");
    String gone = signIn("gone", "App", "Gone");

    long goneId = deviceId(keep, "gone");
    Http.Response newerPathWithXml = delete("/api/v2/devices/" + goneId + ".xml", keep);
    assertThat(newerPathWithXml.status()).isEqualTo(404);
    assertThat(status("/api/v2/user", gone)).isEqualTo(200);

    Http.Response removed = delete("/devices/" + goneId + ".xml", keep);

    assertThat(removed.status()).isEqualTo(204);
    assertThat(status("/api/v2/user", gone)).isEqualTo(401);
  }

  @Test
  void aDeviceCanRemoveItself() {
    String token = signIn("self", "App", "Self");

    assertThat(delete("/api/v2/devices/" + deviceId(token, "self"), token).status()).isEqualTo(204);
    assertThat(status("/api/v2/devices", token)).isEqualTo(401);
  }

  @Test
  void anotherAccountsDeviceIsNotFoundAndStaysSignedIn() {
    String mine = signIn("mine", "App", "Mine");
    String admin = http.signInToken("admin-device", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
    long adminDevice = deviceId(admin, "admin-device");
    List<String> before = StoreDump.of(fx.database);

    List<Http.Response> answers = new ArrayList<>();
    answers.add(delete("/api/v2/devices/" + adminDevice, mine));
    answers.add(delete("/devices/" + adminDevice + ".xml", mine));
    answers.add(delete("/api/v2/devices/" + (adminDevice + 1), mine));
    answers.add(delete("/api/v2/devices/0", mine));
    answers.add(delete("/api/v2/devices/-1", mine));
    answers.add(delete("/api/v2/devices/abc", mine));
    answers.add(delete("/api/v2/devices/99999999999999999999", mine));
    answers.add(delete("/devices/abc.xml", mine));
    answers.add(delete("/api/v2/devices/" + adminDevice + ".xml", mine));

    Http.Response notFound = answers.get(0);
    assertThat(notFound.status()).isEqualTo(404);
    assertThat(notFound.errorCode()).isEqualTo(1002);
    assertThat(answers)
        .allSatisfy(
            answer -> {
              assertThat(answer.status()).isEqualTo(404);
              assertThat(answer.body()).isEqualTo(notFound.body());
            });
    assertThat(StoreDump.of(fx.database)).isEqualTo(before);
    assertThat(status("/api/v2/user", admin)).isEqualTo(200);
  }

  @Test
  void signOutEndsTheTokenItsTransientTokensAndNothingElse() {
    String token = signIn("out", "App", "Out");
    String other = signIn("stays", "App", "Stays");
    String transientToken = http.transientToken(token);

    Http.Response response = delete("/api/v2/users/signout", token);

    assertThat(response.status()).isEqualTo(204);
    assertThat(response.body()).isEmpty();
    assertThat(status("/api/v2/user", token)).isEqualTo(401);
    assertThat(status("/api/v2/ping", token)).isEqualTo(401);
    assertThat(status("/", transientToken)).isEqualTo(401);
    assertThat(status("/api/v2/user", other)).isEqualTo(200);
    assertThat(devices(other)).hasSize(1);
    assertThat(delete("/api/v2/users/signout", token).status()).isEqualTo(401);
  }

  @Test
  void onlyAnAccountTokenMayListEndOrPingAndARefusalChangesNothing() {
    String token = signIn("only-account", "App", "Box");
    String transientToken = http.transientToken(token);
    long id = deviceId(token, "only-account");
    List<String> before = StoreDump.of(fx.database);

    for (String presented :
        new String[] {"", "not-a-real-token", transientToken, "resource-forged", "transient-x"}) {
      List<Http.Response> answers =
          List.of(
              http.getJson("/api/v2/devices", "X-Plex-Token", presented),
              http.getJson("/devices.xml", "X-Plex-Token", presented),
              http.getJson("/api/v2/ping", "X-Plex-Token", presented),
              delete("/api/v2/users/signout", presented),
              delete("/api/v2/devices/" + id, presented),
              delete("/devices/" + id + ".xml", presented));
      assertThat(answers)
          .as("token %s", presented.isEmpty() ? "(none)" : presented.substring(0, 3))
          .allSatisfy(
              answer -> {
                assertThat(answer.status()).isEqualTo(401);
                assertThat(answer.errorCode()).isEqualTo(1001);
              });
    }
    assertThat(StoreDump.of(fx.database)).isEqualTo(before);
    assertThat(status("/api/v2/user", token)).isEqualTo(200);
  }

  private long deviceId(String token, String clientIdentifier) {
    for (JsonNode device : devices(token)) {
      if (device.path("clientIdentifier").asText().equals(clientIdentifier)) {
        return device.path("id").asLong();
      }
    }
    throw new AssertionError("no device " + clientIdentifier);
  }
}
