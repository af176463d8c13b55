package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.LogCapture;
import dev.plexauth.server.support.RawHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query holding a C1 control (the one-byte CSI that terminals obey), a bidirectional override or
 * a line separator, sent as raw UTF-8, reaches the access log escaped.
 */
class AccessLogEscapingTest {

  @TempDir Path dataDir;

  @Test
  void controlBidiAndSeparatorCharactersInTheTargetAreEscapedInTheAccessLine() {
    try (Fixture fx = Fixture.empty(dataDir);
        LogCapture logs = new LogCapture()) {
      // Jetty refuses non-ASCII bytes in the path (400, before any log line); the query keeps them.
      String target = "/nowhere?a=\u009b31mred\u202eevil\u2028forged\u0085x&b=\u2066\u009d";
      byte[] request =
          ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8);

      RawHttp.Answer answer = RawHttp.exchange(fx.server.port(), request);

      assertThat(answer.status()).isEqualTo(404);
      List<String> access =
          logs.lines().stream().filter(line -> line.contains("/nowhere?")).toList();
      assertThat(access).hasSize(1);
      assertThat(access.get(0))
          .contains("GET /nowhere?a=\\x9b31mred\\u202eevil\\u2028forged\\x85x&b=\\u2066\\x9d 404")
          .doesNotContain("\u009b", "\u202e", "\u2028", "\u0085", "\u2066", "\u009d");
    }
  }
}
