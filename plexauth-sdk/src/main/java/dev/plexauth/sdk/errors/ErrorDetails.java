package dev.plexauth.sdk.errors;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an error answer said, gathered once and handed to the {@link SDKError} constructors.
 *
 * @param operation the operation id
 * @param statusCode the HTTP status
 * @param contentType the content type, or empty
 * @param headers the headers
 * @param body the raw body text
 * @param errors the Plex errors parsed from the body
 * @param message the exception message, free of secrets
 */
public record ErrorDetails(
    String operation,
    int statusCode,
    String contentType,
    Map<String, List<String>> headers,
    String body,
    List<PlexError> errors,
    String message) {

  /** Checks the values. */
  public ErrorDetails {
    Objects.requireNonNull(operation, "operation == null");
    contentType = contentType == null ? "" : contentType;
    headers = headers == null ? Map.of() : headers;
    body = body == null ? "" : body;
    errors = errors == null ? List.of() : List.copyOf(errors);
    Objects.requireNonNull(message, "message == null");
  }

  @Override
  public String toString() {
    return "ErrorDetails[operation=" + operation + ", statusCode=" + statusCode + "]";
  }
}
