package dev.plexauth.cli;

import dev.plexauth.sdk.PinLogin;
import dev.plexauth.sdk.PlexAPI;
import dev.plexauth.sdk.errors.PinExpiredException;
import dev.plexauth.sdk.errors.PlexErrorCode;
import dev.plexauth.sdk.errors.UnauthorizedException;
import dev.plexauth.sdk.models.PlexJwt;
import dev.plexauth.sdk.models.PostUsersSignInDataRequest;
import dev.plexauth.sdk.models.PostUsersSignInDataRequestBody;
import dev.plexauth.sdk.models.UserPlexAccount;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plexauth signin}: signs in and keeps the server, the token and this machine's client
 * identifier in the config file (mode 0600). With a password (postUsersSignInData), read without
 * echo or from standard input, and the verification code when the server answers 1029; or, with
 * {@code --web} or {@code --code}, the way Plex apps sign in: a pin the person approves in a
 * browser, possibly on another device, while this command waits.
 */
@Command(
    name = "signin",
    description = {
      "Sign in and keep the token in the config file (mode 0600) for the other commands.",
      "Asks for the password without echo (or reads it with --password-stdin) and for the"
          + " verification code when the account has two-factor sign-in. With --password-stdin, the"
          + " code is read from the next line of standard input (else asked for, or"
          + " --verification-code).",
      "With --web, prints the address of the server's approval page (and a QR code when the"
          + " terminal can show one) and waits until the sign-in is approved there; with --code, a"
          + " 4-character code to enter on the server's /link page. No password is typed here."
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
      names = "--verification-code",
      paramLabel = "CODE",
      description = "The current two-factor code, if the account needs one (else asked for).")
  String code;

  @Option(
      names = "--web",
      description =
          "Sign in in a browser: print the approval page's address (and a QR code), then wait.")
  boolean web;

  @Option(
      names = "--code",
      description =
          "Sign in with a 4-character code to enter on the server's /link page, then wait.")
  boolean linkCode;

  @Option(names = "--no-qr", description = "With --web or --code, never draw a QR code.")
  boolean noQr;

  @Option(
      names = "--jwt",
      description =
          "Also register a device key (kept beside the config file, mode 0600) and use Plex JWTs"
              + " from now on, refreshed when less than a day remains.")
  boolean jwt;

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
    if (web || linkCode) {
      if (web && linkCode) {
        throw CliException.usage("--web and --code are two ways to sign in: choose one");
      }
      if (login != null || passwordStdin || code != null) {
        throw CliException.usage(
            "--login, --password-stdin and --verification-code are for a password sign-in, not"
                + " with --web or --code");
      }
      return signInWithPin(stored, url);
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
    PlexJwt plexJwt =
        jwt ? JwtSession.upgrade(plex, stored, account.authToken(), io.clock()) : null;
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(out, JsonOutput.tree(account));
    } else {
      out.println(
          "Signed in as "
              + TerminalText.safe(account.username())
              + "; token saved to "
              + stored.path());
      if (plexJwt != null) {
        out.println("Device key registered; Plex JWT expires " + plexJwt.expiresAt());
      }
      out.flush();
    }
    return 0;
  }

  /**
   * The PIN sign-in: make a pin, show where to approve it, wait for the token (until the pin
   * expires), then keep it as a password sign-in would. The pin carries this machine's client
   * identifier, so the token replaces this machine's old one.
   */
  private Integer signInWithPin(ConfigFile stored, String url) {
    PlexAPI plex = Clients.forServer(url, stored.clientIdentifier()).build();
    PinLogin login = web ? PinLogin.start(plex) : PinLogin.startWithCode(plex);
    PrintWriter out = spec.commandLine().getOut();
    // With --json, standard output carries the JSON alone; the instructions go to standard error.
    PrintWriter say = json ? spec.commandLine().getErr() : out;
    String qrText;
    if (web) {
      qrText = login.authUrl();
      say.println("Open this address in a browser, sign in and approve:");
      say.println("  " + qrText);
    } else {
      qrText = login.pin().qr().isEmpty() ? login.linkUrl() : login.pin().qr();
      say.println("On any device, open " + login.linkUrl() + ", sign in and enter the code:");
      say.println("  " + login.code());
    }
    if (!json && !noQr && TerminalQr.canShow(io)) {
      say.println();
      say.print(TerminalQr.render(qrText));
    }
    Duration left = Duration.ofSeconds(login.pin().expiresIn());
    say.println(
        "Waiting for the approval (the code expires in "
            + Math.max(1, left.toMinutes())
            + " minutes; Ctrl+C to give up)...");
    say.flush();
    String token;
    try {
      token = login.awaitToken();
    } catch (PinExpiredException e) {
      throw CliException.refused(
          "the code expired before it was approved; run plexauth signin "
              + (web ? "--web" : "--code")
              + " again",
          e);
    }
    UserPlexAccount account =
        plex.newBuilder()
            .accessToken(token)
            .build()
            .authentication()
            .getTokenDetails()
            .userPlexAccount();
    stored.withSignIn(url, account.username(), token).save();
    PlexJwt plexJwt = jwt ? JwtSession.upgrade(plex, stored, token, io.clock()) : null;
    if (json) {
      JsonOutput.print(out, JsonOutput.tree(account));
    } else {
      out.println(
          "Signed in as "
              + TerminalText.safe(account.username())
              + "; token saved to "
              + stored.path());
      if (plexJwt != null) {
        out.println("Device key registered; Plex JWT expires " + plexJwt.expiresAt());
      }
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
          "the account needs a verification code: pass --verification-code CODE, or run in a"
              + " terminal");
    }
    return answer.strip();
  }
}
