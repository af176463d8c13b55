package dev.plexauth.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenAPI document of the four operations, read at test time, and the JSON Schema validation of
 * answers against the response schema the document gives for their status.
 *
 * <p>The document is OpenAPI 3.1, whose schemas are JSON Schema 2020-12: each response schema is
 * validated with the {@code components} of the document beside it, so its {@code $ref}s resolve.
 */
final class OpenApiContract {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final JsonSchemaFactory SCHEMAS =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  private final JsonNode document;

  private OpenApiContract(JsonNode document) {
    this.document = document;
  }

  static OpenApiContract load(Path path) {
    try {
      return new OpenApiContract(YAML.readTree(path.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the contract " + path, e);
    }
  }

  JsonNode document() {
    return document;
  }

  /** The operation object for a path of the document and an HTTP method, if the document has it. */
  Optional<JsonNode> operation(String path, String method) {
    JsonNode operation = document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
    return operation.isObject() ? Optional.of(operation) : Optional.empty();
  }

  /**
   * The response object for a status, with a {@code $ref} to {@code components/responses} resolved.
   */
  Optional<JsonNode> response(JsonNode operation, int status) {
    JsonNode response = operation.path("responses").path(Integer.toString(status));
    if (response.isMissingNode()) {
      return Optional.empty();
    }
    return Optional.of(resolve(response));
  }

  /** The JSON schema of a response's {@code application/json} content, if it has one. */
  Optional<JsonNode> jsonSchema(JsonNode response) {
    JsonNode schema = response.path("content").path("application/json").path("schema");
    return schema.isObject() ? Optional.of(schema) : Optional.empty();
  }

  /**
   * The Plex error envelope {@code {"errors":[{code, message, status}]}}: the schema of the
   * contract's 400 answer, used for the statuses the contract does not list.
   */
  JsonNode errorEnvelope() {
    return jsonSchema(document.at("/components/responses/BadRequest"))
        .orElseThrow(() -> new IllegalStateException("the contract has no BadRequest schema"));
  }

  /** A named schema of {@code components/schemas}. */
  JsonNode componentSchema(String name) {
    JsonNode schema = document.path("components").path("schemas").path(name);
    if (!schema.isObject()) {
      throw new IllegalArgumentException("no schema " + name + " in the contract");
    }
    return schema;
  }

  /** Validates a value against a schema of this document; returns the violations, none if valid. */
  List<String> validate(JsonNode schema, JsonNode value) {
    ObjectNode standalone = schema.deepCopy();
    standalone.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    standalone.set("components", document.path("components"));
    JsonSchema compiled = SCHEMAS.getSchema(standalone);
    Set<ValidationMessage> messages = compiled.validate(value);
    List<String> violations = new ArrayList<>();
    for (ValidationMessage message : messages) {
      violations.add(message.getMessage());
    }
    return violations;
  }

  /** Follows a local {@code $ref} such as {@code #/components/responses/BadRequest}. */
  JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
      String ref = current.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw new IllegalArgumentException("only local references are supported: " + ref);
      }
      current = document.at(ref.substring(1));
    }
    return current;
  }
}
