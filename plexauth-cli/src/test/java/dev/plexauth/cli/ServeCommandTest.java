package dev.plexauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.cli.Cli.Result;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.SharedPostgres;
import dev.plexauth.server.support.TestCertificates;
import dev.plexauth.server.support.TestDatabase;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
  void tokenLifetimeAndCapacityOptionsAreCheckedAndAccepted() throws Exception {
    for (String[] bad :
        new String[][] {
          {"--token-idle-days", "0"},
          {"--token-max-age-days", "-1"},
          {"--token-idle-days", "x"},
          {"--max-transient-tokens", "0"},
          {"--max-transient-tokens", "-5"},
          {"--max-transient-tokens", "100000001"},
          {"--max-transient-tokens", "99999999999"},
          {"--max-threads", "3"},
          {"--max-threads", "10001"},
          {"--max-threads", "many"}
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
            "5000",
            "--max-threads",
            "8")) {
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

  @Test
  void nameAndPublicUrlReachTheServersIdentityAndResources() throws Exception {
    Cli cli =
        Cli.in(home)
            .env("PLEXAUTH_ADMIN_LOGIN", "owner")
            .env("PLEXAUTH_ADMIN_PASSWORD", "owner-Pa55word!");
    try (Serving serving =
        new Serving(
            cli,
            "serve",
            "--port",
            "0",
            "--data-dir",
            dataDir.toString(),
            "--name",
            "Den box",
            "--public-url",
            "https://plex.example.com")) {
      String printed = serving.awaitStarted();
      assertThat(printed).contains("public URL:          https://plex.example.com");
      Matcher url = URL.matcher(printed);
      assertThat(url.find()).isTrue();
      Cli.in(home)
          .stdin("owner-Pa55word!\n")
          .run("signin", "--server", url.group(1), "--login", "owner", "--password-stdin")
          .succeeded();

      Result resources = Cli.in(home).run("resources").succeeded();

      assertThat(resources.out()).contains("Den box", "yes", "https://plex.example.com (remote)");
    }
  }

  @Test
  void aBadNameOrPublicUrlExitsWith2() {
    Result url =
        Cli.in(home)
            .run("serve", "--port", "0", "--public-url", "ftp://example.com")
            .failed(CliException.USAGE);
    assertThat(url.err()).contains("--public-url", "absolute http or https URL");
    Cli.in(home)
        .run("serve", "--port", "0", "--public-url", "/relative")
        .failed(CliException.USAGE);
    Result name =
        Cli.in(home).run("serve", "--port", "0", "--name", " ").failed(CliException.USAGE);
    assertThat(name.err()).contains("--name");
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
    for (String[] bad :
        List.of(
            new String[] {"--allowed-host", "http://plexauth.lan"},
            new String[] {"--allowed-origin", "plexauth.lan"},
            new String[] {"--public-url", "plexauth.lan"})) {
      Result result =
          Cli.in(home)
              .run("serve", "--data-dir", dataDir.toString(), bad[0], bad[1])
              .failed(CliException.USAGE);
      assertThat(result.err()).contains(bad[1]);
    }
  }

  @Test
  void allowedHostPublicUrlAndAllowedOriginDecideWhichNamesAndPagesAreAnswered() throws Exception {
    try (Serving serving =
        new Serving(
            Cli.in(home),
            "serve",
            "--port",
            "0",
            "--data-dir",
            dataDir.toString(),
            "--allowed-host",
            "plexauth.lan",
            "--public-url",
            "https://auth.example.com",
            "--allowed-origin",
            "https://app.example.com")) {
      Matcher url = URL.matcher(serving.awaitStarted());
      assertThat(url.find()).isTrue();
      int port = URI.create(url.group(1)).getPort();

      assertThat(rawStatus(port, "plexauth.lan", null)).isEqualTo(401);
      assertThat(rawStatus(port, "auth.example.com", null)).isEqualTo(401);
      assertThat(rawStatus(port, "rebind.example", null)).isEqualTo(421);
      assertThat(rawStatus(port, "127.0.0.1", "https://app.example.com")).isEqualTo(401);
      assertThat(rawStatus(port, "127.0.0.1", "https://auth.example.com")).isEqualTo(401);
      assertThat(rawStatus(port, "127.0.0.1", "https://evil.example")).isEqualTo(403);
    }
  }

  @Test
  void tlsCertAndTlsKeyServeHttps() throws Exception {
    TestCertificates certs = TestCertificates.create(home, "EC");
    try (Serving serving =
        new Serving(
            Cli.in(home),
            "serve",
            "--port",
            "0",
            "--data-dir",
            dataDir.toString(),
            "--tls-cert",
            certs.certificate().toString(),
            "--tls-key",
            certs.key().toString())) {
      String printed = serving.awaitStarted();
      Matcher url = Pattern.compile("PMS \\(serverURL\\): +(https://\\S+)").matcher(printed);
      assertThat(url.find()).as(printed).isTrue();

      HttpResponse<Void> answer =
          HttpClient.newBuilder()
              .sslContext(certs.trusting())
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(url.group(1) + "/api/v2/user"))
                      .timeout(Duration.ofSeconds(20))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      assertThat(answer.statusCode()).isEqualTo(401);
    }
    Cli.in(home)
        .run(
            "serve", "--data-dir", dataDir.toString(), "--tls-cert", certs.certificate().toString())
        .failed(CliException.USAGE);
    Result wrongKey =
        Cli.in(home)
            .run(
                "serve",
                "--data-dir",
                dataDir.toString(),
                "--tls-cert",
                certs.certificate().toString(),
                "--tls-key",
                certs.certificate().toString())
            .failed(CliException.REFUSED);
    assertThat(wrongKey.err()).contains("PKCS#8");
  }

  /** A wrong sign-in with this Host (and Origin, unless null) over a raw socket: the status. */
  private static int rawStatus(int port, String host, String origin) throws Exception {
    String body = "login=nobody&password=wrong";
    String request =
        "POST /api/v2/users/signin HTTP/1.1\r\nHost: "
            + host
            + "\r\n"
            + (origin == null ? "" : "Origin: " + origin + "\r\n")
            + "Content-Type: application/x-www-form-urlencoded\r\nX-Plex-Client-Identifier: c\r\n"
            + "Content-Length: "
            + body.length()
            + "\r\nConnection: close\r\n\r\n"
            + body;
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      String answer =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      return Integer.parseInt(answer.substring(9, 12));
    }
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
