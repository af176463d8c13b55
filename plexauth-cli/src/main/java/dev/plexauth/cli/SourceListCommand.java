package dev.plexauth.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plexauth.sdk.models.Connection;
import dev.plexauth.server.PlexAuthAdmin;
import dev.plexauth.server.Source;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plexauth source list}: the registered sources and their connections. */
@Command(name = "list", description = "List the registered sources.")
final class SourceListCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin StoreOptions store;

  @Option(names = "--json", description = "Print a JSON array.")
  boolean json;

  SourceListCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    List<Source> sources;
    Map<String, List<String>> shares = new LinkedHashMap<>();
    try (PlexAuthAdmin admin = store.openAdmin(io)) {
      sources = admin.listSources();
      for (Source source : sources) {
        shares.put(source.id(), admin.sharedWith(source.id()));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ArrayNode array = JsonOutput.MAPPER.createArrayNode();
      for (Source source : sources) {
        ObjectNode node = JsonOutput.source(source);
        ArrayNode sharedWith = node.putArray("sharedWith");
        shares.get(source.id()).forEach(sharedWith::add);
        array.add(node);
      }
      JsonOutput.print(out, array);
      return 0;
    }
    if (sources.isEmpty()) {
      out.println("No sources.");
    }
    for (Source source : sources) {
      out.println(TerminalText.safe(source.id()) + "  " + TerminalText.safe(source.name()));
      for (Connection connection : source.connections()) {
        out.println("  " + SourceInfoCommand.describe(connection));
      }
      List<String> sharedWith = shares.get(source.id());
      if (!sharedWith.isEmpty()) {
        out.println("  shared with: " + String.join(", ", sharedWith));
      }
    }
    out.flush();
    return 0;
  }
}
