package dev.plexauth.server.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be (NIST SP 800-63B 3.1.1.2): at least {@value #MIN_LENGTH} characters
 * and at most {@value #MAX_LENGTH}, counted after Unicode NFC normalisation, and not on the list of
 * common passwords shipped with the server ({@code common-passwords.txt}: the 17,950 entries of 8
 * characters or more among the 49,233 of zxcvbn-ts's {@code @zxcvbn-ts/language-common} 4.1.3, MIT,
 * compared ignoring case). Nothing else is asked: no composition rules, no expiry.
 *
 * <p>Passwords are hashed and verified in their NFC form ({@link #normalize}), so the same password
 * typed on systems that compose accents differently matches; a hash of a password that was already
 * NFC keeps working.
 *
 * <pre>{@code
 * PasswordPolicy.check(candidate);                  // throws IllegalArgumentException when weak
 * String phc = hasher.hash(PasswordPolicy.normalize(candidate));
 * }</pre>
 */
public final class PasswordPolicy {

  /** The fewest characters (code points, after NFC) a new password may have. */
  public static final int MIN_LENGTH = 8;

  /** The most characters a password may have. */
  public static final int MAX_LENGTH = 1024;

  private static final String LIST = "common-passwords.txt";

  private PasswordPolicy() {}

  /**
   * The form a password is hashed and verified in.
   *
   * @param password the password as typed
   * @return its Unicode NFC form
   */
  public static String normalize(String password) {
    return Normalizer.normalize(password, Normalizer.Form.NFC);
  }

  /**
   * Checks a new password.
   *
   * @param password the password as typed
   * @throws IllegalArgumentException with a plain message (never the password) when it is too
   *     short, too long or common
   */
  public static void check(String password) {
    if (password == null) {
      throw new IllegalArgumentException("a password is required");
    }
    String nfc = normalize(password);
    int length = nfc.codePointCount(0, nfc.length());
    if (length < MIN_LENGTH) {
      throw new IllegalArgumentException(
          "the password must have at least " + MIN_LENGTH + " characters");
    }
    if (nfc.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "the password must have at most " + MAX_LENGTH + " characters");
    }
    if (Common.PASSWORDS.contains(nfc.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "the password is on the list of common passwords; choose another");
    }
  }

  /** The list, read on first use (a fraction of a megabyte of memory). */
  private static final class Common {
    static final Set<String> PASSWORDS = read();

    private static Set<String> read() {
      Set<String> passwords = new HashSet<>(32_768);
      try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
        if (in == null) {
          throw new IllegalStateException("the common-password list " + LIST + " is missing");
        }
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null; ) {
          if (!line.isEmpty()) {
            passwords.add(line);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the common-password list", e);
      }
      return Set.copyOf(passwords);
    }
  }
}
