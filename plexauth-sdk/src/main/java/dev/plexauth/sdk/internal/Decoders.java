package dev.plexauth.sdk.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.plexauth.sdk.models.AuthPinContainer;
import dev.plexauth.sdk.models.Device;
import dev.plexauth.sdk.models.GetPinResponse;
import dev.plexauth.sdk.models.GetSourceConnectionInformationResponse;
import dev.plexauth.sdk.models.GetTokenByPinIdResponse;
import dev.plexauth.sdk.models.GetTokenDetailsResponse;
import dev.plexauth.sdk.models.GetTransientTokenResponse;
import dev.plexauth.sdk.models.LinkPinResponse;
import dev.plexauth.sdk.models.PostUsersSignInDataResponse;
import dev.plexauth.sdk.models.UserPlexAccount;
import java.util.List;
import java.util.Map;

/** Reads the successful answers of the operations from their JSON (or XML-derived) tree. */
final class Decoders {

  private Decoders() {}

  /**
   * A successful answer, parsed into a tree.
   *
   * @param statusCode the status
   * @param contentType the content type, or empty
   * @param headers the headers
   * @param tree the parsed body
   */
  record Answer(
      int statusCode, String contentType, Map<String, List<String>> headers, JsonNode tree) {}

  /**
   * Reads one operation's answer.
   *
   * @param <T> the response type
   */
  @FunctionalInterface
  interface Decoder<T> {
    /**
     * Reads the answer.
     *
     * @param answer the parsed answer
     * @return the response
     * @throws DecodeException when the answer lacks what the operation returns
     */
    T decode(Answer answer) throws DecodeException;
  }

  /**
   * {@code {"MediaContainer":{"token":…}}} or {@code <MediaContainer token="…"/>}.
   *
   * @param answer the answer
   * @return the response
   * @throws DecodeException without a token
   */
  static GetTransientTokenResponse transientToken(Answer answer) throws DecodeException {
    JsonNode container = mediaContainer(answer.tree());
    JsonNode token = container.get("token");
    if (token == null || !token.isValueNode() || token.asText().isEmpty()) {
      throw new DecodeException("no token in the answer");
    }
    return new GetTransientTokenResponse(
        answer.statusCode(), answer.contentType(), answer.headers(), token.asText());
  }

  /**
   * {@code MediaContainer > Device > Connection}; {@code Device} as an object or a one-element
   * array, {@code Connection} as an array or a single object.
   *
   * @param answer the answer
   * @return the response
   * @throws DecodeException without a device
   */
  static GetSourceConnectionInformationResponse sourceConnectionInformation(Answer answer)
      throws DecodeException {
    JsonNode container = mediaContainer(answer.tree());
    JsonNode device = field(container, "Device", "device");
    if (device != null && device.isArray()) {
      device = device.isEmpty() ? null : device.get(0);
    }
    if (device == null || !device.isObject()) {
      throw new DecodeException("no Device in the answer");
    }
    return new GetSourceConnectionInformationResponse(
        answer.statusCode(),
        answer.contentType(),
        answer.headers(),
        bind(device, Device.class, "Device"));
  }

  /**
   * The user object: a top-level JSON object, a {@code {"user":{…}}} wrapper, or XML {@code
   * <user>}.
   *
   * @param answer the answer
   * @return the response
   * @throws DecodeException without a user object
   */
  static GetTokenDetailsResponse tokenDetails(Answer answer) throws DecodeException {
    return new GetTokenDetailsResponse(
        answer.statusCode(), answer.contentType(), answer.headers(), user(answer.tree()));
  }

  /**
   * The user object with {@code pastSubscriptions} and {@code trials}.
   *
   * @param answer the answer
   * @return the response
   * @throws DecodeException without a user object
   */
  static PostUsersSignInDataResponse signIn(Answer answer) throws DecodeException {
    return new PostUsersSignInDataResponse(
        answer.statusCode(), answer.contentType(), answer.headers(), user(answer.tree()));
  }

  /**
   * The new pin: a JSON object, or XML {@code <pin>}.
   *
   * @param answer the answer
   * @return the response
   * @throws DecodeException without a pin object
   */
  static GetPinResponse pin(Answer answer) throws DecodeException {
    return new GetPinResponse(
        answer.statusCode(), answer.contentType(), answer.headers(), pinObject(answer.tree()));
  }

  /**
   * The polled pin: a JSON object, or XML {@code <pin>}.
   *
   * @param answer the answer
   * @return the response
   * @throws DecodeException without a pin object
   */
  static GetTokenByPinIdResponse polledPin(Answer answer) throws DecodeException {
    return new GetTokenByPinIdResponse(
        answer.statusCode(), answer.contentType(), answer.headers(), pinObject(answer.tree()));
  }

  /**
   * A pin's approval: 204, nothing to read.
   *
   * @param answer the answer
   * @return the response
   */
  static LinkPinResponse linked(Answer answer) {
    return new LinkPinResponse(answer.statusCode(), answer.contentType(), answer.headers());
  }

  private static AuthPinContainer pinObject(JsonNode tree) throws DecodeException {
    JsonNode pin = tree;
    JsonNode wrapped = tree.get("pin");
    if (wrapped != null && wrapped.isObject() && !tree.has("id")) {
      pin = wrapped;
    }
    if (!pin.isObject() || !pin.has("id") || !pin.has("code")) {
      throw new DecodeException("no pin in the answer");
    }
    return bind(pin, AuthPinContainer.class, "pin");
  }

  private static UserPlexAccount user(JsonNode tree) throws DecodeException {
    JsonNode user = tree;
    JsonNode wrapped = tree.get("user");
    if (wrapped != null && wrapped.isObject() && !looksLikeUser(tree)) {
      user = wrapped;
    }
    if (!user.isObject() || !looksLikeUser(user)) {
      throw new DecodeException("no user object in the answer");
    }
    for (String list : OBJECT_LISTS) {
      idsToObjects(user.get(list));
    }
    return bind(user, UserPlexAccount.class, "user");
  }

  /** Lists of objects in the user; in XML an item with only an id reads as that id's text. */
  private static final List<String> OBJECT_LISTS =
      List.of("services", "subscriptions", "pastSubscriptions", "trials");

  private static void idsToObjects(JsonNode list) {
    if (list == null || !list.isArray()) {
      return;
    }
    ArrayNode array = (ArrayNode) list;
    for (int i = 0; i < array.size(); i++) {
      if (array.get(i).isTextual()) {
        array.set(i, array.objectNode().put("id", array.get(i).asText()));
      }
    }
  }

  private static boolean looksLikeUser(JsonNode node) {
    return node.has("id") || node.has("uuid") || node.has("authToken") || node.has("username");
  }

  private static JsonNode mediaContainer(JsonNode tree) throws DecodeException {
    JsonNode container = field(tree, "MediaContainer", "mediaContainer");
    if (container != null && container.isArray() && container.size() == 1) {
      container = container.get(0);
    }
    if (container != null && container.isObject()) {
      return container;
    }
    if (tree.isObject() && (tree.has("token") || tree.has("Device"))) {
      return tree;
    }
    throw new DecodeException("no MediaContainer in the answer");
  }

  private static JsonNode field(JsonNode node, String name, String alias) {
    JsonNode value = node.get(name);
    return value != null ? value : node.get(alias);
  }

  private static <T> T bind(JsonNode node, Class<T> type, String what) throws DecodeException {
    try {
      return Json.MAPPER.treeToValue(node, type);
    } catch (JsonMappingException e) {
      throw new DecodeException(what + " could not be read at " + path(e));
    } catch (JsonProcessingException | RuntimeException e) {
      throw new DecodeException(what + " could not be read");
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append('.').append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "the top level" : path.substring(path.charAt(0) == '.' ? 1 : 0);
  }
}
