package dev.plexauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.cli.Cli.Result;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.SharedPostgres;
import dev.plexauth.server.support.TestDatabase;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {

  private static final Pattern URL = Pattern.compile("PMS \\(serverURL\\): +(http://\\S+)");
  private static final Pattern OWNER =
      Pattern.compile("created the owner account '(\\w+)' with the password (\\S+) ");

  @TempDir Path home;
  @TempDir Path dataDir;

  /** A serve run in the background, stopped like SIGTERM stops it: through its shutdown hook. */
  private final class Serving implements AutoCloseable {
    final Cli cli;
    final StringWriter out = new StringWriter();
    final CompletableFuture<Result> result;

    Serving(Cli cli, String... args) {
      this.cli = cli;
      this.result = CompletableFuture.supplyAsync(() -> cli.run(out, args));
    }

    String awaitStarted() throws InterruptedException {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
      while (Instant.now().isBefore(deadline)) {
        if (out.toString().contains("Press Ctrl+C to stop.") || result.isDone()) {
          return out.toString();
        }
        Thread.sleep(20);
      }
      throw new AssertionError("serve did not start: " + out);
    }

    Result stop() throws Exception {
      cli.shutdownHooks().forEach(Runnable::run);
      return result.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
      if (!result.isDone()) {
        cli.shutdownHooks().forEach(Runnable::run);
        result.join();
      }
    }
  }

  @Test
  void serveAndTheAdminCommandsRunOnPostgresWithThePasswordFromTheEnvironment() throws Exception {
    String db = SharedPostgres.asPasswordUser(SharedPostgres.newDatabase());
    Cli withPassword =
        Cli.in(home)
            .env("PLEXAUTH_DB_PASSWORD", SharedPostgres.PASSWORD)
            .env("PLEXAUTH_SECRET_KEY", TestDatabase.POSTGRES_SECRET_KEY)
            .env("PLEXAUTH_ADMIN_PASSWORD", "owner-Pa55word!");

    Result noKey =
        Cli.in(home)
            .env("PLEXAUTH_DB_PASSWORD", SharedPostgres.PASSWORD)
            .run("serve", "--port", "0", "--db", db)
            .failed(CliException.REFUSED);
    assertThat(noKey.err())
        .startsWith("plexauth: PLEXAUTH_SECRET_KEY is required with PostgreSQL")
        .doesNotContain("Exception");

    try (Serving serving = new Serving(withPassword, "serve", "--port", "0", "--db", db)) {
      Matcher url = URL.matcher(serving.awaitStarted());
      assertThat(url.find()).as(serving.out.toString()).isTrue();

      Cli.in(home)
          .env("PLEXAUTH_DB_PASSWORD", SharedPostgres.PASSWORD)
          .env("PLEXAUTH_SECRET_KEY", TestDatabase.POSTGRES_SECRET_KEY)
          .stdin("pg-Pa55word!\n")
          .run(
              "user",
              "add",
              "--db",
              db,
              "--username",
              "pgbob",
              "--email",
              "pgbob@example.com",
              "--password-stdin")
          .succeeded();
      Cli.in(home)
          .stdin("pg-Pa55word!\n")
          .run("signin", "--server", url.group(1), "--login", "pgbob", "--password-stdin")
          .succeeded();
      assertThat(Cli.in(home).run("token", "details").succeeded().out()).contains("pgbob");

      Result noPassword =
          Cli.in(home)
              .env("PLEXAUTH_SECRET_KEY", TestDatabase.POSTGRES_SECRET_KEY)
              .run("user", "list", "--db", db)
              .failed(CliException.UNREACHABLE);
      assertThat(noPassword.err()).startsWith("plexauth: ").doesNotContain("Exception");
      assertThat(serving.stop().exitCode()).isZero();
    }
    assertThat(String.join("\n", Cli.ALL_OUTPUT)).doesNotContain(SharedPostgres.PASSWORD);
  }

  @Test
  void servePrintsBothUrlsAndTheOwnersGeneratedPasswordOnceThenStopsCleanly() throws Exception {
    String owner;
    String password;
    try (Serving serving =
        new Serving(Cli.in(home), "serve", "--port", "0", "--data-dir", dataDir.toString())) {
      String printed = serving.awaitStarted();

      Matcher url = URL.matcher(printed);
      assertThat(url.find()).as(printed).isTrue();
      assertThat(printed).contains("plex.tv (plexTvURL): " + url.group(1) + "/api/v2");
      Matcher created = OWNER.matcher(printed);
      assertThat(created.find()).as(printed).isTrue();
      owner = created.group(1);
      password = created.group(2);
      assertThat(owner).isEqualTo("admin");

      Cli.in(home)
          .stdin(password + "\n")
          .run("signin", "--server", url.group(1), "--login", owner, "--password-stdin")
          .succeeded();
      assertThat(Cli.in(home).run("token", "details").succeeded().out()).contains("admin: ");

      Result stopped = serving.stop();
      assertThat(stopped.exitCode()).isZero();
      assertThat(stopped.out()).endsWith("plexauth: stopped\n");
    }

    try (Serving again =
        new Serving(Cli.in(home), "serve", "--port", "0", "--data-dir", dataDir.toString())) {
      String printed = again.awaitStarted();
      assertThat(printed).contains("PMS (serverURL)").doesNotContain("password");
    }
  }

  @Test
  void tokenLifetimeOptionsAreCheckedAndAccepted() throws Exception {
    for (String[] bad :
        new String[][] {
          {"--token-idle-days", "0"},
          {"--token-max-age-days", "-1"},
          {"--token-idle-days", "x"},
          {"--max-transient-tokens", "0"},
          {"--max-transient-tokens", "-5"},
          {"--max-transient-tokens", "100000001"},
          {"--max-transient-tokens", "99999999999"}
        }) {
      Result refused =
          Cli.in(home)
              .run("serve", "--port", "0", "--data-dir", dataDir.toString(), bad[0], bad[1])
              .failed(CliException.USAGE);
      assertThat(refused.err()).contains(bad[0]);
    }
    try (Serving serving =
        new Serving(
            Cli.in(home),
            "serve",
            "--port",
            "0",
            "--data-dir",
            dataDir.toString(),
            "--token-idle-days",
            "30",
            "--token-max-age-days",
            "365",
            "--max-transient-tokens",
            "5000")) {
      assertThat(serving.awaitStarted()).contains("PMS (serverURL)");
    }
  }

  @Test
  void theOwnerComesFromPlexauthAdminVariablesWhenSet() throws Exception {
    Cli cli =
        Cli.in(home)
            .env("PLEXAUTH_ADMIN_LOGIN", "owner@example.com")
            .env("PLEXAUTH_ADMIN_PASSWORD", "owner-Pa55word!");
    try (Serving serving = new Serving(cli, "serve", "--port", "0", "--db", jdbcUrl())) {
      String printed = serving.awaitStarted();
      assertThat(printed).doesNotContain("password").doesNotContain("owner-Pa55word!");
      Matcher url = URL.matcher(printed);
      assertThat(url.find()).isTrue();

      Cli.in(home)
          .stdin("owner-Pa55word!\n")
          .run("signin", "--server", url.group(1), "--login", "owner", "--password-stdin")
          .succeeded();
    }
  }

  private String jdbcUrl() {
    return "jdbc:sqlite:" + dataDir.resolve("other.db");
  }

  @Test
  void aPortInUseExitsWith1WithOneLine() throws Exception {
    try (Fixture running = Fixture.empty(dataDir)) {
      Result result =
          Cli.in(home)
              .run(
                  "serve",
                  "--port",
                  Integer.toString(running.server.port()),
                  "--data-dir",
                  home.resolve("data").toString())
              .failed(CliException.REFUSED);
      assertThat(result.err()).contains(Integer.toString(running.server.port()));
    }
  }

  @Test
  void badPortValuesExitWith2() {
    Cli.in(home).run("serve", "--port", "70000").failed(CliException.USAGE);
    Cli.in(home).run("serve", "--port", "http").failed(CliException.USAGE);
  }
}
