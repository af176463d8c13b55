package dev.plexauth.sdk;

import dev.plexauth.sdk.internal.Secrets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP answer as a {@link Transport} returns it.
 *
 * <p>{@link #toString()} masks secret headers ({@code Set-Cookie}, …) and shows only the size of
 * the body, which often holds a token.
 *
 * @param statusCode the HTTP status
 * @param headers the headers; names are case-insensitive
 * @param body the body, empty for none
 */
public record TransportResponse(int statusCode, Map<String, List<String>> headers, byte[] body) {

  /** Copies the values. */
  public TransportResponse {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      headers.forEach(
          (name, values) -> {
            if (name != null && values != null) {
              copy.merge(name, List.copyOf(values), (a, b) -> concat(a, b));
            }
          });
    }
    headers = Collections.unmodifiableMap(copy);
    body = body == null ? new byte[0] : body.clone();
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new java.util.ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
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
   * Returns the first value of a header, ignoring the case of its name.
   *
   * @param name the header name, e.g. {@code Content-Type}
   * @return the value, if the answer has the header
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TransportResponse that
        && statusCode == that.statusCode
        && headers.equals(that.headers)
        && Arrays.equals(body, that.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(statusCode, headers, Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return "TransportResponse[statusCode="
        + statusCode
        + ", headers="
        + Secrets.maskHeaderLists(headers)
        + ", body=<"
        + body.length
        + " bytes>]";
  }
}
