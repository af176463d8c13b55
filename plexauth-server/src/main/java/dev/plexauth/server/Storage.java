package dev.plexauth.server;

import dev.plexauth.server.auth.SecretBox;
import dev.plexauth.server.auth.SecretKeys;
import dev.plexauth.server.auth.StoreUnavailable;
import dev.plexauth.server.store.JdbcStore;
import dev.plexauth.server.store.Store;
import dev.plexauth.server.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database and the secret key that seals its secrets, opened together for a server or an
 * administration. On SQLite the data directory is made readable by its owner only (0700 when it is
 * created here) and so are the database files, its write-ahead log and shared memory, and the key
 * file (0600). On PostgreSQL the key must come from {@value SecretKeys#VARIABLE}, which every
 * instance on the database shares.
 *
 * @param store the store, migrated
 * @param secrets the key, checked against the database
 */
record Storage(Store store, SecretBox secrets) {

  private static final Logger LOG = LoggerFactory.getLogger(PlexAuthServer.class);
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  /**
   * Opens the SQLite database of a data directory, or the database of a JDBC URL.
   *
   * @param dataDir the data directory, or null when {@code jdbcUrl} is given
   * @param jdbcUrl the database, or null for the data directory's
   * @param environment where {@value SecretKeys#VARIABLE} and the database settings are read
   * @throws DatabaseUnavailableException when the database cannot be opened
   * @throws IllegalArgumentException when the key is missing (PostgreSQL), malformed or wrong
   */
  static Storage open(Path dataDir, String jdbcUrl, Map<String, String> environment) {
    Path keyDir;
    String url;
    if (jdbcUrl == null) {
      createPrivateDirectory(dataDir);
      protect(dataDir.resolve(JdbcStore.SQLITE_FILE));
      keyDir = dataDir;
      url = JdbcStore.sqliteUrl(dataDir);
    } else if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      Path file = sqliteFile(jdbcUrl);
      keyDir = file == null ? null : file.toAbsolutePath().getParent();
      if (keyDir != null && Files.isDirectory(keyDir)) {
        protect(file);
      }
      url = jdbcUrl;
    } else {
      keyDir = null;
      url = jdbcUrl;
    }
    Optional<SecretBox> fromEnvironment = SecretKeys.fromEnvironment(environment);
    if (fromEnvironment.isEmpty() && keyDir == null) {
      throw new IllegalArgumentException(
          SecretKeys.VARIABLE
              + " is required with "
              + (jdbcUrl.startsWith("jdbc:postgresql:")
                  ? "PostgreSQL: every instance on the database needs the same key"
                  : "this database URL, which names no directory for a key file")
              + " (base64 of 32 random bytes: openssl rand -base64 32)");
    }
    Store store;
    try {
      store = JdbcStore.open(url, environment);
    } catch (StoreException e) {
      throw new DatabaseUnavailableException(e.getMessage(), e);
    }
    SecretBox secrets;
    try {
      secrets = fromEnvironment.orElseGet(() -> keyFile(keyDir));
      SecretKeys.checkAndSeal(store, secrets);
    } catch (StoreUnavailable e) {
      store.close();
      throw new DatabaseUnavailableException(e.getMessage(), e);
    } catch (SecretBox.WrongKeyException e) {
      store.close();
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return new Storage(store, secrets);
  }

  private static SecretBox keyFile(Path keyDir) {
    SecretBox box = SecretKeys.fromDataDirectory(keyDir);
    protect(keyDir.resolve(SecretKeys.FILE_NAME));
    return box;
  }

  /** Creates the directory for its owner only; an existing one is left as it is, with a warning. */
  private static void createPrivateDirectory(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir.toAbsolutePath().getParent());
        try {
          Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        } catch (FileAlreadyExistsException e) {
          // made by another process at the same moment
        }
        Files.setPosixFilePermissions(dir, OWNER_DIRECTORY);
      } else {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
        if (permissions.stream().anyMatch(p -> !p.name().startsWith("OWNER_"))) {
          LOG.warn(
              "the data directory {} is open to other users ({}); chmod 700 it",
              dir.toAbsolutePath(),
              PosixFilePermissions.toString(permissions));
        }
      }
    } catch (UnsupportedOperationException e) {
      LOG.debug("no POSIX permissions on this file system");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dir, e);
    }
  }

  /**
   * Makes a database file, its write-ahead log and shared memory readable by the owner only, and
   * creates the database file so: SQLite gives its -wal and -shm files the database file's mode.
   */
  private static void protect(Path file) {
    try {
      if (!Files.exists(file) && !file.getFileName().toString().equals(SecretKeys.FILE_NAME)) {
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        } catch (FileAlreadyExistsException e) {
          // made by another process at the same moment
        }
      }
      for (Path each :
          List.of(
              file,
              file.resolveSibling(file.getFileName() + "-wal"),
              file.resolveSibling(file.getFileName() + "-shm"))) {
        if (Files.exists(each) && !Files.getPosixFilePermissions(each).equals(OWNER_FILE)) {
          Files.setPosixFilePermissions(each, OWNER_FILE);
        }
      }
    } catch (UnsupportedOperationException e) {
      LOG.debug("no POSIX permissions on this file system");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set the permissions of " + file, e);
    }
  }

  /** The file of a {@code jdbc:sqlite:} URL, or null for an in-memory database. */
  private static Path sqliteFile(String jdbcUrl) {
    String rest = jdbcUrl.substring("jdbc:sqlite:".length());
    int query = rest.indexOf('?');
    if (query >= 0) {
      rest = rest.substring(0, query);
    }
    if (rest.startsWith("file:")) {
      rest = rest.substring("file:".length());
    }
    if (rest.isEmpty() || rest.contains(":memory:") || rest.startsWith("memory:")) {
      return null;
    }
    return Path.of(rest);
  }
}
