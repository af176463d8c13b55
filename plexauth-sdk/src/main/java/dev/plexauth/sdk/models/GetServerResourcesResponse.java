package dev.plexauth.sdk.models;

import dev.plexauth.sdk.internal.Redaction;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answer of {@code getServerResources}: the servers the signed-in account can use, each with a
 * token for it and its connections.
 *
 * <pre>{@code
 * List<PlexDevice> servers = plex.plex().getServerResources("my-client").plexDevices();
 * }</pre>
 *
 * @param statusCode the HTTP status
 * @param contentType the response's content type
 * @param headers the response headers, case-insensitive
 * @param plexDevices the resources, in the server's order
 */
public record GetServerResourcesResponse(
    int statusCode,
    String contentType,
    Map<String, List<String>> headers,
    List<PlexDevice> plexDevices)
    implements PlexResponse {

  /** Copies the headers and the list. */
  public GetServerResourcesResponse {
    contentType = Headers.contentType(contentType);
    headers = Headers.copy(headers);
    plexDevices = NullToEmpty.list(plexDevices);
  }

  @Override
  public String toString() {
    return Redaction.toString(this, Set.of("headers"));
  }
}
