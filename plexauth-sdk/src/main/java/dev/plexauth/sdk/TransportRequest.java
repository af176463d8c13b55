package dev.plexauth.sdk;

import dev.plexauth.sdk.internal.Secrets;
import dev.plexauth.sdk.internal.Urls;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request as the SDK hands it to a {@link Transport}.
 *
 * <p>{@link #toString()} masks the values of secret headers ({@code X-Plex-Token}, {@code
 * Authorization}, {@code Cookie}, …) and token-like query parameters, and shows only the size of
 * the body (a sign-in body holds the password).
 *
 * @param method {@code GET} or {@code POST}
 * @param uri the full URI, query included
 * @param headers the headers in the order they should be sent, one value each
 * @param body the body, empty for none
 * @param timeout the longest the whole exchange may take
 * @param maxResponseBytes the largest answer body to accept; a larger one is refused with {@link
 *     ResponseTooLargeException} before it is read whole
 */
public record TransportRequest(
    String method,
    URI uri,
    Map<String, String> headers,
    byte[] body,
    Duration timeout,
    long maxResponseBytes) {

  /** Checks and copies the values. */
  public TransportRequest {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(uri, "uri == null");
    Objects.requireNonNull(timeout, "timeout == null");
    PlexAPI.checkMaxResponseBytes(maxResponseBytes);
    headers =
        Collections.unmodifiableMap(new LinkedHashMap<>(headers == null ? Map.of() : headers));
    body = body == null ? new byte[0] : body.clone();
  }

  /**
   * A request whose answer may be as large as {@link PlexAPI#DEFAULT_MAX_RESPONSE_BYTES}.
   *
   * @param method {@code GET} or {@code POST}
   * @param uri the full URI, query included
   * @param headers the headers in the order they should be sent, one value each
   * @param body the body, empty for none
   * @param timeout the longest the whole exchange may take
   */
  public TransportRequest(
      String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
    this(method, uri, headers, body, timeout, PlexAPI.DEFAULT_MAX_RESPONSE_BYTES);
  }

  /**
   * Returns a copy of the body.
   *
   * @return the body bytes, empty for none
   */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /**
   * Returns the value of a header, ignoring the case of its name.
   *
   * @param name the header name
   * @return the value, if the request has the header
   */
  public Optional<String> header(String name) {
    for (Map.Entry<String, String> entry : headers.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return Optional.of(entry.getValue());
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TransportRequest that
        && method.equals(that.method)
        && uri.equals(that.uri)
        && headers.equals(that.headers)
        && Arrays.equals(body, that.body)
        && timeout.equals(that.timeout)
        && maxResponseBytes == that.maxResponseBytes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, uri, headers, Arrays.hashCode(body), timeout, maxResponseBytes);
  }

  @Override
  public String toString() {
    return "TransportRequest[method="
        + method
        + ", uri="
        + Urls.maskQuery(uri.toString())
        + ", headers="
        + Secrets.maskHeaders(headers)
        + ", body=<"
        + body.length
        + " bytes>, timeout="
        + timeout
        + ", maxResponseBytes="
        + maxResponseBytes
        + "]";
  }
}
