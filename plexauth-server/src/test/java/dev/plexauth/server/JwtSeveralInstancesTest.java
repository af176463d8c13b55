package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.MutableClock;
import dev.plexauth.server.support.TestDatabase;
import dev.plexauth.server.support.TestDevice;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one PostgreSQL database: a Plex JWT issued by one works on the other, a nonce
 * issued by one is redeemed once on either, a key rotated on one signs JWTs the other verifies at
 * once, and a removed device or account fails on both at once.
 */
class JwtSeveralInstancesTest {

  private final MutableClock clock = new MutableClock();
  private Fixture a;
  private Fixture b;
  private TestDevice device;
  private String token;

  @BeforeEach
  void start() {
    TestDatabase database = TestDatabase.postgres();
    a = Fixture.on(database).clock(clock).withAccounts().start();
    b = Fixture.on(database).clock(clock).start();
    device = new TestDevice("pg-device");
    token = a.http.signInToken(device.clientIdentifier, Fixture.USER, Fixture.USER_PASSWORD, null);
    Http.Response registered =
        b.http.send(
            "POST",
            "/api/v2/auth/jwk",
            device.jwkBody(),
            "Accept",
            "application/json",
            "Content-Type",
            "application/json",
            "X-Plex-Client-Identifier",
            device.clientIdentifier,
            "X-Plex-Token",
            token);
    assertThat(registered.status()).isEqualTo(204);
  }

  @AfterEach
  void stop() {
    b.close();
    a.close();
  }

  @Test
  void aJwtIssuedByOneInstanceWorksOnTheOther() {
    String jwt = plexJwt(a, a);
    assertThat(b.http.getJson("/api/v2/user", "X-Plex-Token", jwt).status()).isEqualTo(200);
    assertThat(b.http.transientToken(jwt)).startsWith("transient-");
    assertThat(keys(a)).isEqualTo(keys(b));
  }

  @Test
  void aNonceFromOneInstanceIsRedeemedOnceOnEither() {
    String nonce = nonce(a);
    assertThat(exchange(b, device.jwt(nonce, clock.instant())).status()).isEqualTo(200);
    assertThat(exchange(a, device.jwt(nonce, clock.instant())).status()).isEqualTo(422);
    assertThat(exchange(b, device.jwt(nonce, clock.instant())).status()).isEqualTo(422);
  }

  @Test
  void aKeyRotatedOnOneInstanceVerifiesOnTheOtherAtOnce() {
    assertThat(keys(b)).isNotEmpty(); // b has read and cached the keys
    String newKid = a.server.rotateSigningKey();
    String jwt = plexJwt(a, a);
    assertThat(jwt.split("\\.")[0]).isNotEmpty();
    assertThat(b.http.getJson("/api/v2/user", "X-Plex-Token", jwt).status()).isEqualTo(200);
    assertThat(keys(b)).contains(newKid);
  }

  @Test
  void aRemovedDeviceOrAccountFailsAtOnceWhereRemovedAndWithinASecondOnTheOther() {
    String jwt = plexJwt(a, b);
    assertThat(a.http.getJson("/api/v2/user", "X-Plex-Token", jwt).status()).isEqualTo(200);
    assertThat(b.http.getJson("/api/v2/user", "X-Plex-Token", jwt).status()).isEqualTo(200);
    a.server.changePassword(Fixture.USER, "a-changed-password-9");
    assertThat(a.http.getJson("/api/v2/user", "X-Plex-Token", jwt).status()).isEqualTo(401);
    Fixture.waitOutRecentLookups();
    assertThat(b.http.getJson("/api/v2/user", "X-Plex-Token", jwt).status()).isEqualTo(401);

    String again =
        a.http.signInToken(device.clientIdentifier, Fixture.USER, "a-changed-password-9", null);
    a.http.send(
        "POST",
        "/api/v2/auth/jwk",
        device.jwkBody(),
        "Content-Type",
        "application/json",
        "X-Plex-Client-Identifier",
        device.clientIdentifier,
        "X-Plex-Token",
        again);
    String fresh = plexJwt(b, a);
    assertThat(b.http.getJson("/api/v2/user", "X-Plex-Token", fresh).status()).isEqualTo(200);
    assertThat(a.http.getJson("/api/v2/user", "X-Plex-Token", fresh).status()).isEqualTo(200);
    b.server.removeAccount(Fixture.USER);
    assertThat(b.http.getJson("/api/v2/user", "X-Plex-Token", fresh).status()).isEqualTo(401);
    Fixture.waitOutRecentLookups();
    assertThat(a.http.getJson("/api/v2/user", "X-Plex-Token", fresh).status()).isEqualTo(401);
  }

  @Test
  void anExpiredJwtGets498OnBoth() {
    String jwt = plexJwt(a, b);
    clock.advance(Duration.ofDays(7).plusSeconds(1));
    assertThat(a.http.getJson("/api/v2/user", "X-Plex-Token", jwt).status()).isEqualTo(498);
    assertThat(b.http.getJson("/api/v2/user", "X-Plex-Token", jwt).status()).isEqualTo(498);
  }

  private String nonce(Fixture on) {
    Http.Response answer =
        on.http.getJson("/api/v2/auth/nonce", "X-Plex-Client-Identifier", device.clientIdentifier);
    assertThat(answer.status()).isEqualTo(200);
    return answer.json().path("nonce").asText();
  }

  private Http.Response exchange(Fixture on, String deviceJwt) {
    return on.http.send(
        "POST",
        "/api/v2/auth/token",
        TestDevice.jwtBody(deviceJwt),
        "Accept",
        "application/json",
        "Content-Type",
        "application/json");
  }

  private String plexJwt(Fixture nonceFrom, Fixture tokenFrom) {
    Http.Response answer = exchange(tokenFrom, device.jwt(nonce(nonceFrom), clock.instant()));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().path("auth_token").asText();
  }

  private static String keys(Fixture on) {
    return on.http.getJson("/api/v2/auth/keys").body();
  }
}
