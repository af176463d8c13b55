package dev.plexauth.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plexauth.sdk.models.UserPlexAccount;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plexauth token details}: the account a token belongs to (getTokenDetails). The token that
 * the server echoes in {@code authToken} is masked: this command inspects a token, it does not hand
 * one out.
 */
@Command(name = "details", description = "Show the account the token belongs to.")
final class TokenDetailsCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin SessionOptions session;

  @Option(
      names = "--json",
      description = "Print the server's answer (the user object) as JSON; authToken is masked.")
  boolean json;

  TokenDetailsCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    UserPlexAccount account =
        session.client(io).authentication().getTokenDetails().userPlexAccount();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode tree = (ObjectNode) JsonOutput.tree(account);
      tree.put("authToken", JsonOutput.MASKED);
      session
          .jwt()
          .ifPresent(login -> tree.put("jwtExpiresAt", login.jwt().expiresAt().toString()));
      JsonOutput.print(out, tree);
      return 0;
    }
    out.println(
        TerminalText.safe(account.username()) + " <" + TerminalText.safe(account.email()) + ">");
    if (session.jwt().isPresent()) {
      out.println("  token:      Plex JWT, expires " + session.jwt().get().jwt().expiresAt());
    } else {
      out.println("  token:      account token");
    }
    out.println("  id:         " + account.id());
    out.println("  uuid:       " + TerminalText.safe(account.uuid()));
    out.println("  admin:      " + (account.homeAdmin() ? "yes" : "no"));
    out.println("  two-factor: " + (account.twoFactorEnabled() ? "on" : "off"));
    if (account.joinedAt() > 0) {
      out.println("  joined:     " + Instant.ofEpochSecond(account.joinedAt()));
    }
    out.flush();
    return 0;
  }
}
