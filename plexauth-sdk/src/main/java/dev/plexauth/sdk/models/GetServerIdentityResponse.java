package dev.plexauth.sdk.models;

import dev.plexauth.sdk.internal.Redaction;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The answer of {@code getServerIdentity}: the server's identity, asked without a token.
 *
 * <pre>{@code
 * String id = plex.server().getServerIdentity().mediaContainer().machineIdentifier();
 * }</pre>
 *
 * @param statusCode the HTTP status
 * @param contentType the response's content type
 * @param headers the response headers, case-insensitive
 * @param mediaContainer the server's identity
 */
public record GetServerIdentityResponse(
    int statusCode,
    String contentType,
    Map<String, List<String>> headers,
    ServerIdentity mediaContainer)
    implements PlexResponse {

  /** Copies the headers and checks the data. */
  public GetServerIdentityResponse {
    contentType = Headers.contentType(contentType);
    headers = Headers.copy(headers);
    Objects.requireNonNull(mediaContainer, "mediaContainer == null");
  }

  @Override
  public String toString() {
    return Redaction.toString(this, Set.of("headers"));
  }
}
