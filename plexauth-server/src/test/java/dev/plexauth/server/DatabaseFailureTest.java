package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.LogCapture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failing database is a clear 503, and its error in the log carries no secret. */
class DatabaseFailureTest {

  @TempDir Path dataDir;

  @Test
  void aBrokenDatabaseAnswers503WithoutLeakingValues() throws Exception {
    try (LogCapture logs = new LogCapture();
        Fixture fx = Fixture.withAccounts(dataDir)) {
      try (Connection c =
              DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("plexauth.db"));
          Statement s = c.createStatement()) {
        s.execute("DROP TABLE account_tokens");
      }

      Http.Response response = fx.http.signIn("c", Fixture.USER, Fixture.USER_PASSWORD, null);

      assertThat(response.status()).isEqualTo(503);
      assertThat(response.errorCode()).isEqualTo(1007);
      assertThat(response.body()).doesNotContain("account_tokens", "SQL");
      assertThat(logs.all())
          .contains("database error")
          .doesNotContain(Fixture.USER_PASSWORD)
          .doesNotContain("$argon2id$");
    }
  }
}
