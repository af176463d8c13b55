package dev.plexauth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plexauth.server.store.JdbcStore;
import dev.plexauth.server.store.Store;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.TestDevice;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PIN variant's service, which the pin routes call: once the pin is approved and its account
 * token made for the pin's client identifier, the pin's key is registered for that device and a
 * device JWT signed by it is traded for a Plex JWT that the server accepts.
 */
class PinJwtExchangeTest {

  private static final SecurityEvents.Origin ORIGIN = new SecurityEvents.Origin("127.0.0.1", "-");

  @TempDir Path dataDir;

  private Fixture fx;
  private Store store;
  private DeviceKeyService service;
  private TestDevice device;
  private long accountId;

  @BeforeEach
  void start() {
    fx = Fixture.withAccounts(dataDir);
    store = JdbcStore.open(JdbcStore.sqliteUrl(dataDir));
    SigningKeys keys = new SigningKeys(store, SecretKeys.fromDataDirectory(dataDir), fx.clock);
    service =
        new DeviceKeyService(
            store,
            keys,
            new TokenLifetime(TokenLifetime.DEFAULT_IDLE_TIMEOUT, Optional.empty()),
            fx.clock);
    device = new TestDevice("pin-device");
    // What the pin's approval does: an account token for the pin's client identifier.
    fx.http.signInToken(device.clientIdentifier, Fixture.USER, Fixture.USER_PASSWORD, null);
    accountId = fx.user.account().id();
  }

  @AfterEach
  void stop() {
    store.close();
    fx.close();
  }

  @Test
  void anApprovedPinsDeviceJwtBecomesAPlexJwtTheServerAccepts() {
    String jwt =
        service.exchangeForPin(
            accountId,
            device.clientIdentifier,
            device.jwkMembers(),
            device.jwt(null, fx.clock.instant()),
            ORIGIN);
    assertThat(fx.http.getJson("/api/v2/user", "X-Plex-Token", jwt).status()).isEqualTo(200);
    // polling again with a new device JWT works, with the same registration
    String again =
        service.exchangeForPin(
            accountId,
            device.clientIdentifier,
            device.jwkMembers(),
            device.jwt(null, fx.clock.instant()),
            ORIGIN);
    assertThat(fx.http.getJson("/api/v2/user", "X-Plex-Token", again).status()).isEqualTo(200);
    assertThat(fx.http.getJson("/api/v2/user", "X-Plex-Token", jwt).status()).isEqualTo(200);
  }

  @Test
  void aDeviceJwtNotSignedByThePinsKeyIsRefused() {
    TestDevice other = new TestDevice(device.clientIdentifier);
    assertThatThrownBy(
            () ->
                service.exchangeForPin(
                    accountId,
                    device.clientIdentifier,
                    device.jwkMembers(),
                    other.jwt(null, fx.clock.instant()),
                    ORIGIN))
        .isInstanceOf(JwtRefused.class)
        .extracting(e -> ((JwtRefused) e).reason())
        .isEqualTo(JwtRefused.Reason.INVALID);
  }

  @Test
  void aPinWhoseDeviceHasNoTokenIsRefused() {
    assertThatThrownBy(
            () ->
                service.exchangeForPin(
                    accountId,
                    "never-approved",
                    device.jwkMembers(),
                    device.jwt(null, fx.clock.instant()),
                    ORIGIN))
        .isInstanceOf(JwtRefused.class)
        .extracting(e -> ((JwtRefused) e).reason())
        .isEqualTo(JwtRefused.Reason.WRONG_CLIENT);
  }

  @Test
  void aPinsJwkIsCheckedWhenThePinIsCreated() {
    assertThat(DeviceKeyService.checkPinJwk(device.jwkMembers())).isEqualTo(device.kid());
    java.util.Map<String, Object> withPrivatePart = device.jwkMembers();
    withPrivatePart.put("d", "AAAA");
    assertThatThrownBy(() -> DeviceKeyService.checkPinJwk(withPrivatePart))
        .isInstanceOf(JwtRefused.class)
        .extracting(e -> ((JwtRefused) e).reason())
        .isEqualTo(JwtRefused.Reason.MALFORMED);
  }

  @Test
  void aNonceInThePinsDeviceJwtIsRedeemedOnce() {
    String nonce =
        fx.http
            .getJson("/api/v2/auth/nonce", "X-Plex-Client-Identifier", device.clientIdentifier)
            .json()
            .path("nonce")
            .asText();
    String deviceJwt = device.jwt(nonce, fx.clock.instant());
    service.exchangeForPin(
        accountId, device.clientIdentifier, device.jwkMembers(), deviceJwt, ORIGIN);
    assertThatThrownBy(
            () ->
                service.exchangeForPin(
                    accountId, device.clientIdentifier, device.jwkMembers(), deviceJwt, ORIGIN))
        .isInstanceOf(JwtRefused.class);
  }
}
