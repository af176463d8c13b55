package dev.plexauth.cli;

import dev.plexauth.sdk.errors.PlexConnectionException;
import dev.plexauth.sdk.errors.PlexError;
import dev.plexauth.sdk.errors.RateLimitedException;
import dev.plexauth.sdk.errors.SDKError;
import dev.plexauth.server.DatabaseUnavailableException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one line on standard error ({@code plexauth: …}) and an exit code: 1
 * refused, 2 usage, 3 unreachable. The stack trace follows only with {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    StringBuilder line =
        new StringBuilder("plexauth: ").append(TerminalText.safe(oneLine(ex.getMessage())));
    if (ex instanceof UnmatchedArgumentException unmatched) {
      var suggestions = unmatched.getSuggestions();
      if (!suggestions.isEmpty()) {
        line.append(" (did you mean ").append(String.join(" or ", suggestions)).append("?)");
      }
    }
    line.append(" (see '").append(cmd.getCommandSpec().qualifiedName()).append(" --help')");
    err.println(line);
    if (Main.verbose(args)) {
      ex.printStackTrace(err);
    }
    err.flush();
    return CliException.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    Failure failure = describe(ex);
    // The message may quote the server (its error message) or the user: never raw to the terminal.
    err.println("plexauth: " + TerminalText.safe(oneLine(failure.message())));
    if (Main.verbose(parseResult.originalArgs().toArray(String[]::new))) {
      ex.printStackTrace(err);
    }
    err.flush();
    return failure.exitCode();
  }

  private record Failure(int exitCode, String message) {}

  private static Failure describe(Throwable ex) {
    if (ex instanceof CliException cli) {
      return new Failure(cli.exitCode(), cli.getMessage());
    }
    if (ex instanceof PlexConnectionException connection) {
      return new Failure(CliException.UNREACHABLE, "cannot reach the server: " + why(connection));
    }
    if (ex instanceof SDKError error) {
      return new Failure(CliException.REFUSED, refusal(error));
    }
    if (ex instanceof DatabaseUnavailableException database) {
      return new Failure(
          CliException.UNREACHABLE, database.getMessage() + rootCause(database.getCause()));
    }
    if (ex instanceof UncheckedIOException io) {
      return new Failure(CliException.REFUSED, io.getMessage() + rootCause(io.getCause()));
    }
    String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    return new Failure(CliException.REFUSED, message);
  }

  /** {@code the server refused: Invalid token (HTTP 401)}, with the wait for a 429. */
  private static String refusal(SDKError error) {
    String said =
        error.errors().stream()
            .map(PlexError::message)
            .filter(m -> !m.isBlank())
            .findFirst()
            .orElse("");
    StringBuilder line = new StringBuilder("the server refused");
    if (!said.isEmpty()) {
      line.append(": ").append(said);
    }
    line.append(" (HTTP ").append(error.statusCode());
    if (error.code() != 0) {
      line.append(", code ").append(error.code());
    }
    line.append(')');
    if (error instanceof RateLimitedException limited) {
      limited
          .retryAfter()
          .ifPresent(wait -> line.append("; retry after ").append(seconds(wait)).append(" s"));
    }
    return line.toString();
  }

  private static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  /**
   * {@code could not connect to 127.0.0.1:9 (ConnectException)} → {@code …: connection refused}.
   */
  static String why(PlexConnectionException connection) {
    String message = withoutOperation(connection.getMessage());
    String reason = null;
    // The JDK client wraps an unknown host in a ConnectException, so the whole chain is read and
    // the most specific reason wins.
    for (Throwable cause = connection.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
        reason = "unknown host";
        break;
      }
      if (cause instanceof SSLException) {
        reason = "TLS failed";
        break;
      }
      if (cause instanceof ConnectException && reason == null) {
        reason = "connection refused";
      }
    }
    if (reason == null) {
      return message;
    }
    return message.replaceFirst("\\s*\\(\\w+\\)$", "") + ": " + reason;
  }

  /** The SDK's messages start with the operation id ({@code getTokenDetails: …}); drop it. */
  private static String withoutOperation(String message) {
    int colon = message.indexOf(": ");
    return colon > 0 && message.substring(0, colon).matches("[a-zA-Z]+")
        ? message.substring(colon + 2)
        : message;
  }

  private static String rootCause(Throwable cause) {
    Throwable root = cause;
    while (root != null && root.getCause() != null) {
      root = root.getCause();
    }
    return root == null || root.getMessage() == null ? "" : ": " + root.getMessage();
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
