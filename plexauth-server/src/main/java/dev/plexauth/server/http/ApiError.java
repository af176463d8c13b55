package dev.plexauth.server.http;

import dev.plexauth.sdk.errors.PlexErrorCode;
import java.time.Duration;
import java.util.Optional;

/**
 * An error answer: HTTP status, Plex error code and a message that never echoes a credential.
 * Thrown by handlers, rendered by {@link Responses#error}.
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

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
    this(status, code, message, retryAfter, "");
  }

  private ApiError(int status, int code, String message, Duration retryAfter, String allow) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfter = Optional.of(retryAfter);
    this.allow = allow;
  }

  static ApiError of(int status, int code, String message) {
    return new ApiError(status, code, message, "");
  }

  static ApiError badRequest(String message) {
    return of(400, PlexErrorCode.BAD_REQUEST, message);
  }

  static ApiError unauthorized() {
    return of(401, PlexErrorCode.NOT_AUTHENTICATED, NOT_AUTHENTICATED_MESSAGE);
  }

  static ApiError retryLater(int code, String message, Duration retryAfter) {
    return new ApiError(429, code, message, retryAfter);
  }

  /**
   * 503 with {@code Retry-After}: the server cannot take the request now, and says when to try
   * again.
   */
  static ApiError unavailable(String message, Duration retryAfter) {
    return new ApiError(503, PlexErrorCode.INTERNAL, message, retryAfter, "");
  }

  static ApiError methodNotAllowed(String allow) {
    return new ApiError(
        405,
        PlexErrorCode.METHOD_NOT_ALLOWED,
        "Method not allowed on this path; use " + allow,
        allow);
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
