package dev.plexauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code plexauth} launcher at the repository root, run by bash with a stand-in {@code java}
 * that records its arguments: the default JVM options, the class-data archive made on a first run,
 * checked and then reused, never used when damaged, and {@code PLEXAUTH_JAVA_OPTS} replacing it
 * all. The launcher runs from a copy in a temporary root, so it never touches this checkout.
 */
class LauncherTest {

  private static final List<String> DEFAULTS =
      List.of(
          "-XX:+UseSerialGC",
          "-Xms32m",
          "-Xmx256m",
          "-Xmn12m",
          "-XX:MinHeapFreeRatio=10",
          "-XX:MaxHeapFreeRatio=30",
          "-XX:TrimNativeHeapInterval=5000",
          "-Dorg.eclipse.jetty.util.referencesPerCacheLine=16");

  /**
   * Records each call as one line of arguments; makes the archive an {@code
   * -XX:ArchiveClassesAtExit} asks for (a damaged one when FAKE_JAVA_DAMAGE is set); a {@code
   * -version} run fails as a real JVM does when the archive it maps is damaged.
   */
  private static final String FAKE_JAVA =
      """
      #!/usr/bin/env bash
      printf '%s\\n' "$*" >>"$FAKE_JAVA_LOG"
      shared=
      for a in "$@"; do
        case "$a" in
          -XX:ArchiveClassesAtExit=*)
            if [ -n "${FAKE_JAVA_DAMAGE:-}" ]; then echo damaged >"${a#*=}"; else echo archive >"${a#*=}"; fi ;;
          -XX:SharedArchiveFile=*) shared="${a#*=}" ;;
          -version) if grep -q damaged "$shared"; then exit 134; fi; exit 0 ;;
        esac
      done
      """;

  @TempDir Path root;
  Path jar;
  Path cds;
  Path log;
  Path jdk;

  @BeforeEach
  void copyTheLauncherBesideAJarAndAFakeJdk() throws IOException {
    Path launcher = root.resolve("plexauth");
    Files.copy(Path.of("..", "plexauth"), launcher);
    jar = Files.createDirectories(root.resolve("plexauth-cli/target")).resolve("plexauth.jar");
    Files.writeString(jar, "a jar");
    cds = root.resolve("plexauth-cli/target/cds");
    log = root.resolve("java.log");
    jdk = root.resolve("jdk");
    Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
    Files.writeString(java, FAKE_JAVA);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
    Files.writeString(
        Files.createDirectories(jdk.resolve("lib/server")).resolve("classes.jsa"), "base");
  }

  @Test
  void theFirstRunGetsTheDefaultsAndMakesAnArchiveTheNextChecksAndTheOnesAfterReuse()
      throws Exception {
    List<String> first = run(Map.of(), "serve", "--port", "0");

    assertThat(first).hasSize(1);
    List<String> made = words(first.get(0));
    assertThat(made).containsSubsequence(DEFAULTS);
    String dump = option(made, "-XX:ArchiveClassesAtExit=");
    assertThat(dump).startsWith(cds + "/serve-").endsWith(".tmp");
    assertThat(made).containsSubsequence("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    assertThat(made.subList(made.size() - 5, made.size()))
        .containsExactly("-jar", jar.toString(), "serve", "--port", "0");
    assertThat(option(made, "-XX:SharedArchiveFile=")).isEmpty();

    List<String> second = run(Map.of(), "serve");

    // A JVM that only maps the new archive checks it, then the server uses it.
    assertThat(second).hasSize(2);
    List<String> check = words(second.get(0));
    assertThat(check).contains("-Xshare:on", "-version");
    assertThat(option(check, "-XX:SharedArchiveFile=")).isEqualTo(dump);
    String archive = dump.replaceAll("\\.\\d+\\.tmp$", "");
    List<String> served = words(second.get(1));
    assertThat(served).containsSubsequence(DEFAULTS);
    assertThat(option(served, "-XX:SharedArchiveFile=")).isEqualTo(archive);
    assertThat(option(served, "-XX:ArchiveClassesAtExit=")).isEmpty();
    assertThat(Path.of(archive)).exists();
    assertThat(Path.of(dump)).doesNotExist();

    List<String> third = run(Map.of(), "serve");

    assertThat(third).hasSize(1);
    assertThat(option(words(third.get(0)), "-XX:SharedArchiveFile=")).isEqualTo(archive);
  }

  @Test
  void plexauthJavaOptsReplacesTheDefaultsAndTheArchive() throws Exception {
    List<String> set = run(Map.of("PLEXAUTH_JAVA_OPTS", "-Xmx1g -Dplexauth.x=y"), "serve");
    assertThat(set).containsExactly("-Xmx1g -Dplexauth.x=y -jar " + jar + " serve");

    List<String> empty = run(Map.of("PLEXAUTH_JAVA_OPTS", ""), "user", "list");
    assertThat(empty).containsExactly("-jar " + jar + " user list");

    assertThat(cds).doesNotExist();
  }

  @Test
  void aDamagedArchiveIsDeletedAndTheRunGoesWithoutIt() throws Exception {
    run(Map.of(), "serve");
    run(Map.of(), "serve");
    Path archive = onlyArchive();
    Files.writeString(archive, "flipped bits", StandardOpenOption.APPEND);

    List<String> after = run(Map.of(), "serve");

    assertThat(after).hasSize(1);
    List<String> served = words(after.get(0));
    assertThat(option(served, "-XX:SharedArchiveFile=")).isEmpty();
    assertThat(option(served, "-XX:ArchiveClassesAtExit=")).startsWith(archive + ".");
    assertThat(archive).doesNotExist();
    assertThat(served).containsSubsequence(DEFAULTS);
  }

  @Test
  void anArchiveThatFailsItsCheckIsNeverUsed() throws Exception {
    String dump =
        option(
            words(run(Map.of("FAKE_JAVA_DAMAGE", "1"), "serve").get(0)),
            "-XX:ArchiveClassesAtExit=");

    List<String> next = run(Map.of(), "serve");

    assertThat(next).hasSize(2);
    assertThat(words(next.get(0))).contains("-Xshare:on", "-version");
    List<String> served = words(next.get(1));
    assertThat(option(served, "-XX:SharedArchiveFile=")).isEmpty();
    assertThat(option(served, "-XX:ArchiveClassesAtExit=")).isNotEmpty().isNotEqualTo(dump);
    assertThat(Path.of(dump)).doesNotExist();
  }

  @Test
  void aRebuiltJarMakesANewArchiveAndTheOldOneGoes() throws Exception {
    run(Map.of(), "serve");
    run(Map.of(), "serve");
    Path old = onlyArchive();
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));

    List<String> rebuilt = run(Map.of(), "serve");

    List<String> served = words(rebuilt.get(rebuilt.size() - 1));
    assertThat(option(served, "-XX:SharedArchiveFile=")).isEmpty();
    assertThat(option(served, "-XX:ArchiveClassesAtExit="))
        .isNotEmpty()
        .doesNotStartWith(old + ".");
    assertThat(old).doesNotExist();
  }

  @Test
  void helpAndVersionRunsMakeNoArchive() throws Exception {
    for (List<String> args : List.of(List.of("serve", "--help"), List.of("--version"))) {
      List<String> calls = run(Map.of(), args.toArray(String[]::new));
      assertThat(calls).hasSize(1);
      assertThat(words(calls.get(0)))
          .containsSubsequence(DEFAULTS)
          .noneMatch(w -> w.contains("Archive"));
    }
    assertThat(cds.toFile().list()).isNullOrEmpty();
  }

  /** Runs the launcher and returns the stand-in java's calls of that run, one line each. */
  private List<String> run(Map<String, String> env, String... args) throws Exception {
    Files.deleteIfExists(log);
    List<String> command = new ArrayList<>(List.of("bash", root.resolve("plexauth").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("PLEXAUTH_JAVA_OPTS");
    builder.environment().put("PATH", jdk.resolve("bin") + ":" + System.getenv("PATH"));
    builder.environment().put("FAKE_JAVA_LOG", log.toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  private Path onlyArchive() throws IOException {
    try (Stream<Path> files = Files.list(cds)) {
      List<Path> archives = files.filter(f -> f.toString().endsWith(".jsa")).toList();
      assertThat(archives).hasSize(1);
      return archives.get(0);
    }
  }

  private static List<String> words(String line) {
    return List.of(line.split(" "));
  }

  /** The value of an option given as PREFIX + value, or empty. */
  private static String option(List<String> words, String prefix) {
    return words.stream()
        .filter(w -> w.startsWith(prefix))
        .map(w -> w.substring(prefix.length()))
        .findFirst()
        .orElse("");
  }
}
