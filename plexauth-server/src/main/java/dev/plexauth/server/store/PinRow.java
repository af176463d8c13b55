package dev.plexauth.server.store;

import java.util.Objects;
import java.util.Optional;

/**
 * One pin as the database keeps it: neither its id nor its code in the clear.
 *
 * @param idHash the SHA-256 of the pin id, lower-case hex: the poll finds the row by it
 * @param codeHash the SHA-256 of the lower-cased code, lower-case hex: the link finds the row by it
 * @param codeSealed the code, sealed under a key only the pin id gives (see {@code auth.PinCodes})
 * @param strong whether the code is a strong (25-character) one
 * @param clientIdentifier the {@code X-Plex-Client-Identifier} that made the pin: the only client
 *     that may poll it
 * @param product the {@code X-Plex-Product} that made it, if sent
 * @param version the {@code X-Plex-Version}, if sent
 * @param platform the {@code X-Plex-Platform}, if sent
 * @param device the {@code X-Plex-Device}, if sent
 * @param createdAtMillis when it was made, epoch milliseconds
 * @param expiresAtMillis when it expires, epoch milliseconds
 * @param accountId the account that approved it, empty until then
 * @param jwk the public key of the device the pin was made for (JSON), for a Plex JWT as its token
 */
public record PinRow(
    String idHash,
    String codeHash,
    String codeSealed,
    boolean strong,
    String clientIdentifier,
    Optional<String> product,
    Optional<String> version,
    Optional<String> platform,
    Optional<String> device,
    long createdAtMillis,
    long expiresAtMillis,
    Optional<Long> accountId,
    Optional<String> jwk) {

  /** Checks the values. */
  public PinRow {
    Objects.requireNonNull(idHash, "idHash == null");
    Objects.requireNonNull(codeHash, "codeHash == null");
    Objects.requireNonNull(codeSealed, "codeSealed == null");
    Objects.requireNonNull(clientIdentifier, "clientIdentifier == null");
    Objects.requireNonNull(product, "product == null");
    Objects.requireNonNull(version, "version == null");
    Objects.requireNonNull(platform, "platform == null");
    Objects.requireNonNull(device, "device == null");
    Objects.requireNonNull(accountId, "accountId == null");
    Objects.requireNonNull(jwk, "jwk == null");
  }

  /**
   * Whether the pin has expired.
   *
   * @param nowMillis the current time, epoch milliseconds
   * @return true from its expiry on
   */
  public boolean expiredAt(long nowMillis) {
    return nowMillis >= expiresAtMillis;
  }

  @Override
  public String toString() {
    return "PinRow[strong="
        + strong
        + ", clientIdentifier="
        + clientIdentifier
        + ", expiresAtMillis="
        + expiresAtMillis
        + ", approved="
        + accountId.isPresent()
        + "]";
  }
}
