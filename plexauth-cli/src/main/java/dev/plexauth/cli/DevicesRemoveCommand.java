package dev.plexauth.cli;

import dev.plexauth.sdk.PlexAPI;
import dev.plexauth.sdk.errors.NotFoundException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plexauth devices remove ID}: signs a device of the account out (removeDevice); its token
 * stops working at once. Removing the device running the command is a sign-out: the stored token is
 * removed from the config file too.
 */
@Command(
    name = "remove",
    description = "Sign a device out: its token stops working at once (IDs from plexauth devices).")
final class DevicesRemoveCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin SessionOptions session;

  @Parameters(paramLabel = "ID", description = "The device id, as plexauth devices lists it.")
  long id;

  DevicesRemoveCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    PlexAPI client = session.client(io);
    boolean current =
        client.authentication().devices().devices().stream()
            .anyMatch(device -> device.id() == id && device.current());
    try {
      client.authentication().removeDevice(id);
    } catch (NotFoundException e) {
      throw CliException.refused("no device " + id + " on this account", e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (current && session.usesStoredToken(io)) {
      ConfigFile config = session.configFile(io);
      config.withoutToken().save();
      out.println(
          "Removed device " + id + " (this one); the token is removed from " + config.path() + ".");
    } else {
      out.println("Removed device " + id + ".");
    }
    out.flush();
    return 0;
  }
}
