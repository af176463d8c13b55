package dev.plexauth.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Makes tokens (256 random bits, base64url) and the SHA-256 under which they are stored. */
final class Tokens {

  /** The prefix of every transient token, as PMS uses it. */
  static final String TRANSIENT_PREFIX = "transient-";

  /** Longer values are not tokens this server issued; they are refused without hashing. */
  static final int MAX_LENGTH = 512;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  static String newAccountToken() {
    return random32();
  }

  static String newTransientToken() {
    return TRANSIENT_PREFIX + random32();
  }

  static boolean isTransient(String token) {
    return token.startsWith(TRANSIENT_PREFIX);
  }

  static String sha256Hex(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }

  static byte[] sha256(String token) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return digest.digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private static String random32() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
