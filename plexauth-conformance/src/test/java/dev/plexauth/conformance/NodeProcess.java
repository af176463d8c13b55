package dev.plexauth.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs node and npm for the module's Node projects (the plexjs harness, the OpenAPI validator),
 * with a deadline and the output kept for failures.
 */
final class NodeProcess {

  record Outcome(int exitCode, String stdout, String stderr) {}

  private NodeProcess() {}

  /** Fails with a message saying what to install when node or npm is missing. */
  static void requireNodeAndNpm() {
    for (String tool : List.of("node", "npm")) {
      try {
        Outcome version =
            run(Path.of("."), List.of(tool, "--version"), Map.of(), Duration.ofSeconds(60));
        if (version.exitCode() != 0) {
          throw new AssertionError(missing(tool) + " (`" + tool + " --version` failed)");
        }
      } catch (IOException e) {
        throw new AssertionError(missing(tool), e);
      }
    }
  }

  private static String missing(String tool) {
    return "The conformance tests need Node.js 18+ and npm, and `"
        + tool
        + "` is not usable here. Install them (Debian: apt-get install nodejs npm); .ci/run does.";
  }

  /**
   * Installs a Node project's dependencies exactly as its lockfile pins them ({@code npm ci});
   * fails the test with npm's output when that fails.
   */
  static void npmCi(Path project) {
    try {
      Outcome install =
          run(
              project,
              List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"),
              Map.of(),
              Duration.ofMinutes(5));
      if (install.exitCode() != 0) {
        throw new AssertionError("npm ci in " + project + " failed:\n" + install.stderr());
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run npm ci in " + project, e);
    }
  }

  static Outcome run(Path dir, List<String> command, Map<String, String> env, Duration deadline)
      throws IOException {
    Path out = Files.createTempFile("plexauth-node-", ".out");
    Path err = Files.createTempFile("plexauth-node-", ".err");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      builder.environment().putAll(env);
      Process process = builder.start();
      try {
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new AssertionError(
              String.join(" ", command) + " did not finish within " + deadline.toSeconds() + " s");
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while running " + command, e);
      }
      return new Outcome(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
