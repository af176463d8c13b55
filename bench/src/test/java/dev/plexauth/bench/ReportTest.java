package dev.plexauth.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Report} against committed raw results ({@code src/test/resources/report}), in the formats
 * {@code bench/run.sh} leaves: wrk's {@code report.lua} lines, JMH's JSON, the plexjs loop's JSON
 * lines, the text files and {@code machine.properties}.
 *
 * <ul>
 *   <li>{@code page-results}: the figures of {@code docs/benchmarks.md} as written at d6c53d8, put
 *       back into those formats, and figures of the same shape for the routes item 1 measures since
 *       (GET /, /api/v2/ping, /api/v2/resources, /api/v2/devices, /api/v2/user with a Plex JWT);
 *       with that commit's {@code bench/findings.md}, they give that page with those rows and the
 *       words of item 1 that came with them.
 *   <li>{@code edges-results}: what that run does not reach: two runs each (an even median), JVM
 *       options, errors and non-2xx answers, JMH results of two forks, no findings, the scale runs
 *       of item 5 on SQLite and PostgreSQL with the sign-in at scale, and every goal exactly at its
 *       threshold (met for ≤ and ≥, missed for < and >); the CPU goal of GET /api/v2/user is shown
 *       as 2.00 but is just over 2 and judged on that. Of the later routes, GET / is exactly at its
 *       three thresholds (met), GET /api/v2/ping just past them (missed), GET /api/v2/resources has
 *       an even median between two different runs, and the Plex JWT row has errors and non-2xx
 *       answers, counted with the others.
 * </ul>
 *
 * <p>The pages were first written by a Report that built them with {@code StringBuilder} chains;
 * they were regenerated when the goals of the page changed (the launcher's JVM options, the p99,
 * CPU, start and memory goals, item 5, the routes of item 1), and each change of them was read line
 * by line.
 */
class ReportTest {

  @TempDir Path dir;

  @Test
  void writesThePageOfTheRunFromItsRawResults() throws IOException {
    Files.createDirectories(dir.resolve("bench"));
    Files.copy(resource("page-findings.md"), dir.resolve("bench/findings.md"));

    assertThat(write(resource("page-results"))).isEqualTo(read(resource("page-expected.md")));
  }

  @Test
  void writesEvenRunCountsErrorsJvmOptionsAndGoalsAtTheirThresholds() throws IOException {
    assertThat(write(resource("edges-results"))).isEqualTo(read(resource("edges-expected.md")));
  }

  @Test
  void aMissingResultFileFailsWithItsNameAndWritesNothing() throws IOException {
    Path results = copy(resource("page-results"));
    Files.delete(results.resolve("verify-in-server.txt"));

    assertThatThrownBy(() -> write(results))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("verify-in-server.txt");
    assertThat(dir.resolve("docs/benchmarks.md")).doesNotExist();
  }

  @Test
  void aBenchmarkMissingFromTheJmhResultsFailsWithItsName() throws IOException {
    Path results = copy(resource("page-results"));
    for (int round = 0; round < 3; round++) {
      Files.delete(results.resolve("sdk-" + round + "-apacheHttpClient5.jmh.json"));
    }

    assertThatThrownBy(() -> write(results))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("apacheHttpClient5 is missing from sdk-*.jmh.json");
  }

  /** Runs Report as bench/run.sh does: the page in docs/, bench/findings.md beside it. */
  private String write(Path results) throws IOException {
    Path page = dir.resolve("docs/benchmarks.md");
    Files.createDirectories(page.getParent());
    Report.main(new String[] {results.toString(), page.toString()});
    return read(page);
  }

  private Path copy(Path results) throws IOException {
    Path copy = Files.createDirectories(dir.resolve("results"));
    try (Stream<Path> files = Files.list(results)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }
    return copy;
  }

  private static Path resource(String name) {
    try {
      return Path.of(ReportTest.class.getResource("/report/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
