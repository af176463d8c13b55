package dev.plexauth.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Builds an example document from a schema of the contract: every property takes the first of the
 * {@code examples} the contract gives it (or its {@code example}), else its {@code const}, else its
 * {@code default}, else its first enum value, else a value of its type. So every example the
 * contract writes down for a field ends up in one body.
 */
final class ContractExamples {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final OpenApiContract contract;

  ContractExamples(OpenApiContract contract) {
    this.contract = contract;
  }

  JsonNode of(JsonNode schema) {
    JsonNode resolved = contract.resolve(schema);
    if (resolved.has("allOf")) {
      // allOf either merges objects (the sign-in answer) or decorates a scalar (PlexBoolean plus a
      // description): merge the object parts, else take the first part that gives a value.
      ObjectNode merged = NODES.objectNode();
      JsonNode scalar = null;
      for (JsonNode part : resolved.get("allOf")) {
        JsonNode example = of(part);
        if (example.isObject() && !example.isEmpty()) {
          merged.setAll((ObjectNode) example);
        } else if (!example.isObject() && scalar == null) {
          scalar = example;
        }
      }
      return merged.isEmpty() && scalar != null ? scalar : merged;
    }
    if (resolved.has("oneOf")) {
      for (JsonNode alternative : resolved.get("oneOf")) {
        JsonNode candidate = contract.resolve(alternative);
        if (!"null".equals(candidate.path("type").asText())) {
          return of(candidate);
        }
      }
    }
    String type = type(resolved);
    if (type.equals("object") || resolved.has("properties")) {
      ObjectNode object = NODES.objectNode();
      for (Map.Entry<String, JsonNode> property : resolved.path("properties").properties()) {
        object.set(property.getKey(), of(property.getValue()));
      }
      return object;
    }
    if (resolved.path("examples").isArray() && !resolved.get("examples").isEmpty()) {
      return resolved.get("examples").get(0);
    }
    if (resolved.has("example")) {
      return resolved.get("example");
    }
    if (resolved.has("const")) {
      return resolved.get("const");
    }
    if (resolved.has("default")) {
      return resolved.get("default");
    }
    if (resolved.has("enum")) {
      return resolved.get("enum").get(0);
    }
    switch (type) {
      case "array":
        ArrayNode array = NODES.arrayNode();
        array.add(of(resolved.path("items")));
        return array;
      case "integer":
        return NODES.numberNode(7);
      case "number":
        return NODES.numberNode(7.5);
      case "boolean":
        return NODES.booleanNode(true);
      case "null":
        return NODES.nullNode();
      default:
        return NODES.textNode("text");
    }
  }

  private static String type(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isArray()) {
      for (JsonNode candidate : type) {
        if (!candidate.asText().equals("null")) {
          return candidate.asText();
        }
      }
      return "null";
    }
    return type.asText("string");
  }
}
