package dev.plexauth.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plexauth.sdk.models.GetTransientTokenQueryParamType;
import dev.plexauth.sdk.models.Scope;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plexauth token transient}: asks the server for a transient token (getTransientToken,
 * type=delegation, scope=all) and prints it alone on a line, for scripts: {@code T=$(plexauth token
 * transient)}.
 */
@Command(
    name = "transient",
    description = {
      "Get a transient token (delegation, all scopes) with the access of the signed-in token and"
          + " print it.",
      "It lasts up to 48 hours and dies when the server restarts."
    })
final class TokenTransientCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin SessionOptions session;

  @Option(names = "--json", description = "Print {\"token\": …} as JSON.")
  boolean json;

  TokenTransientCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    String token =
        session
            .client(io)
            .authentication()
            .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL)
            .token();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode tree = JsonOutput.MAPPER.createObjectNode();
      tree.put("token", token);
      JsonOutput.print(out, tree);
    } else {
      out.println(TerminalText.safe(token));
      out.flush();
    }
    return 0;
  }
}
