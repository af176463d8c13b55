package dev.plexauth.cli;

import dev.plexauth.sdk.DeviceKeyLogin;
import dev.plexauth.sdk.DeviceKeyStore;
import dev.plexauth.sdk.PlexAPI;
import dev.plexauth.sdk.models.PlexJwt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The CLI's device-key login: the device key in {@value #KEY_FILE} beside the config file (mode
 * 0600), the Plex JWT in the config file, refreshed when less than a day remains and saved again.
 */
final class JwtSession {

  /** The device key's file name, in the config file's directory. */
  static final String KEY_FILE = "device.key";

  private JwtSession() {}

  /** The device key file of a config file. */
  static Path keyFile(ConfigFile config) {
    return config.path().toAbsolutePath().resolveSibling(KEY_FILE);
  }

  /**
   * Registers this machine's device key with an account token and gets a first Plex JWT, saved in
   * the config.
   *
   * @param plex a client for the server, with the config's client identifier
   * @param config the config to save the JWT in
   * @param accountToken the account token to register the key with
   * @param clock the clock
   * @return the JWT
   */
  static PlexJwt upgrade(PlexAPI plex, ConfigFile config, String accountToken, Clock clock) {
    DeviceKeyLogin login =
        DeviceKeyLogin.builder(plex, DeviceKeyStore.file(keyFile(config))).clock(clock).build();
    login.register(accountToken);
    PlexJwt jwt = login.jwt();
    config.withJwt(jwt).save();
    return jwt;
  }

  /**
   * The login of a config that holds a Plex JWT: it hands out the stored JWT, refreshed first (and
   * saved) when less than a day remains.
   *
   * @param plex a client for the server, with the config's client identifier
   * @param config the config
   * @param stored the stored JWT
   * @param clock the clock
   * @return the login, to use as the client's access token
   */
  static DeviceKeyLogin resume(PlexAPI plex, ConfigFile config, PlexJwt stored, Clock clock) {
    Path key = keyFile(config);
    if (!Files.isRegularFile(key)) {
      throw CliException.refused(
          "the device key "
              + key
              + " is missing, so the stored Plex JWT cannot be renewed; sign in again (plexauth"
              + " signin, with --jwt to keep using JWTs)");
    }
    DeviceKeyLogin login =
        DeviceKeyLogin.builder(plex, DeviceKeyStore.file(keyFile(config)))
            .jwt(stored)
            .clock(clock)
            .build();
    PlexJwt current = login.jwt();
    if (!current.token().equals(stored.token())) {
      config.withJwt(current).save();
    }
    return login;
  }
}
