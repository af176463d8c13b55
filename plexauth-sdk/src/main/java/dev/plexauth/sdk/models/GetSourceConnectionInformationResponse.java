package dev.plexauth.sdk.models;

import dev.plexauth.sdk.internal.Redaction;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The answer of {@code getSourceConnectionInformation}: the source, a transient token for it and
 * its connections.
 *
 * <pre>{@code
 * Device device = plex.authentication().getSourceConnectionInformation("server://id").device();
 * }</pre>
 *
 * @param statusCode the HTTP status
 * @param contentType the response's content type
 * @param headers the response headers, case-insensitive
 * @param device the source and its connections
 */
public record GetSourceConnectionInformationResponse(
    int statusCode, String contentType, Map<String, List<String>> headers, Device device)
    implements PlexResponse {

  /** Copies the headers and checks the data. */
  public GetSourceConnectionInformationResponse {
    contentType = Headers.contentType(contentType);
    headers = Headers.copy(headers);
    Objects.requireNonNull(device, "device == null");
  }

  @Override
  public String toString() {
    return Redaction.toString(this, Set.of("headers"));
  }
}
