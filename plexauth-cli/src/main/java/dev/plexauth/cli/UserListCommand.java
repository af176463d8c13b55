package dev.plexauth.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.plexauth.server.Account;
import dev.plexauth.server.PlexAuthAdmin;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plexauth user list}: the accounts, never their password hashes or TOTP secrets. */
@Command(name = "list", description = "List the accounts.")
final class UserListCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin StoreOptions store;

  @Option(names = "--json", description = "Print a JSON array.")
  boolean json;

  UserListCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    List<Account> accounts;
    try (PlexAuthAdmin admin = store.openAdmin(io)) {
      accounts = admin.listAccounts();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ArrayNode array = JsonOutput.MAPPER.createArrayNode();
      accounts.forEach(account -> array.add(JsonOutput.account(account)));
      JsonOutput.print(out, array);
      return 0;
    }
    if (accounts.isEmpty()) {
      out.println("No accounts.");
      out.flush();
      return 0;
    }
    // Names and addresses come from the database, which other tools may have written.
    int width =
        Math.max(
            8,
            accounts.stream()
                .mapToInt(a -> TerminalText.safe(a.username()).length())
                .max()
                .orElse(0));
    int emailWidth =
        Math.max(
            5,
            accounts.stream().mapToInt(a -> TerminalText.safe(a.email()).length()).max().orElse(0));
    String format = "%-6s  %-" + width + "s  %-" + emailWidth + "s  %-5s  %-3s  %s%n";
    out.printf(Locale.ROOT, format, "ID", "USERNAME", "EMAIL", "ADMIN", "2FA", "CREATED");
    for (Account account : accounts) {
      out.printf(
          Locale.ROOT,
          format,
          account.id(),
          TerminalText.safe(account.username()),
          TerminalText.safe(account.email()),
          account.admin() ? "yes" : "no",
          account.twoFactorEnabled() ? "on" : "off",
          account.createdAt());
    }
    out.flush();
    return 0;
  }
}
