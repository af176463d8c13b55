package dev.plexauth.server.store;

import java.util.Optional;

/**
 * A device of an account: one account token, with what its client said about itself when it signed
 * in. The token itself is never stored; its hash tells whether this is the device asking.
 *
 * @param deviceId the public device id (random, stable across sign-ins of the same client)
 * @param tokenHash the SHA-256 of the device's token, lower-case hex
 * @param clientIdentifier the {@code X-Plex-Client-Identifier}
 * @param product the {@code X-Plex-Product}, if sent
 * @param version the {@code X-Plex-Version}, if sent
 * @param platform the {@code X-Plex-Platform}, if sent
 * @param device the {@code X-Plex-Device}, if sent
 * @param createdAtMillis when the token was issued, epoch milliseconds
 * @param lastSeenAtMillis when the token was last seen (sign-in, ping), epoch milliseconds
 */
public record DeviceRow(
    long deviceId,
    String tokenHash,
    String clientIdentifier,
    Optional<String> product,
    Optional<String> version,
    Optional<String> platform,
    Optional<String> device,
    long createdAtMillis,
    long lastSeenAtMillis) {

  @Override
  public String toString() {
    return "DeviceRow[deviceId=" + deviceId + ", clientIdentifier=" + clientIdentifier + "]";
  }
}
