package dev.plexauth.cli;

import java.nio.file.Path;

/**
 * The default places of the data directory and the config file, after the XDG base directory
 * convention.
 *
 * <ul>
 *   <li>data directory: {@code $PLEXAUTH_DATA_DIR}, else {@code $XDG_DATA_HOME/plexauth}, else
 *       {@code ~/.local/share/plexauth}
 *   <li>config file: {@code $PLEXAUTH_CONFIG}, else {@code $XDG_CONFIG_HOME/plexauth/config.json},
 *       else {@code ~/.config/plexauth/config.json}
 * </ul>
 */
final class Locations {

  private Locations() {}

  static Path dataDir(Io io) {
    String explicit = io.env("PLEXAUTH_DATA_DIR");
    if (explicit != null) {
      return Path.of(explicit);
    }
    String xdg = io.env("XDG_DATA_HOME");
    if (xdg != null && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "plexauth");
    }
    return home(io).resolve(".local").resolve("share").resolve("plexauth");
  }

  static Path configFile(Io io) {
    String explicit = io.env("PLEXAUTH_CONFIG");
    if (explicit != null) {
      return Path.of(explicit);
    }
    String xdg = io.env("XDG_CONFIG_HOME");
    if (xdg != null && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "plexauth", "config.json");
    }
    return home(io).resolve(".config").resolve("plexauth").resolve("config.json");
  }

  private static Path home(Io io) {
    String home = io.env("HOME");
    return Path.of(home != null ? home : System.getProperty("user.home"));
  }
}
