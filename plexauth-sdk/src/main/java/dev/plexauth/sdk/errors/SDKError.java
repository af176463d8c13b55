package dev.plexauth.sdk.errors;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server answered with an error status, or with a success status and a body that cannot be
 * read. Carries the status, the headers, the raw body, the Plex {@code errors[]} and the operation.
 * The subclasses split it by status: {@link BadRequestException}, {@link UnauthorizedException},
 * {@link ForbiddenException}, {@link NotFoundException}, {@link RateLimitedException}, {@link
 * ServerErrorException}.
 */
public class SDKError extends PlexException {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final int statusCode;
  private final String contentType;
  private final transient Map<String, List<String>> headers;
  private final String body;
  private final transient List<PlexError> errors;

  /**
   * Creates an error from an answer.
   *
   * @param details the answer and the operation it belongs to
   */
  public SDKError(ErrorDetails details) {
    super(details.message(), null);
    this.operation = details.operation();
    this.statusCode = details.statusCode();
    this.contentType = details.contentType();
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(details.headers());
    this.headers = Collections.unmodifiableMap(copy);
    this.body = details.body();
    this.errors = List.copyOf(details.errors());
  }

  /**
   * Returns the operation that failed.
   *
   * @return the operation id, e.g. {@code postUsersSignInData}
   */
  public String operation() {
    return operation;
  }

  /**
   * Returns the HTTP status.
   *
   * @return the status code
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Returns the answer's content type, or empty when it had none.
   *
   * @return the content type
   */
  public String contentType() {
    return contentType;
  }

  /**
   * Returns the answer's headers, case-insensitive.
   *
   * @return an unmodifiable map
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * Returns the raw body as text, possibly empty, HTML or malformed.
   *
   * @return the body
   */
  public String body() {
    return body;
  }

  /**
   * Returns the Plex errors the body carried, in JSON or XML, possibly none.
   *
   * @return the errors
   */
  public List<PlexError> errors() {
    return errors;
  }

  /**
   * Returns the code of the first Plex error, or 0 when the body carried none.
   *
   * @return the first error code
   */
  public int code() {
    return errors.isEmpty() ? 0 : errors.get(0).code();
  }
}
