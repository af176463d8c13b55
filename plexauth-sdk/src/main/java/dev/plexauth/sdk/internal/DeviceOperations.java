package dev.plexauth.sdk.internal;

import static dev.plexauth.sdk.internal.Operation.Server.PLEX_TV;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.plexauth.sdk.errors.BadRequestException;
import dev.plexauth.sdk.errors.UnauthorizedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The operations of JWT device authentication on plex.tv: register a device key, get a nonce, trade
 * a device JWT for a Plex JWT, read the server's public keys. None sends the client's own token:
 * the key is registered with the token given to that call, and the others need none.
 */
public final class DeviceOperations {

  private DeviceOperations() {}

  /**
   * {@code POST /auth/jwk} with {@code {"jwk": …}}; the call's options carry the account token.
   *
   * @param jwk the public JWK's members
   * @return the operation
   */
  public static Operation<Void> registerDeviceKey(Map<String, Object> jwk) {
    return Operation.<Void>post("registerDeviceKey", PLEX_TV, "auth/jwk")
        .json(json(Map.of("jwk", jwk)))
        .noToken()
        .decoder(answer -> null)
        .errors(BadRequestException::new, UnauthorizedException::new)
        .build();
  }

  /**
   * {@code GET /auth/nonce}.
   *
   * @return the operation, answering the nonce
   */
  public static Operation<String> getNonce() {
    return Operation.<String>get("getDeviceNonce", PLEX_TV, "auth/nonce")
        .noToken()
        .decoder(answer -> text(answer, "nonce"))
        .errors(BadRequestException::new, UnauthorizedException::new)
        .build();
  }

  /**
   * {@code POST /auth/token} with {@code {"jwt": …}}.
   *
   * @param deviceJwt the device JWT
   * @return the operation, answering the Plex JWT
   */
  public static Operation<String> postDeviceJwt(String deviceJwt) {
    return Operation.<String>post("postDeviceJwt", PLEX_TV, "auth/token")
        .json(json(Map.of("jwt", deviceJwt)))
        .noToken()
        .decoder(answer -> text(answer, "auth_token"))
        .errors(BadRequestException::new, UnauthorizedException::new)
        .build();
  }

  /**
   * {@code GET /auth/keys}.
   *
   * @return the operation, answering the JWKs as JSON objects
   */
  public static Operation<List<String>> getServerKeys() {
    return Operation.<List<String>>get("getServerKeys", PLEX_TV, "auth/keys")
        .noToken()
        .decoder(
            answer -> {
              JsonNode keys = answer.tree() == null ? null : answer.tree().path("keys");
              if (keys == null || !keys.isArray()) {
                throw new DecodeException("no keys array");
              }
              List<String> jwks = new ArrayList<>();
              keys.forEach(key -> jwks.add(key.toString()));
              return List.copyOf(jwks);
            })
        .errors(BadRequestException::new, UnauthorizedException::new)
        .build();
  }

  /** Writes a JSON body. */
  static byte[] json(Map<String, ?> body) {
    try {
      return Json.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the JSON body", e);
    }
  }

  /** Reads a JSON object's members. */
  public static Map<String, Object> members(String json) {
    try {
      return Json.MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON object", e);
    }
  }

  private static String text(Decoders.Answer answer, String field) throws DecodeException {
    JsonNode value = answer.tree() == null ? null : answer.tree().path(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new DecodeException("no " + field);
    }
    return value.asText();
  }
}
