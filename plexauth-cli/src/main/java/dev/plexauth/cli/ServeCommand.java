package dev.plexauth.cli;

import dev.plexauth.server.PlexAuthServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plexauth serve}: runs the server until SIGINT or SIGTERM. Prints the two base URLs, and on
 * the first start of an empty database the owner's login and generated password, once.
 */
@Command(
    name = "serve",
    description = {
      "Run the Plex authentication server (PMS and plex.tv roles on one port) until Ctrl+C.",
      "On the first start with no account it creates the owner: PLEXAUTH_ADMIN_LOGIN (default"
          + " admin), PLEXAUTH_ADMIN_EMAIL, PLEXAUTH_ADMIN_PASSWORD (generated and printed once"
          + " when unset)."
    })
final class ServeCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin StoreOptions store;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 to expose it).")
  String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "32400",
      description = "Port (default: ${DEFAULT-VALUE}; 0 for any free port, printed on start).")
  int port;

  @Option(
      names = "--token-idle-days",
      paramLabel = "N",
      defaultValue = "90",
      description =
          "End an account token unused for N days (default: ${DEFAULT-VALUE}; use is recorded"
              + " at most once an hour).")
  int tokenIdleDays;

  @Option(
      names = "--token-max-age-days",
      paramLabel = "N",
      description = "End every account token N days after its sign-in, used or not (default: off).")
  Integer tokenMaxAgeDays;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The name clients show for this server (default: the host name).")
  String name;

  @Option(
      names = "--signin-per-minute",
      paramLabel = "N",
      defaultValue = "30",
      description =
          "Sign-in attempts allowed per client address and minute (default: ${DEFAULT-VALUE};"
              + " an IPv6 client counts by its /64).")
  int signInPerMinute;

  @Option(
      names = "--trusted-proxy",
      paramLabel = "CIDR",
      description =
          "A reverse proxy or load balancer in front of the server (repeatable), e.g. 10.0.0.0/8:"
              + " from these peers the client address is read from X-Forwarded-For or Forwarded."
              + " From any other peer those headers are ignored.")
  List<String> trustedProxies = new ArrayList<>();

  @Option(
      names = "--public-url",
      paramLabel = "URL",
      description =
          "The URL clients reach the server at, e.g. https://plexauth.example.com behind a reverse"
              + " proxy: its host name is answered, its origin may post sign-ins, and the server lists"
              + " itself in its resources with it.")
  String publicUrl;

  @Option(
      names = "--allowed-host",
      paramLabel = "NAME",
      description =
          "Another host name to answer (repeatable). Names other than localhost, the bind address,"
              + " the public URL's host and these get 421 (DNS rebinding); IP addresses are always"
              + " answered.")
  List<String> allowedHosts = new ArrayList<>();

  @Option(
      names = "--allowed-origin",
      paramLabel = "ORIGIN",
      description =
          "Another origin whose web pages may post sign-ins (repeatable), e.g."
              + " https://app.example.com. Other foreign origins get 403.")
  List<String> allowedOrigins = new ArrayList<>();

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description =
          "Serve HTTPS with this PEM certificate (the server's first, then any intermediates);"
              + " needs --tls-key.")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description = "The certificate's private key: PEM, unencrypted PKCS#8, RSA or EC.")
  Path tlsKey;

  @Option(
      names = "--max-transient-tokens",
      paramLabel = "N",
      defaultValue = "1000000",
      description =
          "Keep at most N transient tokens in memory, the oldest dropped first (default:"
              + " ${DEFAULT-VALUE}; at most 1000 per account token besides).")
  int maxTransientTokens;

  @Option(
      names = "--max-threads",
      paramLabel = "N",
      description =
          "Serve at most N requests at once (default: 8 per core, at least 32; sign-ins wait in"
              + " their own queue).")
  Integer maxThreads;

  ServeCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65_535) {
      throw CliException.usage("--port must be 0 to 65535: " + port);
    }
    if (tokenIdleDays < 1 || tokenIdleDays > 36_500) {
      throw CliException.usage("--token-idle-days must be 1 to 36500: " + tokenIdleDays);
    }
    if (tokenMaxAgeDays != null && (tokenMaxAgeDays < 1 || tokenMaxAgeDays > 36_500)) {
      throw CliException.usage("--token-max-age-days must be 1 to 36500: " + tokenMaxAgeDays);
    }
    if (maxTransientTokens < 1 || maxTransientTokens > PlexAuthServer.MAX_TRANSIENT_TOKENS_LIMIT) {
      throw CliException.usage(
          "--max-transient-tokens must be 1 to "
              + PlexAuthServer.MAX_TRANSIENT_TOKENS_LIMIT
              + ": "
              + maxTransientTokens);
    }
    if (maxThreads != null && (maxThreads < 4 || maxThreads > PlexAuthServer.MAX_HTTP_THREADS)) {
      throw CliException.usage(
          "--max-threads must be 4 to " + PlexAuthServer.MAX_HTTP_THREADS + ": " + maxThreads);
    }
    PrintWriter out = spec.commandLine().getOut();
    PlexAuthServer.Builder builder =
        PlexAuthServer.builder()
            .host(host)
            .port(port)
            .environment(io.environment())
            .tokenIdleTimeout(Duration.ofDays(tokenIdleDays))
            .maxTransientTokens(maxTransientTokens);
    if (tokenMaxAgeDays != null) {
      builder.tokenMaxAge(Duration.ofDays(tokenMaxAgeDays));
    }
    if (maxThreads != null) {
      builder.httpThreads(maxThreads);
    }
    if (name != null) {
      try {
        builder.name(name);
      } catch (IllegalArgumentException e) {
        throw CliException.usage("--name: " + e.getMessage(), e);
      }
    }
    try {
      builder
          .signInRateLimit(signInPerMinute)
          .trustedProxies(trustedProxies)
          .allowedHosts(allowedHosts)
          .allowedOrigins(allowedOrigins);
      if (publicUrl != null) {
        builder.publicUrl(publicUrl);
      }
      if ((tlsCert == null) != (tlsKey == null)) {
        throw CliException.usage("--tls-cert and --tls-key go together");
      }
      if (tlsCert != null) {
        builder.tls(tlsCert, tlsKey);
      }
    } catch (IllegalArgumentException e) {
      throw CliException.usage(
          e.getMessage()
              .replace("signInRateLimit", "--signin-per-minute")
              .replace("publicUrl", "--public-url"));
    }
    String jdbcUrl = store.jdbcUrl();
    String storage;
    if (jdbcUrl != null) {
      builder.jdbcUrl(jdbcUrl);
      storage = jdbcUrl.startsWith("jdbc:sqlite:") ? "SQLite " + jdbcUrl : "PostgreSQL";
    } else {
      builder.dataDir(store.dataDir(io));
      storage = "SQLite in " + store.dataDir(io).toAbsolutePath();
    }
    // The owner's generated password is announced during start(); relay it after the URLs.
    ByteArrayOutputStream announcements = new ByteArrayOutputStream();
    builder.announceTo(new PrintStream(announcements, true, StandardCharsets.UTF_8));
    PlexAuthServer server = builder.build().start();

    CountDownLatch stopped = new CountDownLatch(1);
    io.onShutdown(
        () -> {
          try {
            server.stop();
          } finally {
            out.println("plexauth: stopped");
            out.flush();
            stopped.countDown();
          }
        });

    String url = server.url();
    out.println("plexauth " + Version.VALUE + " is serving (" + storage + ")");
    out.println("  PMS (serverURL):     " + url);
    out.println("  plex.tv (plexTvURL): " + url + "/api/v2");
    server.publicUrl().ifPresent(uri -> out.println("  public URL:          " + uri));
    String announced = announcements.toString(StandardCharsets.UTF_8);
    if (!announced.isEmpty()) {
      out.print(announced);
    }
    out.println("Press Ctrl+C to stop.");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      server.stop();
      throw e;
    }
    return 0;
  }
}
