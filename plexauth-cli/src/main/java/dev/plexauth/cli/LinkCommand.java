package dev.plexauth.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plexauth link CODE}: approves a device's sign-in code with the signed-in account ({@code
 * PUT /api/v2/pins/link}), the headless way of the {@code /link} page. The device then holds a
 * token of this account.
 */
@Command(
    name = "link",
    description = {
      "Approve a device's sign-in code with the signed-in account: the device (a TV, an app, another"
          + " plexauth signin --code) is then signed in as you.",
      "Approve only a code you see on your own device: whoever made it gets a token of your"
          + " account."
    })
final class LinkCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin SessionOptions session;

  @Parameters(
      index = "0",
      paramLabel = "CODE",
      description = "The code the device shows: 4 characters (or a 25-character strong code).")
  String code;

  LinkCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    String typed = code.strip();
    if (typed.isEmpty()) {
      throw CliException.usage("the code is empty");
    }
    session.client(io).plex().linkPin(typed);
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "Approved: the device that shows " + typed + " is now signed in with your account.");
    out.flush();
    return 0;
  }
}
