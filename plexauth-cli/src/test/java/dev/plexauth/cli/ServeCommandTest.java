package dev.plexauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.cli.Cli.Result;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.SharedPostgres;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
            .env("PLEXAUTH_ADMIN_PASSWORD", "owner-Pa55word!");

    try (Serving serving = new Serving(withPassword, "serve", "--port", "0", "--db", db)) {
      Matcher url = URL.matcher(serving.awaitStarted());
      assertThat(url.find()).as(serving.out.toString()).isTrue();

      Cli.in(home)
          .env("PLEXAUTH_DB_PASSWORD", SharedPostgres.PASSWORD)
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
          Cli.in(home).run("user", "list", "--db", db).failed(CliException.UNREACHABLE);
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

  @Test
  void signinPerMinuteAndTrustedProxySetTheLimitAndWhoseAddressCounts() throws Exception {
    try (Serving serving =
        new Serving(
            Cli.in(home),
            "serve",
            "--port",
            "0",
            "--data-dir",
            dataDir.toString(),
            "--signin-per-minute",
            "1",
            "--trusted-proxy",
            "127.0.0.1/32",
            "--trusted-proxy",
            "10.0.0.0/8")) {
      Matcher url = URL.matcher(serving.awaitStarted());
      assertThat(url.find()).isTrue();

      assertThat(wrongSignIn(url.group(1), "203.0.113.7, 10.0.0.1")).isEqualTo(401);
      assertThat(wrongSignIn(url.group(1), "203.0.113.7")).isEqualTo(429);
      assertThat(wrongSignIn(url.group(1), "203.0.113.8")).isEqualTo(401);
    }
  }

  @Test
  void badEdgeOptionsExitWith2() {
    Cli.in(home)
        .run("serve", "--data-dir", dataDir.toString(), "--signin-per-minute", "0")
        .failed(CliException.USAGE);
    Result proxy =
        Cli.in(home)
            .run("serve", "--data-dir", dataDir.toString(), "--trusted-proxy", "proxy.lan")
            .failed(CliException.USAGE);
    assertThat(proxy.err()).contains("'proxy.lan'");
  }

  /** A sign-in with a wrong password as a proxy forwards it: its status. */
  private static int wrongSignIn(String url, String forwardedFor) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/api/v2/users/signin"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Plex-Client-Identifier", "c")
            .header("X-Forwarded-For", forwardedFor)
            .POST(HttpRequest.BodyPublishers.ofString("login=nobody&password=wrong"))
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
