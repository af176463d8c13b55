package dev.plexauth.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plexauth.server.support.LogCapture;
import dev.plexauth.server.support.SharedPostgres;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How plexauth connects to PostgreSQL: the password from the environment (or, discouraged, the
 * URL), never in a log line or an error message; the pool size setting.
 */
class PostgresConnectionSettingsTest {

  private static String url;

  @BeforeAll
  static void createDatabase() {
    url = SharedPostgres.asPasswordUser(SharedPostgres.newDatabase());
  }

  @Test
  void passwordComesFromPlexauthDbPassword() {
    try (JdbcStore store =
        JdbcStore.open(url, Map.of(JdbcStore.PASSWORD_VARIABLE, SharedPostgres.PASSWORD))) {
      assertThat(store.countAccounts()).isZero();
    }
  }

  @Test
  void pgpasswordIsHonouredAndPlexauthDbPasswordWinsOverIt() {
    try (JdbcStore store =
        JdbcStore.open(url, Map.of(JdbcStore.PGPASSWORD_VARIABLE, SharedPostgres.PASSWORD))) {
      assertThat(store.countAccounts()).isZero();
    }
    try (JdbcStore store =
        JdbcStore.open(
            url,
            Map.of(
                JdbcStore.PASSWORD_VARIABLE,
                SharedPostgres.PASSWORD,
                JdbcStore.PGPASSWORD_VARIABLE,
                "not-it"))) {
      assertThat(store.countAccounts()).isZero();
    }
  }

  @Test
  void aPasswordInTheUrlWorksButNeverReachesTheLog() {
    String withPassword =
        url + "&password=" + URLEncoder.encode(SharedPostgres.PASSWORD, StandardCharsets.UTF_8);
    try (LogCapture logs = new LogCapture();
        JdbcStore store = JdbcStore.open(withPassword, Map.of())) {
      assertThat(store.countAccounts()).isZero();
      assertThat(logs.all())
          .contains("password=***")
          .doesNotContain(SharedPostgres.PASSWORD)
          .doesNotContain(URLEncoder.encode(SharedPostgres.PASSWORD, StandardCharsets.UTF_8));
    }
  }

  @Test
  void aWrongOrMissingPasswordFailsClearlyWithoutShowingIt() {
    String wrong = "wrong pass&word";
    try (LogCapture logs = new LogCapture()) {
      assertThatThrownBy(() -> JdbcStore.open(url, Map.of(JdbcStore.PASSWORD_VARIABLE, wrong)))
          .isInstanceOf(StoreException.class)
          .hasMessageStartingWith("cannot open the database " + url)
          .hasMessageContaining("password authentication failed")
          .hasMessageNotContaining(wrong);
      assertThatThrownBy(
              () ->
                  JdbcStore.open(
                      url + "&password=" + URLEncoder.encode(wrong, StandardCharsets.UTF_8),
                      Map.of()))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("password=***")
          .hasMessageNotContaining("wrong");
      assertThatThrownBy(() -> JdbcStore.open(url, Map.of()))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("password");
      assertThat(logs.all())
          .doesNotContain(wrong)
          .doesNotContain(URLEncoder.encode(wrong, StandardCharsets.UTF_8));
    }
  }

  @Test
  void poolSizeComesFromTheEnvironmentAndIsChecked() {
    Map<String, String> env =
        Map.of(
            JdbcStore.PASSWORD_VARIABLE,
            SharedPostgres.PASSWORD,
            JdbcStore.POOL_SIZE_VARIABLE,
            "3");
    try (LogCapture logs = new LogCapture();
        JdbcStore store = JdbcStore.open(url, env)) {
      assertThat(store.countAccounts()).isZero();
      assertThat(logs.all()).contains("(pool of 3)");
    }
    assertThatThrownBy(() -> JdbcStore.open(url, Map.of(JdbcStore.POOL_SIZE_VARIABLE, "lots")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PLEXAUTH_DB_POOL_SIZE must be a whole number from 1 to 100: lots");
    assertThatThrownBy(() -> JdbcStore.open(url, Map.of(JdbcStore.POOL_SIZE_VARIABLE, "0")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void urlsAreRedactedForMessages() {
    assertThat(JdbcUrls.redact("jdbc:postgresql://h:5432/db?user=u&password=p%26q&ssl=true"))
        .isEqualTo("jdbc:postgresql://h:5432/db?user=u&password=***&ssl=true");
    assertThat(JdbcUrls.redact("jdbc:postgresql://h/db?password=p&sslpassword=k"))
        .isEqualTo("jdbc:postgresql://h/db?password=***&sslpassword=***");
    assertThat(JdbcUrls.redact("jdbc:postgresql://u:secret@h/db"))
        .isEqualTo("jdbc:postgresql://u:***@h/db");
    assertThat(JdbcUrls.redact("jdbc:sqlite:/var/lib/plexauth/plexauth.db"))
        .isEqualTo("jdbc:sqlite:/var/lib/plexauth/plexauth.db");
  }

  @Test
  void secretParametersLeaveTheUrlDecoded() {
    JdbcUrls.Split split =
        JdbcUrls.splitSecrets("jdbc:postgresql://h/db?user=u&password=a%20b%26c&ssl=true");

    assertThat(split.url()).isEqualTo("jdbc:postgresql://h/db?user=u&ssl=true");
    assertThat(split.secrets()).containsExactly(Map.entry("password", "a b&c"));
    assertThat(JdbcUrls.splitSecrets("jdbc:postgresql://h/db?password=x").url())
        .isEqualTo("jdbc:postgresql://h/db");
  }
}
