package dev.plexauth.sdk.models;

import dev.plexauth.sdk.internal.Redaction;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The answer of {@code getTokenDetails}: the account the token belongs to.
 *
 * <pre>{@code
 * UserPlexAccount me = plex.authentication().getTokenDetails().userPlexAccount();
 * }</pre>
 *
 * @param statusCode the HTTP status
 * @param contentType the response's content type
 * @param headers the response headers, case-insensitive
 * @param userPlexAccount the account
 */
public record GetTokenDetailsResponse(
    int statusCode,
    String contentType,
    Map<String, List<String>> headers,
    UserPlexAccount userPlexAccount)
    implements PlexResponse {

  /** Copies the headers and checks the data. */
  public GetTokenDetailsResponse {
    contentType = Headers.contentType(contentType);
    headers = Headers.copy(headers);
    Objects.requireNonNull(userPlexAccount, "userPlexAccount == null");
  }

  @Override
  public String toString() {
    return Redaction.toString(this, Set.of("headers"));
  }
}
