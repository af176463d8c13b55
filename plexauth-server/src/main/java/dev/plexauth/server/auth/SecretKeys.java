package dev.plexauth.server.auth;

import dev.plexauth.server.store.AccountRow;
import dev.plexauth.server.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the server's secret key comes from, and what it guards. The key (32 bytes) seals the TOTP
 * secrets in the database ({@link SecretBox}); it is kept outside the database: in {@value
 * #VARIABLE} (base64 of the 32 bytes, as {@code openssl rand -base64 32} prints them), or else in
 * the file {@value #FILE_NAME} of the data directory, made with a random key (0600) at the first
 * start. Instances that share a PostgreSQL database must all have the same key, so there the
 * variable is required.
 *
 * <p>The database remembers which key it was sealed with ({@link SecretBox#keyId()}, an HMAC that
 * reveals nothing of the key): another key is refused at start with a clear message instead of
 * failing later on every two-factor sign-in. At the same start, TOTP secrets still in plain text
 * (from before they were sealed) are sealed, each by a compare-and-set update, so several instances
 * starting at once do it once.
 */
public final class SecretKeys {

  /** The environment variable with the key. */
  public static final String VARIABLE = "PLEXAUTH_SECRET_KEY";

  /** The key file in a data directory. */
  public static final String FILE_NAME = "secret.key";

  /** The setting under which the database keeps the id of its key. */
  static final String KEY_ID_SETTING = "secret_key_id";

  private static final Logger LOG = LoggerFactory.getLogger(SecretKeys.class);

  private SecretKeys() {}

  /**
   * The key from {@value #VARIABLE}, if set.
   *
   * @param environment the variables
   * @return the box, or empty when the variable is unset or empty
   * @throws IllegalArgumentException when the value is not base64 of 32 bytes
   */
  public static Optional<SecretBox> fromEnvironment(Map<String, String> environment) {
    String value = environment.get(VARIABLE);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(SecretBox.of(decode(value, VARIABLE)));
  }

  /**
   * The key of a data directory: from its key file, made with a new random key (readable by the
   * owner only) when missing. Two processes starting at once on a new directory agree: the file
   * appears whole or not at all, and the second one reads the first one's key.
   *
   * @param dataDir the data directory
   * @return the box
   * @throws IllegalArgumentException when the file holds no key
   * @throws UncheckedIOException when the file cannot be read or written
   */
  public static SecretBox fromDataDirectory(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      return SecretBox.of(
          decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the secret key file " + file, e);
    }
  }

  /**
   * Checks that the database's secrets were sealed with this key (recording the key on a database
   * that has none yet), then seals any TOTP secret still in plain text.
   *
   * @param store the store
   * @param box the key
   * @throws SecretBox.WrongKeyException when the database was sealed with another key
   * @throws StoreUnavailable when the database cannot be read or written
   */
  public static void checkAndSeal(Store store, SecretBox box) {
    StoreUnavailable.guard(
        () -> {
          // Read before writing: a start of a database already sealed writes nothing.
          Optional<String> recorded = store.findSetting(KEY_ID_SETTING);
          if (recorded.isEmpty()) {
            store.insertSettingIfAbsent(KEY_ID_SETTING, box.keyId());
            recorded = store.findSetting(KEY_ID_SETTING);
          }
          String expected = recorded.orElse(box.keyId());
          if (!expected.equals(box.keyId())) {
            throw new SecretBox.WrongKeyException(
                "the secret key (key id "
                    + box.keyId()
                    + ") is not the key this database's secrets are sealed with (key id "
                    + expected
                    + "): give every instance the same "
                    + VARIABLE
                    + " (or the data directory's "
                    + FILE_NAME
                    + ")");
          }
          int sealed = 0;
          for (AccountRow account :
              store.listAccountsWithTotpSecretNotStartingWith(SecretBox.PREFIX)) {
            Optional<String> stored = account.totpSecret();
            if (stored.isPresent() && !SecretBox.isSealed(stored.get())) {
              String seal = TotpSecrets.seal(box, account.id(), stored.get());
              if (store.replaceTotpSecret(account.id(), stored.get(), seal)) {
                sealed++;
              }
            }
          }
          if (sealed > 0) {
            LOG.info("sealed {} TOTP secrets stored in plain text", sealed);
          }
          return null;
        });
  }

  private static void create(Path file) throws IOException {
    Path temp;
    try {
      temp =
          Files.createTempFile(
              file.getParent(),
              ".secret",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      // no POSIX permissions on this file system: the directory's own protection applies
      temp = Files.createTempFile(file.getParent(), ".secret", ".tmp");
    }
    try {
      byte[] key = SecretBox.newKey();
      Files.writeString(
          temp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
      try {
        // A link is made only if the name is free: the file appears whole, and only once.
        Files.createLink(file, temp);
      } catch (FileAlreadyExistsException e) {
        // another process made it first: use its key
      } catch (UnsupportedOperationException e) {
        if (!Files.exists(file)) {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        }
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static byte[] decode(String text, String where) {
    String value = text.strip();
    byte[] key;
    try {
      key =
          value.contains("-") || value.contains("_")
              ? Base64.getUrlDecoder().decode(value)
              : Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          where + " must be base64 of 32 random bytes (openssl rand -base64 32)");
    }
    if (key.length != SecretBox.KEY_BYTES) {
      throw new IllegalArgumentException(
          where
              + " must be base64 of 32 random bytes (openssl rand -base64 32), not "
              + key.length
              + " bytes");
    }
    return key;
  }
}
