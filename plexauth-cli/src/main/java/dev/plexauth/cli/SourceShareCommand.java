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
 * {@code plexauth source share SOURCE --user NAME}: lets an account that is not an admin see a
 * source in its resources, with a token for it. Admins see every source already.
 */
@Command(
    name = "share",
    description = "Share a source with an account that is not an admin (admins see every source).")
final class SourceShareCommand implements Callable<Integer> {

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

  SourceShareCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    boolean shared;
    try (PlexAuthAdmin admin = store.openAdmin(io)) {
      shared = admin.shareSource(id, user);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        shared
            ? "Shared " + id + " with " + user + "."
            : id + " was shared with " + user + " already.");
    out.flush();
    return 0;
  }
}
