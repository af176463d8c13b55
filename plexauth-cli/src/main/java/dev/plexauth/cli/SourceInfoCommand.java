package dev.plexauth.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plexauth.sdk.models.Connection;
import dev.plexauth.sdk.models.Device;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plexauth source info SOURCE}: asks the server how to reach a source
 * (getSourceConnectionInformation). Needs an admin token. The source's transient access token is
 * masked; {@code token transient} is the command that prints tokens.
 */
@Command(
    name = "info",
    description = "Ask the server how to reach a source (needs an admin's token).")
final class SourceInfoCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin SessionOptions session;

  @Parameters(paramLabel = "SOURCE", description = "The source id, e.g. server://abc.")
  String source;

  @Option(names = "--json", description = "Print the server's answer as JSON.")
  boolean json;

  SourceInfoCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    Device device =
        session.client(io).authentication().getSourceConnectionInformation(source).device();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode tree = (ObjectNode) JsonOutput.tree(device);
      if (tree.hasNonNull("accessToken") && !tree.get("accessToken").asText().isEmpty()) {
        tree.put("accessToken", JsonOutput.MASKED);
      }
      JsonOutput.print(out, tree);
      return 0;
    }
    out.println(
        TerminalText.safe(device.name())
            + " ("
            + TerminalText.safe(device.clientIdentifier())
            + ")");
    if (device.connections().isEmpty()) {
      out.println("  no connections");
    }
    for (Connection connection : device.connections()) {
      out.println("  " + describe(connection));
    }
    out.flush();
    return 0;
  }

  static String describe(Connection connection) {
    StringBuilder line = new StringBuilder(TerminalText.safe(connection.uri()));
    line.append(connection.local() ? "  local" : "  remote");
    if (connection.relay()) {
      line.append(", relay");
    }
    return line.toString();
  }
}
