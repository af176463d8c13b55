package dev.plexauth.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ({@code user}, {@code source}, {@code token}). */
abstract class GroupCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Without a subcommand: the usage help on standard error, and the usage exit code. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CliException.USAGE;
  }
}
