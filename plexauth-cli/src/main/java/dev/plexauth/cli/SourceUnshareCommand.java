package dev.plexauth.cli;

import dev.plexauth.server.PlexAuthAdmin;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plexauth source unshare SOURCE --user NAME}: stops sharing a source; the account's tokens
 * for it stop working within a second, on every server on the database.
 */
@Command(
    name = "unshare",
    description = "Stop sharing a source with an account; its tokens for the source stop working.")
final class SourceUnshareCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin StoreOptions store;

  @Parameters(paramLabel = "SOURCE", description = "The source id, e.g. server://abc.")
  String id;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      required = true,
      description = "The account's username or email address.")
  String user;

  SourceUnshareCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    boolean unshared;
    try (PlexAuthAdmin admin = store.openAdmin(io)) {
      unshared = admin.unshareSource(id, user);
    }
    if (!unshared) {
      throw CliException.refused(id + " is not shared with " + user);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Stopped sharing " + id + " with " + user + ".");
    out.flush();
    return 0;
  }
}
