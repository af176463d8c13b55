package dev.plexauth.sdk.models;

import dev.plexauth.sdk.internal.Redaction;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The answer of {@code getServerCapabilities}: what the server says about itself to a signed-in
 * client.
 *
 * <pre>{@code
 * String name = plex.server().getServerCapabilities().mediaContainer().friendlyName();
 * }</pre>
 *
 * @param statusCode the HTTP status
 * @param contentType the response's content type
 * @param headers the response headers, case-insensitive
 * @param mediaContainer what the server says about itself
 */
public record GetServerCapabilitiesResponse(
    int statusCode,
    String contentType,
    Map<String, List<String>> headers,
    ServerCapabilities mediaContainer)
    implements PlexResponse {

  /** Copies the headers and checks the data. */
  public GetServerCapabilitiesResponse {
    contentType = Headers.contentType(contentType);
    headers = Headers.copy(headers);
    Objects.requireNonNull(mediaContainer, "mediaContainer == null");
  }

  @Override
  public String toString() {
    return Redaction.toString(this, Set.of("headers"));
  }
}
