package dev.plexauth.server.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * A request for a pin, as the HTTP layer parsed it.
 *
 * @param strong whether a strong (25-character) code is wanted, else a 4-character one
 * @param clientIdentifier the {@code X-Plex-Client-Identifier} of the app
 * @param product the {@code X-Plex-Product}, if sent
 * @param version the {@code X-Plex-Version}, if sent
 * @param platform the {@code X-Plex-Platform}, if sent
 * @param device the {@code X-Plex-Device}, if sent
 * @param jwk the device's public key (JSON, already checked), when the pin is to be answered with a
 *     Plex JWT
 */
public record PinRequest(
    boolean strong,
    String clientIdentifier,
    Optional<String> product,
    Optional<String> version,
    Optional<String> platform,
    Optional<String> device,
    Optional<String> jwk) {

  /** Checks the values. */
  public PinRequest {
    Objects.requireNonNull(clientIdentifier, "clientIdentifier == null");
    Objects.requireNonNull(product, "product == null");
    Objects.requireNonNull(version, "version == null");
    Objects.requireNonNull(platform, "platform == null");
    Objects.requireNonNull(device, "device == null");
    Objects.requireNonNull(jwk, "jwk == null");
  }
}
