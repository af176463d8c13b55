package dev.plexauth.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plexauth.sdk.models.IncludeHttps;
import dev.plexauth.sdk.models.IncludeIPv6;
import dev.plexauth.sdk.models.IncludeRelay;
import dev.plexauth.sdk.models.PlexDevice;
import dev.plexauth.sdk.models.ResourceConnection;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plexauth resources}: the servers the signed-in account can use (getServerResources, with
 * every kind of connection), as a table or JSON. Their access tokens are masked unless {@code
 * --show-tokens}: like {@code token details}, this command lists, it does not hand out tokens.
 */
@Command(
    name = "resources",
    description = "List the servers the signed-in account can use and how to reach them.")
final class ResourcesCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin SessionOptions session;

  @Option(names = "--json", description = "Print the server's answer as JSON.")
  boolean json;

  @Option(
      names = "--show-tokens",
      description = "Print each resource's access token (masked otherwise).")
  boolean showTokens;

  ResourcesCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    List<PlexDevice> resources =
        session
            .client(io)
            .plex()
            .getServerResources(
                session.clientIdentifier(io),
                IncludeHttps.ENABLE,
                IncludeRelay.ENABLE,
                IncludeIPv6.ENABLE)
            .plexDevices();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ArrayNode array = JsonOutput.MAPPER.createArrayNode();
      for (PlexDevice resource : resources) {
        ObjectNode node = (ObjectNode) JsonOutput.tree(resource);
        if (!showTokens) {
          node.put("accessToken", JsonOutput.MASKED);
        }
        array.add(node);
      }
      JsonOutput.print(out, array);
      return 0;
    }
    if (resources.isEmpty()) {
      out.println("No resources.");
      out.flush();
      return 0;
    }
    Table table =
        showTokens
            ? new Table("NAME", "OWNED", "CLIENT IDENTIFIER", "CONNECTIONS", "ACCESS TOKEN")
            : new Table("NAME", "OWNED", "CLIENT IDENTIFIER", "CONNECTIONS");
    for (PlexDevice resource : resources) {
      String connections =
          resource.connections().isEmpty()
              ? "-"
              : resource.connections().stream()
                  .map(ResourcesCommand::describe)
                  .collect(Collectors.joining(", "));
      String owned = resource.owned() ? "yes" : "no";
      if (showTokens) {
        table.row(
            resource.name(),
            owned,
            resource.clientIdentifier(),
            connections,
            resource.accessToken());
      } else {
        table.row(resource.name(), owned, resource.clientIdentifier(), connections);
      }
    }
    table.print(out);
    return 0;
  }

  private static String describe(ResourceConnection connection) {
    String kind = connection.relay() ? "relay" : connection.local() ? "local" : "remote";
    return connection.uri() + " (" + kind + ")";
  }
}
