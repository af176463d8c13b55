package dev.plexauth.sdk.models;

import dev.plexauth.sdk.internal.Redaction;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answer of {@code linkPin}: the pin is approved (204, no body). The app that made it gets its
 * token on its next poll.
 *
 * @param statusCode the HTTP status
 * @param contentType the response's content type
 * @param headers the response headers, case-insensitive
 */
public record LinkPinResponse(int statusCode, String contentType, Map<String, List<String>> headers)
    implements PlexResponse {

  /** Copies the headers. */
  public LinkPinResponse {
    contentType = Headers.contentType(contentType);
    headers = Headers.copy(headers);
  }

  @Override
  public String toString() {
    return Redaction.toString(this, Set.of("headers"));
  }
}
