package dev.plexauth.server.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A pin as its app sees it: what {@code POST /api/v2/pins} and {@code GET /api/v2/pins/{id}}
 * answer.
 *
 * @param id the pin id
 * @param code the code the person types or follows
 * @param strong whether the code is a strong one
 * @param clientIdentifier the app's client identifier
 * @param product the app's product name, if it sent one
 * @param createdAt when the pin was made
 * @param expiresAt when it expires
 * @param expiresInSeconds the seconds left, at the time of the answer
 * @param authToken the token for the approving account: present once, in the answer that hands it
 *     out (masked in {@link #toString()})
 */
public record Pin(
    long id,
    String code,
    boolean strong,
    String clientIdentifier,
    Optional<String> product,
    Instant createdAt,
    Instant expiresAt,
    long expiresInSeconds,
    Optional<String> authToken) {

  /** Checks the values. */
  public Pin {
    Objects.requireNonNull(code, "code == null");
    Objects.requireNonNull(clientIdentifier, "clientIdentifier == null");
    Objects.requireNonNull(product, "product == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
    Objects.requireNonNull(expiresAt, "expiresAt == null");
    Objects.requireNonNull(authToken, "authToken == null");
  }

  @Override
  public String toString() {
    return "Pin[id="
        + id
        + ", strong="
        + strong
        + ", clientIdentifier="
        + clientIdentifier
        + ", expiresAt="
        + expiresAt
        + ", authToken="
        + (authToken.isPresent() ? "***" : "none")
        + "]";
  }
}
