package dev.plexauth.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The project's OpenAPI document, as the server ships it ({@value #RESOURCE} on the class path),
 * and the checks of answers against it: the status documented for the operation, the headers it
 * requires, the content type among those it lists, a JSON body valid against its schema, an XML
 * body with the root element its schema names.
 *
 * <p>The document is OpenAPI 3.1, whose schemas are JSON Schema 2020-12: each schema is validated
 * with the {@code components} of the document beside it, so its {@code $ref}s resolve.
 */
final class OpenApiContract {

  /** Where the server keeps its document. */
  static final String RESOURCE = "/dev/plexauth/server/openapi.yaml";

  /** The methods an OpenAPI path item may hold. */
  static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchemaFactory SCHEMAS =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  /** An operation of the document. */
  record Operation(String path, String method, JsonNode node) {
    String id() {
      return node.path("operationId").asText();
    }
  }

  private final String text;
  private final JsonNode document;
  private final Map<JsonNode, JsonSchema> compiled = new ConcurrentHashMap<>();

  private OpenApiContract(String text, JsonNode document) {
    this.text = text;
    this.document = document;
  }

  /** The document the server ships. */
  static OpenApiContract load() {
    try (InputStream in = OpenApiContract.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new OpenApiContract(text, YAML.readTree(text));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** The document as written. */
  String text() {
    return text;
  }

  JsonNode document() {
    return document;
  }

  /**
   * The operation object for a path and an HTTP method, if the document has it. The path is one of
   * the document's ({@code /api/v2/pins/{pinID}}) or a request's ({@code /api/v2/pins/42}, {@code
   * /devices/12.xml}), which matches a templated path of the document ({@code {name}} stands for
   * one segment's text) unless the document has it as a path of its own ({@code
   * /api/v2/pins/link}).
   */
  Optional<JsonNode> operation(String path, String method) {
    JsonNode item = document.path("paths").path(path);
    if (!item.isObject()) {
      item = templatedPathItem(path);
    }
    JsonNode operation = item.path(method.toLowerCase(Locale.ROOT));
    return operation.isObject() ? Optional.of(operation) : Optional.empty();
  }

  /** A request path for a path of the document: each {@code {parameter}} replaced by {@code 1}. */
  static String samplePath(String documentPath) {
    return documentPath.replaceAll("\\{[^}/]+}", "1");
  }

  private JsonNode templatedPathItem(String path) {
    for (Map.Entry<String, JsonNode> entry : document.path("paths").properties()) {
      if (entry.getKey().contains("{") && template(entry.getKey()).matcher(path).matches()) {
        return entry.getValue();
      }
    }
    return MissingNode.getInstance();
  }

  /** A path template as a pattern: each {@code {name}} stands for one segment's text. */
  private static Pattern template(String path) {
    StringBuilder regex = new StringBuilder();
    Matcher names = Pattern.compile("\\{[^}/]+}").matcher(path);
    int at = 0;
    while (names.find()) {
      regex.append(Pattern.quote(path.substring(at, names.start()))).append("[^/]+");
      at = names.end();
    }
    return Pattern.compile(regex.append(Pattern.quote(path.substring(at))).toString());
  }

  /** Every operation of the document, in its order. */
  List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      for (String method : METHODS) {
        JsonNode operation = path.getValue().path(method);
        if (operation.isObject()) {
          operations.add(new Operation(path.getKey(), method.toUpperCase(Locale.ROOT), operation));
        }
      }
    }
    return operations;
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
   * The named examples of a media type, each {@code $ref} to {@code components/examples} resolved.
   */
  Map<String, JsonNode> examples(JsonNode mediaType) {
    Map<String, JsonNode> examples = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> example : mediaType.path("examples").properties()) {
      examples.put(example.getKey(), resolve(example.getValue()).path("value"));
    }
    return examples;
  }

  /** The Plex error body {@code {"errors":[{code, message, status}]}}. */
  JsonNode errorEnvelope() {
    return componentSchema("PlexErrors");
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
    JsonSchema validator =
        compiled.computeIfAbsent(
            schema,
            unused -> {
              ObjectNode standalone = schema.deepCopy();
              standalone.put("$schema", "https://json-schema.org/draft/2020-12/schema");
              standalone.set("components", document.path("components"));
              return SCHEMAS.getSchema(standalone);
            });
    List<String> violations = new ArrayList<>();
    for (ValidationMessage message : validator.validate(value)) {
      violations.add(message.getMessage());
    }
    return violations;
  }

  /**
   * Checks one answer against the document.
   *
   * @param method the request's method
   * @param path the request's path, without the query
   * @param status the answer's status
   * @param headers the answer's headers (names in any case)
   * @param body the answer's body as text
   * @return what the document does not allow, nothing if the answer is as documented
   */
  List<String> check(
      String method, String path, int status, Map<String, List<String>> headers, String body) {
    List<String> violations = new ArrayList<>();
    Optional<JsonNode> operation = operation(path, method);
    if (operation.isEmpty()) {
      violations.add("the document has no operation " + method + " " + path);
      return violations;
    }
    Optional<JsonNode> response = response(operation.get(), status);
    if (response.isEmpty()) {
      violations.add("status " + status + " is not documented");
      return violations;
    }
    violations.addAll(checkAnswer(response.get(), headers, body));
    return violations;
  }

  /**
   * Checks an answer against a response object of the document (for the answers every path gives,
   * such as {@code #/components/responses/NotFound}).
   *
   * @param response the response object, {@code $ref} allowed
   * @param headers the answer's headers (names in any case)
   * @param body the answer's body as text
   * @return what the response object does not allow, nothing if the answer is as documented
   */
  List<String> checkAnswer(JsonNode response, Map<String, List<String>> headers, String body) {
    JsonNode documentedResponse = resolve(response);
    List<String> violations = new ArrayList<>();
    checkHeaders(documentedResponse, headers, violations);
    String contentType = header(headers, "Content-Type").orElse("");
    String mediaType = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    JsonNode content = documentedResponse.path("content");
    if (content.isEmpty()) {
      if (!body.isEmpty()) {
        violations.add("a body where the document has none");
      }
      return violations;
    }
    JsonNode documented = content.path(mediaType);
    if (!documented.isObject()) {
      List<String> listed = new ArrayList<>();
      content.fieldNames().forEachRemaining(listed::add);
      violations.add("content type '" + contentType + "' is not among " + listed);
      return violations;
    }
    JsonNode schema = documented.path("schema");
    if (mediaType.equals("application/json")) {
      try {
        violations.addAll(validate(schema, JSON.readTree(body)));
      } catch (IOException e) {
        violations.add("the body is not JSON: " + e.getMessage());
      }
    } else if (mediaType.endsWith("/xml")) {
      String root = xmlName(schema);
      xmlRoot(body)
          .ifPresentOrElse(
              actual -> {
                if (!actual.equals(root)) {
                  violations.add("XML root <" + actual + ">, the document names <" + root + ">");
                }
              },
              () -> violations.add("the body is not XML"));
    }
    return violations;
  }

  /** The XML root element a schema names ({@code xml.name}), empty if none. */
  String xmlName(JsonNode schema) {
    return resolve(schema).path("xml").path("name").asText("");
  }

  private void checkHeaders(
      JsonNode response, Map<String, List<String>> headers, List<String> violations) {
    for (Map.Entry<String, JsonNode> entry : response.path("headers").properties()) {
      JsonNode header = resolve(entry.getValue());
      Optional<String> value = header(headers, entry.getKey());
      if (value.isEmpty()) {
        if (header.path("required").asBoolean(false)) {
          violations.add("header " + entry.getKey() + " is missing");
        }
        continue;
      }
      JsonNode schema = resolve(header.path("schema"));
      JsonNode typed = JsonNodeFactory.instance.textNode(value.get());
      if (schema.path("type").asText().equals("integer")) {
        try {
          typed = JsonNodeFactory.instance.numberNode(Long.parseLong(value.get()));
        } catch (NumberFormatException e) {
          violations.add("header " + entry.getKey() + " is not an integer: " + value.get());
          continue;
        }
      }
      for (String violation : validate(schema, typed)) {
        violations.add("header " + entry.getKey() + ": " + violation);
      }
    }
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

  /** The root element's name of an XML text, if it is XML (no DTD allowed). */
  static Optional<String> xmlRoot(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(
          new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) throws SAXException {
              throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
              throw e;
            }
          });
      return Optional.of(
          builder
              .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
              .getDocumentElement()
              .getTagName());
    } catch (ParserConfigurationException | SAXException | IOException e) {
      return Optional.empty();
    }
  }

  static Optional<String> header(Map<String, List<String>> headers, String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
        .map(e -> e.getValue().get(0))
        .findFirst();
  }
}
