package dev.plexauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import picocli.CommandLine;

/**
 * Runs the plexauth command in-process with scripted standard input, terminal and environment, and
 * keeps every output so a test class can prove no password ever appeared.
 */
final class Cli {

  /** Everything any command printed in this JVM, out and err. */
  static final List<String> ALL_OUTPUT = new CopyOnWriteArrayList<>();

  private final Map<String, String> env = new HashMap<>();
  private String stdin = "";
  private Terminal terminal = Terminal.NONE;
  private java.time.Clock clock = java.time.Clock.systemUTC();
  private boolean stdoutIsTerminal;
  private final List<Runnable> shutdownHooks = new CopyOnWriteArrayList<>();

  /** A run whose HOME, config and data directory are the given folder, never the user's. */
  static Cli in(java.nio.file.Path home) {
    Cli cli = new Cli();
    cli.env.put("HOME", home.toString());
    cli.env.put("PLEXAUTH_CONFIG", home.resolve("config.json").toString());
    return cli;
  }

  /** A loopback port nothing listens on: opened, then closed. */
  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** The run's clock, e.g. the server's movable one. */
  Cli clock(java.time.Clock clock) {
    this.clock = clock;
    return this;
  }

  Cli stdin(String text) {
    this.stdin = text;
    return this;
  }

  Cli terminal(Terminal terminal) {
    this.terminal = terminal;
    return this;
  }

  /** Standard output is (or is not) a terminal a person looks at. */
  Cli stdoutIsTerminal(boolean terminal) {
    this.stdoutIsTerminal = terminal;
    return this;
  }

  List<Runnable> shutdownHooks() {
    return shutdownHooks;
  }

  Result run(String... args) {
    return run(new StringWriter(), args);
  }

  /** Runs with a given stdout buffer, which another thread may read while the command runs. */
  Result run(StringWriter out, String... args) {
    return run(out, new StringWriter(), args);
  }

  /** Runs with given stdout and stderr buffers, which another thread may read meanwhile. */
  Result run(StringWriter out, StringWriter err, String... args) {
    Io io =
        new Io(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            terminal,
            env,
            shutdownHooks::add,
            stdoutIsTerminal,
            clock);
    CommandLine commandLine = Main.commandLine(io, args);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    Result result = new Result(exitCode, out.toString(), err.toString());
    ALL_OUTPUT.add(result.out());
    ALL_OUTPUT.add(result.err());
    return result;
  }

  /** A finished run. */
  record Result(int exitCode, String out, String err) {

    Result succeeded() {
      assertThat(exitCode).as("exit code; stderr: %s", err).isZero();
      assertThat(err).isEmpty();
      return this;
    }

    /**
     * Failed with the code and exactly one {@code plexauth: …} line on stderr, nothing on stdout.
     */
    Result failed(int expectedExitCode) {
      assertThat(exitCode).as("exit code; stderr: %s", err).isEqualTo(expectedExitCode);
      assertThat(out).isEmpty();
      assertThat(err.lines().toList()).as("stderr lines").hasSize(1);
      assertThat(err).startsWith("plexauth: ").doesNotContain("Exception", "\tat ");
      return this;
    }
  }

  /** A terminal that answers prompts from a script and remembers them. */
  static final class ScriptedTerminal implements Terminal {
    final List<String> answers;
    final List<String> prompts = new ArrayList<>();
    final List<String> secretPrompts = new ArrayList<>();

    ScriptedTerminal(String... answers) {
      this.answers = new ArrayList<>(List.of(answers));
    }

    @Override
    public boolean interactive() {
      return true;
    }

    @Override
    public synchronized String readLine(String prompt) {
      prompts.add(prompt);
      return answers.isEmpty() ? null : answers.remove(0);
    }

    @Override
    public synchronized char[] readSecret(String prompt) {
      secretPrompts.add(prompt);
      return answers.isEmpty() ? null : answers.remove(0).toCharArray();
    }
  }
}
