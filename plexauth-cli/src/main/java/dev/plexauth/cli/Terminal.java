package dev.plexauth.cli;

import java.io.Console;

/**
 * Where prompts go: the user's terminal, or none when input is piped (then commands ask for {@code
 * --password-stdin} instead of hanging).
 *
 * <pre>{@code
 * Terminal terminal = Terminal.system();
 * if (terminal.interactive()) {
 *   char[] password = terminal.readSecret("Password: ");
 * }
 * }</pre>
 */
public interface Terminal {

  /** No terminal: nothing can be asked. */
  Terminal NONE =
      new Terminal() {
        @Override
        public boolean interactive() {
          return false;
        }

        @Override
        public String readLine(String prompt) {
          return null;
        }

        @Override
        public char[] readSecret(String prompt) {
          return null;
        }
      };

  /**
   * Whether a person can be asked.
   *
   * @return true when prompts can be answered
   */
  boolean interactive();

  /**
   * Asks for a line, echoed as typed.
   *
   * @param prompt the question
   * @return the answer, or null at the end of input
   */
  String readLine(String prompt);

  /**
   * Asks for a secret without echoing it.
   *
   * @param prompt the question
   * @return the answer, or null at the end of input
   */
  char[] readSecret(String prompt);

  /**
   * The process's console; when Java has none because input or output is redirected, the
   * controlling terminal ({@code /dev/tty}); {@link #NONE} when there is no terminal at all.
   *
   * @return the terminal
   */
  static Terminal system() {
    Console console = System.console();
    if (console == null) {
      return TtyTerminal.open();
    }
    return new Terminal() {
      @Override
      public boolean interactive() {
        return true;
      }

      @Override
      public String readLine(String prompt) {
        return console.readLine("%s", prompt);
      }

      @Override
      public char[] readSecret(String prompt) {
        return console.readPassword("%s", prompt);
      }
    };
  }
}
