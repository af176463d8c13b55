package dev.plexauth.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a command reads from its surroundings besides its arguments: standard input, the terminal,
 * the environment and the place to register shutdown work. Output goes through picocli's {@code
 * getOut()}/{@code getErr()}.
 *
 * <p>{@link #system()} is the real process; tests build one with scripted input:
 *
 * <pre>{@code
 * Io io = new Io(new ByteArrayInputStream("s3cret\n".getBytes(UTF_8)), Terminal.NONE,
 *     Map.of("PLEXAUTH_CONFIG", configFile.toString()), hook -> {});
 * int exit = Main.commandLine(io).execute("signin", "--server", url, "--login", "alice",
 *     "--password-stdin");
 * }</pre>
 */
public final class Io {

  private final InputStream stdin;
  private final Terminal terminal;
  private final Map<String, String> env;
  private final Consumer<Runnable> shutdownHooks;
  private final boolean stdoutIsTerminal;
  private final Clock clock;
  private BufferedReader stdinLines;

  /**
   * Creates the surroundings of one run.
   *
   * @param stdin standard input (read only when a command is told to, e.g. {@code
   *     --password-stdin})
   * @param terminal the terminal for prompts, or {@link Terminal#NONE}
   * @param env the environment variables
   * @param shutdownHooks registers work to run when the process is asked to stop
   */
  public Io(
      InputStream stdin,
      Terminal terminal,
      Map<String, String> env,
      Consumer<Runnable> shutdownHooks) {
    this(stdin, terminal, env, shutdownHooks, false);
  }

  /**
   * Creates the surroundings of one run, saying whether standard output is a terminal.
   *
   * @param stdin standard input
   * @param terminal the terminal for prompts, or {@link Terminal#NONE}
   * @param env the environment variables
   * @param shutdownHooks registers work to run when the process is asked to stop
   * @param stdoutIsTerminal whether standard output goes to a terminal (a person sees it as
   *     printed, so a QR code can be drawn there)
   */
  public Io(
      InputStream stdin,
      Terminal terminal,
      Map<String, String> env,
      Consumer<Runnable> shutdownHooks,
      boolean stdoutIsTerminal) {
    this(stdin, terminal, env, shutdownHooks, stdoutIsTerminal, Clock.systemUTC());
  }

  /**
   * Creates the surroundings of one run, with a clock (which decides when a Plex JWT is refreshed
   * and signs the device's JWTs).
   *
   * @param stdin standard input
   * @param terminal the terminal for prompts, or {@link Terminal#NONE}
   * @param env the environment variables
   * @param shutdownHooks registers work to run when the process is asked to stop
   * @param stdoutIsTerminal whether standard output goes to a terminal
   * @param clock the clock
   */
  public Io(
      InputStream stdin,
      Terminal terminal,
      Map<String, String> env,
      Consumer<Runnable> shutdownHooks,
      boolean stdoutIsTerminal,
      Clock clock) {
    this.stdin = Objects.requireNonNull(stdin, "stdin == null");
    this.terminal = Objects.requireNonNull(terminal, "terminal == null");
    this.env = Map.copyOf(Objects.requireNonNull(env, "env == null"));
    this.shutdownHooks = Objects.requireNonNull(shutdownHooks, "shutdownHooks == null");
    this.stdoutIsTerminal = stdoutIsTerminal;
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /**
   * The clock of this run.
   *
   * @return the clock; the system's in a real process
   */
  public Clock clock() {
    return clock;
  }

  /**
   * The real process: {@code System.in}, the console if there is one, {@code System.getenv()} and
   * JVM shutdown hooks (run on SIGINT and SIGTERM).
   *
   * @return the process's surroundings
   */
  public static Io system() {
    // Java has a console only when both standard input and output are the terminal.
    return new Io(
        System.in,
        Terminal.system(),
        System.getenv(),
        hook -> Runtime.getRuntime().addShutdownHook(new Thread(hook, "plexauth-shutdown")),
        System.console() != null);
  }

  /**
   * Whether standard output goes to a terminal.
   *
   * @return true when a person sees the output as it is printed
   */
  public boolean stdoutIsTerminal() {
    return stdoutIsTerminal;
  }

  /**
   * The terminal for prompts.
   *
   * @return the terminal, {@link Terminal#NONE} when there is none
   */
  public Terminal terminal() {
    return terminal;
  }

  /**
   * All environment variables, for the server and the database settings that read several of them
   * ({@code PLEXAUTH_ADMIN_*}, {@code PLEXAUTH_DB_PASSWORD}, {@code PGPASSWORD}, …).
   *
   * @return an unmodifiable map
   */
  public Map<String, String> environment() {
    return env;
  }

  /**
   * An environment variable.
   *
   * @param name the name
   * @return the value, or null when unset or empty
   */
  public String env(String name) {
    String value = env.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /**
   * Reads the next line of standard input, without its line break.
   *
   * @return the line, or null at the end of input
   */
  public synchronized String readStdinLine() {
    if (stdinLines == null) {
      stdinLines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
    }
    try {
      return stdinLines.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read standard input", e);
    }
  }

  /**
   * Registers work to run when the process is asked to stop (SIGINT, SIGTERM).
   *
   * @param hook the work
   */
  public void onShutdown(Runnable hook) {
    shutdownHooks.accept(hook);
  }
}
