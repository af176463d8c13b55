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
 * {@code plexauth user passwd U}: sets a new password (asked twice, or read from standard input)
 * and signs out every device of the account, on every server on the database.
 */
@Command(
    name = "passwd",
    description = {
      "Set an account's password and sign out all its devices (every server on the database).",
      "The new password is asked twice, or read with --password-stdin; at least 8 characters,"
          + " not a common password."
    })
final class UserPasswdCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin StoreOptions store;

  @Parameters(paramLabel = "U", description = "The username or email address.")
  String login;

  @Option(
      names = "--password-stdin",
      description = "Read the new password from the first line of standard input (else: a prompt).")
  boolean passwordStdin;

  UserPasswdCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    store.jdbcUrl(); // check the options before asking for a password
    String password =
        PasswordInput.read(io, passwordStdin, "New password for " + login + ": ", true);
    boolean changed;
    try (PlexAuthAdmin admin = store.openAdmin(io)) {
      changed = admin.changePassword(login, password);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage(), e);
    }
    if (!changed) {
      throw CliException.refused("no account " + login);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Changed the password of " + login + "; its tokens stop working within a second.");
    out.flush();
    return 0;
  }
}
