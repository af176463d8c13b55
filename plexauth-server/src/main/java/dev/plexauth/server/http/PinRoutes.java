package dev.plexauth.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plexauth.sdk.errors.PlexErrorCode;
import dev.plexauth.sdk.models.AuthPinContainer;
import dev.plexauth.sdk.models.GeoData;
import dev.plexauth.server.auth.Authenticator;
import dev.plexauth.server.auth.DeviceKeyService;
import dev.plexauth.server.auth.JwtRefused;
import dev.plexauth.server.auth.Pin;
import dev.plexauth.server.auth.PinRefused;
import dev.plexauth.server.auth.PinRequest;
import dev.plexauth.server.auth.PinService;
import dev.plexauth.server.auth.Principal;
import dev.plexauth.server.auth.SecurityEvents;
import dev.plexauth.server.auth.SignInRateLimiter;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The plex.tv PIN routes: an app makes a pin, a signed-in person approves its code, the app polls
 * the pin until it carries a token.
 *
 * <pre>
 * POST /api/v2/pins?strong=true|false   201, the pin            (X-Plex-Client-Identifier required)
 * GET  /api/v2/pins/{id}                200, the pin (+ token)  (the same client identifier)
 * PUT  /api/v2/pins/link  code=…        204                     (the approving account's token)
 * </pre>
 *
 * An unknown, expired or used pin or code is 404 with code 1020, as plex.tv answers it.
 */
final class PinRoutes {

  /** The path parameter of the poll. */
  static final String PIN_ID = "pinId";

  /** Longest accepted {@code code} form field; a real code has 4 or 25 characters. */
  private static final int MAX_CODE = 64;

  /** The most digits of a pin id (ids are below 2^53). */
  private static final int MAX_ID_DIGITS = 16;

  private static final String NOT_FOUND_MESSAGE = "Code not found or expired";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Authenticator authenticator;
  private final PinService pins;
  private final SignInRateLimiter rateLimiter;
  private final Optional<URI> publicUrl;

  PinRoutes(
      Authenticator authenticator,
      PinService pins,
      SignInRateLimiter rateLimiter,
      Optional<URI> publicUrl) {
    this.authenticator = authenticator;
    this.pins = pins;
    this.rateLimiter = rateLimiter;
    this.publicUrl = publicUrl;
  }

  /**
   * {@code POST /api/v2/pins?strong=true|false}, or with a JSON body {@code {"jwk": {…}, "strong":
   * true}}: a pin made with a device's public key, whose token is a Plex JWT for that key.
   */
  void create(Context ctx) {
    limit(ctx, "Too many pins from this address");
    PlexRequest request = PlexRequest.of(ctx);
    String clientIdentifier = clientIdentifier(request);
    boolean strong = strong(request.queryValue("strong"));
    Optional<String> jwk = Optional.empty();
    if (ctx.contentType() != null
        && ctx.contentType().toLowerCase(Locale.ROOT).startsWith("application/json")) {
      JsonNode body = DeviceAuthRoutes.readJson(ctx);
      JsonNode strongField = body.path("strong");
      if (!strongField.isMissingNode()) {
        if (!strongField.isBoolean()) {
          throw ApiError.badRequest("strong must be true or false");
        }
        strong = strongField.booleanValue();
      }
      JsonNode key = body.path("jwk");
      if (!key.isMissingNode()) {
        jwk = Optional.of(checkedJwk(key));
      }
    }
    Pin pin;
    try {
      pin =
          pins.create(
              new PinRequest(
                  strong,
                  clientIdentifier,
                  request.identityValue("X-Plex-Product"),
                  request.identityValue("X-Plex-Version"),
                  request.identityValue("X-Plex-Platform"),
                  request.identityValue("X-Plex-Device"),
                  jwk));
    } catch (PinRefused refused) {
      throw refusal(refused);
    }
    Responses.ok(ctx, 201, body(ctx, pin), "pin");
  }

  /** A device's public key, checked as {@code /api/v2/auth/jwk} checks one; its JSON. */
  private static String checkedJwk(JsonNode key) {
    if (!key.isObject()) {
      throw ApiError.badRequest("jwk must be a JSON object");
    }
    Map<String, Object> members;
    try {
      members = JSON.convertValue(key, new TypeReference<Map<String, Object>>() {});
      DeviceKeyService.checkPinJwk(members);
      return JSON.writeValueAsString(members);
    } catch (IllegalArgumentException | JsonProcessingException e) {
      throw ApiError.badRequest("the jwk is malformed");
    } catch (JwtRefused refused) {
      throw DeviceAuthRoutes.refusal(refused);
    }
  }

  /** {@code GET /api/v2/pins/{id}}, with {@code code} optionally in the query (as @ctrl/plex). */
  void poll(Context ctx) {
    long id = pinId(ctx.pathParam(PIN_ID));
    PlexRequest request = PlexRequest.of(ctx);
    String clientIdentifier = clientIdentifier(request);
    Optional<String> code = request.queryValue("code");
    if (code.isPresent() && code.get().length() > MAX_CODE) {
      throw ApiError.badRequest("code is longer than " + MAX_CODE + " characters");
    }
    Optional<String> deviceJwt = request.queryValue("deviceJWT");
    if (deviceJwt.isPresent() && deviceJwt.get().length() > DeviceAuthRoutes.MAX_BODY_BYTES) {
      throw ApiError.badRequest("deviceJWT is too long");
    }
    Pin pin;
    try {
      pin = pins.poll(id, clientIdentifier, code, PlexRequest.eventOrigin(ctx), deviceJwt);
    } catch (PinRefused refused) {
      throw refusal(refused);
    } catch (JwtRefused refused) {
      throw DeviceAuthRoutes.refusal(refused);
    }
    Responses.ok(ctx, 200, body(ctx, pin), "pin");
  }

  /** {@code PUT /api/v2/pins/link} with the form field {@code code} and the approver's token. */
  void link(Context ctx) {
    limit(ctx, "Too many attempts from this address");
    PlexRequest request = PlexRequest.of(ctx);
    Principal approver =
        authenticator.authenticatePlexTv(request.token()).orElseThrow(ApiError::unauthorized);
    Map<String, List<String>> form = PlexTvRoutes.readForm(ctx);
    String code =
        PlexTvRoutes.field(form, "code", MAX_CODE)
            .map(String::strip)
            .filter(value -> !value.isEmpty())
            .orElseThrow(() -> ApiError.badRequest("the form field code is required"));
    OptionalLong account = OptionalLong.of(approver.accountId());
    try {
      pins.link(approver, code, PlexRequest.clientAddress(ctx));
    } catch (PinRefused refused) {
      switch (refused.reason()) {
        case NOT_FOUND -> linkEvent(ctx, SecurityEvents.Outcome.FAILURE, "bad_code", account);
        case LOCKED -> linkEvent(ctx, SecurityEvents.Outcome.REFUSED, "locked", account);
        default -> {
          // malformed text or a token that may not approve: bad input, not a guess
        }
      }
      throw refusal(refused);
    }
    linkEvent(ctx, SecurityEvents.Outcome.SUCCESS, "approved", account);
    ctx.status(204);
  }

  private static void linkEvent(
      Context ctx, SecurityEvents.Outcome outcome, String reason, OptionalLong account) {
    SecurityEvents.emit("pin_link", outcome, reason, PlexRequest.eventOrigin(ctx), account);
  }

  private void limit(Context ctx, String message) {
    Optional<Duration> wait = rateLimiter.tryAcquire(PlexRequest.clientAddress(ctx));
    if (wait.isPresent()) {
      SecurityEvents.emit(
          "rate_limit",
          SecurityEvents.Outcome.REFUSED,
          "pin_per_address_limit",
          PlexRequest.eventOrigin(ctx),
          OptionalLong.empty());
      throw ApiError.retryLater(PlexErrorCode.RATE_LIMITED, message, wait.get());
    }
  }

  private static String clientIdentifier(PlexRequest request) {
    return request
        .identityValue("X-Plex-Client-Identifier")
        .orElseThrow(
            () ->
                ApiError.of(
                    400,
                    PlexErrorCode.CLIENT_IDENTIFIER_MISSING,
                    "X-Plex-Client-Identifier is missing"));
  }

  private static boolean strong(Optional<String> value) {
    if (value.isEmpty()) {
      return false;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw ApiError.badRequest("strong must be true or false");
    };
  }

  private static long pinId(String text) {
    if (text.isEmpty()
        || text.length() > MAX_ID_DIGITS
        || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw ApiError.badRequest("the pin id must be a number");
    }
    return Long.parseLong(text);
  }

  private static ApiError refusal(PinRefused refused) {
    return switch (refused.reason()) {
      case NOT_FOUND -> ApiError.of(404, PlexErrorCode.CODE_NOT_FOUND, NOT_FOUND_MESSAGE);
      case MALFORMED -> ApiError.badRequest("code must be 4 or 25 letters and digits");
      case LOCKED ->
          ApiError.retryLater(
              PlexErrorCode.TOO_MANY_FAILURES,
              "Too many wrong codes; try again later",
              refused.retryAfter().orElse(Duration.ofSeconds(60)));
      case NOT_ALLOWED ->
          ApiError.of(
              403,
              PlexErrorCode.FORBIDDEN,
              "A transient token cannot approve a sign-in; use an account token");
      case BUSY ->
          ApiError.unavailable(
              "No free code right now; try again", refused.retryAfter().orElseThrow());
    };
  }

  /**
   * The pin object of plexjs's schema. Its {@code qr} is a link a phone can follow to approve: the
   * approval page for a strong code, the link page with the code filled in for a 4-character one,
   * at the public URL when one is set (behind a proxy the app may have reached the server by an
   * inside address), else on the address the app reached this server by.
   */
  private AuthPinContainer body(Context ctx, Pin pin) {
    return new AuthPinContainer(
        pin.id(),
        pin.code(),
        pin.product().orElse(""),
        false,
        qr(ctx, pin),
        pin.clientIdentifier(),
        GeoData.UNKNOWN,
        (int) Math.min(Integer.MAX_VALUE, pin.expiresInSeconds()),
        pin.createdAt(),
        pin.expiresAt(),
        pin.authToken(),
        Optional.empty());
  }

  private String qr(Context ctx, Pin pin) {
    String origin =
        publicUrl
            .map(url -> url.toString().replaceAll("/+$", ""))
            .orElseGet(() -> ctx.scheme() + "://" + ctx.host());
    if (!pin.strong()) {
      return origin + "/link#?code=" + encode(pin.code());
    }
    StringBuilder url =
        new StringBuilder(origin)
            .append("/auth#?clientID=")
            .append(encode(pin.clientIdentifier()))
            .append("&code=")
            .append(encode(pin.code()));
    pin.product()
        .ifPresent(
            product -> url.append("&context%5Bdevice%5D%5Bproduct%5D=").append(encode(product)));
    return url.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
