package dev.plexauth.sdk.models;

import dev.plexauth.sdk.internal.Redaction;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answer of {@code signOut()}: the token no longer works, on any server sharing the database.
 *
 * <pre>{@code
 * plex.authentication().signOut();
 * }</pre>
 *
 * @param statusCode the HTTP status, 204 from plexauth
 * @param contentType the response's content type
 * @param headers the response headers, case-insensitive
 */
public record SignOutResponse(int statusCode, String contentType, Map<String, List<String>> headers)
    implements PlexResponse {

  /** Copies the headers. */
  public SignOutResponse {
    contentType = Headers.contentType(contentType);
    headers = Headers.copy(headers);
  }

  @Override
  public String toString() {
    return Redaction.toString(this, Set.of("headers"));
  }
}
