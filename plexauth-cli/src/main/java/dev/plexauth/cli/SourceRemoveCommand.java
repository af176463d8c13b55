package dev.plexauth.cli;

import dev.plexauth.server.PlexAuthAdmin;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code plexauth source remove ID}: unregisters a source. */
@Command(name = "remove", description = "Remove a source.")
final class SourceRemoveCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin StoreOptions store;

  @Parameters(paramLabel = "SOURCE", description = "The source id, e.g. server://abc.")
  String id;

  SourceRemoveCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    boolean removed;
    try (PlexAuthAdmin admin = store.openAdmin(io)) {
      removed = admin.removeSource(id);
    }
    if (!removed) {
      throw CliException.refused("no source " + id);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Removed source " + id + ".");
    out.flush();
    return 0;
  }
}
