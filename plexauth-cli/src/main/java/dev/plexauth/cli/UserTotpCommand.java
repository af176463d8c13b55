package dev.plexauth.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plexauth.server.PlexAuthAdmin;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plexauth user totp U --reset|--off}: a new TOTP secret (printed once, with its {@code
 * otpauth://} URI, as {@code user add --totp} does) or two-factor sign-in off; either way every
 * device of the account is signed out, on every server on the database.
 */
@Command(
    name = "totp",
    description = {
      "Reset an account's TOTP secret (--reset: prints the new secret and otpauth:// URI, shown"
          + " only this once) or turn two-factor sign-in off (--off).",
      "Either way all its devices are signed out (every server on the database)."
    })
final class UserTotpCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin StoreOptions store;

  @Parameters(paramLabel = "U", description = "The username or email address.")
  String login;

  @ArgGroup(multiplicity = "1")
  Change change;

  @Option(names = "--json", description = "Print the result as JSON (with totpSecret on --reset).")
  boolean json;

  /** Exactly one of the two. */
  static final class Change {
    @Option(names = "--reset", required = true, description = "Make a new secret.")
    boolean reset;

    @Option(names = "--off", required = true, description = "Turn two-factor sign-in off.")
    boolean off;
  }

  UserTotpCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Optional<String> secret;
    boolean changed;
    try (PlexAuthAdmin admin = store.openAdmin(io)) {
      if (change.reset) {
        secret = admin.resetTotp(login);
        changed = secret.isPresent();
      } else {
        secret = Optional.empty();
        changed = admin.turnOffTotp(login);
      }
    }
    if (!changed) {
      throw CliException.refused("no account " + login);
    }
    if (json) {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.put("login", login);
      node.put("twoFactorEnabled", secret.isPresent());
      secret.ifPresent(
          s -> {
            node.put("totpSecret", s);
            node.put("otpauthUri", UserAddCommand.otpauthUri(login, s));
          });
      JsonOutput.print(out, node);
      return 0;
    }
    if (secret.isPresent()) {
      out.println("New TOTP secret for " + login + "; its tokens stop working within a second.");
      out.println("Add this secret to an authenticator app now; it is not shown again.");
      out.println("  secret: " + secret.get());
      out.println("  " + UserAddCommand.otpauthUri(login, secret.get()));
    } else {
      out.println(
          "Two-factor sign-in is off for " + login + "; its tokens stop working within a second.");
    }
    out.flush();
    return 0;
  }
}
