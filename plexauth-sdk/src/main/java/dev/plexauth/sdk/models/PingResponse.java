package dev.plexauth.sdk.models;

import dev.plexauth.sdk.internal.Redaction;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answer of {@code ping()}: the token is good, and plex.tv recorded that it was seen.
 *
 * <pre>{@code
 * boolean alive = plex.authentication().ping().pong();
 * }</pre>
 *
 * @param statusCode the HTTP status
 * @param contentType the response's content type
 * @param headers the response headers, case-insensitive
 * @param pong what the server answered, true from plexauth and plex.tv
 */
public record PingResponse(
    int statusCode, String contentType, Map<String, List<String>> headers, boolean pong)
    implements PlexResponse {

  /** Copies the headers. */
  public PingResponse {
    contentType = Headers.contentType(contentType);
    headers = Headers.copy(headers);
  }

  @Override
  public String toString() {
    return Redaction.toString(this, Set.of("headers"));
  }
}
