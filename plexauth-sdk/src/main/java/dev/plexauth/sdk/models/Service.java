package dev.plexauth.sdk.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.plexauth.sdk.internal.Redaction;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A Plex service linked to an account, such as a metadata or EPG provider.
 *
 * @param identifier the service identifier, e.g. {@code metadata-dev}
 * @param endpoint the service's URL
 * @param token the account's token for the service, if any (secret: masked in {@link #toString()})
 * @param secret the account's secret for the service, if any (masked in {@link #toString()})
 * @param status whether the service is online
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Service(
    String identifier,
    String endpoint,
    Optional<String> token,
    Optional<String> secret,
    ServiceStatus status) {

  /** Replaces missing values with empty ones; a missing status reads as offline. */
  public Service {
    identifier = NullToEmpty.text(identifier);
    endpoint = NullToEmpty.text(endpoint);
    token = Objects.requireNonNullElse(token, Optional.empty());
    secret = Objects.requireNonNullElse(secret, Optional.empty());
    status = status == null ? ServiceStatus.OFFLINE : status;
  }

  @Override
  public String toString() {
    return Redaction.toString(this, Set.of("token", "secret"));
  }
}
