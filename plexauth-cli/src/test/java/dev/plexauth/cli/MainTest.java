package dev.plexauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.cli.Cli.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  @TempDir Path home;

  @Test
  void versionPrintsTheBuiltVersion() {
    Result result = Cli.in(home).run("--version").succeeded();

    assertThat(result.out()).startsWith("plexauth ").doesNotContain("unknown");
  }

  @Test
  void everyCommandHasHelp() {
    String[][] commands = {
      {},
      {"serve"},
      {"signin"},
      {"token"},
      {"token", "details"},
      {"token", "transient"},
      {"source"},
      {"source", "add"},
      {"source", "list"},
      {"source", "remove"},
      {"source", "info"},
      {"user"},
      {"user", "add"},
      {"user", "list"},
      {"user", "remove"},
      {"user", "passwd"},
      {"user", "totp"}
    };
    for (String[] command : commands) {
      String[] args = new String[command.length + 1];
      System.arraycopy(command, 0, args, 0, command.length);
      args[command.length] = "--help";

      Result result = Cli.in(home).run(args).succeeded();

      assertThat(result.out()).as(String.join(" ", args)).startsWith("Usage: plexauth");
    }
  }

  @Test
  void aRunBuildsOnlyTheCommandItNamesAndUsageHelpListsThemAll() {
    Io io = Io.system();
    assertThat(
            Main.commandLine(io, new String[] {"--verbose", "serve", "--port", "0"})
                .getSubcommands())
        .containsOnlyKeys("serve");
    assertThat(Main.commandLine(io, new String[] {"user", "list"}).getSubcommands())
        .containsOnlyKeys("user");
    for (String[] args :
        new String[][] {{}, {"--help"}, {"help", "serve"}, {"sigin"}, {"--", "serve"}}) {
      assertThat(Main.commandLine(io, args).getSubcommands())
          .containsOnlyKeys(
              "serve",
              "signin",
              "signout",
              "ping",
              "link",
              "token",
              "resources",
              "devices",
              "source",
              "user",
              "keys",
              "help");
    }
    assertThat(Cli.in(home).run("--help").succeeded().out()).contains("serve", "signin", "keys");
  }

  @Test
  void theDatabaseToPreloadForIsReadFromEitherFormOfDb() {
    assertThat(Main.databaseUrl(new String[] {"serve", "--db", "jdbc:postgresql://h/d"}))
        .isEqualTo("jdbc:postgresql://h/d");
    assertThat(Main.databaseUrl(new String[] {"serve", "--port", "1", "--db=jdbc:sqlite:/x"}))
        .isEqualTo("jdbc:sqlite:/x");
    assertThat(Main.databaseUrl(new String[] {"serve", "--data-dir", "/d"})).isNull();
    assertThat(Main.databaseUrl(new String[] {"serve", "--db"})).isNull();
  }

  @Test
  void withoutACommandItPrintsUsageOnStderrAndExitsWith2() {
    Result bare = Cli.in(home).run();
    assertThat(bare.exitCode()).isEqualTo(CliException.USAGE);
    assertThat(bare.err()).contains("Usage: plexauth").contains("serve").contains("signin");

    Result group = Cli.in(home).run("user");
    assertThat(group.exitCode()).isEqualTo(CliException.USAGE);
    assertThat(group.err()).contains("Usage: plexauth user").contains("add");
  }

  @Test
  void anUnknownCommandOrOptionIsOneLineWithExit2() {
    Result unknown = Cli.in(home).run("sigin").failed(CliException.USAGE);
    assertThat(unknown.err()).contains("signin");

    Cli.in(home).run("token", "details", "--nope").failed(CliException.USAGE);
  }

  @Test
  void verboseAddsTheStackTrace() {
    Result result =
        Cli.in(home)
            .run(
                "token",
                "details",
                "--verbose",
                "--token",
                "x",
                "--server",
                "http://127.0.0.1:" + Cli.closedPort());

    assertThat(result.exitCode()).isEqualTo(CliException.UNREACHABLE);
    assertThat(result.err()).startsWith("plexauth: cannot reach the server").contains("\tat ");
  }
}
