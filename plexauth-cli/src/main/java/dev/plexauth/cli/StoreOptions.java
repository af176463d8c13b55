package dev.plexauth.cli;

import dev.plexauth.server.PlexAuthAdmin;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the accounts and sources live: {@code --data-dir DIR} (SQLite in {@code DIR/plexauth.db})
 * or {@code --db JDBC_URL}. Without either, the default data directory ({@link Locations}).
 */
final class StoreOptions {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Data directory (SQLite database plexauth.db). Default: $PLEXAUTH_DATA_DIR, else"
              + " $XDG_DATA_HOME/plexauth, else ~/.local/share/plexauth.")
  Path dataDir;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description =
          "A database instead of the data directory: jdbc:sqlite:FILE or"
              + " jdbc:postgresql://HOST:PORT/DB?user=U (the password from $PLEXAUTH_DB_PASSWORD or"
              + " $PGPASSWORD, never on the command line).")
  String jdbcUrl;

  /**
   * The JDBC URL to use, or null for the data directory.
   *
   * @return the URL given with {@code --db}
   * @throws CliException when both options are given or the URL is not a JDBC URL
   */
  String jdbcUrl() {
    if (jdbcUrl == null) {
      return null;
    }
    if (dataDir != null) {
      throw CliException.usage("give --data-dir or --db, not both");
    }
    if (!jdbcUrl.startsWith("jdbc:sqlite:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw CliException.usage("--db must be a jdbc:sqlite: or jdbc:postgresql: URL");
    }
    return jdbcUrl;
  }

  /**
   * The data directory: {@code --data-dir} or the default.
   *
   * @param io the environment
   * @return the directory
   */
  Path dataDir(Io io) {
    return dataDir != null ? dataDir : Locations.dataDir(io);
  }

  /**
   * Opens the administration of the chosen store.
   *
   * @param io the environment
   * @return the administration; close it
   */
  PlexAuthAdmin openAdmin(Io io) {
    String url = jdbcUrl();
    return url != null
        ? PlexAuthAdmin.open(url, io.environment())
        : PlexAuthAdmin.open(dataDir(io), io.environment());
  }
}
