package dev.plexauth.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link DeviceKeyStore#file(Path)}: two lines, the PKCS#8 private key and the X.509 public key,
 * base64, in a file of mode 0600 written through a temporary file and an atomic move.
 */
final class FileDeviceKeyStore implements DeviceKeyStore {

  private static final String HEADER = "plexauth-device-key-v1";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path file;

  FileDeviceKeyStore(Path file) {
    this.file = Objects.requireNonNull(file, "file == null").toAbsolutePath();
  }

  @Override
  public Optional<KeyPair> load() {
    List<String> lines;
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.stream().anyMatch(p -> !p.name().startsWith("OWNER_"))) {
        throw new IllegalStateException(
            "the device key file "
                + file
                + " may be read by other users ("
                + PosixFilePermissions.toString(permissions)
                + "); chmod 600 it");
      }
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (UnsupportedOperationException e) {
      // no POSIX permissions here: the directory's protection applies
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the device key file " + file, e);
    }
    try {
      lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the device key file " + file, e);
    }
    if (lines.size() < 3 || !HEADER.equals(lines.get(0))) {
      throw new IllegalStateException("the device key file " + file + " holds no device key");
    }
    try {
      KeyFactory factory = KeyFactory.getInstance("Ed25519");
      return Optional.of(
          new KeyPair(
              factory.generatePublic(
                  new X509EncodedKeySpec(Base64.getDecoder().decode(lines.get(2).strip()))),
              factory.generatePrivate(
                  new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(1).strip())))));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "the device key file " + file + " holds no readable Ed25519 key", null);
    }
  }

  @Override
  public void save(KeyPair keys) {
    Objects.requireNonNull(keys, "keys == null");
    String text =
        HEADER
            + "\n"
            + Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded())
            + "\n"
            + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())
            + "\n";
    try {
      Path dir = file.getParent();
      Files.createDirectories(dir);
      Path temp;
      try {
        temp =
            Files.createTempFile(
                dir, ".device-key", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (UnsupportedOperationException e) {
        temp = Files.createTempFile(dir, ".device-key", ".tmp");
      }
      try {
        Files.writeString(temp, text, StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the device key file " + file, e);
    }
  }

  @Override
  public String toString() {
    return "DeviceKeyStore[file=" + file + "]";
  }
}
