package dev.plexauth.sdk.internal;

import dev.plexauth.sdk.ResponseTooLargeException;
import dev.plexauth.sdk.TransportResponse;
import dev.plexauth.sdk.errors.ErrorDetails;
import dev.plexauth.sdk.errors.ForbiddenException;
import dev.plexauth.sdk.errors.NotFoundException;
import dev.plexauth.sdk.errors.PlexError;
import dev.plexauth.sdk.errors.RateLimitedException;
import dev.plexauth.sdk.errors.SDKError;
import dev.plexauth.sdk.errors.ServerErrorException;
import dev.plexauth.sdk.errors.TokenExpiredException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns an error answer, or a success that cannot be read, into the matching exception. */
final class ErrorMapper {

  private static final int MAX_MESSAGE = 200;

  private ErrorMapper() {}

  /**
   * Maps an error status to its exception: a status the operation names (a 404, a 408) to its own
   * type, 400 and 401 to the operation's own types, 422 "Invalid token" to unauthorized, 403, 404,
   * 429 and 5xx to theirs, anything else to {@link SDKError}.
   *
   * @param operation the operation
   * @param response the answer
   * @param now the current time, to read a {@code Retry-After} date against
   * @return the exception to throw
   */
  static SDKError map(Operation<?> operation, TransportResponse response, Instant now) {
    int status = response.statusCode();
    String contentType = response.header("Content-Type").orElse("");
    byte[] bytes = response.body();
    List<PlexError> errors = PlexErrors.parse(bytes, contentType);
    String body = Bodies.text(bytes, contentType);
    ErrorDetails details =
        new ErrorDetails(
            operation.id(),
            status,
            contentType,
            response.headers(),
            body,
            errors,
            message(operation.id(), status, errors));
    if (operation.errorFor(status) != null) {
      return operation.errorFor(status).apply(details);
    }
    if (status == 400) {
      return operation.badRequest(details);
    }
    if (status == 401 || (status == 422 && invalidToken(errors, body))) {
      return operation.unauthorized(details);
    }
    if (status == 403) {
      return new ForbiddenException(details);
    }
    if (status == 404) {
      return new NotFoundException(details);
    }
    if (status == 498) {
      return new TokenExpiredException(details);
    }
    if (status == 429) {
      return new RateLimitedException(
          details,
          response
              .header("Retry-After")
              .flatMap(value -> RetryAfter.parse(value, now))
              .orElse(null));
    }
    if (status >= 500 && status <= 599) {
      return new ServerErrorException(details);
    }
    return new SDKError(details);
  }

  /**
   * The error for a successful status whose body cannot be read.
   *
   * @param operation the operation
   * @param response the answer
   * @param reason why it cannot be read, free of body content
   * @return the exception to throw
   */
  static SDKError undecodable(Operation<?> operation, TransportResponse response, String reason) {
    String contentType = response.header("Content-Type").orElse("");
    return new SDKError(
        new ErrorDetails(
            operation.id(),
            response.statusCode(),
            contentType,
            response.headers(),
            Bodies.text(response.body(), contentType),
            List.of(),
            operation.id()
                + ": HTTP "
                + response.statusCode()
                + " answer could not be read ("
                + reason
                + ")"));
  }

  /**
   * The error for an answer whose body is larger than the client accepts: its status and headers,
   * no body.
   *
   * @param operation the operation
   * @param tooLarge what the transport reported
   * @return the exception to throw
   */
  static SDKError tooLarge(Operation<?> operation, ResponseTooLargeException tooLarge) {
    Map<String, List<String>> headers = tooLarge.headers();
    String contentType =
        headers.entrySet().stream()
            .filter(e -> e.getKey().equalsIgnoreCase("Content-Type") && !e.getValue().isEmpty())
            .map(e -> e.getValue().get(0))
            .findFirst()
            .orElse("");
    return new SDKError(
        new ErrorDetails(
            operation.id(),
            tooLarge.statusCode(),
            contentType,
            headers,
            "",
            List.of(),
            operation.id()
                + ": HTTP "
                + tooLarge.statusCode()
                + " answer refused: "
                + tooLarge.getMessage()
                + ", the most PlexAPI.builder().maxResponseBytes(...) allows"));
  }

  private static boolean invalidToken(List<PlexError> errors, String body) {
    for (PlexError error : errors) {
      if (error.message().toLowerCase(Locale.ROOT).contains("invalid token")) {
        return true;
      }
    }
    return body.toLowerCase(Locale.ROOT).contains("invalid token");
  }

  /** One line: {@code getTokenDetails: HTTP 401 (1001 User could not be authenticated)}. */
  static String message(String operation, int status, List<PlexError> errors) {
    StringBuilder message = new StringBuilder(operation).append(": HTTP ").append(status);
    if (!errors.isEmpty()) {
      PlexError first = errors.get(0);
      String text = first.message().replaceAll("[\\r\\n\\t]+", " ").trim();
      if (text.length() > MAX_MESSAGE) {
        text = text.substring(0, MAX_MESSAGE) + "…";
      }
      String code = first.code() == 0 ? "" : Integer.toString(first.code());
      String detail = (code + " " + text).trim();
      if (!detail.isEmpty()) {
        message.append(" (").append(detail).append(')');
      }
    }
    return message.toString();
  }
}
