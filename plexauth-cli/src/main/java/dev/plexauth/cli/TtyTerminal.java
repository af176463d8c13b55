package dev.plexauth.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The controlling terminal through {@code /dev/tty}, for when Java has no console because standard
 * input or output is redirected ({@code plexauth signin --json | jq}): prompts still reach the
 * person at the keyboard, and echo is turned off with {@code stty} while a secret is typed.
 */
final class TtyTerminal implements Terminal {

  private static final File TTY = new File("/dev/tty");

  private final BufferedReader in;
  private final PrintStream out;

  private TtyTerminal(BufferedReader in, PrintStream out) {
    this.in = in;
    this.out = out;
  }

  /**
   * Opens the controlling terminal.
   *
   * @return the terminal, or {@link Terminal#NONE} when the process has none (CI, services)
   */
  static Terminal open() {
    if (!TTY.exists()) {
      return NONE;
    }
    try {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(new FileInputStream(TTY), StandardCharsets.UTF_8));
      PrintStream out = new PrintStream(new FileOutputStream(TTY), true, StandardCharsets.UTF_8);
      return new TtyTerminal(in, out);
    } catch (IOException e) {
      return NONE; // no controlling terminal: "No such device or address"
    }
  }

  @Override
  public boolean interactive() {
    return true;
  }

  @Override
  public synchronized String readLine(String prompt) {
    out.print(prompt);
    out.flush();
    try {
      return in.readLine();
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public synchronized char[] readSecret(String prompt) {
    if (!stty("-echo")) {
      throw CliException.usage(
          "cannot turn off echo on the terminal: pipe the password in with --password-stdin");
    }
    try {
      String line = readLine(prompt);
      return line == null ? null : line.toCharArray();
    } finally {
      stty("echo");
      out.println();
    }
  }

  private static boolean stty(String setting) {
    try {
      Process stty =
          new ProcessBuilder("stty", setting)
              .redirectInput(ProcessBuilder.Redirect.from(TTY))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      return stty.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
