package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.Pins;
import dev.plexauth.server.support.StoreDump;
import dev.plexauth.server.support.TestDevice;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PIN variant of JWT device authentication on the wire: a pin made with a device's public key
 * ({@code POST /api/v2/pins} with {@code {"jwk": …, "strong": true}}) is answered, once approved,
 * with a Plex JWT for that key, and only to a poll that carries a JWT signed by it ({@code
 * deviceJWT}).
 */
class PinJwtTest {

  @TempDir Path dataDir;

  private Fixture fx;
  private Http http;
  private String approver;

  @BeforeEach
  void start() {
    fx = Fixture.on(dataDir).withAccounts().start();
    http = fx.http;
    approver = http.signInToken("approver-phone", Fixture.USER, Fixture.USER_PASSWORD, null);
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private Http.Response createWithKey(TestDevice device, String body) {
    return http.send(
        "POST",
        "/api/v2/pins",
        body,
        "X-Plex-Client-Identifier",
        device.clientIdentifier,
        "X-Plex-Product",
        "JWT TV",
        "Content-Type",
        "application/json",
        "Accept",
        "application/json");
  }

  private Http.Response poll(TestDevice device, long id, String deviceJwt) {
    String query = deviceJwt == null ? "" : "?deviceJWT=" + Http.encode(deviceJwt);
    return http.send(
        "GET",
        "/api/v2/pins/" + id + query,
        null,
        "X-Plex-Client-Identifier",
        device.clientIdentifier,
        "Accept",
        "application/json");
  }

  private static String body(TestDevice device) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jwk", device.jwkMembers());
    body.put("strong", true);
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void anApprovedPinMadeWithAKeyAnswersAPlexJwtToItsKeyOnly() {
    TestDevice tv = new TestDevice("jwt-tv");
    Http.Response created = createWithKey(tv, body(tv));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode pin = created.json();
    long id = pin.path("id").asLong();
    assertThat(pin.path("code").asText()).hasSize(25);

    assertThat(Pins.link(http, approver, pin.path("code").asText()).status()).isEqualTo(204);
    // Approved, but a poll without the device's JWT gets no token, and the pin stays.
    Http.Response withoutJwt = poll(tv, id, null);
    assertThat(withoutJwt.status()).isEqualTo(200);
    assertThat(withoutJwt.json().path("authToken").isNull()).isTrue();
    // Another key's JWT is refused and hands nothing out.
    TestDevice thief = new TestDevice("jwt-tv");
    Http.Response stolen = poll(tv, id, thief.jwt(null, fx.clock.instant()));
    assertThat(stolen.status()).isBetween(400, 499);
    assertThat(stolen.body()).doesNotContain("authToken\":\"ey");

    TestDevice again = new TestDevice("jwt-tv-2");
    JsonNode second = createWithKey(again, body(again)).json();
    assertThat(Pins.link(http, approver, second.path("code").asText()).status()).isEqualTo(204);
    Http.Response answered =
        poll(again, second.path("id").asLong(), again.jwt(null, fx.clock.instant()));

    assertThat(answered.status()).as(answered.body()).isEqualTo(200);
    String plexJwt = answered.json().path("authToken").asText();
    assertThat(plexJwt).startsWith("ey").contains(".");
    assertThat(
            http.getJson("/api/v2/user", "X-Plex-Token", plexJwt).json().path("username").asText())
        .isEqualTo(Fixture.USER);
    assertThat(
            http.getJson("/security/token?type=delegation&scope=all", "X-Plex-Token", plexJwt)
                .status())
        .isEqualTo(200);
    // Handed out once.
    assertThat(
            poll(again, second.path("id").asLong(), again.jwt(null, fx.clock.instant())).status())
        .isEqualTo(404);
  }

  @Test
  void aMalformedOrPrivateKeyIsRefusedAndStoresNothing() {
    TestDevice tv = new TestDevice("bad-key-tv");
    List<String> before = StoreDump.of(fx.database);
    Map<String, Object> withPrivatePart = tv.jwkMembers();
    withPrivatePart.put("d", "AAAA");
    Map<String, Object> wrongCurve = tv.jwkMembers();
    wrongCurve.put("crv", "X25519");

    for (String bad :
        List.of(
            TestDevice.jwkBody(withPrivatePart),
            TestDevice.jwkBody(wrongCurve),
            "{\"jwk\": \"not an object\"}",
            "{\"jwk\": {}, \"strong\": \"yes\"}",
            "[1, 2]",
            "{\"jwk\": ")) {
      Http.Response answer = createWithKey(tv, bad);
      assertThat(answer.status()).as(bad).isEqualTo(400);
    }
    assertThat(StoreDump.of(fx.database)).isEqualTo(before);
  }
}
