package dev.plexauth.sdk.models;

import dev.plexauth.sdk.internal.Redaction;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The answer of {@code getTokenByPinId}: the pin, with its token once approved (200).
 *
 * <pre>{@code
 * Optional<String> token =
 *     plex.plex().getTokenByPinId(request).authPinContainer().authToken();
 * }</pre>
 *
 * @param statusCode the HTTP status
 * @param contentType the response's content type
 * @param headers the response headers, case-insensitive
 * @param authPinContainer the pin
 */
public record GetTokenByPinIdResponse(
    int statusCode,
    String contentType,
    Map<String, List<String>> headers,
    AuthPinContainer authPinContainer)
    implements PlexResponse {

  /** Copies the headers and checks the data. */
  public GetTokenByPinIdResponse {
    contentType = Headers.contentType(contentType);
    headers = Headers.copy(headers);
    Objects.requireNonNull(authPinContainer, "authPinContainer == null");
  }

  @Override
  public String toString() {
    return Redaction.toString(this, Set.of("headers"));
  }
}
