package dev.plexauth.conformance;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's files and the shared contract beside the repository. */
final class RepositoryPaths {

  private RepositoryPaths() {}

  /** The repository root: the nearest folder above the working directory with the Maven wrapper. */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("mvnw"))
          && Files.isDirectory(dir.resolve("conformance"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "cannot find the repository root above " + Path.of("").toAbsolutePath());
  }

  /**
   * The OpenAPI contract, read where the project keeps it: {@code shared/reference/} beside the
   * repository, or the path in {@code PLEXAUTH_CONTRACT}.
   */
  static Path contract() {
    String override = System.getenv("PLEXAUTH_CONTRACT");
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    Path contract =
        root().resolveSibling("shared").resolve("reference").resolve("plex-auth-openapi.yaml");
    if (!Files.isRegularFile(contract)) {
      throw new IllegalStateException(
          "the OpenAPI contract is not at "
              + contract
              + "; set PLEXAUTH_CONTRACT to the path of plex-auth-openapi.yaml");
    }
    return contract;
  }

  /** The Node project that runs the real plexjs client. */
  static Path plexjsHarness() {
    return root().resolve("conformance").resolve("plexjs");
  }
}
