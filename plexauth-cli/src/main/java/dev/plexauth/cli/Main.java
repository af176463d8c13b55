package dev.plexauth.cli;

import dev.plexauth.server.PlexAuthServer;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code plexauth} command.
 *
 * <pre>{@code
 * plexauth serve
 * plexauth signin --server http://127.0.0.1:32400 --login admin
 * plexauth token details
 * }</pre>
 *
 * Exit codes: 0 success, 1 the server (or the database) said no, 2 a wrong command line, 3 the
 * server (or the database) could not be reached. Embedded or in tests, {@link #commandLine(Io)}
 * runs commands in-process with scripted input.
 */
@Command(
    name = "plexauth",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    usageHelpAutoWidth = true,
    description = "A Plex-compatible authentication server and its client.",
    footer = {
      "",
      "Exit codes: 0 success, 1 refused by the server or the database, 2 wrong command line,"
          + " 3 server or database unreachable."
    })
public final class Main implements Callable<Integer> {

  /** The commands, in the order the usage help lists them. */
  private static final List<Class<?>> COMMANDS =
      List.of(
          ServeCommand.class,
          SigninCommand.class,
          SignoutCommand.class,
          PingCommand.class,
          LinkCommand.class,
          TokenCommand.class,
          ResourcesCommand.class,
          DevicesCommand.class,
          SourceCommand.class,
          UserCommand.class,
          KeysCommand.class,
          CommandLine.HelpCommand.class);

  @Spec CommandSpec spec;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Show debug logs and the stack trace of an error.")
  boolean verbose;

  /** Creates the top-level command; subcommands come from {@link #commandLine(Io)}'s factory. */
  public Main() {}

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    if ("serve".equals(commandName(args))) {
      // The server's libraries load on another core while the command line is read.
      PlexAuthServer.preload(databaseUrl(args));
    }
    int exitCode = commandLine(Io.system(), args).execute(args);
    System.exit(exitCode);
  }

  /**
   * The command line, with the exit-code mapping, logging setup and the given surroundings. Set
   * {@code setOut}/{@code setErr} to capture output.
   *
   * @param io standard input, terminal, environment and shutdown hooks
   * @return the command line; {@code execute(args)} returns the exit code
   */
  public static CommandLine commandLine(Io io) {
    return commandLine(io, COMMANDS);
  }

  /**
   * The command line for these arguments: with only the command they name, when they name one.
   * picocli builds every command's model by reflection when the command line is made, which was a
   * fifth of the CPU time of a {@code serve} start; usage help, {@code help} and a mistyped command
   * get them all.
   *
   * @param io standard input, terminal, environment and shutdown hooks
   * @param args the arguments the command line will execute
   * @return the command line
   */
  static CommandLine commandLine(Io io, String[] args) {
    String name = commandName(args);
    for (Class<?> command : COMMANDS) {
      // help describes the others: it needs them all.
      if (command != CommandLine.HelpCommand.class
          && command.getAnnotation(Command.class).name().equals(name)) {
        return commandLine(io, List.of(command));
      }
    }
    return commandLine(io, COMMANDS);
  }

  /** The value given with {@code --db}, or null: a guess made before the command line is read. */
  static String databaseUrl(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--db") && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith("--db=")) {
        return args[i].substring("--db=".length());
      }
    }
    return null;
  }

  /** The first argument that is not one of the top-level options, all of which are flags. */
  private static String commandName(String[] args) {
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        return arg;
      }
      if (arg.equals("--")) {
        return null;
      }
    }
    return null;
  }

  private static CommandLine commandLine(Io io, List<Class<?>> commands) {
    CommandLine commandLine = new CommandLine(new Main(), new Factory(io));
    for (Class<?> command : commands) {
      commandLine.addSubcommand(command);
    }
    ErrorHandler errors = new ErrorHandler();
    commandLine.setExecutionExceptionHandler(errors);
    commandLine.setParameterExceptionHandler(errors);
    commandLine.setExecutionStrategy(
        parseResult -> {
          Logging.configure(isServe(parseResult), verbose(parseResult.originalArgs()));
          return new CommandLine.RunLast().execute(parseResult);
        });
    return commandLine;
  }

  /** Without a command: the usage help on standard error, and the usage exit code. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CliException.USAGE;
  }

  /** Whether {@code --verbose} is among the arguments (before a {@code --}). */
  static boolean verbose(List<String> args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        return false;
      }
      if (arg.equals("--verbose")) {
        return true;
      }
    }
    return false;
  }

  static boolean verbose(String[] args) {
    return verbose(List.of(args));
  }

  private static boolean isServe(ParseResult parseResult) {
    List<CommandLine> commands = parseResult.asCommandLineList();
    return commands.get(commands.size() - 1).getCommand() instanceof ServeCommand;
  }

  /** Creates commands, handing {@link Io} to those whose constructor takes it. */
  private static final class Factory implements IFactory {
    private final Io io;

    Factory(Io io) {
      this.io = io;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      Constructor<K> withIo;
      try {
        withIo = type.getDeclaredConstructor(Io.class);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(type);
      }
      withIo.setAccessible(true);
      return withIo.newInstance(io);
    }
  }
}
