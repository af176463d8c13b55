package dev.plexauth.sdk.internal;

import dev.plexauth.sdk.TransportRequest;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Logs calls through {@code System.Logger} {@code dev.plexauth.sdk}: method, URL with token-like
 * query values masked, status and time at DEBUG; header names and masked values at TRACE. Bodies
 * are never logged (every answer of these operations holds a token, and a sign-in request holds a
 * password).
 */
final class HttpLog {

  private static final System.Logger LOG = System.getLogger("dev.plexauth.sdk");

  private HttpLog() {}

  /**
   * Logs an attempt being sent.
   *
   * @param operation the operation id
   * @param request the request
   * @param attempt 1 for the first attempt
   */
  static void sending(String operation, TransportRequest request, int attempt) {
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(
          Level.DEBUG,
          "--> {0} {1} ({2}, attempt {3})",
          request.method(),
          Urls.maskQuery(request.uri().toString()),
          operation,
          attempt);
    }
    if (LOG.isLoggable(Level.TRACE)) {
      LOG.log(
          Level.TRACE,
          "--> headers {0}, body {1} bytes",
          Secrets.maskHeaders(request.headers()),
          request.body().length);
    }
  }

  /**
   * Logs an answer.
   *
   * @param request the request
   * @param status the status
   * @param elapsed how long the attempt took
   */
  static void received(TransportRequest request, int status, Duration elapsed) {
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(
          Level.DEBUG,
          "<-- {0} {1} {2} ({3} ms)",
          status,
          request.method(),
          Urls.maskQuery(request.uri().toString()),
          elapsed.toMillis());
    }
  }

  /**
   * Logs a failed attempt.
   *
   * @param request the request
   * @param failure what went wrong
   * @param elapsed how long the attempt took
   */
  static void failed(TransportRequest request, Throwable failure, Duration elapsed) {
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(
          Level.DEBUG,
          "<-- failed {0} {1}: {2} ({3} ms)",
          request.method(),
          Urls.maskQuery(request.uri().toString()),
          failure.getClass().getSimpleName(),
          elapsed.toMillis());
    }
  }

  /**
   * Logs a scheduled retry.
   *
   * @param operation the operation id
   * @param reason the status or failure that is retried
   * @param delay the wait before the next attempt
   */
  static void retrying(String operation, String reason, Duration delay) {
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(Level.DEBUG, "retrying {0} after {1} in {2} ms", operation, reason, delay.toMillis());
    }
  }
}
