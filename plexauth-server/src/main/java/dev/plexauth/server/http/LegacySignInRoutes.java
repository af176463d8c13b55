package dev.plexauth.server.http;

import dev.plexauth.sdk.models.UserPlexAccount;
import dev.plexauth.server.auth.SecurityEvents;
import dev.plexauth.server.auth.SignInBusy;
import dev.plexauth.server.auth.SignInQueue;
import dev.plexauth.server.auth.SignInRateLimiter;
import dev.plexauth.server.auth.SignInRefused;
import dev.plexauth.server.auth.SignInRequest;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The older plex.tv sign-in, {@code POST /users/sign_in.json} and {@code /users/sign_in.xml}, still
 * used by client libraries: the credentials come as HTTP Basic ({@code login:password}), a
 * two-factor account's code at the end of the password, and the answer is the older user object
 * ({@link LegacyUser}) or {@code {"error":"…"}}.
 *
 * <p>It is the same sign-in as {@code POST /api/v2/users/signin}, through the same {@link
 * SignInQueue} and per-address limit: one password hash per attempt, the same lockout counted in
 * the database, the same answer for an unknown login and a wrong password, one token per account
 * and client identifier. The request body is not read.
 */
final class LegacySignInRoutes {

  static final String BAD_CREDENTIALS = "Invalid email, username, or password.";

  private static final int MAX_LOGIN = 256;
  private static final int MAX_PASSWORD = 1024;

  private final SignInQueue signIns;
  private final SignInRateLimiter rateLimiter;

  LegacySignInRoutes(SignInQueue signIns, SignInRateLimiter rateLimiter) {
    this.signIns = signIns;
    this.rateLimiter = rateLimiter;
  }

  /** {@code POST /users/sign_in.json}: JSON unless the client asks otherwise. */
  void signInJson(Context ctx) {
    signIn(ctx, true);
  }

  /** {@code POST /users/sign_in.xml}: always XML, as its name says. */
  void signInXml(Context ctx) {
    signIn(ctx, false);
  }

  private void signIn(Context ctx, boolean json) {
    // The route's extension decides the format, as on plex.tv; Accept does not change it.
    ctx.attribute(Responses.FORMAT, json ? Responses.Format.JSON : Responses.Format.XML);
    try {
      attempt(ctx);
    } catch (ApiError error) {
      refuse(ctx, error.status(), error.getMessage(), error.retryAfter());
    }
  }

  private void attempt(Context ctx) {
    Optional<Duration> wait = rateLimiter.tryAcquire(PlexRequest.clientAddress(ctx));
    if (wait.isPresent()) {
      SecurityEvents.emit(
          "rate_limit",
          SecurityEvents.Outcome.REFUSED,
          "per_address_limit",
          PlexRequest.eventOrigin(ctx),
          OptionalLong.empty());
      refuse(ctx, 429, "Too many sign-in attempts from this address", wait);
      return;
    }
    PlexRequest request = PlexRequest.of(ctx);
    Optional<String> clientIdentifier = request.identityValue("X-Plex-Client-Identifier");
    if (clientIdentifier.isEmpty()) {
      refuse(ctx, 400, "X-Plex-Client-Identifier is missing", Optional.empty());
      return;
    }
    Optional<String[]> credentials = basicCredentials(ctx);
    if (credentials.isEmpty()) {
      refuse(
          ctx,
          400,
          "send the login and password as HTTP Basic credentials (login:password)",
          Optional.empty());
      return;
    }
    String login = credentials.get()[0];
    String password = credentials.get()[1];
    if (login.isEmpty()
        || password.isEmpty()
        || login.length() > MAX_LOGIN
        || password.length() > MAX_PASSWORD
        || login.chars().anyMatch(Character::isISOControl)) {
      refuse(ctx, 400, "the login or password is empty, too long or malformed", Optional.empty());
      return;
    }
    SignInRequest attempt =
        new SignInRequest(
            login,
            password,
            false,
            Optional.empty(),
            clientIdentifier.get(),
            request.identityValue("X-Plex-Product"),
            request.identityValue("X-Plex-Version"),
            request.identityValue("X-Plex-Platform"),
            request.identityValue("X-Plex-Device"),
            true,
            request.clientAddress().getHostAddress());
    CompletableFuture<UserPlexAccount> judged;
    try {
      judged = signIns.submit(attempt);
    } catch (SignInBusy busy) {
      refuse(
          ctx,
          503,
          "Too many sign-ins are waiting; try again in a moment",
          Optional.of(busy.retryAfter()));
      return;
    }
    ctx.future(() -> judged.handle((user, failure) -> answer(ctx, user, failure)));
  }

  /** Writes a judged sign-in's answer; an unexpected failure goes on to the exception handlers. */
  private static Void answer(Context ctx, UserPlexAccount user, Throwable failure) {
    if (failure == null) {
      LegacyUser answer = LegacyUser.of(user);
      Responses.ok(ctx, 201, answer, answer.xml(), "user");
      return null;
    }
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof SignInRefused refused) {
      switch (refused.reason()) {
        case BAD_CREDENTIALS -> refuse(ctx, 401, BAD_CREDENTIALS, Optional.empty());
        case CODE_REQUIRED ->
            refuse(ctx, 401, "Please enter the verification code", Optional.empty());
        case BAD_CODE -> refuse(ctx, 401, "Invalid verification code", Optional.empty());
        case LOCKED ->
            refuse(
                ctx,
                429,
                "You appear to be having trouble signing in to an account. You may want to try"
                    + " resetting your password.",
                Optional.of(refused.retryAfter().orElse(Duration.ofSeconds(60))));
      }
      return null;
    }
    if (cause instanceof RuntimeException unchecked) {
      throw unchecked;
    }
    throw new CompletionException(cause);
  }

  private static void refuse(Context ctx, int status, String message, Optional<Duration> wait) {
    Responses.legacyError(ctx, status, message, wait);
  }

  /**
   * The {@code login:password} of an {@code Authorization: Basic …} header: exactly one such
   * header, valid base64 of valid UTF-8, with a colon. The login is what comes before the first
   * colon, so a login cannot contain one (RFC 7617); the password may.
   */
  private static Optional<String[]> basicCredentials(Context ctx) {
    List<String> headers = Collections.list(ctx.req().getHeaders("Authorization"));
    if (headers.size() != 1) {
      return Optional.empty();
    }
    String header = headers.get(0).strip();
    int space = header.indexOf(' ');
    if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
      return Optional.empty();
    }
    String decoded;
    try {
      byte[] bytes = Base64.getDecoder().decode(header.substring(space + 1).strip());
      decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    return Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
  }
}
