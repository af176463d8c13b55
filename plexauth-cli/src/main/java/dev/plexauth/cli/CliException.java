package dev.plexauth.cli;

/**
 * A failure a command reports as one line on standard error, with its exit code.
 *
 * <pre>{@code
 * throw CliException.usage("no password on standard input");
 * }</pre>
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The server (or the database) said no: 401, 403, 404, 429, an unknown user or source. */
  public static final int REFUSED = 1;

  /** The command line was wrong: a missing or bad option, no password input. */
  public static final int USAGE = 2;

  /** The server (or the database) could not be reached. */
  public static final int UNREACHABLE = 3;

  private final int exitCode;

  private CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /**
   * A wrong command line (exit 2).
   *
   * @param message what is wrong and how to fix it
   * @return the exception
   */
  public static CliException usage(String message) {
    return new CliException(USAGE, message, null);
  }

  /**
   * A wrong command line (exit 2) found by a lower layer.
   *
   * @param message what is wrong
   * @param cause the lower layer's exception
   * @return the exception
   */
  public static CliException usage(String message, Throwable cause) {
    return new CliException(USAGE, message, cause);
  }

  /**
   * A refusal (exit 1).
   *
   * @param message what was refused
   * @return the exception
   */
  public static CliException refused(String message) {
    return new CliException(REFUSED, message, null);
  }

  /**
   * A refusal (exit 1) found by a lower layer.
   *
   * @param message what was refused
   * @param cause the lower layer's exception
   * @return the exception
   */
  public static CliException refused(String message, Throwable cause) {
    return new CliException(REFUSED, message, cause);
  }

  /**
   * The exit code.
   *
   * @return 1, 2 or 3
   */
  public int exitCode() {
    return exitCode;
  }
}
