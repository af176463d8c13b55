package dev.plexauth.sdk.models;

import dev.plexauth.sdk.internal.Redaction;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The answer of {@code postUsersSignInData}: the signed-in account with its new token, past
 * subscriptions and trials.
 *
 * <pre>{@code
 * String token = plex.authentication().postUsersSignInData(request).userPlexAccount().authToken();
 * }</pre>
 *
 * @param statusCode the HTTP status
 * @param contentType the response's content type
 * @param headers the response headers, case-insensitive
 * @param userPlexAccount the account, with {@code authToken}, {@code pastSubscriptions()} and
 *     {@code trials()}
 */
public record PostUsersSignInDataResponse(
    int statusCode,
    String contentType,
    Map<String, List<String>> headers,
    UserPlexAccount userPlexAccount)
    implements PlexResponse {

  /** Copies the headers and checks the data. */
  public PostUsersSignInDataResponse {
    contentType = Headers.contentType(contentType);
    headers = Headers.copy(headers);
    Objects.requireNonNull(userPlexAccount, "userPlexAccount == null");
  }

  @Override
  public String toString() {
    return Redaction.toString(this, Set.of("headers"));
  }
}
