package dev.plexauth.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Log levels of a run. The default ({@link LogbackSetup}) shows warnings only, on standard error: a
 * command prints its result, not the libraries' chatter. {@code serve} shows plexauth's own INFO
 * lines, among them one access-log line per request, and the security events ({@code
 * plexauth.security}); {@code --verbose} shows plexauth's DEBUG lines (the SDK's HTTP calls,
 * secrets masked) and libraries' INFO.
 */
final class Logging {

  private Logging() {}

  static void configure(boolean serving, boolean verbose) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      return; // embedded with another SLF4J backend: leave its configuration alone
    }
    Level own = verbose ? Level.DEBUG : serving ? Level.INFO : Level.WARN;
    context.getLogger("dev.plexauth").setLevel(own);
    // The security events (sign-ins, lockouts, refusals, changes) of a running server.
    context.getLogger("plexauth.security").setLevel(serving || verbose ? Level.INFO : Level.WARN);
    context
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        .setLevel(verbose ? Level.INFO : Level.WARN);
  }
}
