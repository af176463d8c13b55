package dev.plexauth.sdk.models;

import java.time.Instant;
import java.util.Objects;

/**
 * A verified Plex JWT: the token to send as {@code X-Plex-Token}, with what it says. Its {@code
 * toString()} never shows the token.
 *
 * @param token the JWT
 * @param issuedAt its {@code iat}
 * @param expiresAt its {@code exp}, 7 days after {@code iat}
 * @param userId the {@code user.id} claim
 * @param thumbprint the device key it is bound to (its kid)
 */
public record PlexJwt(
    String token, Instant issuedAt, Instant expiresAt, long userId, String thumbprint) {

  /** Checks the values. */
  public PlexJwt {
    Objects.requireNonNull(token, "token == null");
    Objects.requireNonNull(issuedAt, "issuedAt == null");
    Objects.requireNonNull(expiresAt, "expiresAt == null");
    Objects.requireNonNull(thumbprint, "thumbprint == null");
  }

  @Override
  public String toString() {
    return "PlexJwt[token=***, issuedAt="
        + issuedAt
        + ", expiresAt="
        + expiresAt
        + ", userId="
        + userId
        + ", thumbprint="
        + thumbprint
        + "]";
  }
}
