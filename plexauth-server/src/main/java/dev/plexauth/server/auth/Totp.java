package dev.plexauth.server.auth;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * TOTP as RFC 6238 and Google Authenticator define it: SHA-1, 6 digits, 30-second steps, base32
 * secrets. The server accepts the current step and one step either side; the replay check (a code
 * accepted once) is the store's.
 *
 * <p>Tests and tools can compute the code an authenticator app would show:
 *
 * <pre>{@code
 * String code = Totp.code(created.totpSecret().orElseThrow(), Instant.now());
 * }</pre>
 */
public final class Totp {

  /** The length of a time step. */
  public static final Duration STEP = Duration.ofSeconds(30);

  private static final int SECRET_BYTES = 20;
  private static final Pattern BASE32 = Pattern.compile("[A-Z2-7]{16,128}=*");
  private static final Pattern CODE = Pattern.compile("\\d{6}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final TimeBasedOneTimePasswordGenerator GENERATOR =
      new TimeBasedOneTimePasswordGenerator(
          STEP, 6, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);

  private Totp() {}

  /**
   * Makes a new random secret (160 bits).
   *
   * @return the base32 secret, without padding
   */
  public static String newSecret() {
    byte[] bytes = new byte[SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    return new Base32().encodeToString(bytes).replace("=", "");
  }

  /**
   * Normalises a secret given by a person: upper case, spaces and dashes removed.
   *
   * @param secret the base32 secret
   * @return the normalised secret
   * @throws IllegalArgumentException when it is not base32 of at least 80 bits
   */
  public static String normalizeSecret(String secret) {
    String clean = secret == null ? "" : secret.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    if (!BASE32.matcher(clean).matches()) {
      throw new IllegalArgumentException(
          "the TOTP secret must be base32 (A-Z, 2-7) of at least 16 characters");
    }
    return clean;
  }

  /**
   * The code an authenticator shows at a moment.
   *
   * @param secret the base32 secret
   * @param at the moment
   * @return six digits
   */
  public static String code(String secret, Instant at) {
    try {
      int value = GENERATOR.generateOneTimePassword(key(secret), at);
      return String.format(Locale.ROOT, "%06d", value);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("unusable TOTP secret", e);
    }
  }

  /**
   * The code an authenticator shows now.
   *
   * @param secret the base32 secret
   * @param clock the clock
   * @return six digits
   */
  public static String code(String secret, Clock clock) {
    return code(secret, clock.instant());
  }

  /**
   * The time step of a moment.
   *
   * @param at the moment
   * @return seconds since the epoch divided by 30
   */
  public static long step(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), STEP.getSeconds());
  }

  /**
   * Finds the step, within one of {@code now}, whose code is {@code code}.
   *
   * @param secret the base32 secret
   * @param code the code given
   * @param now the current time
   * @return the matching step (the latest, if several match), or empty
   */
  static OptionalLong matchingStep(String secret, String code, Instant now) {
    if (code == null || !CODE.matcher(code).matches()) {
      return OptionalLong.empty();
    }
    byte[] given = code.getBytes(StandardCharsets.US_ASCII);
    long current = step(now);
    long found = Long.MIN_VALUE;
    for (long step = current - 1; step <= current + 1; step++) {
      byte[] expected =
          code(secret, Instant.ofEpochSecond(step * STEP.getSeconds()))
              .getBytes(StandardCharsets.US_ASCII);
      if (MessageDigest.isEqual(expected, given)) {
        found = step;
      }
    }
    return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
  }

  private static Key key(String secret) {
    byte[] bytes = new Base32().decode(secret);
    return new SecretKeySpec(bytes, "HmacSHA1");
  }
}
