package dev.plexauth.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * What a Node harness of a real client reported ({@code {"harness": …, "cases": [{"name", "call",
 * "detail": {…, "http": [exchanges]}}]}}), and the two judgements every harness test makes of it:
 * each case against its expectation, and every answer the client received against the project's
 * OpenAPI document.
 */
final class HarnessReport {

  private final JsonNode harness;
  private final Map<String, JsonNode> cases = new LinkedHashMap<>();

  HarnessReport(JsonNode result) {
    this.harness = result.get("harness");
    for (JsonNode entry : result.get("cases")) {
      cases.put(entry.get("name").asText(), entry);
    }
  }

  /** The harness's own facts: the client's version, the total, the time taken. */
  JsonNode harness() {
    return harness;
  }

  /** The cases by name, in the order they ran. */
  Map<String, JsonNode> cases() {
    return cases;
  }

  /** The detail of one case; fails when it was not reported. */
  JsonNode detail(String name) {
    JsonNode entry = cases.get(name);
    assertThat(entry).as("case %s was not reported", name).isNotNull();
    return entry.get("detail");
  }

  /** One dynamic test per expectation, each judging its case's detail. */
  Stream<DynamicTest> eachCase(Map<String, Consumer<JsonNode>> expectations) {
    return expectations.entrySet().stream()
        .map(
            expectation ->
                DynamicTest.dynamicTest(
                    expectation.getKey(),
                    () -> expectation.getValue().accept(detail(expectation.getKey()))));
  }

  /**
   * Checks every exchange of every case against the document.
   *
   * @param contract the project's OpenAPI document
   * @return how many exchanges were checked; the violations are asserted empty
   */
  int assertEveryAnswerAsDocumented(OpenApiContract contract) {
    List<String> failures = new ArrayList<>();
    int exchanges = 0;
    for (Map.Entry<String, JsonNode> entry : cases.entrySet()) {
      for (JsonNode exchange : entry.getValue().at("/detail/http")) {
        exchanges++;
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange
            .path("headers")
            .properties()
            .forEach(h -> headers.put(h.getKey(), List.of(h.getValue().asText())));
        List<String> violations =
            contract.check(
                exchange.get("method").asText(),
                exchange.get("path").asText(),
                exchange.get("status").asInt(),
                headers,
                exchange.path("body").asText(""));
        if (!violations.isEmpty()) {
          failures.add(entry.getKey() + " " + exchange.get("url").asText() + ": " + violations);
        }
      }
    }
    assertThat(failures).isEmpty();
    return exchanges;
  }
}
