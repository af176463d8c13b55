package dev.plexauth.sdk.models;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.plexauth.sdk.internal.Redaction;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A server the signed-in account can use, with a token for it and the ways to reach it: one item of
 * {@code getServerResources} (plexjs: {@code PlexDevice}).
 *
 * <p>Reading is lenient: missing text reads as empty, missing flags as false, times as ISO-8601,
 * epoch seconds or absent ({@link Instant#EPOCH}), {@code connections} as an array or one object.
 *
 * <pre>{@code
 * for (PlexDevice server : plex.plex().getServerResources("my-client").plexDevices()) {
 *   System.out.println(server.name() + (server.owned() ? " (yours)" : " (shared)"));
 * }
 * }</pre>
 *
 * @param name the resource's name
 * @param product the product, e.g. {@code Plex Media Server}
 * @param productVersion the product's version
 * @param platform the operating system, if known
 * @param platformVersion the operating system's version, if known
 * @param device the kind of device, if known
 * @param clientIdentifier the resource's client (machine) identifier
 * @param createdAt when the resource was registered
 * @param lastSeenAt when the resource was last seen
 * @param provides what it provides, e.g. {@code server}
 * @param ownerId the owner's account id, for a resource shared with the account
 * @param sourceTitle the owner's name, for a resource shared with the account
 * @param publicAddress the resource's public address, or empty
 * @param accessToken a token for this resource (secret: masked in {@link #toString()})
 * @param owned whether the account owns it
 * @param home whether it is shared through Plex Home
 * @param synced whether it is a synced resource
 * @param relay whether it has a relay connection
 * @param presence whether it is known to be online
 * @param httpsRequired whether it requires HTTPS
 * @param publicAddressMatches whether its public address is the caller's
 * @param dnsRebindingProtection whether it has DNS rebinding protection
 * @param natLoopbackSupported whether it supports NAT loopback
 * @param connections the ways to reach it, in the server's order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlexDevice(
    String name,
    String product,
    String productVersion,
    Optional<String> platform,
    Optional<String> platformVersion,
    Optional<String> device,
    String clientIdentifier,
    @JsonSerialize(using = PlexInstant.Writer.class)
        @JsonDeserialize(using = PlexInstant.Reader.class)
        Instant createdAt,
    @JsonSerialize(using = PlexInstant.Writer.class)
        @JsonDeserialize(using = PlexInstant.Reader.class)
        Instant lastSeenAt,
    String provides,
    Optional<Long> ownerId,
    Optional<String> sourceTitle,
    String publicAddress,
    String accessToken,
    boolean owned,
    boolean home,
    boolean synced,
    boolean relay,
    boolean presence,
    boolean httpsRequired,
    boolean publicAddressMatches,
    boolean dnsRebindingProtection,
    boolean natLoopbackSupported,
    @JsonProperty("connections")
        @JsonAlias({"Connection", "connection", "Connections"})
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<ResourceConnection> connections) {

  /** Replaces missing values with empty ones and copies the list. */
  public PlexDevice {
    name = NullToEmpty.text(name);
    product = NullToEmpty.text(product);
    productVersion = NullToEmpty.text(productVersion);
    platform = Objects.requireNonNullElse(platform, Optional.empty());
    platformVersion = Objects.requireNonNullElse(platformVersion, Optional.empty());
    device = Objects.requireNonNullElse(device, Optional.empty());
    clientIdentifier = NullToEmpty.text(clientIdentifier);
    createdAt = Objects.requireNonNullElse(createdAt, Instant.EPOCH);
    lastSeenAt = Objects.requireNonNullElse(lastSeenAt, Instant.EPOCH);
    provides = NullToEmpty.text(provides);
    ownerId = Objects.requireNonNullElse(ownerId, Optional.empty());
    sourceTitle = Objects.requireNonNullElse(sourceTitle, Optional.empty());
    publicAddress = NullToEmpty.text(publicAddress);
    accessToken = NullToEmpty.text(accessToken);
    connections = NullToEmpty.list(connections);
  }

  @Override
  public String toString() {
    return Redaction.toString(this, Set.of("accessToken"));
  }
}
