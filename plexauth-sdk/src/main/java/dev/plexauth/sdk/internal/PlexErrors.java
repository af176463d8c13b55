package dev.plexauth.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plexauth.sdk.errors.PlexError;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Plex errors of an error answer, in every shape seen: {@code {"errors":[{code, message,
 * status}]}}, {@code <errors><error code message status/></errors>}, legacy {@code {"error":"…"}}
 * and {@code <errors><error>Invalid token</error></errors>}.
 */
final class PlexErrors {

  private PlexErrors() {}

  /**
   * Parses the errors of a body; an unreadable body has none.
   *
   * @param body the bytes
   * @param contentType the content type, or empty
   * @return the errors, possibly none
   */
  static List<PlexError> parse(byte[] body, String contentType) {
    JsonNode tree;
    try {
      tree = Bodies.parse(body, contentType);
    } catch (DecodeException e) {
      return List.of();
    }
    List<PlexError> errors = new ArrayList<>();
    JsonNode list = tree.get("errors");
    if (list != null) {
      if (list.isArray()) {
        list.forEach(item -> add(item, errors));
      } else if (list.isObject() && list.has("error")) {
        JsonNode inner = list.get("error");
        if (inner.isArray()) {
          inner.forEach(item -> add(item, errors));
        } else {
          add(inner, errors);
        }
      } else {
        add(list, errors);
      }
    }
    JsonNode single = tree.get("error");
    if (single != null) {
      add(single, errors);
    }
    return errors;
  }

  private static void add(JsonNode item, List<PlexError> errors) {
    if (item == null || item.isNull()) {
      return;
    }
    if (item.isValueNode()) {
      if (!item.asText().isBlank()) {
        errors.add(new PlexError(0, item.asText().trim(), 0));
      }
      return;
    }
    if (item.isObject()) {
      errors.add(
          new PlexError(
              number(item.get("code")), text(item.get("message")), number(item.get("status"))));
    }
  }

  private static int number(JsonNode node) {
    if (node == null || !node.isValueNode()) {
      return 0;
    }
    if (node.canConvertToInt()) {
      return node.asInt();
    }
    try {
      return Integer.parseInt(node.asText().trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() || !node.isValueNode() ? "" : node.asText();
  }
}
