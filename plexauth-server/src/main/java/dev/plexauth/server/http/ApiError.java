package dev.plexauth.server.http;

import java.time.Duration;
import java.util.Optional;

/**
 * An error answer: HTTP status, Plex error code and a message that never echoes a credential.
 * Thrown by handlers, rendered by {@link Responses#error}.
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** X-Plex-Client-Identifier is missing (plex.tv). */
  static final int CLIENT_IDENTIFIER_MISSING = 1000;

  /** Bad or missing token, unknown user or wrong password. */
  static final int NOT_AUTHENTICATED = 1001;

  /** No such resource. */
  static final int NOT_FOUND = 1002;

  /** Too many requests from one address. */
  static final int RATE_LIMITED = 1003;

  /** A parameter or body is missing or malformed. */
  static final int BAD_REQUEST = 1004;

  /** The method is not allowed on this path. */
  static final int METHOD_NOT_ALLOWED = 1005;

  /** The token is valid but lacks the access needed. */
  static final int FORBIDDEN = 1009;

  /** The server could not answer: the database is unavailable (503) or a bug (500). */
  static final int INTERNAL = 1007;

  /** A wrong, expired or reused verification code. */
  static final int INVALID_VERIFICATION_CODE = 1028;

  /** The account needs a verification code. */
  static final int VERIFICATION_CODE_REQUIRED = 1029;

  /** Too many failed sign-ins. */
  static final int TOO_MANY_FAILURES = 1031;

  static final String NOT_AUTHENTICATED_MESSAGE = "User could not be authenticated";

  private final int status;
  private final int code;
  private final transient Optional<Duration> retryAfter;
  private final String allow;

  private ApiError(int status, int code, String message, String allow) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfter = Optional.empty();
    this.allow = allow;
  }

  private ApiError(int status, int code, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfter = Optional.of(retryAfter);
    this.allow = "";
  }

  static ApiError of(int status, int code, String message) {
    return new ApiError(status, code, message, "");
  }

  static ApiError badRequest(String message) {
    return of(400, BAD_REQUEST, message);
  }

  static ApiError unauthorized() {
    return of(401, NOT_AUTHENTICATED, NOT_AUTHENTICATED_MESSAGE);
  }

  static ApiError retryLater(int code, String message, Duration retryAfter) {
    return new ApiError(429, code, message, retryAfter);
  }

  static ApiError methodNotAllowed(String allow) {
    return new ApiError(
        405, METHOD_NOT_ALLOWED, "Method not allowed on this path; use " + allow, allow);
  }

  int status() {
    return status;
  }

  int code() {
    return code;
  }

  Optional<Duration> retryAfter() {
    return retryAfter == null ? Optional.empty() : retryAfter;
  }

  String allow() {
    return allow;
  }
}
