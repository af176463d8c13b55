package dev.plexauth.server.http;

import dev.plexauth.sdk.errors.PlexErrorCode;
import dev.plexauth.sdk.models.UserPlexAccount;
import dev.plexauth.server.auth.Authenticator;
import dev.plexauth.server.auth.Principal;
import dev.plexauth.server.auth.SecurityEvents;
import dev.plexauth.server.auth.SignInBusy;
import dev.plexauth.server.auth.SignInQueue;
import dev.plexauth.server.auth.SignInRateLimiter;
import dev.plexauth.server.auth.SignInRefused;
import dev.plexauth.server.auth.SignInRequest;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The plex.tv role: token details and sign-in. */
final class PlexTvRoutes {

  /** The largest sign-in body accepted. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  /** The most of an oversized body read and dropped before the 413. */
  private static final long MAX_DRAIN_BYTES = 1024 * 1024;

  private static final int MAX_LOGIN = 256;
  private static final int MAX_PASSWORD = 1024;
  private static final int MAX_CODE = 64;
  private static final String FORM = "application/x-www-form-urlencoded";

  private final Authenticator authenticator;
  private final SignInQueue signIns;
  private final SignInRateLimiter rateLimiter;

  PlexTvRoutes(Authenticator authenticator, SignInQueue signIns, SignInRateLimiter rateLimiter) {
    this.authenticator = authenticator;
    this.signIns = signIns;
    this.rateLimiter = rateLimiter;
  }

  /** {@code GET /api/v2/user}: the account behind the token, with that token. */
  void user(Context ctx) {
    PlexRequest request = PlexRequest.of(ctx);
    Principal principal =
        authenticator.authenticatePlexTv(request.token()).orElseThrow(ApiError::unauthorized);
    Responses.ok(ctx, 200, new TokenDetailsBody(principal.user()), "user");
  }

  /**
   * {@code POST /api/v2/users/signin}: form body, identity from X-Plex-* headers or query. The
   * request is read and checked on the HTTP thread; the attempt then waits in the {@link
   * SignInQueue} without holding that thread, or is refused with 503 at once when the queue is
   * full.
   */
  void signIn(Context ctx) {
    InetAddress client = PlexRequest.clientAddress(ctx);
    String address = client.getHostAddress();
    Optional<Duration> wait = rateLimiter.tryAcquire(client);
    if (wait.isPresent()) {
      SecurityEvents.emit(
          "rate_limit",
          SecurityEvents.Outcome.REFUSED,
          "per_address_limit",
          PlexRequest.eventOrigin(ctx),
          OptionalLong.empty());
      throw ApiError.retryLater(
          PlexErrorCode.RATE_LIMITED, "Too many sign-in attempts from this address", wait.get());
    }
    PlexRequest request = PlexRequest.of(ctx);
    Map<String, List<String>> form = readForm(ctx);
    String clientIdentifier =
        request
            .identityValue("X-Plex-Client-Identifier")
            .orElseThrow(
                () ->
                    ApiError.of(
                        400,
                        PlexErrorCode.CLIENT_IDENTIFIER_MISSING,
                        "X-Plex-Client-Identifier is missing"));
    Optional<String> login = field(form, "login", MAX_LOGIN);
    Optional<String> password = field(form, "password", MAX_PASSWORD);
    if (login.isEmpty() || password.isEmpty()) {
      throw ApiError.badRequest("login and password are required");
    }
    if (login.get().chars().anyMatch(Character::isISOControl)) {
      throw ApiError.badRequest("login must not contain control characters");
    }
    SignInRequest attempt =
        new SignInRequest(
            login.get(),
            password.get(),
            rememberMe(form),
            field(form, "verificationCode", MAX_CODE).map(String::strip),
            clientIdentifier,
            request.identityValue("X-Plex-Product"),
            request.identityValue("X-Plex-Version"),
            request.identityValue("X-Plex-Platform"),
            request.identityValue("X-Plex-Device"),
            false,
            address);
    CompletableFuture<UserPlexAccount> judged;
    try {
      judged = signIns.submit(attempt);
    } catch (SignInBusy busy) {
      throw ApiError.unavailable(
          "Too many sign-ins are waiting; try again in a moment", busy.retryAfter());
    }
    ctx.future(() -> judged.handle((user, failure) -> answer(ctx, user, failure)));
  }

  /** Writes a judged sign-in's answer; a failure goes on to the exception handlers. */
  private static Void answer(Context ctx, UserPlexAccount user, Throwable failure) {
    if (failure == null) {
      Responses.ok(ctx, 201, user, "user");
      return null;
    }
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof SignInRefused refused) {
      throw refusal(refused);
    }
    if (cause instanceof RuntimeException unchecked) {
      throw unchecked;
    }
    throw new CompletionException(cause);
  }

  private static ApiError refusal(SignInRefused refused) {
    return switch (refused.reason()) {
      case BAD_CREDENTIALS -> ApiError.unauthorized();
      case CODE_REQUIRED ->
          ApiError.of(
              401, PlexErrorCode.VERIFICATION_CODE_REQUIRED, "Please enter the verification code");
      case BAD_CODE ->
          ApiError.of(401, PlexErrorCode.INVALID_VERIFICATION_CODE, "Invalid verification code");
      case LOCKED ->
          ApiError.retryLater(
              PlexErrorCode.TOO_MANY_FAILURES,
              "User could not be authenticated. This IP appears to be having trouble signing in"
                  + " to an account (detected repeated failures)",
              refused.retryAfter().orElse(Duration.ofSeconds(60)));
    };
  }

  /**
   * Reads a form body: at most {@value #MAX_BODY_BYTES} bytes, {@code
   * application/x-www-form-urlencoded} in UTF-8, else 413 or 415.
   */
  static Map<String, List<String>> readForm(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    // A client that sent Expect: 100-continue waits for this answer before it sends the body, and
    // opening the body would invite it to send.
    if (declared > MAX_BODY_BYTES && ctx.req().getHeader("Expect") != null) {
      throw tooLarge();
    }
    byte[] body;
    try (InputStream in = ctx.req().getInputStream()) {
      if (declared > MAX_BODY_BYTES) {
        drain(in, declared);
        throw tooLarge();
      }
      body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        drain(in, -1);
        throw tooLarge();
      }
    } catch (IOException e) {
      throw ApiError.badRequest("the request body could not be read");
    }
    if (Collections.list(ctx.req().getHeaders("Content-Type")).size() > 1) {
      throw ApiError.badRequest("Content-Type is given more than once");
    }
    // The raw header: the servlet's getContentType() parses the charset itself and throws on one
    // the JDK does not know, before the check below can refuse it.
    String contentType = ctx.req().getHeader("Content-Type");
    if (contentType == null || contentType.isBlank()) {
      if (body.length == 0) {
        return Map.of();
      }
      throw unsupported();
    }
    String[] parts = contentType.split(";");
    if (!parts[0].strip().equalsIgnoreCase(FORM)) {
      throw unsupported();
    }
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
      if (parameter.startsWith("charset=")
          && !parameter.substring(8).replace("\"", "").equals("utf-8")) {
        throw ApiError.of(
            415, PlexErrorCode.BAD_REQUEST, "the form body must be UTF-8 (charset=utf-8 or none)");
      }
    }
    return FormDecoder.decodeBody(body, "the form body");
  }

  static Optional<String> field(Map<String, List<String>> form, String name, int max) {
    List<String> values = form.getOrDefault(name, List.of());
    if (values.size() > 1) {
      throw ApiError.badRequest("the form field " + name + " is given more than once");
    }
    if (values.isEmpty() || values.get(0).isEmpty()) {
      return Optional.empty();
    }
    if (values.get(0).length() > max) {
      throw ApiError.badRequest(
          "the form field " + name + " is longer than " + max + " characters");
    }
    return Optional.of(values.get(0));
  }

  private static boolean rememberMe(Map<String, List<String>> form) {
    Optional<String> value = field(form, "rememberMe", 8);
    if (value.isEmpty()) {
      return false;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw ApiError.badRequest("rememberMe must be true or false");
    };
  }

  /**
   * Reads and drops what is left of a body over the limit, up to {@value #MAX_DRAIN_BYTES} bytes,
   * so that a client still sending it reads the 413 instead of meeting a reset, and its connection
   * stays usable. Larger bodies are cut off as they stand.
   *
   * @param declared the declared length, or -1 when unknown (chunked)
   */
  static void drain(InputStream in, long declared) {
    if (declared > MAX_DRAIN_BYTES) {
      return;
    }
    byte[] buffer = new byte[8192];
    long total = 0;
    try {
      for (int n; total <= MAX_DRAIN_BYTES && (n = in.read(buffer)) >= 0; ) {
        total += n;
      }
    } catch (IOException e) {
      // the answer is the 413 whatever the rest of the body does
    }
  }

  private static ApiError tooLarge() {
    return ApiError.of(
        413,
        PlexErrorCode.BAD_REQUEST,
        "the request body is larger than " + MAX_BODY_BYTES + " bytes");
  }

  private static ApiError unsupported() {
    return ApiError.of(
        415, PlexErrorCode.BAD_REQUEST, "the body must be application/x-www-form-urlencoded");
  }
}
