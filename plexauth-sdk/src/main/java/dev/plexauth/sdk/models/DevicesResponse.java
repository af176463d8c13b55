package dev.plexauth.sdk.models;

import dev.plexauth.sdk.internal.Redaction;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answer of {@code devices()}: the devices signed in to the account, the most recently seen
 * first.
 *
 * <pre>{@code
 * List<AuthorizedDevice> devices = plex.authentication().devices().devices();
 * }</pre>
 *
 * @param statusCode the HTTP status
 * @param contentType the response's content type
 * @param headers the response headers, case-insensitive
 * @param devices the devices
 */
public record DevicesResponse(
    int statusCode,
    String contentType,
    Map<String, List<String>> headers,
    List<AuthorizedDevice> devices)
    implements PlexResponse {

  /** Copies the headers and the list. */
  public DevicesResponse {
    contentType = Headers.contentType(contentType);
    headers = Headers.copy(headers);
    devices = NullToEmpty.list(devices);
  }

  @Override
  public String toString() {
    return Redaction.toString(this, Set.of("headers"));
  }
}
