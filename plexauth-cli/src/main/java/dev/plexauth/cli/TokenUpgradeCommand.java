package dev.plexauth.cli;

import dev.plexauth.sdk.PlexAPI;
import dev.plexauth.sdk.models.PlexJwt;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code plexauth token upgrade}: moves the signed-in session to a device key and Plex JWTs, as
 * {@code signin --jwt} does at sign-in.
 */
@Command(
    name = "upgrade",
    description = {
      "Register a device key with the signed-in token and use Plex JWTs from now on.",
      "The key is kept beside the config file (mode 0600) and the JWT in it; later commands"
          + " refresh the JWT when less than a day remains."
    })
final class TokenUpgradeCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  TokenUpgradeCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    ConfigFile stored = config.load(io);
    String url = stored.server();
    String token = stored.token();
    if (url == null || token == null) {
      throw CliException.usage("not signed in: run plexauth signin --server URL first");
    }
    PlexAPI plex = Clients.forServer(url, stored.clientIdentifier()).build();
    PlexJwt jwt = JwtSession.upgrade(plex, stored, token, io.clock());
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "Device key registered; Plex JWT saved to "
            + stored.path()
            + " (expires "
            + jwt.expiresAt()
            + ")");
    out.flush();
    return 0;
  }
}
