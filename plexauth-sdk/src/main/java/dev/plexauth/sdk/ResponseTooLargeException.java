package dev.plexauth.sdk;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Thrown by a {@link Transport} when an answer's body is larger than {@link
 * TransportRequest#maxResponseBytes()}: as soon as {@code Content-Length} says so, else as soon as
 * the streamed body passes the limit, without reading the rest. The SDK turns it into an {@link
 * dev.plexauth.sdk.errors.SDKError} and never retries it.
 *
 * <pre>{@code
 * if (contentLength > request.maxResponseBytes()) {
 *   call.cancel();
 *   throw new ResponseTooLargeException(status, headers, request.maxResponseBytes(), contentLength);
 * }
 * }</pre>
 */
public class ResponseTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final transient Map<String, List<String>> headers;
  private final long limit;
  private final long declaredLength;

  /**
   * Creates the exception.
   *
   * @param statusCode the answer's status
   * @param headers the answer's headers
   * @param limit the limit in bytes
   * @param declaredLength the {@code Content-Length}, or -1 when the body was streamed without one
   */
  public ResponseTooLargeException(
      int statusCode, Map<String, List<String>> headers, long limit, long declaredLength) {
    super(
        "the answer's body is larger than "
            + limit
            + " bytes"
            + (declaredLength >= 0 ? " (Content-Length " + declaredLength + ")" : ""));
    this.statusCode = statusCode;
    this.headers = Map.copyOf(Objects.requireNonNull(headers, "headers == null"));
    this.limit = limit;
    this.declaredLength = declaredLength;
  }

  /**
   * Returns the answer's status.
   *
   * @return the status code
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Returns the answer's headers.
   *
   * @return the headers
   */
  public Map<String, List<String>> headers() {
    return headers == null ? Map.of() : headers;
  }

  /**
   * Returns the limit that was passed.
   *
   * @return bytes
   */
  public long limit() {
    return limit;
  }

  /**
   * Returns the length the answer declared, if it declared one.
   *
   * @return the {@code Content-Length}
   */
  public OptionalLong declaredLength() {
    return declaredLength >= 0 ? OptionalLong.of(declaredLength) : OptionalLong.empty();
  }
}
