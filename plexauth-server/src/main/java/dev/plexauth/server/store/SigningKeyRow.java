package dev.plexauth.server.store;

import java.util.OptionalLong;

/**
 * One of the server's JWT signing keys as stored: the private key only sealed.
 *
 * @param kid the key id, the RFC 7638 thumbprint of the public JWK
 * @param publicJwk the public key as a JWK (JSON)
 * @param sealedPrivateKey the PKCS#8 private key sealed with the server's secret key
 * @param createdAtMillis when it was made, epoch milliseconds
 * @param retiredAtMillis when a newer key replaced it; empty for the current key
 */
public record SigningKeyRow(
    String kid,
    String publicJwk,
    String sealedPrivateKey,
    long createdAtMillis,
    OptionalLong retiredAtMillis) {

  @Override
  public String toString() {
    return "SigningKeyRow[kid=" + kid + ", createdAtMillis=" + createdAtMillis + "]";
  }
}
