package dev.plexauth.server.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small secrets for the database under the server's secret key: AES-256-GCM with a fresh
 * 96-bit nonce per value and associated data that ties the value to where it is stored (for a TOTP
 * secret, its account id), so a sealed value copied to another row does not open. A sealed value is
 * text: {@code v1.} + base64url(nonce ‖ ciphertext ‖ 128-bit tag).
 *
 * <p>A wrong key, or a value changed or moved, fails with {@link WrongKeyException}, never with
 * garbage. The key itself never leaves this object: {@link #keyId()} names it by an HMAC.
 *
 * <pre>{@code
 * SecretBox box = SecretBox.of(key32Bytes);
 * String sealed = box.seal("JBSWY3DPEHPK3PXP".getBytes(UTF_8), SecretBox.associated("totp", 42));
 * byte[] secret = box.open(sealed, SecretBox.associated("totp", 42));
 * }</pre>
 */
public final class SecretBox {

  /** The length of a key, in bytes. */
  public static final int KEY_BYTES = 32;

  /** What every sealed value starts with. */
  public static final String PREFIX = "v1.";

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final String keyId;

  private SecretBox(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
    this.keyId = keyIdOf(key);
  }

  /**
   * A box with a key.
   *
   * @param key {@value #KEY_BYTES} bytes (copied)
   * @return the box
   * @throws IllegalArgumentException when the key has another length
   */
  public static SecretBox of(byte[] key) {
    if (key == null || key.length != KEY_BYTES) {
      throw new IllegalArgumentException("the secret key must be " + KEY_BYTES + " bytes");
    }
    return new SecretBox(key.clone());
  }

  /**
   * A new random key.
   *
   * @return {@value #KEY_BYTES} bytes from {@link SecureRandom}
   */
  static byte[] newKey() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }

  /**
   * The associated data for a value that belongs to a row: its kind and the row's id.
   *
   * @param kind what the value is, e.g. {@code "totp"}
   * @param id the id of its row
   * @return the bytes to pass to {@link #seal} and {@link #open}
   */
  public static byte[] associated(String kind, long id) {
    return ("plexauth:" + kind + ":" + id).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The associated data for a value that belongs to a row with a text key.
   *
   * @param kind what the value is, e.g. {@code "signing-key"}
   * @param id the key of its row
   * @return the bytes to pass to {@link #seal} and {@link #open}
   */
  public static byte[] associated(String kind, String id) {
    return ("plexauth:" + kind + ":" + id).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Whether a stored value is sealed (rather than an old plain-text value).
   *
   * @param stored the value as stored
   * @return whether it has the sealed form's prefix
   */
  public static boolean isSealed(String stored) {
    return stored.startsWith(PREFIX);
  }

  /**
   * Seals a secret.
   *
   * @param plaintext the secret
   * @param associatedData what the value is tied to
   * @return the sealed text
   */
  public String seal(byte[] plaintext, byte[] associatedData) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData);
      byte[] sealed = cipher.doFinal(plaintext);
      ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length);
      out.put(nonce).put(sealed);
      return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from this JDK", e);
    }
  }

  /**
   * Opens a sealed secret.
   *
   * @param sealed the sealed text
   * @param associatedData what the value must be tied to
   * @return the secret
   * @throws WrongKeyException when the key is not the one it was sealed with, or the value was
   *     changed or moved
   * @throws IllegalArgumentException when the text is not a sealed value
   */
  public byte[] open(String sealed, byte[] associatedData) {
    if (sealed == null || !isSealed(sealed)) {
      throw new IllegalArgumentException("not a sealed value");
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a sealed value", e);
    }
    if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new IllegalArgumentException("not a sealed value");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
      cipher.updateAAD(associatedData);
      return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new WrongKeyException(
          "cannot open a sealed secret: the secret key is not the one it was sealed with, or the"
              + " stored value was changed");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from this JDK", e);
    }
  }

  /**
   * Names the key without revealing it: the first 16 bytes of HMAC-SHA256(key, "plexauth secret key
   * id"), base64url.
   *
   * @return the key id
   */
  public String keyId() {
    return keyId;
  }

  private static String keyIdOf(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] id = mac.doFinal("plexauth secret key id".getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(id, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  @Override
  public String toString() {
    return "SecretBox[keyId=" + keyId + "]";
  }

  /** The key does not open a sealed value: another key sealed it, or the value was altered. */
  public static final class WrongKeyException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    WrongKeyException(String message) {
      super(message);
    }
  }
}
