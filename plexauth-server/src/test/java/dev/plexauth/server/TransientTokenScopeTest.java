package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.sdk.models.Connection;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transient tokens are PMS tokens: valid on the PMS routes only, never on plex.tv routes. The one a
 * source's connection information hands out is bound to that source and is no admin token.
 */
class TransientTokenScopeTest {

  private static final String OTHER_SOURCE = "server://attic";

  @TempDir Path dataDir;

  @Test
  void aTransientTokenOfAnAdminIsRefusedOnPlexTvRoutesAndKeepsItsRightsOnPmsRoutes() {
    try (Fixture fx = Fixture.withAccounts(dataDir)) {
      String admin = fx.http.signInToken("c", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
      String transientToken = fx.http.transientToken(admin);

      Http.Response user = fx.http.getJson("/api/v2/user", "X-Plex-Token", transientToken);

      assertThat(user.status()).isEqualTo(401);
      assertThat(user.errorCode()).isEqualTo(1001);
      assertThat(user.body()).doesNotContain(Fixture.ADMIN_EMAIL);
      // On the PMS role it has the same access level as the caller: it mints, it reads sources.
      assertThat(mint(fx, transientToken).status()).isEqualTo(200);
      assertThat(resources(fx, transientToken, Fixture.SOURCE).status()).isEqualTo(200);
      assertThat(fx.http.getJson("/api/v2/user", "X-Plex-Token", admin).status()).isEqualTo(200);
    }
  }

  @Test
  void aTransientTokenOfAPlainUserIsRefusedOnPlexTvRoutes() {
    try (Fixture fx = Fixture.withAccounts(dataDir)) {
      String user = fx.http.signInToken("c", Fixture.USER, Fixture.USER_PASSWORD, null);
      String transientToken = fx.http.transientToken(user);

      assertThat(fx.http.getJson("/api/v2/user", "X-Plex-Token", transientToken).status())
          .isEqualTo(401);
      assertThat(fx.http.getXml("/api/v2/user?X-Plex-Token=" + transientToken).status())
          .isEqualTo(401);
      assertThat(mint(fx, transientToken).status()).isEqualTo(200);
      assertThat(resources(fx, transientToken, Fixture.SOURCE).status()).isEqualTo(403);
    }
  }

  @Test
  void theAccessTokenOfASourceIsBoundToItAndIsNoAdminToken() {
    try (Fixture fx = Fixture.withAccounts(dataDir)) {
      fx.server.addSource(
          new Source(
              OTHER_SOURCE,
              "Attic",
              "attic",
              List.of(
                  new Connection(
                      "http", "10.0.0.9", 32400, "http://10.0.0.9:32400", true, false))));
      String admin = fx.http.signInToken("c", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
      String sourceToken = accessToken(resources(fx, admin, Fixture.SOURCE));

      // It cannot read another source, nor act on plex.tv.
      Http.Response other = resources(fx, sourceToken, OTHER_SOURCE);
      assertThat(other.status()).isEqualTo(403);
      assertThat(other.errorCode()).isEqualTo(1009);
      assertThat(fx.http.getJson("/api/v2/user", "X-Plex-Token", sourceToken).status())
          .isEqualTo(401);
      // Its own source it may read again; the token handed out then is bound the same way.
      String again = accessToken(resources(fx, sourceToken, Fixture.SOURCE));
      assertThat(resources(fx, again, OTHER_SOURCE).status()).isEqualTo(403);
      // What it mints has its own access level, not the admin's: bound, no source of others.
      Http.Response minted = mint(fx, sourceToken);
      assertThat(minted.status()).isEqualTo(200);
      String child = minted.json().path("MediaContainer").path("token").asText();
      assertThat(resources(fx, child, OTHER_SOURCE).status()).isEqualTo(403);
      assertThat(resources(fx, child, Fixture.SOURCE).status()).isEqualTo(200);
      assertThat(fx.http.getJson("/api/v2/user", "X-Plex-Token", child).status()).isEqualTo(401);
      // The admin's own token still reads both.
      assertThat(resources(fx, admin, OTHER_SOURCE).status()).isEqualTo(200);
    }
  }

  private static Http.Response mint(Fixture fx, String token) {
    return fx.http.getJson("/security/token?type=delegation&scope=all", "X-Plex-Token", token);
  }

  private static Http.Response resources(Fixture fx, String token, String source) {
    return fx.http.getJson("/security/resources?source=" + source, "X-Plex-Token", token);
  }

  private static String accessToken(Http.Response resources) {
    assertThat(resources.status()).isEqualTo(200);
    return resources.json().path("MediaContainer").path("Device").path("accessToken").asText();
  }
}
