package dev.plexauth.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes tokens (256 random bits, base64url), derives resource tokens from account tokens, and
 * computes the SHA-256 under which tokens are stored.
 */
final class Tokens {

  /** The prefix of every transient token, as PMS uses it. */
  static final String TRANSIENT_PREFIX = "transient-";

  /** The prefix of every resource token ({@code accessToken} of {@code GET /api/v2/resources}). */
  static final String RESOURCE_PREFIX = "resource-";

  /** Longer values are not tokens this server issued; they are refused without hashing. */
  static final int MAX_LENGTH = 512;

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Never updated: only cloned. */
  private static final MessageDigest SHA_256 = newSha256();

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

  static boolean isResource(String token) {
    return token.startsWith(RESOURCE_PREFIX);
  }

  /**
   * The resource tokens of an account token: HMAC-SHA256 keyed with the account token over each
   * resource's name. The same account token and resource always give the same token (so a client
   * that asks again gets the token it has), only the holder of the account token can compute it,
   * and the account token cannot be found from it.
   *
   * <pre>{@code
   * ResourceTokens tokens = Tokens.resourceTokens(accountToken);
   * String forThisServer = tokens.of("self");
   * }</pre>
   *
   * @param accountToken the account token, as presented
   * @return its resource tokens, keyed once for all of its resources
   */
  static ResourceTokens resourceTokens(String accountToken) {
    Mac mac = newHmacSha256();
    try {
      mac.init(new SecretKeySpec(accountToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 refuses a token as its key", e);
    }
    return new ResourceTokens(mac);
  }

  /** The resource tokens of one account token; one thread at a time, as a {@link Mac} is. */
  static final class ResourceTokens {
    private final Mac keyed;

    private ResourceTokens(Mac keyed) {
      this.keyed = keyed;
    }

    /**
     * The resource token for one resource.
     *
     * @param resource {@code self} or a source id
     * @return {@code resource-} and 43 base64url characters
     */
    String of(String resource) {
      // doFinal leaves the Mac keyed as it was, ready for the next resource.
      byte[] tag =
          keyed.doFinal(("plexauth resource token\n" + resource).getBytes(StandardCharsets.UTF_8));
      return RESOURCE_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    }
  }

  static String sha256Hex(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }

  static byte[] sha256(String token) {
    try {
      // A clone of an unused digest, instead of a provider lookup per token.
      MessageDigest digest = (MessageDigest) SHA_256.clone();
      return digest.digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("this JDK's SHA-256 cannot be cloned", e);
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** A clone of an unkeyed Mac, instead of a provider lookup per listing. */
  private static Mac newHmacSha256() {
    try {
      return (Mac) UnkeyedHmac.PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return hmacSha256();
    }
  }

  /** Made on first use, not when the server starts. Never keyed: only cloned. */
  private static final class UnkeyedHmac {
    static final Mac PROTOTYPE = hmacSha256();
  }

  private static Mac hmacSha256() {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  private static String random32() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
