package dev.plexauth.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.sun.net.httpserver.HttpServer;
import dev.plexauth.sdk.PlexAPI;
import dev.plexauth.sdk.errors.BadRequestException;
import dev.plexauth.sdk.errors.ForbiddenException;
import dev.plexauth.sdk.errors.GetServerCapabilitiesBadRequest;
import dev.plexauth.sdk.errors.GetServerCapabilitiesUnauthorized;
import dev.plexauth.sdk.errors.GetServerResourcesBadRequest;
import dev.plexauth.sdk.errors.GetServerResourcesUnauthorized;
import dev.plexauth.sdk.errors.GetSourceConnectionInformationBadRequest;
import dev.plexauth.sdk.errors.GetSourceConnectionInformationUnauthorized;
import dev.plexauth.sdk.errors.GetTokenDetailsBadRequest;
import dev.plexauth.sdk.errors.GetTokenDetailsUnauthorized;
import dev.plexauth.sdk.errors.GetTransientTokenBadRequest;
import dev.plexauth.sdk.errors.GetTransientTokenUnauthorized;
import dev.plexauth.sdk.errors.NotFoundException;
import dev.plexauth.sdk.errors.PostUsersSignInDataBadRequest;
import dev.plexauth.sdk.errors.PostUsersSignInDataUnauthorized;
import dev.plexauth.sdk.errors.RateLimitedException;
import dev.plexauth.sdk.errors.SDKError;
import dev.plexauth.sdk.errors.ServerErrorException;
import dev.plexauth.sdk.errors.UnauthorizedException;
import dev.plexauth.sdk.models.GetTransientTokenQueryParamType;
import dev.plexauth.sdk.models.PostUsersSignInDataRequest;
import dev.plexauth.sdk.models.PostUsersSignInDataRequestBody;
import dev.plexauth.sdk.models.Scope;
import dev.plexauth.sdk.models.UserPlexAccount;
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
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Decodes, with the SDK over loopback HTTP, every JSON example of the project's OpenAPI document
 * for the SDK's reading operations, and a body built from every field example of the sign-in
 * schema, and checks that each example value arrives in the SDK's records (or typed errors)
 * unchanged.
 */
class ContractExamplesDecodingTest {

  private static final ObjectMapper RECORDS = new ObjectMapper().registerModule(new Jdk8Module());

  /** The SDK's call for each operation, returning what it decoded as JSON. */
  private static final Map<String, Function<PlexAPI, JsonNode>> CALLS =
      Map.of(
          "getTransientToken",
          plex ->
              RECORDS
                  .createObjectNode()
                  .set(
                      "MediaContainer",
                      RECORDS
                          .createObjectNode()
                          .put(
                              "token",
                              plex.authentication()
                                  .getTransientToken(
                                      GetTransientTokenQueryParamType.DELEGATION, Scope.ALL)
                                  .token())),
          "getSourceConnectionInformation",
          plex ->
              RECORDS
                  .createObjectNode()
                  .set(
                      "MediaContainer",
                      RECORDS
                          .createObjectNode()
                          .set(
                              "Device",
                              RECORDS.valueToTree(
                                  plex.authentication()
                                      .getSourceConnectionInformation("server://x")
                                      .device()))),
          "getTokenDetails",
          plex -> RECORDS.valueToTree(plex.authentication().getTokenDetails().userPlexAccount()),
          "postUsersSignInData",
          plex -> RECORDS.valueToTree(signIn(plex)),
          "getServerResources",
          plex -> RECORDS.valueToTree(plex.plex().getServerResources("examples").plexDevices()),
          "getServerIdentity",
          plex ->
              RECORDS
                  .createObjectNode()
                  .set(
                      "MediaContainer",
                      RECORDS.valueToTree(plex.server().getServerIdentity().mediaContainer())),
          "getServerCapabilities",
          plex ->
              RECORDS
                  .createObjectNode()
                  .set(
                      "MediaContainer",
                      RECORDS.valueToTree(plex.server().getServerCapabilities().mediaContainer())),
          "ping",
          plex -> RECORDS.createObjectNode().put("pong", plex.authentication().ping().pong()),
          "devices",
          plex -> RECORDS.valueToTree(plex.authentication().devices().devices()));

  /** The typed errors of each operation for 400 and 401. */
  private static final Map<String, List<Class<? extends SDKError>>> TYPED_ERRORS =
      Map.of(
          "getTransientToken",
          List.of(GetTransientTokenBadRequest.class, GetTransientTokenUnauthorized.class),
          "getSourceConnectionInformation",
          List.of(
              GetSourceConnectionInformationBadRequest.class,
              GetSourceConnectionInformationUnauthorized.class),
          "getTokenDetails",
          List.of(GetTokenDetailsBadRequest.class, GetTokenDetailsUnauthorized.class),
          "postUsersSignInData",
          List.of(PostUsersSignInDataBadRequest.class, PostUsersSignInDataUnauthorized.class),
          "getServerResources",
          List.of(GetServerResourcesBadRequest.class, GetServerResourcesUnauthorized.class),
          "getServerIdentity",
          List.of(BadRequestException.class, UnauthorizedException.class),
          "getServerCapabilities",
          List.of(GetServerCapabilitiesBadRequest.class, GetServerCapabilitiesUnauthorized.class),
          "ping",
          List.of(BadRequestException.class, UnauthorizedException.class),
          "devices",
          List.of(BadRequestException.class, UnauthorizedException.class));

  private final OpenApiContract contract = OpenApiContract.load();
  private final ContractExamples examples = new ContractExamples(contract);
  private final AtomicReference<Reply> reply = new AtomicReference<>();
  private HttpServer http;
  private PlexAPI plex;

  private record Reply(int status, String body) {}

  @BeforeEach
  void start() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext(
        "/",
        exchange -> {
          Reply answer = reply.get();
          byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
          if (answer.status() == 429) {
            exchange.getResponseHeaders().set("Retry-After", "1");
          }
          exchange.sendResponseHeaders(answer.status(), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    http.start();
    String base = "http://127.0.0.1:" + http.getAddress().getPort();
    plex =
        PlexAPI.builder()
            .serverURL(base)
            .plexTvURL(base + "/api/v2")
            .accessToken("example-token")
            .clientID("examples")
            .build();
  }

  @AfterEach
  void stop() {
    http.stop(0);
  }

  @Test
  void theUserExampleOfGetTokenDetailsDecodesFieldForField() {
    JsonNode example = example("/api/v2/user", "get", 200, "owner");
    reply.set(new Reply(200, example.toString()));

    UserPlexAccount account = plex.authentication().getTokenDetails().userPlexAccount();

    assertEveryExampleArrived(example, RECORDS.valueToTree(account));
    assertThat(account.id()).isEqualTo(1L);
    assertThat(account.uuid()).isEqualTo("f4930dd35f6f054b");
    assertThat(account.authToken()).isEqualTo("DBeqT1UQp1iy3MOfmoze_Vr-NeG_HsqYcnBBjv1qcN0");
  }

  @Test
  void theSignInSchemaWithEveryFieldExampleDecodesFieldForFieldWithPastSubscriptionsAndTrials() {
    JsonNode operation = contract.operation("/api/v2/users/signin", "post").orElseThrow();
    JsonNode example =
        examples.of(
            contract.jsonSchema(contract.response(operation, 201).orElseThrow()).orElseThrow());
    reply.set(new Reply(201, example.toString()));

    UserPlexAccount account = signIn(plex);

    assertEveryExampleArrived(example, RECORDS.valueToTree(account));
    assertThat(account.pastSubscriptions()).hasSize(1);
    assertThat(account.pastSubscriptions().get(0).type()).isEqualTo("plexpass");
    assertThat(account.trials()).hasSize(1);
  }

  @Test
  void theErrorExamplesOfEveryOperationMapToTheirTypedErrors() {
    int checked = 0;
    for (String operationId : CALLS.keySet()) {
      OpenApiContract.Operation operation = operation(operationId);
      for (int status : List.of(400, 401)) {
        if (contract.response(operation.node(), status).isEmpty()) {
          continue;
        }
        JsonNode media = mediaType(operation, status);
        for (JsonNode example : contract.examples(media).values()) {
          reply.set(new Reply(status, example.toString()));
          Class<? extends SDKError> expected =
              TYPED_ERRORS.get(operationId).get(status == 400 ? 0 : 1);
          assertThatThrownBy(() -> CALLS.get(operationId).apply(plex))
              .isInstanceOf(expected)
              .satisfies(e -> assertPlexError((SDKError) e, example));
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(8);
    JsonNode signIn400 = mediaType(operation("postUsersSignInData"), 400);
    assertThat(
            contract
                .examples(signIn400)
                .get("clientIdentifierMissing")
                .at("/errors/0/code")
                .asInt())
        .isEqualTo(1000);
    JsonNode details401 = mediaType(operation("getTokenDetails"), 401);
    assertThat(contract.examples(details401).get("notAuthenticated").at("/errors/0/code").asInt())
        .isEqualTo(1001);
  }

  /** Every JSON example of every status of the four operations, through the SDK. */
  @TestFactory
  Stream<DynamicTest> everyJsonExampleOfTheFourOperationsDecodes() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String operationId : CALLS.keySet()) {
      OpenApiContract.Operation operation = operation(operationId);
      for (Map.Entry<String, JsonNode> response : operation.node().path("responses").properties()) {
        int status = Integer.parseInt(response.getKey());
        JsonNode media = mediaType(operation, status);
        for (Map.Entry<String, JsonNode> example : contract.examples(media).entrySet()) {
          tests.add(
              DynamicTest.dynamicTest(
                  operationId + " " + status + " " + example.getKey(),
                  () -> decode(operationId, status, example.getValue())));
        }
      }
    }
    assertThat(tests).hasSizeGreaterThan(25);
    return tests.stream();
  }

  private void decode(String operationId, int status, JsonNode example) {
    reply.set(new Reply(status, example.toString()));
    Function<PlexAPI, JsonNode> call = CALLS.get(operationId);
    if (status < 300) {
      assertEveryExampleArrived(example, call.apply(plex));
      return;
    }
    Class<? extends SDKError> expected =
        switch (status) {
          case 400 -> TYPED_ERRORS.get(operationId).get(0);
          case 401 -> TYPED_ERRORS.get(operationId).get(1);
          case 403 -> ForbiddenException.class;
          case 404 -> NotFoundException.class;
          case 429 -> RateLimitedException.class;
          default -> status >= 500 ? ServerErrorException.class : SDKError.class;
        };
    assertThatThrownBy(() -> call.apply(plex))
        .isInstanceOf(expected)
        .satisfies(e -> assertThat(((SDKError) e).statusCode()).isEqualTo(status))
        .satisfies(e -> assertPlexError((SDKError) e, example));
  }

  private static UserPlexAccount signIn(PlexAPI plex) {
    return plex.authentication()
        .postUsersSignInData(
            PostUsersSignInDataRequest.builder()
                .clientID("examples")
                .requestBody(PostUsersSignInDataRequestBody.of("admin@example.com", "pw"))
                .build())
        .userPlexAccount();
  }

  private OpenApiContract.Operation operation(String operationId) {
    return contract.operations().stream()
        .filter(o -> o.id().equals(operationId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no operation " + operationId));
  }

  private JsonNode mediaType(OpenApiContract.Operation operation, int status) {
    return contract
        .response(operation.node(), status)
        .orElseThrow()
        .path("content")
        .path("application/json");
  }

  private JsonNode example(String path, String method, int status, String name) {
    JsonNode response =
        contract.response(contract.operation(path, method).orElseThrow(), status).orElseThrow();
    return contract.examples(response.path("content").path("application/json")).get(name);
  }

  static void assertPlexError(SDKError error, JsonNode example) {
    JsonNode first = example.at("/errors/0");
    assertThat(error.errors()).hasSize(1);
    assertThat(error.errors().get(0).code()).isEqualTo(first.get("code").asInt());
    assertThat(error.errors().get(0).message()).isEqualTo(first.get("message").asText());
    assertThat(error.errors().get(0).status()).isEqualTo(first.get("status").asInt());
  }

  /** Every value of the example, at any depth, is in the decoded record (serialised back). */
  static void assertEveryExampleArrived(JsonNode example, JsonNode decoded) {
    SoftAssertions soft = new SoftAssertions();
    compare("", example, decoded, soft);
    soft.assertAll();
  }

  private static void compare(
      String path, JsonNode example, JsonNode decoded, SoftAssertions soft) {
    if (example.isObject()) {
      for (Map.Entry<String, JsonNode> field : example.properties()) {
        // The SDK keeps the token and the device of a MediaContainer, not its size.
        if (!(field.getKey().equals("size") && path.endsWith("MediaContainer"))) {
          compare(
              path + "/" + field.getKey(), field.getValue(), decoded.path(field.getKey()), soft);
        }
      }
    } else if (example.isArray()) {
      soft.assertThat(decoded.size()).as(path + " size").isEqualTo(example.size());
      for (int i = 0; i < example.size(); i++) {
        compare(path + "/" + i, example.get(i), decoded.path(i), soft);
      }
    } else if (example.isNull()) {
      soft.assertThat(decoded.isNull() || decoded.isMissingNode()).as(path).isTrue();
    } else {
      soft.assertThat(decoded.asText()).as(path).isEqualTo(example.asText());
    }
  }
}
