package dev.plexauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plexauth.server.support.Fixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar as a user runs it: {@code java -jar plexauth.jar serve} in its own process on a
 * fresh data directory (so Flyway migrates from inside the jar), then sign-in and token details
 * through the jar. Runs after {@code package} (failsafe).
 */
class ShadedJarIT {

  private static final Pattern URL = Pattern.compile("PMS \\(serverURL\\): +(http://\\S+)");
  private static final Pattern OWNER =
      Pattern.compile("created the owner account '(\\w+)' with the password (\\S+) ");

  @TempDir static Path home;
  static Process server;
  static final List<String> serverOut = new CopyOnWriteArrayList<>();
  static final List<String> serverErr = new CopyOnWriteArrayList<>();
  static String url;
  static String ownerPassword;

  @BeforeAll
  static void serve() throws Exception {
    server = process("serve", "--port", "0", "--data-dir", home.resolve("data").toString()).start();
    server.getOutputStream().close();
    collectLines(server, false, serverOut);
    collectLines(server, true, serverErr);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (serverOut.stream().noneMatch(line -> line.contains("Press Ctrl+C"))) {
      if (!server.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("serve did not start: " + serverOut + " " + serverErr);
      }
      Thread.sleep(50);
    }
    String printed = String.join("\n", serverOut);
    Matcher pms = URL.matcher(printed);
    Matcher owner = OWNER.matcher(printed);
    assertThat(pms.find()).as(printed).isTrue();
    assertThat(owner.find()).as(printed).isTrue();
    url = pms.group(1);
    ownerPassword = owner.group(2);
  }

  private static void collectLines(Process process, boolean err, List<String> lines) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(
                          err ? process.getErrorStream() : process.getInputStream(),
                          StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("(read failed: " + e + ")");
              }
            });
    reader.setDaemon(true);
    reader.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      // SIGTERM, as Ctrl+C or a service manager sends it; through the handle, so the streams stay
      // open and the farewell line can be read. The shutdown hook stops the server cleanly.
      server.toHandle().destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
        throw new AssertionError("serve did not stop on SIGTERM");
      }
      Thread.sleep(200); // let the reader see the last line
      assertThat(serverOut).contains("plexauth: stopped");
    }
  }

  @Test
  void theJarServesSignsInAndReadsTheTokenDetails() throws Exception {
    Run signin =
        run(
            ownerPassword + "\n",
            "signin",
            "--server",
            url,
            "--login",
            "admin",
            "--password-stdin");
    assertThat(signin.exitCode).as(signin.err).isZero();
    assertThat(signin.out).startsWith("Signed in as admin; token saved to ");

    Run details = run("", "token", "details");
    assertThat(details.exitCode).as(details.err).isZero();
    assertThat(details.out).startsWith("admin <").contains("admin:      yes");

    Run added =
        run(
            "tina-Pa55word!\n",
            "user",
            "add",
            "--data-dir",
            home.resolve("data").toString(),
            "--username",
            "tina",
            "--email",
            "tina@example.com",
            "--password-stdin",
            "--totp",
            "--json");
    assertThat(added.exitCode).as(added.err).isZero();
    JsonNode tina = JsonOutput.MAPPER.readTree(added.out);
    String code = Fixture.totpCode(tina.get("totpSecret").asText(), Instant.now());
    Run twoFactor =
        run("tina-Pa55word!\n" + code + "\n", "signin", "--login", "tina", "--password-stdin");
    assertThat(twoFactor.exitCode).as(twoFactor.err).isZero();

    assertThat(signin.out + details.out + twoFactor.out + signin.err + details.err)
        .doesNotContain(ownerPassword, "tina-Pa55word!");
    assertThat(String.join("\n", serverErr)).doesNotContain(ownerPassword, "tina-Pa55word!");
    assertThat(String.join("\n", serverErr)).contains("POST /api/v2/users/signin 201");
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String stdin, String... args) throws Exception {
    Process process = process(args).start();
    CompletableFuture<String> out = readAll(process, false);
    CompletableFuture<String> err = readAll(process, true);
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("plexauth " + String.join(" ", args) + " did not finish");
    }
    return new Run(process.exitValue(), out.get(), err.get());
  }

  private static CompletableFuture<String> readAll(Process process, boolean err) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(
                (err ? process.getErrorStream() : process.getInputStream()).readAllBytes(),
                StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  private static ProcessBuilder process(String... args) {
    Path jar = Path.of(System.getProperty("plexauth.jar", "target/plexauth.jar"));
    assertThat(jar).as("run ./mvnw package first").exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("PLEXAUTH_") || name.startsWith("XDG_"));
    env.remove("PLEX_TOKEN");
    env.put("HOME", home.toString());
    env.put("PLEXAUTH_CONFIG", home.resolve("config.json").toString());
    return builder;
  }
}
