package dev.plexauth.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plexauth.server.Account;
import dev.plexauth.server.AlreadyExistsException;
import dev.plexauth.server.CreatedAccount;
import dev.plexauth.server.NewAccount;
import dev.plexauth.server.PlexAuthAdmin;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plexauth user add}: adds an account. The password comes from standard input or a prompt,
 * never from the command line. With {@code --totp} it prints the new TOTP secret and its {@code
 * otpauth://} URI, the only time they are shown.
 */
@Command(
    name = "add",
    description = {
      "Add an account. A server running on the same data directory accepts it at once.",
      "With --totp, prints the TOTP secret and an otpauth:// URI for an authenticator app (shown"
          + " only this once)."
    })
final class UserAddCommand implements Callable<Integer> {

  static final String ISSUER = "plexauth";

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin StoreOptions store;

  @Option(names = "--username", paramLabel = "U", required = true, description = "The username.")
  String username;

  @Option(names = "--email", paramLabel = "E", required = true, description = "The email address.")
  String email;

  @Option(
      names = "--password-stdin",
      description = "Read the password from the first line of standard input (else: a prompt).")
  boolean passwordStdin;

  @Option(names = "--totp", description = "Require a TOTP code at sign-in (two-factor).")
  boolean totp;

  @Option(names = "--admin", description = "Make the account an admin (may read sources).")
  boolean admin;

  @Option(names = "--json", description = "Print the account as JSON (with totpSecret).")
  boolean json;

  UserAddCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    store.jdbcUrl(); // check the options before asking for a password
    String password =
        PasswordInput.read(io, passwordStdin, "Password for " + username + ": ", true);
    NewAccount account = NewAccount.of(username, email, password);
    if (admin) {
      account = account.asAdmin();
    }
    if (totp) {
      account = account.withTotp();
    }
    CreatedAccount created;
    try (PlexAuthAdmin accounts = store.openAdmin(io)) {
      created = accounts.addAccount(account);
    } catch (AlreadyExistsException e) {
      throw CliException.refused(e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage(), e);
    }
    print(created);
    return 0;
  }

  private void print(CreatedAccount created) {
    PrintWriter out = spec.commandLine().getOut();
    Account account = created.account();
    String secret = created.totpSecret().orElse(null);
    if (json) {
      ObjectNode node = JsonOutput.account(account);
      if (secret != null) {
        node.put("totpSecret", secret);
        node.put("otpauthUri", otpauthUri(account.username(), secret));
      }
      JsonOutput.print(out, node);
      return;
    }
    out.println(
        "Added "
            + (account.admin() ? "admin " : "user ")
            + account.username()
            + " <"
            + account.email()
            + "> (id "
            + account.id()
            + ").");
    if (secret != null) {
      out.println("Two-factor sign-in is on. Add this secret to an authenticator app now;");
      out.println("it is not shown again.");
      out.println("  secret: " + secret);
      out.println("  " + otpauthUri(account.username(), secret));
    }
    out.flush();
  }

  /**
   * The key URI authenticator apps import (Google Authenticator's format).
   *
   * @param username the account
   * @param secret the base32 secret
   * @return {@code
   *     otpauth://totp/plexauth:U?secret=…&issuer=plexauth&algorithm=SHA1&digits=6&period=30}
   */
  static String otpauthUri(String username, String secret) {
    return "otpauth://totp/"
        + encode(ISSUER)
        + ":"
        + encode(username)
        + "?secret="
        + secret
        + "&issuer="
        + encode(ISSUER)
        + "&algorithm=SHA1&digits=6&period=30";
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
