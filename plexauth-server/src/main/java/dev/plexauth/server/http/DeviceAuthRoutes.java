package dev.plexauth.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plexauth.sdk.errors.PlexErrorCode;
import dev.plexauth.server.auth.Authenticator;
import dev.plexauth.server.auth.DeviceKeyService;
import dev.plexauth.server.auth.JwtRefused;
import dev.plexauth.server.auth.Principal;
import dev.plexauth.server.auth.SecurityEvents;
import dev.plexauth.server.auth.SignInRateLimiter;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The plex.tv role's JWT device authentication: register a device key, get a nonce, trade a device
 * JWT for a Plex JWT, read the server's public keys. JSON in, JSON out.
 */
final class DeviceAuthRoutes {

  /** The largest JSON body accepted; a JWK or a JWT is far smaller. */
  static final int MAX_BODY_BYTES = 16 * 1024;

  private static final ObjectMapper STRICT =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final Authenticator authenticator;
  private final DeviceKeyService devices;
  private final SignInRateLimiter nonceLimiter;

  DeviceAuthRoutes(
      Authenticator authenticator, DeviceKeyService devices, SignInRateLimiter nonceLimiter) {
    this.authenticator = authenticator;
    this.devices = devices;
    this.nonceLimiter = nonceLimiter;
  }

  /** {@code POST /api/v2/auth/jwk}: registers the device's public key. */
  void registerKey(Context ctx) {
    PlexRequest request = PlexRequest.of(ctx);
    String clientIdentifier = clientIdentifier(request);
    Principal principal =
        authenticator.authenticatePlexTv(request.token()).orElseThrow(ApiError::unauthorized);
    JsonNode jwk = readJson(ctx).path("jwk");
    if (!jwk.isObject()) {
      throw ApiError.badRequest("the body must be {\"jwk\": {…}}");
    }
    Map<String, Object> members;
    try {
      members = STRICT.convertValue(jwk, new TypeReference<Map<String, Object>>() {});
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("the jwk is malformed");
    }
    try {
      devices.registerKey(principal, clientIdentifier, members, origin(ctx, clientIdentifier));
    } catch (JwtRefused refused) {
      throw refusal(refused);
    }
    ctx.status(204);
  }

  /** {@code GET /api/v2/auth/nonce}: a single-use nonce, rate-limited per client identifier. */
  void nonce(Context ctx) {
    PlexRequest request = PlexRequest.of(ctx);
    String clientIdentifier = clientIdentifier(request);
    Optional<Duration> wait = nonceLimiter.tryAcquireKey("client:" + clientIdentifier);
    if (wait.isPresent()) {
      SecurityEvents.emit(
          "rate_limit",
          SecurityEvents.Outcome.REFUSED,
          "nonce_limit",
          origin(ctx, clientIdentifier),
          OptionalLong.empty());
      throw ApiError.retryLater(
          PlexErrorCode.RATE_LIMITED, "Too many nonce requests from this client", wait.get());
    }
    Responses.json(ctx, 200, new NonceBody(devices.newNonce(clientIdentifier)));
  }

  /** {@code POST /api/v2/auth/token}: trades a device JWT for a Plex JWT. */
  void token(Context ctx) {
    PlexRequest request = PlexRequest.of(ctx);
    Optional<String> clientIdentifier = request.identityValue("X-Plex-Client-Identifier");
    JsonNode jwt = readJson(ctx).path("jwt");
    if (!jwt.isTextual() || jwt.asText().isEmpty()) {
      throw ApiError.badRequest("the body must be {\"jwt\": \"…\"}");
    }
    String plexJwt;
    try {
      plexJwt =
          devices.exchange(
              jwt.asText(), clientIdentifier, origin(ctx, clientIdentifier.orElse(null)));
    } catch (JwtRefused refused) {
      throw refusal(refused);
    }
    Responses.json(ctx, 200, new AuthTokenBody(plexJwt));
  }

  /** {@code GET /api/v2/auth/keys}: the server's public signing keys, no token needed. */
  void keys(Context ctx) {
    Responses.json(ctx, 200, new KeysBody(devices.publicKeys()));
  }

  /** The answer to a refused step, by its reason. */
  static ApiError refusal(JwtRefused refused) {
    return switch (refused.reason()) {
      case MALFORMED -> ApiError.badRequest(refused.getMessage());
      case WRONG_CLIENT -> ApiError.of(401, PlexErrorCode.NOT_AUTHENTICATED, refused.getMessage());
      case KEY_TAKEN -> ApiError.of(422, PlexErrorCode.THUMBPRINT_TAKEN, refused.getMessage());
      case INVALID -> ApiError.of(422, PlexErrorCode.JWT_NOT_VERIFIED, refused.getMessage());
    };
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

  private static SecurityEvents.Origin origin(Context ctx, String clientIdentifier) {
    return new SecurityEvents.Origin(
        PlexRequest.clientAddress(ctx).getHostAddress(), clientIdentifier);
  }

  /** Reads a JSON object body of at most {@value #MAX_BODY_BYTES} bytes. */
  static JsonNode readJson(Context ctx) {
    String contentType = ctx.req().getHeader("Content-Type");
    if (contentType != null
        && !contentType.split(";")[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
      throw ApiError.of(415, PlexErrorCode.BAD_REQUEST, "the body must be application/json");
    }
    long declared = ctx.req().getContentLengthLong();
    byte[] body;
    try (InputStream in = ctx.req().getInputStream()) {
      body = declared > MAX_BODY_BYTES ? null : in.readNBytes(MAX_BODY_BYTES + 1);
      if (body == null || body.length > MAX_BODY_BYTES) {
        PlexTvRoutes.drain(in, declared);
        throw ApiError.badRequest("the body is larger than " + MAX_BODY_BYTES + " bytes");
      }
    } catch (IOException e) {
      throw ApiError.badRequest("the request body could not be read");
    }
    JsonNode tree;
    try {
      tree = STRICT.readTree(body);
    } catch (IOException e) {
      throw ApiError.badRequest("the body is not valid JSON");
    }
    if (tree == null || !tree.isObject()) {
      throw ApiError.badRequest("the body must be a JSON object");
    }
    return tree;
  }

  /** {@code {"nonce": "…"}}. */
  record NonceBody(String nonce) {}

  /** {@code {"auth_token": "…"}}: a Plex JWT, never printed. */
  record AuthTokenBody(@JsonProperty("auth_token") String authToken) {
    @Override
    public String toString() {
      return "AuthTokenBody[authToken=…]";
    }
  }

  /** {@code {"keys": [JWK…]}}. */
  record KeysBody(List<Map<String, Object>> keys) {}
}
