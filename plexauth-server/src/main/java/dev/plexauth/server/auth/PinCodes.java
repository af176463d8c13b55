package dev.plexauth.server.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pins' ids and codes: made from a CSPRNG, and the forms the database keeps of them.
 *
 * <ul>
 *   <li>A pin id is a random integer below 2<sup>53</sup> (53 bits; JavaScript clients read it as a
 *       number without loss). The poll names it, so it is the app's credential: the database keeps
 *       its SHA-256 only.
 *   <li>A short code is 4 characters of {@value #SHORT_ALPHABET} (no 0/O, no 1/I: a person reads it
 *       off a screen and types it), 20 bits; a strong code is 25 characters of {@value
 *       #STRONG_ALPHABET}, 129 bits. Codes are case-insensitive; the database keeps the SHA-256 of
 *       the lower-cased code, to find the pin when it is linked.
 *   <li>The poll's answer repeats the code, so the code is also kept sealed: AES-256-GCM under a
 *       key derived from the pin id, which the database does not hold. A copy of the database alone
 *       opens no pin's code that way.
 * </ul>
 */
final class PinCodes {

  /** The characters of a 4-character code. */
  static final String SHORT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  /** The characters of a strong code. */
  static final String STRONG_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  /** The length of a short code. */
  static final int SHORT_LENGTH = 4;

  /** The length of a strong code: 25 × log2(36) = 129.2 bits. */
  static final int STRONG_LENGTH = 25;

  /** Pin ids are below this: 2^53, the largest integer a JavaScript number holds exactly. */
  static final long ID_BOUND = 1L << 53;

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PinCodes() {}

  static long newId() {
    return RANDOM.nextLong(1, ID_BOUND);
  }

  static String newCode(boolean strong) {
    String alphabet = strong ? STRONG_ALPHABET : SHORT_ALPHABET;
    int length = strong ? STRONG_LENGTH : SHORT_LENGTH;
    StringBuilder code = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      code.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return code.toString();
  }

  /**
   * Whether a text can be a code at all: 4 or 25 letters and digits, in any case.
   *
   * @param code what was typed
   * @return true when it has the form of a code
   */
  static boolean wellFormed(String code) {
    return (code.length() == SHORT_LENGTH || code.length() == STRONG_LENGTH)
        && code.chars()
            .allMatch(
                c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
  }

  static String idHash(long id) {
    return Tokens.sha256Hex("plexauth pin id " + id);
  }

  static String codeHash(String code) {
    return Tokens.sha256Hex(code.toLowerCase(Locale.ROOT));
  }

  /** Seals a code under its pin's id: base64url of nonce and AES-GCM ciphertext with its tag. */
  static String seal(String code, long id) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key(id), new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(code.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from this JDK", e);
    }
  }

  /**
   * Opens a sealed code.
   *
   * @param sealed what {@link #seal} made
   * @param id the pin id it was sealed under
   * @return the code, or empty when it was not sealed under this id (or is damaged)
   */
  static Optional<String> unseal(String sealed, long id) {
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(sealed);
      if (bytes.length <= NONCE_BYTES) {
        return Optional.empty();
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, key(id), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
      byte[] code = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
      return Optional.of(new String(code, StandardCharsets.UTF_8));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether two codes are the same, ignoring case, in time that does not depend on where they
   * differ.
   */
  static boolean sameCode(String a, String b) {
    return MessageDigest.isEqual(
        a.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8),
        b.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
  }

  private static SecretKeySpec key(long id) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] key = digest.digest(("plexauth pin code key " + id).getBytes(StandardCharsets.UTF_8));
      return new SecretKeySpec(key, "AES");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
