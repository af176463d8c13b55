package dev.plexauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher with the real JVM and the real jar (after {@code package}, failsafe): the first
 * {@code serve} makes a class-data archive when it stops, the second runs with it, and a damaged
 * archive (cut in half: a JVM that mapped it would crash) never stops a start.
 */
class LauncherIT {

  private static final Pattern URL = Pattern.compile("PMS \\(serverURL\\): +(http://\\S+)");

  @TempDir Path root;

  @Test
  void serveMakesAnArchiveUsesItAndStartsAlsoWhenItIsDamaged() throws Exception {
    Files.copy(Path.of("..", "plexauth"), root.resolve("plexauth"));
    Path target = Files.createDirectories(root.resolve("plexauth-cli/target"));
    Files.copy(Path.of(System.getProperty("plexauth.jar")), target.resolve("plexauth.jar"));
    Path cds = target.resolve("cds");

    serveUntilAnswered(); // makes the archive when it stops
    Path archive;
    try (Stream<Path> files = Files.list(cds)) {
      assertThat(files.filter(f -> f.toString().endsWith(".tmp"))).hasSize(1);
    }

    List<String> withArchive = serveUntilAnswered();
    try (Stream<Path> files = Files.list(cds)) {
      archive = files.filter(f -> f.toString().endsWith(".jsa")).findFirst().orElseThrow();
    }
    assertThat(String.join("\n", withArchive)).doesNotContain("cds").doesNotContain("warning");

    try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "rw")) {
      file.setLength(file.length() / 2);
    }
    serveUntilAnswered();
    assertThat(archive).doesNotExist();
  }

  /** Starts serve through the launcher, waits for an answer (401 without a token), stops it. */
  private List<String> serveUntilAnswered() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                "bash",
                root.resolve("plexauth").toString(),
                "serve",
                "--port",
                "0",
                "--data-dir",
                root.resolve("data").toString())
            .redirectErrorStream(true);
    builder.environment().remove("PLEXAUTH_JAVA_OPTS");
    builder.environment().put("PLEXAUTH_ADMIN_PASSWORD", "launcher-Pa55word!");
    Process server = builder.start();
    server.getOutputStream().close();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("(read failed: " + e + ")");
              }
            });
    reader.setDaemon(true);
    reader.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      Matcher url = URL.matcher("");
      while (!(url = URL.matcher(String.join("\n", lines))).find()) {
        if (!server.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("serve did not start: " + lines);
        }
        Thread.sleep(50);
      }
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url.group(1) + "/api/v2/user")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(401);
    } finally {
      server.toHandle().destroy();
      if (!server.waitFor(120, TimeUnit.SECONDS)) {
        server.destroyForcibly();
        throw new AssertionError("serve did not stop on SIGTERM");
      }
    }
    return lines;
  }
}
