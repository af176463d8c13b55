package dev.plexauth.cli;

import dev.plexauth.server.PlexAuthAdmin;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code plexauth keys rotate}: makes a new signing key for Plex JWTs; the old ones keep verifying
 * the JWTs they signed until those expire (7 days), then are dropped.
 */
@Command(
    name = "rotate",
    description = {
      "Make a new signing key for Plex JWTs (Ed25519, stored sealed with the secret key).",
      "New JWTs are signed with it within 30 seconds on every instance; the previous keys keep"
          + " verifying their JWTs until those expire (7 days)."
    })
final class KeysRotateCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin StoreOptions store;

  KeysRotateCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    String kid;
    try (PlexAuthAdmin admin = store.openAdmin(io)) {
      kid = admin.rotateSigningKey();
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("New signing key " + kid + "; the previous keys are retired.");
    out.flush();
    return 0;
  }
}
