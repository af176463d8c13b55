package dev.plexauth.server.store;

/**
 * A device's registered public key.
 *
 * @param thumbprint the RFC 7638 thumbprint of the key, its kid
 * @param accountId the account of the device's token
 * @param clientIdentifier the device's {@code X-Plex-Client-Identifier}
 * @param publicJwk the public key as a JWK (JSON)
 * @param registration random, new at each registration; the Plex JWTs issued for it carry it
 * @param createdAtMillis when it was registered, epoch milliseconds
 */
public record DeviceKeyRow(
    String thumbprint,
    long accountId,
    String clientIdentifier,
    String publicJwk,
    String registration,
    long createdAtMillis) {}
