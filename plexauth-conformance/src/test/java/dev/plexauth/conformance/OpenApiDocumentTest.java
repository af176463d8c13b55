package dev.plexauth.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's OpenAPI document itself: valid OpenAPI 3.1 by the official schema, examples that
 * match the schemas they illustrate, and paths and methods that are exactly those the server
 * serves.
 */
class OpenApiDocumentTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static boolean validatorInstalled;

  private final OpenApiContract contract = OpenApiContract.load();

  @Test
  void theDocumentIsValidOpenApi31(@TempDir Path dir) throws IOException {
    JsonNode report = validate(dir, contract.text());

    assertThat(report.get("validator").asText()).isEqualTo("2.11.0");
    assertThat(report.get("version").asText()).isEqualTo("3.1");
    assertThat(report.get("valid").asBoolean()).as("%s", report.get("errors")).isTrue();
  }

  @Test
  void theValidatorRefusesABrokenDocument(@TempDir Path dir) throws IOException {
    String broken = contract.text().replace("\n  responses:\n", "\n  responsez:\n");
    assertThat(broken).isNotEqualTo(contract.text());

    JsonNode report = validate(dir, broken);

    assertThat(report.get("valid").asBoolean()).isFalse();
    assertThat(report.get("errors").toString()).contains("responsez");
  }

  @Test
  void everyExampleMatchesTheSchemaItIllustrates() {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (OpenApiContract.Operation operation : contract.operations()) {
      for (Map.Entry<String, JsonNode> status : operation.node().path("responses").properties()) {
        String where = operation.method() + " " + operation.path() + " " + status.getKey();
        checked += checkContent(where, contract.resolve(status.getValue()), failures);
      }
      JsonNode body = operation.node().path("requestBody");
      if (!body.isMissingNode()) {
        checked += checkContent(operation.method() + " " + operation.path(), body, failures);
      }
    }
    for (Map.Entry<String, JsonNode> response :
        contract.document().at("/components/responses").properties()) {
      checked += checkContent(response.getKey(), response.getValue(), failures);
    }
    checked +=
        checkSchemaExamples(
            "#/components/schemas", contract.document().at("/components/schemas"), failures);

    assertThat(failures).isEmpty();
    assertThat(checked).as("examples checked").isGreaterThan(60);
  }

  @Test
  void everyDocumentedOperationIsServedAndAnswersAsDocumented(@TempDir Path dataDir) {
    try (Fixture fx = Fixture.empty(dataDir)) {
      List<String> failures = new ArrayList<>();
      for (OpenApiContract.Operation operation : contract.operations()) {
        String path = OpenApiContract.samplePath(operation.path());
        Http.Response response =
            fx.http.send(operation.method(), path, null, "Accept", "application/json");
        List<String> violations =
            contract.check(
                operation.method(), path, response.status(), response.headers(), response.body());
        if (!violations.isEmpty() || response.status() == 404 || response.status() == 405) {
          failures.add(
              operation.method() + " " + operation.path() + " " + response.status() + violations);
        }
      }
      assertThat(failures).isEmpty();
    }
  }

  @Test
  void everyPathServesExactlyTheDocumentedMethods(@TempDir Path dataDir) {
    try (Fixture fx = Fixture.empty(dataDir)) {
      JsonNode notAllowed = contract.document().at("/components/responses/MethodNotAllowed");
      for (Map.Entry<String, JsonNode> path : contract.document().path("paths").properties()) {
        Set<String> documented = new TreeSet<>();
        for (String method : OpenApiContract.METHODS) {
          if (path.getValue().has(method)) {
            documented.add(method.toUpperCase(Locale.ROOT));
          }
        }
        String unserved = documented.contains("DELETE") ? "PATCH" : "DELETE";

        Http.Response response =
            fx.http.send(
                unserved,
                OpenApiContract.samplePath(path.getKey()),
                null,
                "Accept",
                "application/json");

        assertThat(response.status()).as(unserved + " " + path.getKey()).isEqualTo(405);
        assertThat(contract.checkAnswer(notAllowed, response.headers(), response.body())).isEmpty();
        Set<String> allowed =
            Arrays.stream(response.header("Allow").orElse("").split(","))
                .map(String::strip)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(allowed).as("Allow on " + path.getKey()).isEqualTo(documented);
      }
    }
  }

  @Test
  void anUnknownPathAnswersTheDocumentedNotFound(@TempDir Path dataDir) {
    try (Fixture fx = Fixture.empty(dataDir)) {
      JsonNode notFound = contract.document().at("/components/responses/NotFound");
      for (String accept : List.of("application/json", "text/html")) {
        Http.Response response = fx.http.send("GET", "/api/v2/nothing", null, "Accept", accept);

        assertThat(response.status()).isEqualTo(404);
        assertThat(contract.checkAnswer(notFound, response.headers(), response.body())).isEmpty();
      }
    }
  }

  /** Checks the examples of every media type of a response or request body; returns how many. */
  private int checkContent(String where, JsonNode holder, List<String> failures) {
    int checked = 0;
    for (Map.Entry<String, JsonNode> media : holder.path("content").properties()) {
      JsonNode schema = media.getValue().path("schema");
      for (Map.Entry<String, JsonNode> example : contract.examples(media.getValue()).entrySet()) {
        String at = where + " " + media.getKey() + " example " + example.getKey();
        JsonNode value = example.getValue();
        checked++;
        if (media.getKey().endsWith("/xml")) {
          String root = OpenApiContract.xmlRoot(value.asText()).orElse("(not XML)");
          if (!root.equals(contract.xmlName(schema))) {
            failures.add(
                at + ": root <" + root + ">, schema names <" + contract.xmlName(schema) + ">");
          }
        } else if (media.getKey().equals("application/yaml")) {
          if (!value.isTextual()) {
            failures.add(at + ": not text");
          }
        } else {
          List<String> violations = contract.validate(schema, value);
          if (!violations.isEmpty()) {
            failures.add(at + ": " + violations);
          }
        }
      }
    }
    return checked;
  }

  /** Checks the {@code examples} of every schema below a node against that schema. */
  private int checkSchemaExamples(String where, JsonNode node, List<String> failures) {
    int checked = 0;
    if (node.isObject()) {
      if (node.path("examples").isArray() && !where.endsWith("/properties")) {
        for (JsonNode example : node.get("examples")) {
          checked++;
          List<String> violations = contract.validate(node, example);
          if (!violations.isEmpty()) {
            failures.add(where + " example " + example + ": " + violations);
          }
        }
      }
      for (Map.Entry<String, JsonNode> child : node.properties()) {
        if (!child.getKey().equals("examples")) {
          checked += checkSchemaExamples(where + "/" + child.getKey(), child.getValue(), failures);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checked += checkSchemaExamples(where + "/" + i, node.get(i), failures);
      }
    }
    return checked;
  }

  /** Runs the official schema's validator on a document text; its report. */
  private static JsonNode validate(Path dir, String document) throws IOException {
    Path project = RepositoryPaths.openApiValidator();
    synchronized (OpenApiDocumentTest.class) {
      if (!validatorInstalled) {
        NodeProcess.requireNodeAndNpm();
        NodeProcess.npmCi(project);
        validatorInstalled = true;
      }
    }
    Path file = dir.resolve("openapi.yaml");
    Files.writeString(file, document);
    NodeProcess.Outcome run =
        NodeProcess.run(
            project,
            List.of("node", "validate.mjs", file.toString()),
            Map.of(),
            Duration.ofMinutes(1));
    assertThat(run.exitCode()).as("the validator failed:\n%s", run.stderr()).isZero();
    return JSON.readTree(run.stdout());
  }
}
