package dev.plexauth.cli;

import dev.plexauth.sdk.errors.UnauthorizedException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code plexauth signout}: ends the token on the server (signOut) and removes it from the config
 * file. A stored token the server no longer knows is removed too; the server URL and this machine's
 * client identifier stay.
 */
@Command(
    name = "signout",
    description = {
      "End the signed-in token on the server and remove it from the config file.",
      "With --token or PLEX_TOKEN, end that token instead; the config file is left alone."
    })
final class SignoutCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin SessionOptions session;

  SignoutCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    boolean stored = session.usesStoredToken(io);
    boolean ended;
    try {
      session.client(io).authentication().signOut();
      ended = true;
    } catch (UnauthorizedException e) {
      if (!stored) {
        throw e;
      }
      ended = false;
    }
    PrintWriter out = spec.commandLine().getOut();
    if (stored) {
      ConfigFile config = session.configFile(io);
      config.withoutToken().save();
      out.println(
          ended
              ? "Signed out; the token is removed from " + config.path() + "."
              : "The server no longer knew the token; removed it from " + config.path() + ".");
    } else {
      out.println("Signed out: the token no longer works.");
    }
    out.flush();
    return 0;
  }
}
