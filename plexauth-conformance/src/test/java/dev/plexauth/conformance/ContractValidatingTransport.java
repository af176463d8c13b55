package dev.plexauth.conformance;

import dev.plexauth.sdk.Transport;
import dev.plexauth.sdk.TransportRequest;
import dev.plexauth.sdk.TransportResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A transport that hands every request to a real one and checks every answer against the project's
 * OpenAPI document: the status documented for the operation, the headers it requires, a documented
 * content type, and the body against the schema given for it (JSON) or its root element (XML).
 */
final class ContractValidatingTransport implements Transport {

  /** One answer and what the document said of it. */
  record Checked(
      String method, String path, int status, String contentType, List<String> violations) {

    String key() {
      return method + " " + path + " " + status;
    }
  }

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
    String path = request.uri().getPath();
    List<String> violations =
        contract.check(
            request.method(),
            path,
            response.statusCode(),
            response.headers(),
            new String(response.body(), StandardCharsets.UTF_8));
    return new Checked(
        request.method(),
        path,
        response.statusCode(),
        OpenApiContract.header(response.headers(), "Content-Type").orElse(""),
        violations);
  }
}
