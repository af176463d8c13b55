package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plexauth.sdk.models.Connection;
import dev.plexauth.server.store.JdbcStore;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding API as a user's own tests would use it, and the first-start owner. */
class EmbeddingTest {

  @TempDir Path dataDir;

  private static PlexAuthServer.Builder builder(Path dataDir) {
    return PlexAuthServer.builder().dataDir(dataDir).port(0);
  }

  @Test
  void ownerIsCreatedFromTheEnvironmentOnFirstStart() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Map<String, String> env =
        Map.of(
            "PLEXAUTH_ADMIN_LOGIN", "owner",
            "PLEXAUTH_ADMIN_EMAIL", "owner@example.com",
            "PLEXAUTH_ADMIN_PASSWORD", "owner-secret");
    try (PlexAuthServer server =
        builder(dataDir).environment(env).announceTo(new PrintStream(out, true)).build().start()) {
      assertThat(server.listAccounts())
          .singleElement()
          .satisfies(
              owner -> {
                assertThat(owner.username()).isEqualTo("owner");
                assertThat(owner.email()).isEqualTo("owner@example.com");
                assertThat(owner.admin()).isTrue();
              });
      Http http = new Http(server.url());
      assertThat(http.signIn("c", "owner@example.com", "owner-secret", null).status())
          .isEqualTo(201);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void generatedOwnerPasswordIsPrintedOnceAndNeverLogged() {
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    String password;
    try (LogCapture logs = new LogCapture();
        PlexAuthServer server =
            builder(dataDir)
                .environment(Map.of())
                .announceTo(new PrintStream(first, true, StandardCharsets.UTF_8))
                .build()
                .start()) {
      String printed = first.toString(StandardCharsets.UTF_8);
      Matcher matcher = Pattern.compile("the password (\\S+) ").matcher(printed);
      assertThat(matcher.find()).as(printed).isTrue();
      password = matcher.group(1);
      assertThat(printed).contains("'admin'");
      assertThat(logs.all()).doesNotContain(password);
      assertThat(new Http(server.url()).signIn("c", "admin", password, null).status())
          .isEqualTo(201);
    }
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    try (PlexAuthServer server =
        builder(dataDir)
            .environment(Map.of())
            .announceTo(new PrintStream(second, true, StandardCharsets.UTF_8))
            .build()
            .start()) {
      assertThat(server.listAccounts()).hasSize(1);
    }
    assertThat(second.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void noOwnerWhenDisabled() {
    try (PlexAuthServer server =
        builder(dataDir).createOwnerOnFirstStart(false).environment(Map.of()).build().start()) {
      assertThat(server.listAccounts()).isEmpty();
      assertThat(server.url()).startsWith("http://127.0.0.1:");
      assertThat(server.port()).isPositive();
    }
  }

  @Test
  void adminWorksOnTheDataDirectoryWhileTheServerRuns() {
    try (PlexAuthServer server = builder(dataDir).createOwnerOnFirstStart(false).build().start();
        PlexAuthAdmin admin = PlexAuthAdmin.open(dataDir)) {
      CreatedAccount dave =
          admin.addAccount(
              NewAccount.of("dave", "dave@example.com", "dave-Pa55word!").asAdmin().withTotp());
      admin.addSource(
          new Source(
              "server://den",
              "Den",
              "den",
              List.of(
                  new Connection(
                      "http", "10.0.0.2", 32400, "http://10.0.0.2:32400", true, false))));

      assertThat(dave.totpSecret()).get().asString().matches("[A-Z2-7]{32}");
      assertThat(dave.toString()).doesNotContain(dave.totpSecret().get());
      assertThat(dave.account().twoFactorEnabled()).isTrue();
      assertThat(server.listAccounts()).extracting(Account::username).containsExactly("dave");
      assertThat(server.listSources())
          .singleElement()
          .satisfies(
              source -> {
                assertThat(source.name()).isEqualTo("Den");
                assertThat(source.connections()).hasSize(1);
              });

      Http http = new Http(server.url());
      assertThat(http.signIn("c", "dave", "dave-Pa55word!", null).errorCode()).isEqualTo(1029);

      assertThat(admin.removeSource("server://den")).isTrue();
      assertThat(admin.removeSource("server://den")).isFalse();
      assertThat(admin.removeAccount("DAVE@example.com")).isTrue();
      assertThat(server.listAccounts()).isEmpty();
      // The running server reuses its list of sources for up to a second; a change made beside it
      // (this administration has a store of its own) shows within that second.
      Fixture.waitOutRecentLookups();
      assertThat(server.listSources()).isEmpty();
    }
  }

  @Test
  void adminOpensByJdbcUrlToo() {
    try (PlexAuthAdmin admin = PlexAuthAdmin.open(JdbcStore.sqliteUrl(dataDir))) {
      admin.addAccount(
          NewAccount.of("erin", "erin@example.com", "erin-Pa55word!")
              .withTotp("jbsw y3dp ehpk 3pxp"));
      assertThat(admin.listAccounts()).extracting(Account::username).containsExactly("erin");
    }
    try (PlexAuthAdmin admin = PlexAuthAdmin.open(dataDir)) {
      assertThat(admin.listAccounts()).extracting(Account::twoFactorEnabled).containsExactly(true);
    }
  }

  @Test
  void invalidOrDuplicateAccountsAndSourcesAreRefusedWithPlainMessages() {
    try (PlexAuthAdmin admin = PlexAuthAdmin.open(dataDir)) {
      admin.addAccount(NewAccount.of("frank", "frank@example.com", "good-Pa55word!"));

      assertThatThrownBy(
              () -> admin.addAccount(NewAccount.of("FRANK", "other@example.com", "good-Pa55word!")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("an account with this username or email address already exists");
      assertThatThrownBy(
              () -> admin.addAccount(NewAccount.of("other", "Frank@Example.com", "good-Pa55word!")))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(
              () -> admin.addAccount(NewAccount.of("a@b", "x@example.com", "good-Pa55word!")))
          .hasMessageContaining("username");
      assertThatThrownBy(
              () -> admin.addAccount(NewAccount.of("has space", "y@example.com", "good-Pa55word!")))
          .hasMessageContaining("username");
      assertThatThrownBy(
              () -> admin.addAccount(NewAccount.of("gina", "not-an-email", "good-Pa55word!")))
          .hasMessageContaining("email");
      assertThatThrownBy(() -> admin.addAccount(NewAccount.of("gina", "gina@example.com", "")))
          .hasMessageContaining("password");
      assertThatThrownBy(
              () ->
                  admin.addAccount(
                      NewAccount.of("gina", "gina@example.com", "good-Pa55word!")
                          .withTotp("short")))
          .hasMessageContaining("TOTP");
      assertThatThrownBy(() -> admin.addSource(new Source("den", "Den", "den", List.of())))
          .hasMessageContaining("server://");
      assertThatThrownBy(
              () ->
                  admin.addSource(
                      new Source(
                          "server://x",
                          "X",
                          "x",
                          List.of(new Connection("ftp", "h", 21, "ftp://h", true, false)))))
          .hasMessageContaining("protocol");
      admin.addSource(new Source("server://x", "X", "x", List.of()));
      assertThatThrownBy(() -> admin.addSource(new Source("server://x", "X", "x", List.of())))
          .hasMessage("a source with this id already exists");
      assertThat(admin.listAccounts()).hasSize(1);
      assertThat(admin.removeAccount("nobody")).isFalse();
    }
  }

  @Test
  void builderChecksItsInput() {
    assertThatThrownBy(() -> PlexAuthServer.builder().build())
        .hasMessage("dataDir or jdbcUrl is required");
    assertThatThrownBy(() -> PlexAuthServer.builder().port(70_000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PlexAuthServer.builder().signInRateLimit(0))
        .isInstanceOf(IllegalArgumentException.class);
    PlexAuthServer notStarted = builder(dataDir).build();
    assertThatThrownBy(notStarted::port).hasMessageContaining("start()");
  }
}
