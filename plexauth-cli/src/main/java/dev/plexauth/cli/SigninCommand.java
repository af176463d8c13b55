package dev.plexauth.cli;

import dev.plexauth.sdk.PlexAPI;
import dev.plexauth.sdk.errors.PlexErrorCode;
import dev.plexauth.sdk.errors.UnauthorizedException;
import dev.plexauth.sdk.models.PostUsersSignInDataRequest;
import dev.plexauth.sdk.models.PostUsersSignInDataRequestBody;
import dev.plexauth.sdk.models.UserPlexAccount;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plexauth signin}: signs in (postUsersSignInData) and keeps the server, the token and this
 * machine's client identifier in the config file (mode 0600). The password is read without echo or
 * from standard input; the verification code is asked for when the server answers 1029.
 */
@Command(
    name = "signin",
    description = {
      "Sign in and keep the token in the config file (mode 0600) for the other commands.",
      "Asks for the password without echo (or reads it with --password-stdin) and for the"
          + " verification code when the account has two-factor sign-in. With --password-stdin, the"
          + " code is read from the next line of standard input (else asked for, or --code)."
    })
final class SigninCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "The plexauth server, e.g. http://127.0.0.1:32400 (default: the one signed in to last).")
  String server;

  @Option(
      names = "--login",
      paramLabel = "L",
      description = "Username or email address (asked for when missing).")
  String login;

  @Option(
      names = "--password-stdin",
      description = "Read the password from the first line of standard input.")
  boolean passwordStdin;

  @Option(
      names = "--code",
      paramLabel = "CODE",
      description = "The current two-factor code, if the account needs one (else asked for).")
  String code;

  @Option(
      names = "--json",
      description = "Print the server's full answer as JSON, including the token.")
  boolean json;

  SigninCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    ConfigFile stored = config.load(io);
    String url = server != null ? Clients.normalize(server) : stored.server();
    if (url == null) {
      throw CliException.usage("--server URL is required (no server signed in to before)");
    }
    String who = login != null ? login : askLogin();
    String password = PasswordInput.read(io, passwordStdin, "Password for " + who + ": ", false);
    String clientIdentifier = stored.clientIdentifier();
    PlexAPI plex = Clients.forServer(url, clientIdentifier).build();

    PostUsersSignInDataRequestBody credentials = PostUsersSignInDataRequestBody.of(who, password);
    if (code != null) {
      credentials = credentials.withVerificationCode(code.strip());
    }
    UserPlexAccount account;
    try {
      account = signIn(plex, clientIdentifier, credentials);
    } catch (UnauthorizedException e) {
      if (e.code() != PlexErrorCode.VERIFICATION_CODE_REQUIRED
          || credentials.hasVerificationCode()) {
        throw e;
      }
      account = signIn(plex, clientIdentifier, credentials.withVerificationCode(askCode()));
    }

    stored.withSignIn(url, account.username(), account.authToken()).save();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(out, JsonOutput.tree(account));
    } else {
      out.println(
          "Signed in as "
              + TerminalText.safe(account.username())
              + "; token saved to "
              + stored.path());
      out.flush();
    }
    return 0;
  }

  private static UserPlexAccount signIn(
      PlexAPI plex, String clientIdentifier, PostUsersSignInDataRequestBody credentials) {
    return plex.authentication()
        .postUsersSignInData(
            PostUsersSignInDataRequest.builder()
                .clientID(clientIdentifier)
                .requestBody(credentials)
                .build())
        .userPlexAccount();
  }

  private String askLogin() {
    Terminal terminal = io.terminal();
    if (!terminal.interactive()) {
      throw CliException.usage("--login is required when there is no terminal to ask");
    }
    String answer = terminal.readLine("Login (username or email): ");
    if (answer == null || answer.isBlank()) {
      throw CliException.usage("no login given");
    }
    return answer.strip();
  }

  private String askCode() {
    // A script that pipes the password in pipes the code on the next line; else ask.
    String answer = passwordStdin ? io.readStdinLine() : null;
    Terminal terminal = io.terminal();
    if ((answer == null || answer.isBlank()) && terminal.interactive()) {
      answer = terminal.readLine("Verification code: ");
    }
    if (answer == null || answer.isBlank()) {
      throw CliException.usage(
          "the account needs a verification code: pass --code CODE, or run in a terminal");
    }
    return answer.strip();
  }
}
