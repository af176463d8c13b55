package dev.plexauth.cli;

import dev.plexauth.sdk.DeviceKeyLogin;
import dev.plexauth.sdk.PlexAPI;
import dev.plexauth.sdk.models.PlexJwt;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of the commands that use a signed-in session: the server and token from the config
 * file that {@code signin} wrote, overridable with {@code --server}, {@code --token-stdin}, {@code
 * --token} or {@code PLEX_TOKEN}.
 */
final class SessionOptions {

  @Mixin ConfigOption config;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "The plexauth server, e.g. http://127.0.0.1:32400. Default: the signed-in one.")
  String server;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "The account token. Default: $PLEX_TOKEN, else the signed-in one. Prefer --token-stdin"
              + " or PLEX_TOKEN: command lines end up in shell history and other users see them.")
  String token;

  @Option(
      names = "--token-stdin",
      description = "Read the account token from the first line of standard input.")
  boolean tokenStdin;

  private DeviceKeyLogin jwt;

  /**
   * A client with the server and token to use.
   *
   * @param io the environment
   * @return the client
   * @throws CliException when there is no server or no token
   */
  PlexAPI client(Io io) {
    ConfigFile stored = config.load(io);
    String url = serverUrl(stored);
    if (url == null) {
      throw CliException.usage(
          "no server: sign in first (plexauth signin --server URL) or pass --server URL");
    }
    if (tokenStdin && token != null) {
      throw CliException.usage("give --token or --token-stdin, not both");
    }
    String accessToken = tokenStdin ? tokenFromStdin(io) : token;
    if (accessToken == null) {
      accessToken = io.env("PLEX_TOKEN");
    }
    // The stored token goes only to the server that issued it, never to another --server.
    if (accessToken == null && url.equals(stored.server())) {
      accessToken = stored.token();
    }
    if (accessToken == null || accessToken.isBlank()) {
      throw CliException.usage(
          "not signed in to "
              + url
              + ": run plexauth signin --server "
              + url
              + ", or pass --token or set PLEX_TOKEN");
    }
    String clientIdentifier = stored.storedClientIdentifier();
    PlexAPI.Builder client = Clients.forServer(url, clientIdentifier);
    Optional<PlexJwt> storedJwt = stored.jwt();
    if (token == null
        && io.env("PLEX_TOKEN") == null
        && url.equals(stored.server())
        && storedJwt.isPresent()) {
      jwt = JwtSession.resume(client.build(), stored, storedJwt.get(), io.clock());
      return client.accessToken(jwt).build();
    }
    return client.accessToken(accessToken.strip()).build();
  }

  /** The device-key login in use after {@link #client}, if the session has a Plex JWT. */
  Optional<DeviceKeyLogin> jwt() {
    return Optional.ofNullable(jwt);
  }

  /**
   * Whether {@link #client} uses the token kept in the config file: none of {@code --token}, {@code
   * --token-stdin} and {@code PLEX_TOKEN} is given, and the server is the one signed in to.
   *
   * @param io the environment
   * @return true when the stored token is the one in use
   */
  boolean usesStoredToken(Io io) {
    ConfigFile stored = config.load(io);
    String url = serverUrl(stored);
    return token == null
        && !tokenStdin
        && io.env("PLEX_TOKEN") == null
        && url != null
        && url.equals(stored.server())
        && stored.token() != null;
  }

  /**
   * The client identifier to name in a call that needs one: the one kept in the config file, or a
   * new one (not kept) when there is none.
   *
   * @param io the environment
   * @return the identifier
   */
  String clientIdentifier(Io io) {
    return config.load(io).clientIdentifier();
  }

  /** The config file, for commands that change what it keeps. */
  ConfigFile configFile(Io io) {
    return config.load(io);
  }

  private String serverUrl(ConfigFile stored) {
    return server != null ? Clients.normalize(server) : stored.server();
  }

  private static String tokenFromStdin(Io io) {
    String line = io.readStdinLine();
    if (line == null || line.isBlank()) {
      throw CliException.usage("--token-stdin: no token on standard input");
    }
    return line.strip();
  }
}
