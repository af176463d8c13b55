package dev.plexauth.sdk.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.plexauth.sdk.models.AuthPinContainer;
import dev.plexauth.sdk.models.AuthorizedDevice;
import dev.plexauth.sdk.models.Device;
import dev.plexauth.sdk.models.DevicesResponse;
import dev.plexauth.sdk.models.GetPinResponse;
import dev.plexauth.sdk.models.GetServerCapabilitiesResponse;
import dev.plexauth.sdk.models.GetServerIdentityResponse;
import dev.plexauth.sdk.models.GetServerResourcesResponse;
import dev.plexauth.sdk.models.GetSourceConnectionInformationResponse;
import dev.plexauth.sdk.models.GetTokenByPinIdResponse;
import dev.plexauth.sdk.models.GetTokenDetailsResponse;
import dev.plexauth.sdk.models.GetTransientTokenResponse;
import dev.plexauth.sdk.models.LinkPinResponse;
import dev.plexauth.sdk.models.PingResponse;
import dev.plexauth.sdk.models.PlexDevice;
import dev.plexauth.sdk.models.PostUsersSignInDataResponse;
import dev.plexauth.sdk.models.ServerCapabilities;
import dev.plexauth.sdk.models.ServerIdentity;
import dev.plexauth.sdk.models.UserPlexAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the successful answers of the operations from their JSON (or XML-derived) tree. */
final class Decoders {

  private Decoders() {}

  /**
   * A successful answer. Its body is parsed into a tree when a decoder first asks for it; a decoder
   * may instead read the bytes itself ({@link #json()}, {@link #body()}, {@link #markRead()}).
   * Either way the body of every answer must be readable: {@link #requireReadable()} parses it for
   * decoders that never looked at it.
   */
  static final class Answer {
    private final int statusCode;
    private final String contentType;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private JsonNode tree;
    private boolean read;

    /**
     * An answer not parsed yet.
     *
     * @param statusCode the status
     * @param contentType the content type, or empty
     * @param headers the headers
     * @param body the body, not copied
     */
    Answer(int statusCode, String contentType, Map<String, List<String>> headers, byte[] body) {
      this.statusCode = statusCode;
      this.contentType = contentType;
      this.headers = headers;
      this.body = body;
    }

    int statusCode() {
      return statusCode;
    }

    String contentType() {
      return contentType;
    }

    Map<String, List<String>> headers() {
      return headers;
    }

    /**
     * The body as a tree, parsed once: JSON or XML (as {@code {"<root>": …}}); nothing for 204 No
     * Content.
     *
     * @return the tree
     * @throws DecodeException when the body is empty, malformed or neither JSON nor XML
     */
    JsonNode tree() throws DecodeException {
      if (tree == null) {
        tree = statusCode == 204 ? MissingNode.getInstance() : Bodies.parse(body, contentType);
        read = true;
      }
      return tree;
    }

    /** Whether {@link #tree()} would read the body as JSON. */
    boolean json() {
      return statusCode != 204 && Bodies.format(body, contentType) == Bodies.Format.JSON;
    }

    /** The body bytes, not copied. */
    byte[] body() {
      return body;
    }

    /** Notes that a decoder read the body itself. */
    void markRead() {
      read = true;
    }

    /**
     * Parses the body unless a decoder read it, so an unreadable body fails every operation, also
     * one that returns nothing from it.
     *
     * @throws DecodeException when the body cannot be read
     */
    void requireReadable() throws DecodeException {
      if (!read) {
        tree();
      }
    }
  }

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
        answer.statusCode(), answer.contentType(), answer.headers(), user(answer));
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
        answer.statusCode(), answer.contentType(), answer.headers(), user(answer));
  }

  /**
   * {@code GET /identity}: {@code MediaContainer} with size, claimed, machineIdentifier, version.
   *
   * @param answer the answer
   * @return the response
   * @throws DecodeException without a container
   */
  static GetServerIdentityResponse serverIdentity(Answer answer) throws DecodeException {
    return new GetServerIdentityResponse(
        answer.statusCode(),
        answer.contentType(),
        answer.headers(),
        bind(mediaContainer(answer.tree()), ServerIdentity.class, "MediaContainer"));
  }

  /**
   * {@code GET /}: the server's {@code MediaContainer}.
   *
   * @param answer the answer
   * @return the response
   * @throws DecodeException without a container
   */
  static GetServerCapabilitiesResponse serverCapabilities(Answer answer) throws DecodeException {
    return new GetServerCapabilitiesResponse(
        answer.statusCode(),
        answer.contentType(),
        answer.headers(),
        bind(mediaContainer(answer.tree()), ServerCapabilities.class, "MediaContainer"));
  }

  /**
   * {@code GET /api/v2/resources}: a JSON array; in XML {@code <resources><resource …>}; the older
   * {@code MediaContainer > Device}; one object where a list is expected.
   *
   * @param answer the answer
   * @return the response
   * @throws DecodeException when no list of resources can be found
   */
  static GetServerResourcesResponse serverResources(Answer answer) throws DecodeException {
    List<PlexDevice> devices = new ArrayList<>();
    for (JsonNode item : items(answer.tree(), "resources", "resource", "Device")) {
      devices.add(bind(item, PlexDevice.class, "resource"));
    }
    return new GetServerResourcesResponse(
        answer.statusCode(), answer.contentType(), answer.headers(), devices);
  }

  /**
   * {@code GET /api/v2/devices}: a JSON array; in XML {@code <devices><device …>}; the older {@code
   * MediaContainer > Device}; one object where a list is expected.
   *
   * @param answer the answer
   * @return the response
   * @throws DecodeException when no list of devices can be found
   */
  static DevicesResponse devices(Answer answer) throws DecodeException {
    List<AuthorizedDevice> devices = new ArrayList<>();
    for (JsonNode item : items(answer.tree(), "devices", "device", "Device")) {
      devices.add(bind(item, AuthorizedDevice.class, "device"));
    }
    return new DevicesResponse(
        answer.statusCode(), answer.contentType(), answer.headers(), devices);
  }

  /**
   * {@code GET /api/v2/ping}: {@code {"pong":true}} or {@code <pong>true</pong>}.
   *
   * @param answer the answer
   * @return the response
   * @throws DecodeException without a pong
   */
  static PingResponse ping(Answer answer) throws DecodeException {
    JsonNode pong = answer.tree().get("pong");
    if (pong == null || !pong.isValueNode()) {
      throw new DecodeException("no pong in the answer");
    }
    boolean value =
        pong.isBoolean()
            ? pong.booleanValue()
            : switch (pong.asText().strip().toLowerCase(Locale.ROOT)) {
              case "true", "1" -> true;
              case "false", "0" -> false;
              default -> throw new DecodeException("pong is not a boolean");
            };
    return new PingResponse(answer.statusCode(), answer.contentType(), answer.headers(), value);
  }

  /**
   * The items of a list answer: a JSON array; the array (or single object) of items under the
   * wrapper ({@code <resources>}) or {@code MediaContainer}; or one item on its own.
   *
   * @param tree the parsed answer
   * @param wrapper the list's name, e.g. {@code resources}
   * @param itemNames the names an item goes by, e.g. {@code resource}, {@code Device}
   */
  private static List<JsonNode> items(JsonNode tree, String wrapper, String... itemNames)
      throws DecodeException {
    if (tree.isArray()) {
      return elements(tree);
    }
    List<JsonNode> containers = new ArrayList<>();
    for (String name : List.of(wrapper, "MediaContainer", "mediaContainer")) {
      JsonNode inner = tree.get(name);
      if (inner != null && inner.isArray()) {
        return elements(inner);
      }
      if (inner != null && inner.isObject()) {
        containers.add(inner);
      }
    }
    containers.add(tree);
    for (JsonNode container : containers) {
      for (String name : itemNames) {
        JsonNode found = container.get(name);
        if (found != null && found.isArray()) {
          return elements(found);
        }
        if (found != null && found.isObject()) {
          return List.of(found);
        }
      }
    }
    if (containers.size() > 1) {
      return List.of();
    }
    if (tree.isObject() && (tree.has("clientIdentifier") || tree.has("name"))) {
      return List.of(tree);
    }
    throw new DecodeException("no list in the answer");
  }

  private static List<JsonNode> elements(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(
        item -> {
          if (item.isObject()) {
            items.add(item);
          }
        });
    return items;
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

  /**
   * The user object: straight from the JSON bytes when nothing in them needs the tree ({@link
   * PlainUserJson}, the common case: no tree is built), else from the tree.
   */
  private static UserPlexAccount user(Answer answer) throws DecodeException {
    if (answer.json()) {
      UserPlexAccount plain = PlainUserJson.read(answer.body());
      if (plain != null) {
        answer.markRead();
        return plain;
      }
    }
    return user(answer.tree());
  }

  /** Reads the user object from the tree. Package-private for the test of {@link PlainUserJson}. */
  static UserPlexAccount user(JsonNode tree) throws DecodeException {
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
  static final List<String> OBJECT_LISTS =
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

  /** The fields of which one marks an object as the user ({@link #looksLikeUser}). */
  static final List<String> USER_FIELDS = List.of("id", "uuid", "authToken", "username");

  private static boolean looksLikeUser(JsonNode node) {
    for (String field : USER_FIELDS) {
      if (node.has(field)) {
        return true;
      }
    }
    return false;
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
