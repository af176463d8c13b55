package dev.plexauth.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The conformance module's own files: the Node projects under {@code src/test/node}. Nothing
 * outside the repository is read; the OpenAPI document comes from the server's class path ({@link
 * OpenApiContract#load()}).
 */
final class RepositoryPaths {

  private static final Path NODE = Path.of("src", "test", "node");

  private RepositoryPaths() {}

  /**
   * The module's folder: where Maven runs its tests, or {@code plexauth-conformance} below the
   * repository root when run from there.
   */
  static Path module() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path candidate : List.of(dir, dir.resolve("plexauth-conformance"))) {
      if (Files.isDirectory(candidate.resolve(NODE).resolve("plexjs"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("cannot find plexauth-conformance/" + NODE + " from " + dir);
  }

  /** The Node project that runs the real plexjs client. */
  static Path plexjsHarness() {
    return module().resolve(NODE).resolve("plexjs");
  }

  /** The Node project that runs the real {@code @ctrl/plex} client. */
  static Path ctrlPlexHarness() {
    return module().resolve(NODE).resolve("ctrl-plex");
  }

  /** The Node project that checks the OpenAPI document against the official OpenAPI schema. */
  static Path openApiValidator() {
    return module().resolve(NODE).resolve("openapi");
  }
}
