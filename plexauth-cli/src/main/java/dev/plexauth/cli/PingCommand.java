package dev.plexauth.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plexauth ping}: tells the server the signed-in token is in use (ping), which also checks
 * that it is still good. Exit 0 when it is, 1 when the server refuses it.
 */
@Command(
    name = "ping",
    description = "Check that the signed-in token is still good, and record that it was seen.")
final class PingCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin SessionOptions session;

  @Option(names = "--json", description = "Print the server's answer, {\"pong\": true}.")
  boolean json;

  PingCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    boolean pong = session.client(io).authentication().ping().pong();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode tree = JsonOutput.MAPPER.createObjectNode();
      tree.put("pong", pong);
      JsonOutput.print(out, tree);
      return 0;
    }
    out.println(pong ? "pong: the token is good." : "The server did not say pong.");
    out.flush();
    return pong ? 0 : CliException.REFUSED;
  }
}
