package dev.plexauth.cli;

import picocli.CommandLine.Command;

/** {@code plexauth token details|transient|upgrade}: the signed-in token. */
@Command(
    name = "token",
    description = "Inspect the signed-in token or get a transient token from it.",
    subcommands = {
      TokenDetailsCommand.class,
      TokenTransientCommand.class,
      TokenUpgradeCommand.class
    })
final class TokenCommand extends GroupCommand {}
