package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.server.auth.Totp;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.LogCapture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No password, code or token in any log line or in the database files. */
class SecretsTest {

  @TempDir Path dataDir;

  @Test
  void logsCarryNoPasswordCodeOrTokenAndMaskTokensInQueries() throws Exception {
    List<String> secrets = new ArrayList<>();
    try (LogCapture logs = new LogCapture();
        Fixture fx = Fixture.withAccounts(dataDir)) {
      secrets.addAll(
          List.of(
              Fixture.ADMIN_PASSWORD,
              Fixture.USER_PASSWORD,
              Fixture.TOTP_PASSWORD,
              fx.totpSecret()));
      String admin = fx.http.signInToken("log-a", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
      String code = Totp.code(fx.totpSecret(), fx.clock.instant());
      secrets.add(code);
      String bob = fx.http.signInToken("log-b", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, code);
      fx.http.signIn("log-c", Fixture.USER, "a-wrong-password", null);
      secrets.add("a-wrong-password");
      String transientToken = fx.http.transientToken(admin);
      String viaQuery =
          fx.http
              .getJson("/security/token?type=delegation&scope=all&X-Plex-Token=" + transientToken)
              .json()
              .path("MediaContainer")
              .path("token")
              .asText();
      fx.http.getJson("/api/v2/user?X-Plex-Token=" + bob);
      fx.http.getJson("/api/v2/user?x-plex-token=" + admin + "&other=1");
      fx.http.getJson("/security/resources?source=" + Fixture.SOURCE + "&X-Plex-Token=" + admin);
      fx.http.getJson("/api/v2/user?X-Plex-Token=not-real-secret-token");
      // The server decodes parameter names, so an encoded name carries a token too.
      assertThat(fx.http.getJson("/api/v2/user?X-Plex-%54oken=" + admin).status()).isEqualTo(200);
      fx.http.getJson("/nope?password=hunter2&verificationCode=424242");
      secrets.addAll(
          List.of(
              admin, bob, transientToken, viaQuery, "not-real-secret-token", "hunter2", "424242"));

      String all = logs.all();
      assertThat(logs.lines())
          .anyMatch(
              line ->
                  line.matches(
                      "dev\\.plexauth\\.server\\.access INFO 127\\.0\\.0\\.1 GET"
                          + " /api/v2/user\\?X-Plex-Token=\\*\\*\\* 200 \\d+ms"))
          .anyMatch(line -> line.contains("POST /api/v2/users/signin 201"))
          .anyMatch(line -> line.contains("x-plex-token=***&other=1"))
          .anyMatch(line -> line.contains("GET /api/v2/user?X-Plex-%54oken=*** 200"))
          .anyMatch(line -> line.contains("/nope?password=***&verificationCode=*** 404"))
          // The security events are searched too: a success with a code, and a failure.
          .anyMatch(line -> line.startsWith("plexauth.security INFO event=sign_in outcome=success"))
          .anyMatch(
              line -> line.startsWith("plexauth.security INFO event=sign_in outcome=failure"));
      for (String secret : secrets) {
        assertThat(all).as("logs contain a secret").doesNotContain(secret);
      }
    }
    // The database keeps hashes and sealed values only: no token, password or TOTP secret in any
    // file of the data dir.
    List<String> tokensAndPasswords = secrets.stream().filter(s -> s.length() > 8).toList();
    try (Stream<Path> files = Files.list(dataDir)) {
      for (Path file : files.toList()) {
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String secret : tokensAndPasswords) {
          assertThat(content).as(file.getFileName().toString()).doesNotContain(secret);
        }
      }
    }
  }
}
