package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plexauth.sdk.errors.PlexErrorCode;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.LogCapture;
import dev.plexauth.server.support.TestDatabase;
import dev.plexauth.server.support.TestDevice;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JWT device authentication on the wire: every route, every refusal, expiry as 498 with the
 * server's clock moved, rotation, revocation, and the keys kept sealed. On SQLite here, on
 * PostgreSQL in {@link JwtDeviceAuthPostgresTest}.
 */
class JwtDeviceAuthTest {

  @TempDir Path dataDir;

  private Fixture fx;
  private TestDevice device;
  private String token;

  /** The database of each test's server: SQLite in the test's directory. */
  TestDatabase database(Path dataDir) {
    return TestDatabase.sqlite(dataDir);
  }

  @BeforeEach
  void start() {
    fx = Fixture.withAccounts(database(dataDir));
    device = new TestDevice("jwt-device-1");
    token = fx.http.signInToken(device.clientIdentifier, Fixture.USER, Fixture.USER_PASSWORD, null);
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  // --- the whole model ---

  @Test
  void aRegisteredDeviceTradesANonceForAPlexJwtAcceptedOnBothRoles() {
    assertThat(register(device, token).status()).isEqualTo(204);
    Http.Response answer = exchange(device.jwt(nonce(device.clientIdentifier), now()), null);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("application/json");
    String jwt = answer.json().path("auth_token").asText();

    Claims claims = verifyWithPublishedKeys(jwt);
    assertThat(claims.getIssuer()).isEqualTo("plex.tv");
    assertThat(claims.getAudience()).containsExactlyInAnyOrder("plex.tv", device.clientIdentifier);
    assertThat(
            Duration.between(claims.getIssuedAt().toInstant(), claims.getExpiration().toInstant()))
        .isEqualTo(Duration.ofDays(7));
    assertThat(claims.get("thumbprint")).isEqualTo(device.kid());
    assertThat(claims.get("nonce", String.class)).isNotEmpty();
    @SuppressWarnings("unchecked")
    Map<String, Object> user = claims.get("user", Map.class);
    assertThat(((Number) user.get("id")).longValue()).isEqualTo(fx.user.account().id());
    assertThat(user)
        .containsEntry("uuid", fx.user.account().uuid())
        .containsEntry("username", Fixture.USER)
        .containsEntry("email", Fixture.USER_EMAIL)
        .containsKey("friendly_name")
        .doesNotContainKeys("restricted", "joinedAt");

    // plex.tv role
    Http.Response details = fx.http.getJson("/api/v2/user", "X-Plex-Token", jwt);
    assertThat(details.status()).isEqualTo(200);
    assertThat(details.json().path("authToken").asText()).isEqualTo(jwt);
    assertThat(details.json().path("username").asText()).isEqualTo(Fixture.USER);
    // PMS role, in the header and in the query, and the transient tokens it makes
    String transientToken = fx.http.transientToken(jwt);
    assertThat(transientToken).startsWith("transient-");
    assertThat(
            fx.http
                .getJson("/security/token?type=delegation&scope=all&X-Plex-Token=" + jwt)
                .status())
        .isEqualTo(200);
    assertThat(
            fx.http
                .getJson(
                    "/security/token?type=delegation&scope=all", "X-Plex-Token", transientToken)
                .status())
        .isEqualTo(200);
  }

  @Test
  void theAdminsJwtReadsSourcesAndItsTransientTokenIsAPmsTokenOnly() {
    TestDevice adminDevice = new TestDevice("jwt-admin-device");
    String adminToken =
        fx.http.signInToken(
            adminDevice.clientIdentifier, Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
    assertThat(register(adminDevice, adminToken).status()).isEqualTo(204);
    String jwt = plexJwt(adminDevice);
    assertThat(
            fx.http
                .getJson("/security/resources?source=" + Fixture.SOURCE, "X-Plex-Token", jwt)
                .status())
        .isEqualTo(200);
    String transientToken = fx.http.transientToken(jwt);
    assertThat(fx.http.getJson("/api/v2/user", "X-Plex-Token", transientToken).status())
        .isEqualTo(401);
  }

  @Test
  void theKeysRouteListsTheCurrentKeyAsAPublicJwkWithoutAToken() {
    Http.Response keys = fx.http.getJson("/api/v2/auth/keys");
    assertThat(keys.status()).isEqualTo(200);
    JsonNode list = keys.json().path("keys");
    assertThat(list).hasSize(1);
    JsonNode key = list.get(0);
    assertThat(key.path("kty").asText()).isEqualTo("OKP");
    assertThat(key.path("crv").asText()).isEqualTo("Ed25519");
    assertThat(key.path("alg").asText()).isEqualTo("EdDSA");
    assertThat(key.path("use").asText()).isEqualTo("sig");
    assertThat(key.path("kid").asText()).isNotEmpty();
    assertThat(key.has("d")).isFalse();
  }

  // --- registering a key ---

  @Test
  void registeringAgainReplacesTheKeyAndEndsTheOldKeysJwts() {
    register(device, token);
    String oldJwt = plexJwt(device);
    TestDevice sameClientNewKey = new TestDevice(device.clientIdentifier);
    assertThat(register(sameClientNewKey, token).status()).isEqualTo(204);
    assertThat(fx.http.getJson("/api/v2/user", "X-Plex-Token", oldJwt).status()).isEqualTo(401);
    assertThat(exchange(device.jwt(nonce(device.clientIdentifier), now()), null).status())
        .isEqualTo(422);
    String newJwt = plexJwt(sameClientNewKey);
    assertThat(fx.http.getJson("/api/v2/user", "X-Plex-Token", newJwt).status()).isEqualTo(200);
  }

  @Test
  void aKeyTakenByAnotherDeviceIsRefusedWith422() {
    register(device, token);
    TestDevice other = new TestDevice("jwt-device-2");
    String otherToken =
        fx.http.signInToken(other.clientIdentifier, Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
    Http.Response answer =
        fx.http.send(
            "POST",
            "/api/v2/auth/jwk",
            device.jwkBody(),
            "Accept",
            "application/json",
            "Content-Type",
            "application/json",
            "X-Plex-Client-Identifier",
            other.clientIdentifier,
            "X-Plex-Token",
            otherToken);
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.errorCode()).isEqualTo(PlexErrorCode.THUMBPRINT_TAKEN);
  }

  @Test
  void aTokenOfAnotherClientATransientTokenOrNoTokenCannotRegister() {
    TestDevice other = new TestDevice("jwt-device-2");
    Http.Response wrongClient = register(other, token);
    assertThat(wrongClient.status()).isEqualTo(401);
    String transientToken = fx.http.transientToken(token);
    assertThat(register(device, transientToken).status()).isEqualTo(401);
    assertThat(register(device, "").status()).isEqualTo(401);
    Http.Response noClient =
        fx.http.send(
            "POST",
            "/api/v2/auth/jwk",
            device.jwkBody(),
            "Accept",
            "application/json",
            "X-Plex-Token",
            token);
    assertThat(noClient.status()).isEqualTo(400);
    assertThat(noClient.errorCode()).isEqualTo(PlexErrorCode.CLIENT_IDENTIFIER_MISSING);
    assertThat(deviceKeys()).isZero();
  }

  @Test
  void malformedKeysAreRefusedWith400AndNothingIsStored() {
    Map<String, Object> good = device.jwkMembers();
    Map<String, Object> withPrivatePart = new java.util.LinkedHashMap<>(good);
    withPrivatePart.put("d", Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]));
    Map<String, Object> rsa = new java.util.LinkedHashMap<>(good);
    rsa.put("kty", "RSA");
    Map<String, Object> x448 = new java.util.LinkedHashMap<>(good);
    x448.put("crv", "X25519");
    Map<String, Object> shortX = new java.util.LinkedHashMap<>(good);
    shortX.put("x", "AAAA");
    Map<String, Object> hugeX = new java.util.LinkedHashMap<>(good);
    hugeX.put("x", "A".repeat(10_000));
    Map<String, Object> numberX = new java.util.LinkedHashMap<>(good);
    numberX.put("x", 42);
    Map<String, Object> wrongKid = new java.util.LinkedHashMap<>(good);
    wrongKid.put("kid", "not-its-thumbprint");
    Map<String, Object> wrongAlg = new java.util.LinkedHashMap<>(good);
    wrongAlg.put("alg", "RS256");
    Map<String, Object> extra = new java.util.LinkedHashMap<>(good);
    extra.put("n", "AQAB");
    for (Map<String, Object> bad :
        java.util.List.of(
            withPrivatePart, rsa, x448, shortX, hugeX, numberX, wrongKid, wrongAlg, extra)) {
      Http.Response answer = registerBody(device.clientIdentifier, TestDevice.jwkBody(bad), token);
      assertThat(answer.status()).as("%s", bad.keySet()).isEqualTo(400);
      assertThat(answer.body()).doesNotContain(String.valueOf(bad.get("x")));
    }
    for (String body :
        java.util.List.of(
            "",
            "not json",
            "[]",
            "{\"jwk\": \"text\"}",
            "{\"jwk\": {}}",
            "{\"jwk\": {\"kty\": \"OKP\"}, \"jwk\": {}}",
            "{\"jwk\": "
                + TestDevice.jwkBody(good)
                + ", \"pad\": \""
                + "x".repeat(20_000)
                + "\"}")) {
      assertThat(registerBody(device.clientIdentifier, body, token).status())
          .as(body.length() > 80 ? body.substring(0, 80) : body)
          .isEqualTo(400);
    }
    assertThat(deviceKeys()).isZero();
  }

  // --- nonces ---

  @Test
  void nonceNeedsAClientIdentifierAndIsRateLimitedPerClient() {
    Http.Response missing = fx.http.getJson("/api/v2/auth/nonce");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.errorCode()).isEqualTo(PlexErrorCode.CLIENT_IDENTIFIER_MISSING);
    for (int i = 0; i < PlexAuthServer.NONCE_RATE_LIMIT; i++) {
      assertThat(nonceAnswer("busy-client").status()).isEqualTo(200);
    }
    Http.Response limited = nonceAnswer("busy-client");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isPresent();
    assertThat(limited.errorCode()).isEqualTo(PlexErrorCode.RATE_LIMITED);
    assertThat(nonceAnswer("quiet-client").status()).isEqualTo(200);
    fx.clock.advance(Duration.ofMinutes(1));
    assertThat(nonceAnswer("busy-client").status()).isEqualTo(200);
  }

  // --- trading a device JWT ---

  @Test
  void aNonceIsSingleUse() {
    register(device, token);
    String nonce = nonce(device.clientIdentifier);
    assertThat(exchange(device.jwt(nonce, now()), null).status()).isEqualTo(200);
    Http.Response again = exchange(device.jwt(nonce, now()), null);
    assertThat(again.status()).isEqualTo(422);
    assertThat(again.errorCode()).isEqualTo(PlexErrorCode.JWT_NOT_VERIFIED);
  }

  @Test
  void anExpiredNonceAUnknownNonceAndAnotherClientsNonceAreRefused() {
    register(device, token);
    String nonce = nonce(device.clientIdentifier);
    fx.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(exchange(device.jwt(nonce, now()), null).status()).isEqualTo(422);
    assertThat(exchange(device.jwt("no-such-nonce", now()), null).status()).isEqualTo(422);
    String othersNonce = nonce("someone-else");
    assertThat(exchange(device.jwt(othersNonce, now()), null).status()).isEqualTo(422);
    String stillGood = nonce(device.clientIdentifier);
    assertThat(exchange(device.jwt(stillGood, now()), null).status()).isEqualTo(200);
  }

  @Test
  void forgedAndMisaddressedDeviceJwtsAreRefusedWith422() {
    register(device, token);
    Instant now = now();
    java.util.List<String> refused = new java.util.ArrayList<>();
    // tampered: the payload changed after signing
    String good = device.jwt(nonce(device.clientIdentifier), now);
    String[] parts = good.split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("username,email,friendly_name", "username,email,restricted");
    refused.add(
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2]);
    // a signature byte flipped
    byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
    signature[0] ^= 1;
    refused.add(
        parts[0]
            + "."
            + parts[1]
            + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
    // wrong audience, wrong issuer (another client identifier), too long a lifetime
    refused.add(device.sign(device.claims(nonce(device.clientIdentifier), now, "plex.example")));
    refused.add(
        device.sign(device.claims(nonce(device.clientIdentifier), now).issuer("jwt-device-2")));
    refused.add(
        device.sign(
            device
                .claims(nonce(device.clientIdentifier), now)
                .expiration(Date.from(now.plus(Duration.ofMinutes(5)).plusSeconds(1)))));
    // expired
    refused.add(
        device.sign(
            device.claims(nonce(device.clientIdentifier), now.minus(Duration.ofMinutes(10)))));
    // alg none: no signature at all
    refused.add(
        Jwts.builder()
            .header()
            .keyId(device.kid())
            .and()
            .claims(
                Jwts.parser()
                    .unsecured()
                    .build()
                    .parseUnsecuredClaims(Jwts.builder().claims(claimsOf(good)).compact())
                    .getPayload())
            .compact());
    // HS256 keyed with the device's public key bytes
    byte[] publicBytes = Base64.getUrlDecoder().decode((String) device.jwkMembers().get("x"));
    refused.add(
        device
            .claims(nonce(device.clientIdentifier), now)
            .signWith(new SecretKeySpec(pad(publicBytes), "HmacSHA256"), Jwts.SIG.HS256)
            .compact());
    // no kid
    refused.add(
        device.sign(
            Jwts.builder().claims(claimsOf(device.jwt(nonce(device.clientIdentifier), now)))));
    // the kid of another registered device, signed with this device's key
    TestDevice other = new TestDevice("jwt-device-2");
    String otherToken =
        fx.http.signInToken(other.clientIdentifier, Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
    register(other, otherToken);
    refused.add(
        device.sign(
            device.claims(nonce(device.clientIdentifier), now).header().keyId(other.kid()).and()));
    // a key never registered
    TestDevice stranger = new TestDevice(device.clientIdentifier);
    refused.add(stranger.jwt(nonce(device.clientIdentifier), now));

    for (String jwt : refused) {
      Http.Response answer = exchange(jwt, null);
      assertThat(answer.status()).as(jwt).isIn(422);
      assertThat(answer.body()).doesNotContain(jwt);
    }
  }

  @Test
  void aDeviceJwtForAnotherClientIdentifierThanTheRequestsIsRefused() {
    register(device, token);
    Http.Response answer =
        exchange(device.jwt(nonce(device.clientIdentifier), now()), "jwt-device-2");
    assertThat(answer.status()).isEqualTo(422);
  }

  @Test
  void malformedJwtsAndScopesAreRefusedWith400() {
    register(device, token);
    assertThat(exchange("not-a-jwt", null).status()).isEqualTo(400);
    assertThat(exchange("a".repeat(9000), null).status()).isEqualTo(400);
    assertThat(
            exchange(
                    device.sign(
                        device
                            .claims(nonce(device.clientIdentifier), now())
                            .claim("scope", "password")),
                    null)
                .status())
        .isEqualTo(400);
    assertThat(
            fx.http
                .send("POST", "/api/v2/auth/token", "{\"jwt\": 42}", "Accept", "application/json")
                .status())
        .isEqualTo(400);
  }

  // --- lifetime, rotation, revocation ---

  @Test
  void aPlexJwtPastItsExpiryGets498OnBothRoles() {
    register(device, token);
    String jwt = plexJwt(device);
    fx.clock.advance(Duration.ofDays(7).plusSeconds(1));
    Http.Response plexTv = fx.http.getJson("/api/v2/user", "X-Plex-Token", jwt);
    assertThat(plexTv.status()).isEqualTo(498);
    assertThat(plexTv.errorCode()).isEqualTo(PlexErrorCode.TOKEN_EXPIRED);
    Http.Response pms =
        fx.http.getJson("/security/token?type=delegation&scope=all", "X-Plex-Token", jwt);
    assertThat(pms.status()).isEqualTo(498);
    Http.Response xml = fx.http.getXml("/api/v2/user", "X-Plex-Token", jwt);
    assertThat(xml.status()).isEqualTo(498);
    assertThat(xml.body()).contains("<errors>").contains("status=\"498\"");
    // the device refreshes: a new nonce, a new JWT
    String fresh = plexJwt(device);
    assertThat(fx.http.getJson("/api/v2/user", "X-Plex-Token", fresh).status()).isEqualTo(200);
  }

  @Test
  void aRotatedOutKeyVerifiesItsJwtsUntilTheyHaveExpiredThenIsDropped() {
    register(device, token);
    String oldJwt = plexJwt(device);
    String oldKid = kidOf(oldJwt);
    String newKid = fx.server.rotateSigningKey();
    assertThat(newKid).isNotEqualTo(oldKid);
    fx.clock.advance(Duration.ofMinutes(1)); // past the instance's key cache

    assertThat(kids()).containsExactly(newKid, oldKid);
    assertThat(fx.http.getJson("/api/v2/user", "X-Plex-Token", oldJwt).status()).isEqualTo(200);
    String newJwt = plexJwt(device);
    assertThat(kidOf(newJwt)).isEqualTo(newKid);

    fx.clock.advance(Duration.ofDays(7));
    assertThat(kids()).containsExactly(newKid);
    // Signed by a key no longer published: not verifiable, so not a token at all.
    assertThat(fx.http.getJson("/api/v2/user", "X-Plex-Token", oldJwt).status()).isEqualTo(401);
  }

  @Test
  void removingTheUserOrChangingThePasswordEndsItsJwtsAtOnce() {
    register(device, token);
    String jwt = plexJwt(device);
    fx.server.changePassword(Fixture.USER, "a-new-password-2");
    assertThat(fx.http.getJson("/api/v2/user", "X-Plex-Token", jwt).status()).isEqualTo(401);
    assertThat(deviceKeys()).isZero();

    String again =
        fx.http.signInToken(device.clientIdentifier, Fixture.USER, "a-new-password-2", null);
    // Re-registering the same key after a sign-out does not bring the old JWTs back.
    register(device, again);
    assertThat(fx.http.getJson("/api/v2/user", "X-Plex-Token", jwt).status()).isEqualTo(401);
    String fresh = plexJwt(device);
    assertThat(fx.http.getJson("/api/v2/user", "X-Plex-Token", fresh).status()).isEqualTo(200);
    fx.server.removeAccount(Fixture.USER);
    assertThat(fx.http.getJson("/api/v2/user", "X-Plex-Token", fresh).status()).isEqualTo(401);
    assertThat(
            fx.http
                .getJson("/security/token?type=delegation&scope=all", "X-Plex-Token", fresh)
                .status())
        .isEqualTo(401);
  }

  @Test
  void signingKeysAreSealedAtRestAndNoSecretReachesTheLog() throws Exception {
    try (LogCapture logs = new LogCapture()) {
      register(device, token);
      String nonce = nonce(device.clientIdentifier);
      String deviceJwt = device.jwt(nonce, now());
      String jwt = exchange(deviceJwt, null).json().path("auth_token").asText();
      fx.http.getJson("/api/v2/user", "X-Plex-Token", jwt);
      fx.http.getJson("/api/v2/user?X-Plex-Token=" + jwt);
      exchange(deviceJwt, null); // refused: the nonce is used
      fx.clock.advance(Duration.ofDays(8));
      fx.http.getJson("/api/v2/user", "X-Plex-Token", jwt);
      assertThat(logs.all())
          .doesNotContain(jwt)
          .doesNotContain(deviceJwt)
          .doesNotContain(jwt.split("\\.")[2])
          .doesNotContain(deviceJwt.split("\\.")[2])
          .contains("event=device_key_registered outcome=success")
          .contains("event=jwt_issued outcome=success")
          .contains("event=jwt_issued outcome=refused reason=nonce")
          .contains("event=token_refused outcome=refused reason=jwt_expired");
    }
    try (Connection db = fx.database.connect();
        Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("SELECT kid, private_key FROM signing_keys")) {
      assertThat(rows.next()).isTrue();
      String sealed = rows.getString("private_key");
      assertThat(sealed).startsWith("v1.");
      // PKCS#8 of an Ed25519 key starts with these bytes (base64 "MC4CAQAwBQYDK2Vw")
      assertThat(sealed).doesNotContain("MC4CAQAwBQYDK2Vw");
    }
  }

  // --- helpers ---

  private Instant now() {
    return fx.clock.instant();
  }

  private Http.Response register(TestDevice who, String withToken) {
    return registerBody(who.clientIdentifier, who.jwkBody(), withToken);
  }

  private Http.Response registerBody(String clientIdentifier, String body, String withToken) {
    return fx.http.send(
        "POST",
        "/api/v2/auth/jwk",
        body,
        "Accept",
        "application/json",
        "Content-Type",
        "application/json",
        "X-Plex-Client-Identifier",
        clientIdentifier,
        "X-Plex-Token",
        withToken);
  }

  private Http.Response nonceAnswer(String clientIdentifier) {
    return fx.http.getJson("/api/v2/auth/nonce", "X-Plex-Client-Identifier", clientIdentifier);
  }

  private String nonce(String clientIdentifier) {
    Http.Response answer = nonceAnswer(clientIdentifier);
    assertThat(answer.status()).isEqualTo(200);
    return answer.json().path("nonce").asText();
  }

  private Http.Response exchange(String jwt, String clientIdentifier) {
    return clientIdentifier == null
        ? fx.http.send(
            "POST",
            "/api/v2/auth/token",
            TestDevice.jwtBody(jwt),
            "Accept",
            "application/json",
            "Content-Type",
            "application/json")
        : fx.http.send(
            "POST",
            "/api/v2/auth/token",
            TestDevice.jwtBody(jwt),
            "Accept",
            "application/json",
            "Content-Type",
            "application/json",
            "X-Plex-Client-Identifier",
            clientIdentifier);
  }

  private String plexJwt(TestDevice who) {
    Http.Response answer = exchange(who.jwt(nonce(who.clientIdentifier), now()), null);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().path("auth_token").asText();
  }

  private java.util.List<String> kids() {
    java.util.List<String> kids = new java.util.ArrayList<>();
    fx.http
        .getJson("/api/v2/auth/keys")
        .json()
        .path("keys")
        .forEach(k -> kids.add(k.path("kid").asText()));
    return kids;
  }

  /** Verifies a Plex JWT as a client would: against the published keys, trying each. */
  private Claims verifyWithPublishedKeys(String jwt) {
    for (JsonNode key : fx.http.getJson("/api/v2/auth/keys").json().path("keys")) {
      PublicKey publicKey = (PublicKey) Jwks.parser().build().parse(key.toString()).toKey();
      try {
        return Jwts.parser()
            .verifyWith(publicKey)
            .clock(() -> Date.from(now()))
            .build()
            .parseSignedClaims(jwt)
            .getPayload();
      } catch (io.jsonwebtoken.security.SignatureException e) {
        // try the next key
      }
    }
    throw new AssertionError("no published key verifies the JWT");
  }

  private static String kidOf(String jwt) {
    String header =
        new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
    return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
  }

  /** The claims of a JWT, read without verifying (to copy them into a forgery). */
  private static Map<String, Object> claimsOf(String jwt) {
    try {
      String payload =
          new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
      @SuppressWarnings("unchecked")
      Map<String, Object> claims =
          new com.fasterxml.jackson.databind.ObjectMapper().readValue(payload, Map.class);
      return claims;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] pad(byte[] key) {
    return java.util.Arrays.copyOf(key, Math.max(key.length, 32));
  }

  private int deviceKeys() {
    try (Connection db = fx.database.connect();
        Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM device_keys")) {
      rows.next();
      return rows.getInt(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
