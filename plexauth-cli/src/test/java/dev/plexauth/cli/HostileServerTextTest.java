package dev.plexauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that answers with terminal escape sequences, C1 controls and bidi overrides in its error
 * messages and in the user it describes: the CLI prints all of it escaped, on stderr and stdout, as
 * text and as JSON.
 */
class HostileServerTextTest {

  /** OSC title change, clear screen, the one-byte CSI, a right-to-left override, a separator. */
  private static final String HOSTILE = "x\u001b]0;owned\u0007\u001b[2J\u009b31m\u202eevil\u2028y";

  private static final String ESCAPED = "x\\x1b]0;owned\\x07\\x1b[2J\\x9b31m\\u202eevil\\u2028y";

  @TempDir Path home;
  private HttpServer server;
  private String url;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/v2/user",
        exchange -> {
          boolean good = "good".equals(exchange.getRequestHeaders().getFirst("X-Plex-Token"));
          String body =
              good
                  ? "{\"id\":7,\"uuid\":\""
                      + json(HOSTILE)
                      + "\",\"username\":\""
                      + json(HOSTILE)
                      + "\",\"email\":\""
                      + json(HOSTILE)
                      + "\",\"authToken\":\"good\"}"
                  : "{\"errors\":[{\"code\":1001,\"message\":\""
                      + json(HOSTILE)
                      + "\",\"status\":401}]}";
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(good ? 200 : 401, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** The JSON string form: the raw characters as the server sends them, quotes and slashes safe. */
  private static String json(String text) {
    return text.replace("\\", "\\\\")
        .replace("\"", "\\\"")
        .replace("\u0007", "\\u0007")
        .replace("\u001b", "\\u001b");
  }

  @Test
  void aServersErrorMessageReachesStderrEscaped() {
    Cli.Result result =
        Cli.in(home).run("token", "details", "--server", url, "--token", "bad").failed(1);

    assertThat(result.err()).contains(ESCAPED);
    assertRaw(result.err());
  }

  @Test
  void whatTheServerSaysAboutTheUserReachesStdoutEscaped() {
    Cli.Result text =
        Cli.in(home).run("token", "details", "--server", url, "--token", "good").succeeded();
    Cli.Result json =
        Cli.in(home)
            .run("token", "details", "--server", url, "--token", "good", "--json")
            .succeeded();

    assertThat(text.out()).contains(ESCAPED + " <" + ESCAPED + ">", "uuid:       " + ESCAPED);
    assertRaw(text.out());
    assertThat(json.out())
        .contains("x\\u001B]0;owned\\u0007\\u001B[2J\\u009B31m\\u202Eevil\\u2028y");
    assertRaw(json.out());
  }

  private static void assertRaw(String printed) {
    assertThat(printed).doesNotContain("\u001b", "\u0007", "\u009b", "\u202e", "\u2028");
  }
}
