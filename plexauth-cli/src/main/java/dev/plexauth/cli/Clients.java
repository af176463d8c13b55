package dev.plexauth.cli;

import dev.plexauth.sdk.PlexAPI;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/** Builds the SDK client the way every command talks to a plexauth server. */
final class Clients {

  static final String CLIENT_NAME = "plexauth-cli";

  private Clients() {}

  /**
   * A client for a plexauth server: the PMS operations at {@code server}, the plex.tv operations at
   * {@code server/api/v2}.
   *
   * @param server the server's base URL
   * @param clientIdentifier the client identifier, or empty
   * @return the client, without a token
   * @throws CliException when the URL is not an http(s) URL
   */
  static PlexAPI.Builder forServer(String server, String clientIdentifier) {
    String base = normalize(server);
    try {
      return PlexAPI.builder()
          .serverURL(base)
          .plexTvURL(base + "/api/v2")
          .clientID(clientIdentifier == null ? "" : clientIdentifier)
          .clientName(CLIENT_NAME)
          .clientVersion(Version.VALUE)
          .platform(System.getProperty("os.name", ""))
          .deviceNickname(deviceName())
          .connectTimeout(Duration.ofSeconds(10))
          .requestTimeout(Duration.ofSeconds(30));
    } catch (IllegalArgumentException e) {
      throw CliException.usage("not a server URL: " + server + " (" + e.getMessage() + ")", e);
    }
  }

  /**
   * The server URL as stored: no trailing slash, and {@code http://} added when no scheme is given.
   *
   * @param server what the user typed
   * @return the base URL
   */
  static String normalize(String server) {
    String url = server.strip();
    if (!url.contains("://")) {
      url = "http://" + url;
    }
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("not a server URL: " + server, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw CliException.usage("not a server URL: " + server + " (expected http://HOST:PORT)");
    }
    return url;
  }

  private static String deviceName() {
    String host = System.getenv("HOSTNAME");
    return host == null || host.isBlank() ? "plexauth" : host;
  }
}
