package dev.plexauth.sdk.models;

import dev.plexauth.sdk.internal.Redaction;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The answer of {@code getTransientToken}: a transient token with the access level of the token
 * that asked for it, valid for up to 48 hours and gone when the server restarts.
 *
 * <pre>{@code
 * String transient = plex.authentication().getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL).token();
 * }</pre>
 *
 * @param statusCode the HTTP status
 * @param contentType the response's content type
 * @param headers the response headers, case-insensitive
 * @param token the transient token, {@code transient-…} (secret: masked in {@link #toString()})
 */
public record GetTransientTokenResponse(
    int statusCode, String contentType, Map<String, List<String>> headers, String token)
    implements PlexResponse {

  /** Copies the headers and checks the data. */
  public GetTransientTokenResponse {
    contentType = Headers.contentType(contentType);
    headers = Headers.copy(headers);
    Objects.requireNonNull(token, "token == null");
  }

  @Override
  public String toString() {
    return Redaction.toString(this, Set.of("token", "headers"));
  }
}
