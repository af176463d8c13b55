package dev.plexauth.server.support;

import dev.plexauth.server.PlexAuthServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ServerMain} in a separate JVM with the test's class path: a second (or third) plexauth
 * instance on the same database, as a load balancer would see it. Every wait is bounded.
 */
public final class ServerProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration POLL = Duration.ofMillis(100);

  private final String name;
  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> output = new ArrayList<>();
  private final int port;

  private ServerProcess(
      String name, String jdbcUrl, Map<String, String> environment, int signInsPerMinute) {
    this.name = name;
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
                java.toString(),
                // A small, quickly started JVM: the machine runs several at once.
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                ServerMain.class.getName(),
                jdbcUrl,
                Integer.toString(signInsPerMinute))
            .redirectErrorStream(true);
    builder.environment().remove("PGPASSWORD");
    builder.environment().remove("PLEXAUTH_DB_PASSWORD");
    builder.environment().putAll(environment);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
    stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readOutput, name + "-output");
    reader.setDaemon(true);
    reader.start();
    try {
      String first = await(ServerMain.PORT_LINE, START_TIMEOUT);
      port = Integer.parseInt(first.substring(ServerMain.PORT_LINE.length()).strip());
    } catch (RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /**
   * Starts an instance and waits until it listens.
   *
   * @param name for messages, e.g. "A"
   * @param jdbcUrl the database
   * @param environment extra variables, e.g. the database password
   * @return the running instance
   */
  public static ServerProcess start(String name, String jdbcUrl, Map<String, String> environment) {
    return new ServerProcess(name, jdbcUrl, environment, PlexAuthServer.DEFAULT_SIGN_IN_RATE_LIMIT);
  }

  /**
   * Starts an instance with its own per-address sign-in limit (a load test from one address needs
   * more than the default) and waits until it listens.
   *
   * @param name for messages
   * @param jdbcUrl the database
   * @param environment extra variables
   * @param signInsPerMinute sign-in attempts allowed per address and minute
   * @return the running instance
   */
  public static ServerProcess start(
      String name, String jdbcUrl, Map<String, String> environment, int signInsPerMinute) {
    return new ServerProcess(name, jdbcUrl, environment, signInsPerMinute);
  }

  /**
   * Kills the instance with SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook
   * runs, nothing is flushed or closed.
   *
   * @return the exit status, 137 (128 + 9) for SIGKILL
   */
  public int kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " did not die within " + STOP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return process.exitValue();
  }

  /** The base URL. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Adds an account through this instance's embedding API. */
  public void addAccount(String username, String email, String password) {
    send("add-account " + username + " " + email + " " + password);
    await("added " + username, ANSWER_TIMEOUT);
  }

  private void send(String line) {
    try {
      stdin.write(line + "\n");
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot talk to " + name + "; output: " + output(), e);
    }
  }

  private String await(String prefix, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        String line =
            left > 0 ? lines.poll(Math.min(left, POLL.toNanos()), TimeUnit.NANOSECONDS) : null;
        if (line == null && left > 0 && process.isAlive()) {
          continue;
        }
        if (line == null) {
          throw new IllegalStateException(
              name
                  + (process.isAlive()
                      ? " did not print '" + prefix + "' within " + timeout
                      : " exited")
                  + "; output: "
                  + output());
        }
        if (line.startsWith(prefix)) {
          return line;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void readOutput() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        synchronized (output) {
          output.add(line);
        }
        lines.add(line);
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /** Everything the instance printed so far (its log), for failure messages. */
  public String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /** Stops the instance by closing its standard input; kills it if it does not stop in time. */
  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
