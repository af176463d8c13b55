package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transient tokens are bounded: 1,000 live per account token, the oldest of that root dropped when
 * one more is minted, and a global bound ({@code maxTransientTokens}), the oldest of all dropped.
 * Expired ones go as before.
 */
class TransientTokenCapTest {

  private static final int PER_ROOT = 1_000;

  @TempDir Path dataDir;

  @Test
  void theThousandAndFirstOfOneAccountTokenDropsThatRootsOldestOnly() {
    try (Fixture fx = Fixture.withAccounts(dataDir)) {
      String admin = fx.http.signInToken("a", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
      String user = fx.http.signInToken("u", Fixture.USER, Fixture.USER_PASSWORD, null);
      String othersOldest = fx.http.transientToken(user);
      List<String> minted = new ArrayList<>();
      for (int i = 0; i < PER_ROOT; i++) {
        minted.add(fx.http.transientToken(admin));
      }
      // A thousand live: all work, the first one included.
      assertThat(works(fx, minted.get(0))).isTrue();
      assertThat(fx.server.transientTokens()).isEqualTo(PER_ROOT + 1);

      String newest = fx.http.transientToken(admin);

      assertThat(works(fx, minted.get(0))).as("the root's oldest").isFalse();
      assertThat(works(fx, minted.get(1))).isTrue();
      assertThat(works(fx, minted.get(PER_ROOT - 1))).isTrue();
      assertThat(works(fx, newest)).isTrue();
      // Another account token's tokens are not this root's: untouched.
      assertThat(works(fx, othersOldest)).isTrue();
      assertThat(fx.server.transientTokens()).isEqualTo(PER_ROOT + 1);
    }
  }

  @Test
  void theGlobalBoundDropsTheOldestOfAllRoots() {
    try (Fixture fx =
        Fixture.on(dataDir).withAccounts().server(b -> b.maxTransientTokens(3)).start()) {
      String admin = fx.http.signInToken("a", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
      String user = fx.http.signInToken("u", Fixture.USER, Fixture.USER_PASSWORD, null);
      String first = fx.http.transientToken(admin);
      String second = fx.http.transientToken(user);
      String third = fx.http.transientToken(admin);

      String fourth = fx.http.transientToken(user);

      assertThat(works(fx, first)).as("the oldest of all").isFalse();
      assertThat(works(fx, second)).isTrue();
      assertThat(works(fx, third)).isTrue();
      assertThat(works(fx, fourth)).isTrue();

      // The held set stays at the bound: the next mint drops the next oldest.
      String fifth = fx.http.transientToken(admin);
      assertThat(works(fx, second)).isFalse();
      assertThat(works(fx, third)).isTrue();
      assertThat(works(fx, fifth)).isTrue();
    }
  }

  @Test
  void aDroppedTokensDescendantsStayAndExpiredOnesStillEnd() {
    try (Fixture fx =
        Fixture.on(dataDir).withAccounts().server(b -> b.maxTransientTokens(2)).start()) {
      String admin = fx.http.signInToken("a", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
      String parent = fx.http.transientToken(admin);
      String child = fx.http.transientToken(parent);
      String third = fx.http.transientToken(admin);

      // The parent went first; its child is a token of its own and keeps working until its expiry.
      assertThat(works(fx, parent)).isFalse();
      assertThat(works(fx, child)).isTrue();
      fx.clock.advance(Duration.ofHours(48));
      assertThat(works(fx, child)).isFalse();
      assertThat(works(fx, third)).isFalse();
    }
  }

  @Test
  void aBoundOutsideOneToAHundredMillionIsRefused() {
    for (int bad : new int[] {0, -1, Integer.MIN_VALUE, 100_000_001, Integer.MAX_VALUE}) {
      assertThatThrownBy(() -> PlexAuthServer.builder().maxTransientTokens(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("maxTransientTokens must be 1 to 100000000: " + bad);
    }
    PlexAuthServer.builder().maxTransientTokens(1).maxTransientTokens(100_000_000);
  }

  /**
   * Whether a transient token is honoured, asked in a way that mints nothing: the information of a
   * source nobody registered, 404 for an admin's token and 403 for a plain user's, 401 when
   * dropped.
   */
  private static boolean works(Fixture fx, String transientToken) {
    Http.Response answer =
        fx.http.getJson(
            "/security/resources?source=server://nowhere", "X-Plex-Token", transientToken);
    assertThat(answer.status()).isIn(401, 403, 404);
    return answer.status() != 401;
  }
}
