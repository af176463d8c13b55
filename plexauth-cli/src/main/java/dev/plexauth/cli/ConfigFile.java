package dev.plexauth.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plexauth.sdk.models.PlexJwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The signed-in state: the server, the account token and this installation's client identifier, in
 * a JSON file only its owner can read (mode 0600, in a 0700 directory when it creates one).
 *
 * <p>The client identifier is made once and kept: the server keeps one token per account and client
 * identifier, so reusing it makes a repeat sign-in replace this machine's token instead of
 * registering a new device each time.
 *
 * <pre>{@code
 * ConfigFile config = ConfigFile.load(path);
 * String id = config.clientIdentifier();            // made and kept on first use
 * config.withSignIn("http://127.0.0.1:32400", token).save();
 * }</pre>
 */
final class ConfigFile {

  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR_MODE =
      PosixFilePermissions.fromString("rwx------");

  private final Path path;
  private final ObjectNode values;

  private ConfigFile(Path path, ObjectNode values) {
    this.path = path;
    this.values = values;
  }

  /**
   * Reads the file; a missing file is an empty configuration.
   *
   * @param path the file
   * @return the configuration
   * @throws CliException when the file exists but is not a JSON object
   */
  static ConfigFile load(Path path) {
    if (!Files.exists(path)) {
      return new ConfigFile(path, JsonOutput.MAPPER.createObjectNode());
    }
    try {
      JsonNode tree = JsonOutput.MAPPER.readTree(Files.readString(path));
      if (tree == null || !tree.isObject()) {
        throw CliException.usage("the config file " + path + " is not a JSON object");
      }
      return new ConfigFile(path, (ObjectNode) tree);
    } catch (JsonProcessingException e) {
      throw CliException.usage("the config file " + path + " is not valid JSON", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the config file " + path, e);
    }
  }

  Path path() {
    return path;
  }

  /** The stored PMS URL of the server signed in to, or null. */
  String server() {
    return text("server");
  }

  /** The stored account token, or null. */
  String token() {
    return text("token");
  }

  /** The stored client identifier, or null before the first sign-in. */
  String storedClientIdentifier() {
    return text("clientIdentifier");
  }

  /**
   * The client identifier: the stored one, or a new UUID that {@link #save()} will keep.
   *
   * @return the identifier
   */
  String clientIdentifier() {
    String id = storedClientIdentifier();
    if (id == null) {
      id = UUID.randomUUID().toString();
      values.put("clientIdentifier", id);
    }
    return id;
  }

  /** The stored Plex JWT, or empty when the session uses an account token only. */
  Optional<PlexJwt> jwt() {
    JsonNode jwt = values.path("jwt");
    if (!jwt.isObject()
        || !jwt.path("token").isTextual()
        || !jwt.path("thumbprint").isTextual()
        || !jwt.path("expiresAt").canConvertToLong()
        || !jwt.path("issuedAt").canConvertToLong()) {
      return Optional.empty();
    }
    return Optional.of(
        new PlexJwt(
            jwt.path("token").asText(),
            Instant.ofEpochSecond(jwt.path("issuedAt").asLong()),
            Instant.ofEpochSecond(jwt.path("expiresAt").asLong()),
            jwt.path("userId").asLong(),
            jwt.path("thumbprint").asText()));
  }

  /**
   * Records a Plex JWT for the signed-in session.
   *
   * @param jwt the JWT
   * @return this configuration
   */
  ConfigFile withJwt(PlexJwt jwt) {
    ObjectNode node = values.putObject("jwt");
    node.put("token", jwt.token());
    node.put("issuedAt", jwt.issuedAt().getEpochSecond());
    node.put("expiresAt", jwt.expiresAt().getEpochSecond());
    node.put("userId", jwt.userId());
    node.put("thumbprint", jwt.thumbprint());
    return this;
  }

  /**
   * Records a sign-in.
   *
   * @param server the PMS URL
   * @param login the login the token belongs to (shown, never a secret)
   * @param token the account token
   * @return this configuration
   */
  ConfigFile withSignIn(String server, String login, String token) {
    clientIdentifier();
    values.put("server", server);
    values.put("login", login);
    values.put("token", token);
    values.remove("jwt");
    return this;
  }

  /**
   * Forgets the token and the login it belongs to; the server and the client identifier stay, so
   * the next sign-in from this machine is the same device.
   *
   * @return this configuration
   */
  ConfigFile withoutToken() {
    values.remove("token");
    values.remove("login");
    return this;
  }

  /** Writes the file atomically with mode 0600, creating its directory with mode 0700 if needed. */
  void save() {
    try {
      Path dir = path.toAbsolutePath().getParent();
      boolean posix = Files.getFileStore(existingAncestor(dir)).supportsFileAttributeView("posix");
      if (!Files.isDirectory(dir)) {
        if (posix) {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
        } else {
          Files.createDirectories(dir);
        }
      }
      // Created 0600 from the start, so the token is never readable by others, not even briefly.
      FileAttribute<?>[] attributes =
          posix
              ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
              : new FileAttribute<?>[0];
      Path temp = Files.createTempFile(dir, ".config", ".tmp", attributes);
      try {
        Files.writeString(
            temp,
            JsonOutput.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(values) + "\n");
        if (posix) {
          Files.setPosixFilePermissions(temp, FILE_MODE);
        }
        try {
          Files.move(
              temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the config file " + path, e);
    }
  }

  private static Path existingAncestor(Path dir) {
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing == null ? Path.of("").toAbsolutePath() : existing;
  }

  private String text(String field) {
    JsonNode node = values.get(field);
    return node == null || !node.isTextual() || node.asText().isEmpty() ? null : node.asText();
  }
}
