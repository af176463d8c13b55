package dev.plexauth.server.store;

import java.util.Optional;

/**
 * One account token: only its SHA-256 is stored, with the device it was issued to.
 *
 * @param accountId the account the token belongs to
 * @param clientIdentifier the {@code X-Plex-Client-Identifier} of the device
 * @param tokenHash the SHA-256 of the token, lower-case hex
 * @param product the {@code X-Plex-Product}, if sent
 * @param version the {@code X-Plex-Version}, if sent
 * @param platform the {@code X-Plex-Platform}, if sent
 * @param device the {@code X-Plex-Device}, if sent
 * @param createdAtMillis when the token was issued, epoch milliseconds
 * @param rememberUntilMillis what {@code rememberExpiresAt} reports, epoch milliseconds
 * @param lastUsedAtMillis when the token was last used as far as recorded (at most once an hour),
 *     epoch milliseconds; its creation at first
 */
public record TokenRow(
    long accountId,
    String clientIdentifier,
    String tokenHash,
    Optional<String> product,
    Optional<String> version,
    Optional<String> platform,
    Optional<String> device,
    long createdAtMillis,
    long rememberUntilMillis,
    long lastUsedAtMillis) {

  /**
   * A new token: last used when it was issued.
   *
   * @param accountId the account the token belongs to
   * @param clientIdentifier the {@code X-Plex-Client-Identifier} of the device
   * @param tokenHash the SHA-256 of the token, lower-case hex
   * @param product the {@code X-Plex-Product}, if sent
   * @param version the {@code X-Plex-Version}, if sent
   * @param platform the {@code X-Plex-Platform}, if sent
   * @param device the {@code X-Plex-Device}, if sent
   * @param createdAtMillis when the token was issued, epoch milliseconds
   * @param rememberUntilMillis what {@code rememberExpiresAt} reports, epoch milliseconds
   */
  public TokenRow(
      long accountId,
      String clientIdentifier,
      String tokenHash,
      Optional<String> product,
      Optional<String> version,
      Optional<String> platform,
      Optional<String> device,
      long createdAtMillis,
      long rememberUntilMillis) {
    this(
        accountId,
        clientIdentifier,
        tokenHash,
        product,
        version,
        platform,
        device,
        createdAtMillis,
        rememberUntilMillis,
        createdAtMillis);
  }

  @Override
  public String toString() {
    return "TokenRow[accountId=" + accountId + ", clientIdentifier=" + clientIdentifier + "]";
  }
}
