package dev.plexauth.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.sdk.DeviceKeyLogin;
import dev.plexauth.sdk.DeviceKeyStore;
import dev.plexauth.sdk.PlexAPI;
import dev.plexauth.sdk.Transport;
import dev.plexauth.sdk.models.GetTokenDetailsResponse;
import dev.plexauth.sdk.models.GetTransientTokenQueryParamType;
import dev.plexauth.sdk.models.PlexJwt;
import dev.plexauth.sdk.models.PostUsersSignInDataRequest;
import dev.plexauth.sdk.models.PostUsersSignInDataRequestBody;
import dev.plexauth.sdk.models.Scope;
import dev.plexauth.server.support.Fixture;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device-key login end to end, with the public API only: the SDK signs in with a password,
 * registers its device key, gets a Plex JWT, calls getTokenDetails and getTransientToken with it,
 * refreshes it (on its own as expiry nears, and after a 498), against the real server; every answer
 * is validated against the OpenAPI document.
 */
class DeviceKeyLoginEndToEndTest {

  @TempDir Path dataDir;
  @TempDir Path home;

  @Test
  void theSdkRegistersGetsAJwtUsesItOnBothRolesAndRefreshesIt() {
    ContractValidatingTransport transport =
        new ContractValidatingTransport(
            Transport.jdk(Duration.ofSeconds(5)), OpenApiContract.load());
    try (Fixture fx = Fixture.withAccounts(dataDir)) {
      PlexAPI base =
          PlexAPI.builder()
              .serverURL(fx.url())
              .plexTvURL(fx.plexTvUrl())
              .clientID("e2e-device")
              .transport(transport)
              .build();
      String accountToken =
          base.authentication()
              .postUsersSignInData(
                  PostUsersSignInDataRequest.builder()
                      .requestBody(
                          PostUsersSignInDataRequestBody.of(Fixture.ADMIN, Fixture.ADMIN_PASSWORD))
                      .build())
              .userPlexAccount()
              .authToken();

      DeviceKeyLogin login =
          DeviceKeyLogin.builder(base, DeviceKeyStore.file(home.resolve("device.key")))
              .clock(fx.clock)
              .build();
      String kid = login.register(accountToken);
      PlexJwt jwt = login.jwt();
      assertThat(jwt.thumbprint()).isEqualTo(kid);
      assertThat(jwt.userId()).isEqualTo(fx.admin.account().id());
      assertThat(Duration.between(jwt.issuedAt(), jwt.expiresAt())).isEqualTo(Duration.ofDays(7));

      PlexAPI plex = base.newBuilder().accessToken(login).build();
      GetTokenDetailsResponse details = plex.authentication().getTokenDetails();
      assertThat(details.userPlexAccount().authToken()).isEqualTo(jwt.token());
      assertThat(details.userPlexAccount().username()).isEqualTo(Fixture.ADMIN);
      String transientToken =
          plex.authentication()
              .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL)
              .token();
      assertThat(transientToken).startsWith("transient-");

      // Less than a day left: the next call refreshes first.
      fx.clock.advance(Duration.ofDays(6).plusHours(1));
      assertThat(plex.authentication().getTokenDetails().userPlexAccount().authToken())
          .isNotEqualTo(jwt.token());
      PlexJwt refreshed = login.jwt();
      assertThat(refreshed.expiresAt()).isAfter(jwt.expiresAt());

      // A JWT kept with a wrong expiry (a stale config): the server says 498, the login refreshes
      // once and the call is retried.
      fx.clock.advance(Duration.ofDays(8));
      PlexJwt stale =
          new PlexJwt(
              refreshed.token(),
              refreshed.issuedAt(),
              fx.clock.instant().plus(Duration.ofDays(30)),
              refreshed.userId(),
              refreshed.thumbprint());
      DeviceKeyLogin lagging =
          DeviceKeyLogin.builder(base, DeviceKeyStore.file(home.resolve("device.key")))
              .jwt(stale)
              .clock(fx.clock)
              .build();
      PlexAPI laggingPlex = base.newBuilder().accessToken(lagging).build();
      assertThat(laggingPlex.authentication().getTokenDetails().userPlexAccount().username())
          .isEqualTo(Fixture.ADMIN);
    }
    assertThat(transport.checked())
        .extracting(ContractValidatingTransport.Checked::violations)
        .allSatisfy(violations -> assertThat(violations).isEmpty());
    assertThat(transport.checked())
        .extracting(ContractValidatingTransport.Checked::status)
        .contains(204, 200, 498);
  }
}
