package dev.plexauth.cli;

import picocli.CommandLine.Command;

/**
 * {@code plexauth user add|list|remove|passwd|totp}: the accounts of a data directory or database.
 */
@Command(
    name = "user",
    description =
        "Manage accounts in the data directory (or --db), also while a server runs on it.",
    subcommands = {
      UserAddCommand.class,
      UserListCommand.class,
      UserRemoveCommand.class,
      UserPasswdCommand.class,
      UserTotpCommand.class
    })
final class UserCommand extends GroupCommand {}
