package dev.plexauth.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Scripts answers and builds clients pointed at a loopback MockWebServer. */
final class Wire {

  static final String TOKEN = "TESTTOKEN123";

  private Wire() {}

  /** The server's base URL without a trailing slash, e.g. {@code http://localhost:41234}. */
  static String base(MockWebServer server) {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  /** A client whose PMS is the server's root and whose plex.tv is the server's /api/v2. */
  static PlexAPI.Builder clientFor(MockWebServer server) {
    return PlexAPI.builder()
        .serverURL(base(server))
        .plexTvURL(base(server) + "/api/v2")
        .accessToken(TOKEN);
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  static MockResponse xml(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "text/xml;charset=utf-8")
        .body(body)
        .build();
  }

  static MockResponse withType(int code, String contentType, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", contentType)
        .body(body)
        .build();
  }

  static MockResponse transientToken() {
    return json(200, "{\"MediaContainer\":{\"size\":0,\"token\":\"transient-abc\"}}");
  }

  static MockResponse user(int code) {
    return json(code, fixture("user.json"));
  }

  static String fixture(String name) {
    try (InputStream in = Wire.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RecordedRequest take(MockWebServer server) throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    return request;
  }

  /** A loopback port that was just free: opened, then closed, so connecting to it is refused. */
  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
