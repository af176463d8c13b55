package dev.plexauth.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}: where the signed-in state is kept (see {@link ConfigFile}). */
final class ConfigOption {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Config file with the server, token and client identifier. Default: $PLEXAUTH_CONFIG,"
              + " else $XDG_CONFIG_HOME/plexauth/config.json, else ~/.config/plexauth/config.json.")
  Path config;

  Path path(Io io) {
    return config != null ? config : Locations.configFile(io);
  }

  ConfigFile load(Io io) {
    return ConfigFile.load(path(io));
  }
}
