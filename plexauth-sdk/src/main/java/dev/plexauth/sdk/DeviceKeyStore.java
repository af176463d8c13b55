package dev.plexauth.sdk;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Optional;

/**
 * Where an application keeps its device key, the Ed25519 key pair of {@link DeviceKeyLogin}. The
 * private key is a credential: keep it where only the application can read it. {@link #file(Path)}
 * keeps it in a file readable by its owner only (0600).
 *
 * <pre>{@code
 * DeviceKeyStore keys = DeviceKeyStore.file(Path.of(System.getProperty("user.home"), ".myapp", "device.key"));
 * }</pre>
 */
public interface DeviceKeyStore {

  /**
   * The stored key pair.
   *
   * @return the key pair, or empty when none has been saved
   */
  Optional<KeyPair> load();

  /**
   * Stores the key pair, replacing any earlier one.
   *
   * @param keys an Ed25519 key pair
   */
  void save(KeyPair keys);

  /**
   * A store in a file readable and writable by its owner only (0600), written atomically. Loading a
   * file that others may read is refused.
   *
   * @param file the file; its directory is created if missing
   * @return the store
   */
  static DeviceKeyStore file(Path file) {
    return new FileDeviceKeyStore(file);
  }
}
