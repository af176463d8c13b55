package dev.plexauth.cli;

/**
 * Reads a password: the first line of standard input with {@code --password-stdin}, else a prompt
 * on the terminal without echo. Never from the command line, where other users could see it.
 */
final class PasswordInput {

  private PasswordInput() {}

  /**
   * Reads the password.
   *
   * @param io the environment
   * @param fromStdin whether {@code --password-stdin} was given
   * @param prompt the prompt, e.g. {@code "Password: "}
   * @param confirm whether to ask twice (when choosing a password)
   * @return the password, not empty
   * @throws CliException (usage) when there is no input, or the two entries differ
   */
  static String read(Io io, boolean fromStdin, String prompt, boolean confirm) {
    if (fromStdin) {
      String line = io.readStdinLine();
      if (line == null || line.isEmpty()) {
        throw CliException.usage("--password-stdin: no password on standard input");
      }
      return line;
    }
    Terminal terminal = io.terminal();
    if (!terminal.interactive()) {
      throw CliException.usage(
          "no terminal to ask for the password: pipe it in with --password-stdin");
    }
    char[] first = terminal.readSecret(prompt);
    if (first == null || first.length == 0) {
      throw CliException.usage("no password given");
    }
    if (confirm) {
      char[] second = terminal.readSecret("Repeat the password: ");
      if (second == null || !new String(first).equals(new String(second))) {
        throw CliException.usage("the two passwords differ");
      }
    }
    return new String(first);
  }
}
