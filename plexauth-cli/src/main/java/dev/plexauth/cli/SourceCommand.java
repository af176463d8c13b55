package dev.plexauth.cli;

import picocli.CommandLine.Command;

/**
 * {@code plexauth source add|list|remove|share|unshare} (the registry in the data directory) and
 * {@code source info} (a server's answer for a source).
 */
@Command(
    name = "source",
    description =
        "Manage the sources (servers) the server answers for, and ask a server about one.",
    subcommands = {
      SourceAddCommand.class,
      SourceListCommand.class,
      SourceRemoveCommand.class,
      SourceShareCommand.class,
      SourceUnshareCommand.class,
      SourceInfoCommand.class
    })
final class SourceCommand extends GroupCommand {}
