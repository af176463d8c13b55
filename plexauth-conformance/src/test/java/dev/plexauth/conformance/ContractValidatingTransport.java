package dev.plexauth.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plexauth.sdk.Transport;
import dev.plexauth.sdk.TransportRequest;
import dev.plexauth.sdk.TransportResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A transport that hands every request to a real one and checks every answer against the OpenAPI
 * contract: the response schema for its status when the contract documents that status, and the
 * contract's error envelope (the schema of {@code components/responses/BadRequest}) for the
 * statuses the contract does not list (403, 404, 413, 429).
 */
final class ContractValidatingTransport implements Transport {

  /** One answer and what the contract said of it. */
  record Checked(
      String method,
      String path,
      int status,
      String contentType,
      boolean documented,
      List<String> violations) {

    String key() {
      return method + " " + path + " " + status;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Transport delegate;
  private final OpenApiContract contract;
  private final List<Checked> checked = new CopyOnWriteArrayList<>();

  ContractValidatingTransport(Transport delegate, OpenApiContract contract) {
    this.delegate = delegate;
    this.contract = contract;
  }

  List<Checked> checked() {
    return List.copyOf(checked);
  }

  @Override
  public TransportResponse send(TransportRequest request) throws IOException {
    TransportResponse response = delegate.send(request);
    checked.add(check(request, response));
    return response;
  }

  @Override
  public CompletableFuture<TransportResponse> sendAsync(TransportRequest request) {
    return delegate
        .sendAsync(request)
        .thenApply(
            response -> {
              checked.add(check(request, response));
              return response;
            });
  }

  private Checked check(TransportRequest request, TransportResponse response) {
    String path = contractPath(request.uri().getPath());
    // The contract documents getTransientToken as GET; PMS (and plexauth) answer POST the same way.
    String method = path.equals("/security/token") ? "GET" : request.method();
    String contentType = header(response, "Content-Type").orElse("");
    List<String> violations = new ArrayList<>();
    Optional<JsonNode> operation = contract.operation(path, method);
    if (operation.isEmpty()) {
      violations.add("the contract has no operation " + method + " " + path);
      return new Checked(method, path, response.statusCode(), contentType, false, violations);
    }
    Optional<JsonNode> documented = contract.response(operation.get(), response.statusCode());
    Optional<JsonNode> schema =
        documented.isPresent()
            ? contract.jsonSchema(documented.get())
            : Optional.of(contract.errorEnvelope());
    if (schema.isPresent()) {
      if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
        violations.add("expected application/json, got '" + contentType + "'");
      } else {
        try {
          JsonNode body = JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
          violations.addAll(contract.validate(schema.get(), body));
        } catch (IOException e) {
          violations.add("the body is not JSON: " + e.getMessage());
        }
      }
    }
    return new Checked(
        method, path, response.statusCode(), contentType, documented.isPresent(), violations);
  }

  private static String contractPath(String path) {
    return path.startsWith("/api/v2/") ? path.substring("/api/v2".length()) : path;
  }

  private static Optional<String> header(TransportResponse response, String name) {
    return response.headers().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
        .map(e -> e.getValue().get(0))
        .findFirst();
  }
}
