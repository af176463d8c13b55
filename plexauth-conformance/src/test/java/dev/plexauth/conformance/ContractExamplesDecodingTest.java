package dev.plexauth.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.sun.net.httpserver.HttpServer;
import dev.plexauth.sdk.PlexAPI;
import dev.plexauth.sdk.errors.GetSourceConnectionInformationBadRequest;
import dev.plexauth.sdk.errors.GetSourceConnectionInformationUnauthorized;
import dev.plexauth.sdk.errors.GetTokenDetailsBadRequest;
import dev.plexauth.sdk.errors.GetTokenDetailsUnauthorized;
import dev.plexauth.sdk.errors.GetTransientTokenBadRequest;
import dev.plexauth.sdk.errors.GetTransientTokenUnauthorized;
import dev.plexauth.sdk.errors.PostUsersSignInDataBadRequest;
import dev.plexauth.sdk.errors.PostUsersSignInDataUnauthorized;
import dev.plexauth.sdk.errors.SDKError;
import dev.plexauth.sdk.models.GetTransientTokenQueryParamType;
import dev.plexauth.sdk.models.PostUsersSignInDataRequest;
import dev.plexauth.sdk.models.PostUsersSignInDataRequestBody;
import dev.plexauth.sdk.models.Scope;
import dev.plexauth.sdk.models.UserPlexAccount;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Decodes, with the SDK over loopback HTTP, bodies built from every example the contract gives, and
 * checks that each example value arrives in the SDK's records unchanged.
 */
class ContractExamplesDecodingTest {

  private static final ObjectMapper RECORDS = new ObjectMapper().registerModule(new Jdk8Module());

  private final OpenApiContract contract = OpenApiContract.load(RepositoryPaths.contract());
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
    JsonNode example = responseExample("/user", "get", 200);
    reply.set(new Reply(200, example.toString()));

    UserPlexAccount account = plex.authentication().getTokenDetails().userPlexAccount();

    assertEveryExampleArrived(example, RECORDS.valueToTree(account));
    assertThat(account.id()).isEqualTo(13692262L);
    assertThat(account.uuid()).isEqualTo("dae343c1f45beb4f");
    assertThat(account.authToken()).isEqualTo("CxoUzBTSV5hsxjTpFKaf");
  }

  @Test
  void theSignInExampleDecodesFieldForFieldWithPastSubscriptionsAndTrials() {
    JsonNode example = responseExample("/users/signin", "post", 201);
    reply.set(new Reply(201, example.toString()));

    UserPlexAccount account =
        plex.authentication()
            .postUsersSignInData(
                PostUsersSignInDataRequest.builder()
                    .clientID("examples")
                    .requestBody(PostUsersSignInDataRequestBody.of("username@email.com", "pw"))
                    .build())
            .userPlexAccount();

    assertEveryExampleArrived(example, RECORDS.valueToTree(account));
    assertThat(account.pastSubscriptions()).hasSize(1);
    assertThat(account.pastSubscriptions().get(0).type()).isEqualTo("plexpass");
    assertThat(account.trials()).hasSize(1);
  }

  @Test
  void theErrorExamplesOfEveryOperationMapToTheirTypedErrors() {
    JsonNode badRequest = examples.of(contract.errorEnvelope());
    JsonNode unauthorized =
        examples.of(
            contract
                .jsonSchema(
                    contract.resolve(contract.document().at("/components/responses/Unauthorized")))
                .orElseThrow());
    assertThat(badRequest.at("/errors/0/code").asInt()).isEqualTo(1000);
    assertThat(unauthorized.at("/errors/0/code").asInt()).isEqualTo(1001);

    Map<String, Executable> calls =
        Map.of(
            "getTransientToken",
            () ->
                plex.authentication()
                    .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL),
            "getSourceConnectionInformation",
            () -> plex.authentication().getSourceConnectionInformation("server://x"),
            "getTokenDetails",
            () -> plex.authentication().getTokenDetails(),
            "postUsersSignInData",
            () ->
                plex.authentication()
                    .postUsersSignInData(
                        PostUsersSignInDataRequest.builder()
                            .clientID("examples")
                            .requestBody(PostUsersSignInDataRequestBody.of("a", "b"))
                            .build()));
    Map<String, Class<?>[]> expected =
        Map.of(
            "getTransientToken",
            new Class<?>[] {GetTransientTokenBadRequest.class, GetTransientTokenUnauthorized.class},
            "getSourceConnectionInformation",
            new Class<?>[] {
              GetSourceConnectionInformationBadRequest.class,
              GetSourceConnectionInformationUnauthorized.class
            },
            "getTokenDetails",
            new Class<?>[] {GetTokenDetailsBadRequest.class, GetTokenDetailsUnauthorized.class},
            "postUsersSignInData",
            new Class<?>[] {
              PostUsersSignInDataBadRequest.class, PostUsersSignInDataUnauthorized.class
            });

    calls.forEach(
        (operation, call) -> {
          reply.set(new Reply(400, badRequest.toString()));
          assertThatThrownBy(call::execute)
              .isInstanceOf(expected.get(operation)[0])
              .satisfies(e -> assertPlexError((SDKError) e, badRequest));
          reply.set(new Reply(401, unauthorized.toString()));
          assertThatThrownBy(call::execute)
              .isInstanceOf(expected.get(operation)[1])
              .satisfies(e -> assertPlexError((SDKError) e, unauthorized));
        });
  }

  private static void assertPlexError(SDKError error, JsonNode example) {
    JsonNode first = example.at("/errors/0");
    assertThat(error.errors()).hasSize(1);
    assertThat(error.errors().get(0).code()).isEqualTo(first.get("code").asInt());
    assertThat(error.errors().get(0).message()).isEqualTo(first.get("message").asText());
    assertThat(error.errors().get(0).status()).isEqualTo(first.get("status").asInt());
  }

  private JsonNode responseExample(String path, String method, int status) {
    JsonNode operation = contract.operation(path, method).orElseThrow();
    JsonNode response = contract.response(operation, status).orElseThrow();
    return examples.of(contract.jsonSchema(response).orElseThrow());
  }

  /** Every value of the example, at any depth, is in the decoded record (serialised back). */
  private static void assertEveryExampleArrived(JsonNode example, JsonNode decoded) {
    SoftAssertions soft = new SoftAssertions();
    compare("", example, decoded, soft);
    soft.assertAll();
  }

  private static void compare(
      String path, JsonNode example, JsonNode decoded, SoftAssertions soft) {
    if (example.isObject()) {
      for (Map.Entry<String, JsonNode> field : example.properties()) {
        compare(path + "/" + field.getKey(), field.getValue(), decoded.path(field.getKey()), soft);
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
