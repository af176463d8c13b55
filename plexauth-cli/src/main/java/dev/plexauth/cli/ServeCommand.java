package dev.plexauth.cli;

import dev.plexauth.server.PlexAuthServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
      names = "--max-transient-tokens",
      paramLabel = "N",
      defaultValue = "1000000",
      description =
          "Keep at most N transient tokens in memory, the oldest dropped first (default:"
              + " ${DEFAULT-VALUE}; at most 1000 per account token besides).")
  int maxTransientTokens;

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
