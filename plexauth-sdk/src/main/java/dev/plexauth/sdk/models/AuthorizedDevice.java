package dev.plexauth.sdk.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A device signed in to the account: one account token, named by what its client said when it
 * signed in. The token itself is never listed. One item of {@code devices()}; {@code
 * removeDevice(id)} signs it out.
 *
 * <pre>{@code
 * for (AuthorizedDevice d : plex.authentication().devices().devices()) {
 *   System.out.println(d.id() + " " + d.name() + (d.current() ? " (this one)" : ""));
 * }
 * }</pre>
 *
 * @param id the device id, for {@code removeDevice}
 * @param name a display name: the client's device name, else its product, else its identifier
 * @param product the client's {@code X-Plex-Product}, if it sent one
 * @param productVersion the client's {@code X-Plex-Version}, if it sent one
 * @param platform the client's {@code X-Plex-Platform}, if it sent one
 * @param device the client's {@code X-Plex-Device}, if it sent one
 * @param clientIdentifier the client's {@code X-Plex-Client-Identifier}
 * @param createdAt when the device signed in
 * @param lastSeenAt when its token was last seen (sign-in, ping)
 * @param current whether this is the device that asked
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuthorizedDevice(
    long id,
    String name,
    Optional<String> product,
    Optional<String> productVersion,
    Optional<String> platform,
    Optional<String> device,
    String clientIdentifier,
    @JsonSerialize(using = PlexInstant.Writer.class)
        @JsonDeserialize(using = PlexInstant.Reader.class)
        Instant createdAt,
    @JsonSerialize(using = PlexInstant.Writer.class)
        @JsonDeserialize(using = PlexInstant.Reader.class)
        Instant lastSeenAt,
    boolean current) {

  /** Replaces missing values with empty ones. */
  public AuthorizedDevice {
    name = NullToEmpty.text(name);
    product = Objects.requireNonNullElse(product, Optional.empty());
    productVersion = Objects.requireNonNullElse(productVersion, Optional.empty());
    platform = Objects.requireNonNullElse(platform, Optional.empty());
    device = Objects.requireNonNullElse(device, Optional.empty());
    clientIdentifier = NullToEmpty.text(clientIdentifier);
    createdAt = Objects.requireNonNullElse(createdAt, Instant.EPOCH);
    lastSeenAt = Objects.requireNonNullElse(lastSeenAt, Instant.EPOCH);
  }
}
