package dev.plexauth.cli;

import dev.plexauth.server.PlexAuthAdmin;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code plexauth user remove U}: removes an account and signs out all its devices. */
@Command(name = "remove", description = "Remove an account and sign out all its devices.")
final class UserRemoveCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin StoreOptions store;

  @Parameters(paramLabel = "U", description = "The username or email address.")
  String login;

  UserRemoveCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    boolean removed;
    try (PlexAuthAdmin admin = store.openAdmin(io)) {
      removed = admin.removeAccount(login);
    }
    if (!removed) {
      throw CliException.refused("no account " + login);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Removed " + login + "; its tokens stop working within a second.");
    out.flush();
    return 0;
  }
}
