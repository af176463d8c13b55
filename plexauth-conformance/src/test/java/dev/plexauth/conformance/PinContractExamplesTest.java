package dev.plexauth.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.sun.net.httpserver.HttpServer;
import dev.plexauth.sdk.PlexAPI;
import dev.plexauth.sdk.errors.GetPinBadRequest;
import dev.plexauth.sdk.errors.GetTokenByPinIdBadRequest;
import dev.plexauth.sdk.errors.GetTokenByPinIdNotFound;
import dev.plexauth.sdk.errors.RateLimitedException;
import dev.plexauth.sdk.errors.SDKError;
import dev.plexauth.sdk.errors.ServerErrorException;
import dev.plexauth.sdk.models.GetPinRequest;
import dev.plexauth.sdk.models.GetTokenByPinIdRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Decodes, with the SDK over loopback HTTP, every JSON example the project's OpenAPI document gives
 * for getPin and getTokenByPinId, and checks that each value arrives in the SDK's records, or the
 * typed error the operation throws for that status.
 */
class PinContractExamplesTest {

  private static final ObjectMapper RECORDS = new ObjectMapper().registerModule(new Jdk8Module());

  private static final Map<String, Function<PlexAPI, JsonNode>> CALLS =
      Map.of(
          "getPin",
          plex ->
              RECORDS.valueToTree(
                  plex.plex().getPin(GetPinRequest.builder().build()).authPinContainer()),
          "getTokenByPinId",
          plex ->
              RECORDS.valueToTree(
                  plex.plex()
                      .getTokenByPinId(GetTokenByPinIdRequest.builder().pinID(1).build())
                      .authPinContainer()));

  private final OpenApiContract contract = OpenApiContract.load();
  private final AtomicReference<String[]> reply = new AtomicReference<>();
  private HttpServer http;
  private PlexAPI plex;

  @BeforeEach
  void start() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext(
        "/",
        exchange -> {
          String[] answer = reply.get();
          int status = Integer.parseInt(answer[0]);
          byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
          if (status == 429 || status == 503) {
            exchange.getResponseHeaders().set("Retry-After", "1");
          }
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    http.start();
    plex =
        PlexAPI.builder()
            .plexTvURL("http://127.0.0.1:" + http.getAddress().getPort() + "/api/v2")
            .clientID("examples")
            .build();
  }

  @AfterEach
  void stop() {
    http.stop(0);
  }

  @TestFactory
  Stream<DynamicTest> everyJsonExampleOfThePinOperationsDecodes() {
    List<DynamicTest> tests = new ArrayList<>();
    for (OpenApiContract.Operation operation : contract.operations()) {
      if (!CALLS.containsKey(operation.id())) {
        continue;
      }
      for (Map.Entry<String, JsonNode> response : operation.node().path("responses").properties()) {
        int status = Integer.parseInt(response.getKey());
        JsonNode media =
            contract
                .response(operation.node(), status)
                .orElseThrow()
                .path("content")
                .path("application/json");
        for (Map.Entry<String, JsonNode> example : contract.examples(media).entrySet()) {
          tests.add(
              DynamicTest.dynamicTest(
                  operation.id() + " " + status + " " + example.getKey(),
                  () -> decode(operation.id(), status, example.getValue())));
        }
      }
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(10);
    return tests.stream();
  }

  private void decode(String operationId, int status, JsonNode example) {
    reply.set(new String[] {Integer.toString(status), example.toString()});
    Function<PlexAPI, JsonNode> call = CALLS.get(operationId);
    if (status < 300) {
      ContractExamplesDecodingTest.assertEveryExampleArrived(example, call.apply(plex));
      return;
    }
    Class<? extends SDKError> expected =
        switch (status) {
          case 400 ->
              operationId.equals("getPin")
                  ? GetPinBadRequest.class
                  : GetTokenByPinIdBadRequest.class;
          case 404 -> GetTokenByPinIdNotFound.class;
          case 429 -> RateLimitedException.class;
          default -> status >= 500 ? ServerErrorException.class : SDKError.class;
        };
    assertThatThrownBy(() -> call.apply(plex))
        .isInstanceOf(expected)
        .satisfies(e -> assertThat(((SDKError) e).statusCode()).isEqualTo(status))
        .satisfies(e -> ContractExamplesDecodingTest.assertPlexError((SDKError) e, example));
  }
}
