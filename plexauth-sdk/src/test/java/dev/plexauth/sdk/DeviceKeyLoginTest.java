package dev.plexauth.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plexauth.sdk.errors.InvalidJwtException;
import dev.plexauth.sdk.errors.TokenExpiredException;
import dev.plexauth.sdk.models.GetTransientTokenQueryParamType;
import dev.plexauth.sdk.models.PlexJwt;
import dev.plexauth.sdk.models.Scope;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.OctetPublicJwk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device-key login against a scripted plex.tv that checks each device JWT with the registered
 * key and signs Plex JWTs with its own: registration, the refresh when less than a day remains, one
 * refresh and one retry on 498 (never a loop), verification against every published key, and the
 * key file.
 */
class DeviceKeyLoginTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLIENT = "sdk-device-1";

  @TempDir Path dir;

  private MockWebServer server;
  private FakePlexTv plexTv;
  private Instant now = Instant.parse("2026-03-01T10:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public Instant instant() {
          return now;
        }

        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }
      };

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    plexTv = new FakePlexTv();
    server.setDispatcher(plexTv);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private PlexAPI base() {
    return PlexAPI.builder()
        .serverURL(Wire.base(server))
        .plexTvURL(Wire.base(server) + "/api/v2")
        .clientID(CLIENT)
        .build();
  }

  private DeviceKeyLogin login() {
    return DeviceKeyLogin.builder(base(), DeviceKeyStore.file(dir.resolve("device.key")))
        .clock(clock)
        .build();
  }

  @Test
  void registerSendsThePublicJwkWithTheAccountTokenAndStoresTheKey() {
    DeviceKeyLogin login = login();
    String kid = login.register("account-token-1");

    assertThat(plexTv.registrations).hasSize(1);
    RecordedRequest request = plexTv.registrations.get(0);
    assertThat(request.getHeaders().get("X-Plex-Token")).isEqualTo("account-token-1");
    assertThat(request.getHeaders().get("X-Plex-Client-Identifier")).isEqualTo(CLIENT);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    JsonNode jwk = plexTv.registeredJwk;
    assertThat(jwk.path("kty").asText()).isEqualTo("OKP");
    assertThat(jwk.path("crv").asText()).isEqualTo("Ed25519");
    assertThat(jwk.path("alg").asText()).isEqualTo("EdDSA");
    assertThat(jwk.path("use").asText()).isEqualTo("sig");
    assertThat(jwk.path("kid").asText()).isEqualTo(kid);
    assertThat(jwk.has("d")).isFalse();
    assertThat(Files.exists(dir.resolve("device.key"))).isTrue();
    assertThat(login.toString()).doesNotContain("account-token-1");
  }

  @Test
  void aJwtIsTradedForANonceSignedByTheDeviceKeyAndVerified() {
    DeviceKeyLogin login = login();
    login.register("account-token-1");
    PlexJwt jwt = login.jwt();

    assertThat(plexTv.deviceJwts).hasSize(1);
    Claims device = plexTv.lastDeviceClaims;
    assertThat(device.getIssuer()).isEqualTo(CLIENT);
    assertThat(device.getAudience()).containsExactly("plex.tv");
    assertThat(device.get("nonce")).isEqualTo("nonce-1");
    assertThat(device.get("scope")).isEqualTo("username,email,friendly_name");
    assertThat(
            Duration.between(device.getIssuedAt().toInstant(), device.getExpiration().toInstant()))
        .isLessThanOrEqualTo(Duration.ofMinutes(5));
    assertThat(jwt.userId()).isEqualTo(42);
    assertThat(jwt.expiresAt()).isEqualTo(now.plus(Duration.ofDays(7)));
    assertThat(jwt.toString()).doesNotContain(jwt.token());
    // handed out again without a new trade while more than a day remains
    now = now.plus(Duration.ofDays(5));
    assertThat(login.get()).isEqualTo(jwt.token());
    assertThat(plexTv.deviceJwts).hasSize(1);
  }

  @Test
  void itRefreshesOnItsOwnWhenLessThanADayRemains() {
    DeviceKeyLogin login = login();
    login.register("account-token-1");
    String first = login.get();
    now = now.plus(Duration.ofDays(6)).plusSeconds(1);
    String second = login.get();
    assertThat(second).isNotEqualTo(first);
    assertThat(plexTv.deviceJwts).hasSize(2);
    assertThat(plexTv.nonces.get()).isEqualTo(2);
  }

  @Test
  void a498MakesOneRefreshAndOneRetry() {
    DeviceKeyLogin login = login();
    login.register("account-token-1");
    PlexAPI plex = base().newBuilder().accessToken(login).build();
    String first = login.get();
    plexTv.expiredTokens.add(first);

    String transientToken =
        plex.authentication()
            .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL)
            .token();

    assertThat(transientToken).isEqualTo("transient-abc");
    assertThat(plexTv.pmsCalls).hasSize(2);
    assertThat(plexTv.pmsCalls.get(0)).isEqualTo(first);
    assertThat(plexTv.pmsCalls.get(1)).isNotEqualTo(first);
    assertThat(plexTv.deviceJwts).hasSize(2);
  }

  @Test
  void aServerThatKeepsAnswering498GetsOneRefreshNeverALoop() {
    DeviceKeyLogin login = login();
    login.register("account-token-1");
    PlexAPI plex = base().newBuilder().accessToken(login).build();
    plexTv.alwaysExpired = true;

    assertThatThrownBy(
            () ->
                plex.authentication()
                    .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL))
        .isInstanceOf(TokenExpiredException.class)
        .satisfies(e -> assertThat(((TokenExpiredException) e).statusCode()).isEqualTo(498));
    assertThat(plexTv.pmsCalls).hasSize(2);
    assertThat(plexTv.deviceJwts).hasSize(2);

    assertThatThrownBy(
            () ->
                plex.authentication()
                    .getTransientTokenAsync(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL)
                    .join())
        .hasCauseInstanceOf(TokenExpiredException.class);
    assertThat(plexTv.pmsCalls).hasSize(4);
    assertThat(plexTv.deviceJwts).hasSize(3);
  }

  @Test
  void aJwtSignedByARetiredPublishedKeyVerifiesAndAnUnpublishedOneDoesNot() {
    DeviceKeyLogin login = login();
    login.register("account-token-1");
    PlexJwt signedByOld = login.jwt();
    plexTv.rotate();
    assertThat(login.verify(signedByOld.token()).userId()).isEqualTo(42);
    plexTv.forgetRetired();
    assertThatThrownBy(() -> login.verify(signedByOld.token()))
        .isInstanceOf(InvalidJwtException.class)
        .hasMessageNotContaining(signedByOld.token());
  }

  @Test
  void refreshingBeforeRegisteringIsAClearError() {
    assertThatThrownBy(() -> login().get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("register");
  }

  @Test
  void theKeyFileIsOwnerOnlyAndSurvivesARestart() throws IOException {
    Path file = dir.resolve("keys").resolve("device.key");
    DeviceKeyStore store = DeviceKeyStore.file(file);
    assertThat(store.load()).isEmpty();
    KeyPair keys = newKeys();
    store.save(keys);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    KeyPair loaded = DeviceKeyStore.file(file).load().orElseThrow();
    assertThat(loaded.getPrivate().getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
    assertThat(loaded.getPublic().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
    assertThat(store.toString())
        .doesNotContain(Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(store::load)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("chmod 600");
    Files.writeString(file, "garbage");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(store::load).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aRegisteredLoginKeepsItsKeyAcrossInstances() {
    String kid = login().register("account-token-1");
    assertThat(login().register("account-token-1")).isEqualTo(kid);
  }

  private static KeyPair newKeys() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** plex.tv and a PMS, scripted: checks device JWTs, signs Plex JWTs, answers 498 on request. */
  private final class FakePlexTv extends Dispatcher {
    final List<RecordedRequest> registrations = new CopyOnWriteArrayList<>();
    final List<String> deviceJwts = new CopyOnWriteArrayList<>();
    final List<String> pmsCalls = new CopyOnWriteArrayList<>();
    final List<String> expiredTokens = new CopyOnWriteArrayList<>();
    final AtomicInteger nonces = new AtomicInteger();
    volatile boolean alwaysExpired;
    volatile JsonNode registeredJwk;
    volatile Claims lastDeviceClaims;
    private volatile KeyPair signing = newKeys();
    private volatile KeyPair retired;

    void rotate() {
      retired = signing;
      signing = newKeys();
    }

    void forgetRetired() {
      retired = null;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      try {
        String path = request.getUrl().encodedPath();
        switch (path) {
          case "/api/v2/auth/jwk" -> {
            registrations.add(request);
            registeredJwk = JSON.readTree(request.getBody().utf8()).path("jwk");
            return new MockResponse.Builder().code(204).build();
          }
          case "/api/v2/auth/nonce" -> {
            return Wire.json(200, "{\"nonce\":\"nonce-" + nonces.incrementAndGet() + "\"}");
          }
          case "/api/v2/auth/token" -> {
            String deviceJwt = JSON.readTree(request.getBody().utf8()).path("jwt").asText();
            PublicKey key =
                (PublicKey) Jwks.parser().build().parse(registeredJwk.toString()).toKey();
            lastDeviceClaims =
                Jwts.parser()
                    .verifyWith(key)
                    .clock(() -> Date.from(now))
                    .build()
                    .parseSignedClaims(deviceJwt)
                    .getPayload();
            deviceJwts.add(deviceJwt);
            String plexJwt =
                Jwts.builder()
                    .header()
                    .keyId(jwk(signing).getId())
                    .and()
                    .issuer("plex.tv")
                    .audience()
                    .add("plex.tv")
                    .add(CLIENT)
                    .and()
                    .issuedAt(Date.from(now))
                    .expiration(Date.from(now.plus(Duration.ofDays(7))))
                    .claim("thumbprint", registeredJwk.path("kid").asText())
                    .claim("nonce", lastDeviceClaims.get("nonce"))
                    .claim("user", Map.of("id", 42, "uuid", "u-42"))
                    .signWith(signing.getPrivate(), Jwts.SIG.EdDSA)
                    .compact();
            return Wire.json(200, JSON.writeValueAsString(Map.of("auth_token", plexJwt)));
          }
          case "/api/v2/auth/keys" -> {
            List<Object> keys = new java.util.ArrayList<>();
            keys.add(jwk(signing));
            if (retired != null) {
              keys.add(jwk(retired));
            }
            return Wire.json(200, JSON.writeValueAsString(Map.of("keys", keys)));
          }
          case "/security/token" -> {
            String token = request.getHeaders().get("X-Plex-Token");
            pmsCalls.add(token);
            if (alwaysExpired || expiredTokens.contains(token)) {
              return Wire.json(
                  498,
                  "{\"errors\":[{\"code\":1098,\"message\":\"Token expired\",\"status\":498}]}");
            }
            return Wire.transientToken();
          }
          default -> {
            return Wire.json(404, "{}");
          }
        }
      } catch (IOException | RuntimeException e) {
        return Wire.json(
            500, "{\"errors\":[{\"message\":\"" + e.getClass().getSimpleName() + "\"}]}");
      }
    }

    private OctetPublicJwk<PublicKey> jwk(KeyPair pair) {
      return Jwks.builder()
          .octetKey(pair.getPublic())
          .idFromThumbprint()
          .algorithm("EdDSA")
          .publicKeyUse("sig")
          .build();
    }
  }
}
