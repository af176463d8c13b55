package dev.plexauth.cli;

import dev.plexauth.sdk.models.Connection;
import dev.plexauth.server.AlreadyExistsException;
import dev.plexauth.server.PlexAuthAdmin;
import dev.plexauth.server.Source;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plexauth source add server://ID --name NAME --uri URL [--local]}: registers a source that
 * {@code GET /security/resources} answers for. Each {@code --uri} becomes a connection whose
 * protocol, address and port are read from the URI.
 */
@Command(
    name = "add",
    description =
        "Register a source (a media server) with its connections, in the order to try them.")
final class SourceAddCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin StoreOptions store;

  @Parameters(
      paramLabel = "SOURCE",
      description = "The source id: server://CLIENT_IDENTIFIER (or provider://…).")
  String id;

  @Option(names = "--name", paramLabel = "NAME", required = true, description = "Display name.")
  String name;

  @Option(
      names = "--uri",
      paramLabel = "URL",
      required = true,
      description = "A connection, e.g. http://192.168.1.20:32400 (repeatable).")
  List<String> uris = new ArrayList<>();

  @Option(names = "--local", description = "The connections are on the local network.")
  boolean local;

  @Option(names = "--relay", description = "The connections go through a relay.")
  boolean relay;

  SourceAddCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    int separator = id.indexOf("://");
    if (separator <= 0 || separator + 3 >= id.length()) {
      throw CliException.usage(
          "the source must look like server://CLIENT_IDENTIFIER, not '" + id + "'");
    }
    String clientIdentifier = id.substring(separator + 3);
    List<Connection> connections = new ArrayList<>();
    for (String uri : uris) {
      connections.add(connection(uri));
    }
    Source source = new Source(id, name, clientIdentifier, connections);
    try (PlexAuthAdmin admin = store.openAdmin(io)) {
      admin.addSource(source);
    } catch (AlreadyExistsException e) {
      throw CliException.refused(e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Added source " + id + " (" + name + ") with " + plural(connections.size()) + ".");
    out.flush();
    return 0;
  }

  /** {@code https://host:8443/} → https, host, 8443; a missing port is the scheme's default. */
  private Connection connection(String text) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw CliException.usage("--uri: not a URI: " + text, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw CliException.usage("--uri must be an http:// or https:// URL: " + text);
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw CliException.usage("--uri needs a host: " + text);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    return new Connection(scheme, host, port, text.strip(), local, relay);
  }

  private static String plural(int connections) {
    return connections + (connections == 1 ? " connection" : " connections");
  }
}
