package dev.plexauth.sdk.models;

import dev.plexauth.sdk.internal.Redaction;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The answer of {@code getPin}: the new pin (201).
 *
 * <pre>{@code
 * AuthPinContainer pin = plex.plex().getPin(request).authPinContainer();
 * }</pre>
 *
 * @param statusCode the HTTP status
 * @param contentType the response's content type
 * @param headers the response headers, case-insensitive
 * @param authPinContainer the pin
 */
public record GetPinResponse(
    int statusCode,
    String contentType,
    Map<String, List<String>> headers,
    AuthPinContainer authPinContainer)
    implements PlexResponse {

  /** Copies the headers and checks the data. */
  public GetPinResponse {
    contentType = Headers.contentType(contentType);
    headers = Headers.copy(headers);
    Objects.requireNonNull(authPinContainer, "authPinContainer == null");
  }

  @Override
  public String toString() {
    return Redaction.toString(this, Set.of("headers"));
  }
}
