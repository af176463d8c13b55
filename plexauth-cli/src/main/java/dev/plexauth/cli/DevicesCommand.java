package dev.plexauth.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.plexauth.sdk.models.AuthorizedDevice;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plexauth devices}: the devices signed in to the account (one per client identifier that
 * holds a token), the most recently seen first; {@code devices remove ID} signs one out.
 */
@Command(
    name = "devices",
    description = {
      "List the devices signed in to the account, the most recently seen first.",
      "The device running this command is marked with *."
    },
    subcommands = {DevicesRemoveCommand.class})
final class DevicesCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin SessionOptions session;

  @Option(names = "--json", description = "Print the server's answer as JSON.")
  boolean json;

  DevicesCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    List<AuthorizedDevice> devices = session.client(io).authentication().devices().devices();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ArrayNode array = JsonOutput.MAPPER.createArrayNode();
      devices.forEach(device -> array.add(JsonOutput.tree(device)));
      JsonOutput.print(out, array);
      return 0;
    }
    Table table = new Table("", "ID", "NAME", "PRODUCT", "PLATFORM", "LAST SEEN");
    for (AuthorizedDevice device : devices) {
      table.row(
          device.current() ? "*" : "",
          Long.toString(device.id()),
          device.name(),
          device.product().orElse("-") + device.productVersion().map(v -> " " + v).orElse(""),
          device.platform().orElse("-"),
          seen(device.lastSeenAt()));
    }
    table.print(out);
    return 0;
  }

  private static String seen(Instant when) {
    return Instant.EPOCH.equals(when) ? "-" : when.toString();
  }
}
