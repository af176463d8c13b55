package dev.plexauth.cli;

import picocli.CommandLine.Command;

/** {@code plexauth keys rotate}: the server's JWT signing keys. */
@Command(
    name = "keys",
    description =
        "Manage the server's JWT signing keys in the data directory (or --db), also while a server"
            + " runs on it.",
    subcommands = {KeysRotateCommand.class})
final class KeysCommand extends GroupCommand {}
