package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.MutableClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-address sign-in limit behind a reverse proxy: the address a trusted proxy forwards is the
 * client, read right to left past other trusted proxies; from any other peer the headers are
 * ignored. IPv6 clients count by their /64. The limit is 2 a minute and the clock stands still, so
 * every third attempt from one client is refused.
 */
class TrustedProxyTest {

  @TempDir Path dataDir;

  private Fixture start(List<String> proxies) {
    Fixture fx =
        Fixture.on(dataDir)
            .clock(new MutableClock())
            .signInRateLimit(2)
            .server(builder -> builder.trustedProxies(proxies))
            .start();
    fx.addStandardData();
    return fx;
  }

  /** A wrong-password sign-in (401 while the bucket lasts, then 429) with extra headers. */
  private static int signIn(Fixture fx, String... headers) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "Content-Type",
                "application/x-www-form-urlencoded",
                "Accept",
                "application/json",
                "X-Plex-Client-Identifier",
                "c"));
    all.addAll(List.of(headers));
    return fx.http
        .send(
            "POST",
            "/api/v2/users/signin",
            Http.form(Map.of("login", Fixture.USER, "password", "wrong")),
            all.toArray(String[]::new))
        .status();
  }

  @Test
  void behindATrustedProxyEachForwardedClientHasItsOwnBucket() {
    try (Fixture fx = start(List.of("127.0.0.1/32"))) {
      assertThat(signIn(fx, "X-Forwarded-For", "203.0.113.7")).isEqualTo(401);
      assertThat(signIn(fx, "X-Forwarded-For", "203.0.113.7")).isEqualTo(401);
      assertThat(signIn(fx, "X-Forwarded-For", "203.0.113.7")).isEqualTo(429);

      // Another client behind the same proxy is not held up by the first.
      assertThat(signIn(fx, "X-Forwarded-For", "203.0.113.8")).isEqualTo(401);
      // RFC 7239 Forwarded, when there is no X-Forwarded-For.
      assertThat(signIn(fx, "Forwarded", "for=198.51.100.4;proto=https")).isEqualTo(401);
      assertThat(signIn(fx, "Forwarded", "for=\"198.51.100.4:4711\"")).isEqualTo(401);
      assertThat(signIn(fx, "Forwarded", "for=198.51.100.4")).isEqualTo(429);
    }
  }

  @Test
  void whatTheClientWroteLeftOfTheProxysEntryBuysNothing() {
    try (Fixture fx = start(List.of("127.0.0.1", "10.0.0.0/8"))) {
      assertThat(signIn(fx, "X-Forwarded-For", "203.0.113.7")).isEqualTo(401);
      assertThat(signIn(fx, "X-Forwarded-For", "203.0.113.7")).isEqualTo(401);

      // The client sent X-Forwarded-For: 192.0.2.1 (or two headers); the trusted proxies appended
      // the address they saw and their own. The right-most untrusted entry is the client.
      assertThat(signIn(fx, "X-Forwarded-For", "192.0.2.1, 203.0.113.7")).isEqualTo(429);
      assertThat(signIn(fx, "X-Forwarded-For", "192.0.2.2, 203.0.113.7, 10.1.2.3")).isEqualTo(429);
      assertThat(
              signIn(
                  fx, "X-Forwarded-For", "192.0.2.3", "X-Forwarded-For", "203.0.113.7, 10.9.9.9"))
          .isEqualTo(429);
      // "unknown" or garbage where the client should be: the last trusted hop is counted.
      assertThat(signIn(fx, "X-Forwarded-For", "unknown, 10.1.2.3")).isEqualTo(401);
      assertThat(signIn(fx, "X-Forwarded-For", "evil.example, 10.1.2.3")).isEqualTo(401);
      assertThat(signIn(fx, "X-Forwarded-For", "not an address, 10.1.2.3")).isEqualTo(429);
    }
  }

  @Test
  void fromAPeerThatIsNoTrustedProxyTheHeadersAreIgnored() {
    try (Fixture fx = start(List.of("10.0.0.0/8", "2001:db8::/32"))) {
      assertThat(signIn(fx, "X-Forwarded-For", "203.0.113.1")).isEqualTo(401);
      assertThat(signIn(fx, "X-Forwarded-For", "203.0.113.2")).isEqualTo(401);
      assertThat(signIn(fx, "X-Forwarded-For", "203.0.113.3")).isEqualTo(429);
      assertThat(signIn(fx, "Forwarded", "for=203.0.113.4")).isEqualTo(429);
    }
  }

  @Test
  void ipv6ClientsCountByTheirSlash64() {
    try (Fixture fx = start(List.of("127.0.0.0/8"))) {
      assertThat(signIn(fx, "X-Forwarded-For", "2001:db8:1:2::1")).isEqualTo(401);
      assertThat(signIn(fx, "X-Forwarded-For", "2001:db8:1:2:ffff:ffff:ffff:fffe")).isEqualTo(401);
      // A third address in the same /64 is the same client.
      assertThat(signIn(fx, "Forwarded", "for=\"[2001:db8:1:2:abcd::9]:4711\"")).isEqualTo(429);

      // The neighbouring /64 is another client.
      assertThat(signIn(fx, "X-Forwarded-For", "2001:db8:1:3::1")).isEqualTo(401);
    }
  }

  @Test
  void aTrustedRangeMustBeALiteralCidrBlockOrAddress() {
    PlexAuthServer.Builder builder = PlexAuthServer.builder();

    builder.trustedProxies(List.of("10.0.0.0/8", "192.168.1.1", "::1", "2001:db8::/32"));
    for (String bad :
        List.of(
            "proxy.internal", "10.0.0.1/8", "10.0.0.0/33", "10.0.0.0/x", "10.0.0", "", "::/129")) {
      assertThatThrownBy(() -> builder.trustedProxies(List.of(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'");
    }
  }
}
