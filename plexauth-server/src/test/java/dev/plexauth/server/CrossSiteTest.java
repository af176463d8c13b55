package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.RawHttp;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS rebinding and cross-site requests: only known host names are answered (421 otherwise), and a
 * sign-in (or any other state-changing request) whose {@code Origin} is foreign is refused with 403
 * before it reaches the password check. Requests go over a raw socket, since an HTTP client sets
 * {@code Host} itself.
 */
class CrossSiteTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  private Fixture start(Consumer<PlexAuthServer.Builder> settings) {
    Fixture fx = Fixture.on(dataDir).server(settings).start();
    fx.addStandardData();
    return fx;
  }

  private static RawHttp.Answer get(Fixture fx, String host) {
    return RawHttp.exchange(
        fx.server.port(),
        "GET /api/v2/user HTTP/1.1\r\nHost: "
            + host
            + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
  }

  private static RawHttp.Answer signIn(Fixture fx, String host, String origin, String password) {
    String body = "login=" + Fixture.USER + "&password=" + password;
    return RawHttp.exchange(
        fx.server.port(),
        "POST /api/v2/users/signin HTTP/1.1\r\nHost: "
            + host
            + "\r\n"
            + (origin == null ? "" : "Origin: " + origin + "\r\n")
            + "Content-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\n"
            + "X-Plex-Client-Identifier: c\r\nContent-Length: "
            + body.length()
            + "\r\nConnection: close\r\n\r\n"
            + body);
  }

  private static void assertPlexError(RawHttp.Answer answer, int status, int code)
      throws Exception {
    assertThat(answer.status()).as(answer.head()).isEqualTo(status);
    JsonNode error = JSON.readTree(answer.body()).path("errors").path(0);
    assertThat(error.path("code").asInt()).isEqualTo(code);
    assertThat(error.path("status").asInt()).isEqualTo(status);
    assertThat(error.path("message").asText()).isNotBlank();
  }

  @Test
  void aForeignHostNameGets421AndLoopbackAndAddressesAreAnswered() throws Exception {
    try (Fixture fx = start(builder -> {})) {
      int port = fx.server.port();

      assertPlexError(get(fx, "rebind.attacker.example:" + port), 421, 1004);
      assertPlexError(get(fx, "rebind.attacker.example"), 421, 1004);
      assertPlexError(get(fx, "localhost.attacker.example"), 421, 1004);
      // The absolute form names the host in the request line too; Jetty refuses it when it
      // differs from Host.
      assertPlexError(
          RawHttp.exchange(
              port,
              "GET http://rebind.attacker.example/api/v2/user HTTP/1.1\r\n"
                  + "Host: rebind.attacker.example\r\nAccept: application/json\r\n"
                  + "Connection: close\r\n\r\n"),
          421,
          1004);
      assertThat(
              RawHttp.exchange(
                      port,
                      "GET http://rebind.attacker.example/api/v2/user HTTP/1.1\r\n"
                          + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n")
                  .status())
          .isEqualTo(400);

      for (String host :
          List.of(
              "127.0.0.1:" + port,
              "127.0.0.1",
              "localhost:" + port,
              "LocalHost.",
              "[::1]:" + port,
              "192.0.2.10:" + port,
              "[2001:db8::5]")) {
        assertThat(get(fx, host).status()).as(host).isEqualTo(401);
      }
      // HTTP/1.0 without Host: no browser, no rebinding.
      assertThat(
              RawHttp.exchange(
                      port, "GET /api/v2/user HTTP/1.0\r\nAccept: application/json\r\n\r\n")
                  .status())
          .isEqualTo(401);
    }
  }

  @Test
  void namesGivenAsAllowedHostsOrInThePublicUrlAreAnswered() throws Exception {
    try (Fixture fx =
        start(
            builder ->
                builder
                    .allowedHosts(List.of("plexauth.lan", "Media.Example.COM"))
                    .publicUrl("https://auth.example.com/plex"))) {
      for (String host :
          List.of(
              "plexauth.lan", "PLEXAUTH.LAN:32400", "media.example.com", "auth.example.com:443")) {
        assertThat(get(fx, host).status()).as(host).isEqualTo(401);
      }
      assertPlexError(get(fx, "other.lan"), 421, 1004);
      assertPlexError(get(fx, "sub.plexauth.lan"), 421, 1004);
    }
  }

  @Test
  void aSignInFromAForeignOriginIsRefusedBeforeThePasswordCheck() throws Exception {
    try (Fixture fx = start(builder -> {})) {
      int port = fx.server.port();
      String host = "127.0.0.1:" + port;
      long verifications = fx.server.passwordVerifications();

      for (String origin :
          List.of(
              "https://attacker.example",
              "null",
              "http://127.0.0.1:" + (port + 1),
              "https://127.0.0.1:" + port,
              "http://localhost:" + port,
              "http://127.0.0.1:" + port + "/page",
              "not a url")) {
        assertPlexError(signIn(fx, host, origin, Fixture.USER_PASSWORD), 403, 1009);
      }
      // Two Origin headers are never a browser's.
      String body = "login=alice&password=x";
      assertThat(
              RawHttp.exchange(
                      port,
                      "POST /api/v2/users/signin HTTP/1.1\r\nHost: "
                          + host
                          + "\r\nOrigin: http://"
                          + host
                          + "\r\nOrigin: https://attacker.example\r\n"
                          + "Content-Type: application/x-www-form-urlencoded\r\n"
                          + "X-Plex-Client-Identifier: c\r\nContent-Length: "
                          + body.length()
                          + "\r\nConnection: close\r\n\r\n"
                          + body)
                  .status())
          .isEqualTo(403);
      // The same on the other POST route.
      assertThat(
              RawHttp.exchange(
                      port,
                      "POST /security/token?type=delegation&scope=all HTTP/1.1\r\nHost: "
                          + host
                          + "\r\nOrigin: https://attacker.example\r\nContent-Length: 0\r\n"
                          + "Connection: close\r\n\r\n")
                  .status())
          .isEqualTo(403);

      assertThat(fx.server.passwordVerifications()).isEqualTo(verifications);
    }
  }

  @Test
  void theServersOwnOriginNoOriginAndAllowedOriginsMaySignIn() throws Exception {
    try (Fixture fx =
        start(
            builder ->
                builder
                    .allowedOrigins(List.of("https://app.example.com", "http://[::1]:8080"))
                    .publicUrl("https://auth.example.com"))) {
      int port = fx.server.port();

      assertThat(signIn(fx, "127.0.0.1:" + port, null, Fixture.USER_PASSWORD).status())
          .isEqualTo(201);
      assertThat(
              signIn(fx, "127.0.0.1:" + port, "http://127.0.0.1:" + port, Fixture.USER_PASSWORD)
                  .status())
          .isEqualTo(201);
      assertThat(signIn(fx, "localhost:" + port, "http://LOCALHOST:" + port, "wrong").status())
          .isEqualTo(401);
      assertThat(signIn(fx, "127.0.0.1", "http://127.0.0.1:80", "wrong").status()).isEqualTo(401);
      assertThat(signIn(fx, "127.0.0.1", "http://127.0.0.1/", "wrong").status()).isEqualTo(401);
      for (String origin :
          List.of(
              "https://app.example.com",
              "https://APP.example.com:443",
              "http://[::1]:8080",
              "https://auth.example.com")) {
        assertThat(signIn(fx, "127.0.0.1:" + port, origin, "wrong").status())
            .as(origin)
            .isEqualTo(401);
      }
      assertThat(signIn(fx, "127.0.0.1:" + port, "http://app.example.com", "wrong").status())
          .isEqualTo(403);
      // A GET is never refused for its Origin.
      assertThat(
              RawHttp.exchange(
                      port,
                      "GET /api/v2/user HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://x.example\r\n"
                          + "Connection: close\r\n\r\n")
                  .status())
          .isEqualTo(401);
    }
  }

  @Test
  void theBuilderRefusesWhatIsNoHostOriginOrUrl() {
    PlexAuthServer.Builder builder = PlexAuthServer.builder();
    for (String bad : List.of("http://host", "host:80", "a b", "", "-x.example", "host/path")) {
      assertThatThrownBy(() -> builder.allowedHosts(List.of(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'");
    }
    for (String bad :
        List.of(
            "app.example.com", "ftp://app.example.com", "https://app.example.com/path", "null")) {
      assertThatThrownBy(() -> builder.allowedOrigins(List.of(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'");
    }
    for (String bad : List.of("auth.example.com", "/plex", "ftp://auth.example.com", "http://")) {
      assertThatThrownBy(() -> builder.publicUrl(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    builder.dataDir(dataDir).publicUrl("https://auth.example.com:8443/plex");
    assertThat(builder.build().publicUrl())
        .hasValue(java.net.URI.create("https://auth.example.com:8443/plex"));
    assertThat(PlexAuthServer.builder().dataDir(dataDir).build().publicUrl()).isEmpty();
  }
}
