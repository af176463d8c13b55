package dev.plexauth.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plexauth.sdk.PlexAPI;
import dev.plexauth.sdk.errors.GetTokenDetailsUnauthorized;
import dev.plexauth.sdk.models.GetTransientTokenQueryParamType;
import dev.plexauth.sdk.models.Scope;
import dev.plexauth.sdk.models.UserPlexAccount;
import dev.plexauth.server.support.Fixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real TypeScript client, {@code @lukehagar/plexjs} 0.32.1 from npm, unchanged, against a
 * plexauth server on a loopback port: every operation's success and each typed error plexjs knows,
 * for the four authentication operations and for getServerResources, getServerIdentity and
 * getServerCapabilities. The harness ({@code src/test/node/plexjs/conformance.mjs}) only reports
 * what plexjs returned or threw and what crossed the wire; this test installs it with {@code npm
 * ci}, runs it once, judges each case here, cross-checks the tokens plexjs received with the Java
 * SDK, and checks every answer plexjs received against the project's OpenAPI document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlexjsConformanceTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String PMS_SOURCE = ServerUnderTest.PMS_SOURCE;
  private static final String PMS_CLIENT_IDENTIFIER = ServerUnderTest.PMS_CLIENT_IDENTIFIER;

  private final OpenApiContract contract = OpenApiContract.load();
  private Fixture server;
  private HarnessReport report;

  @BeforeAll
  void runHarness(@TempDir Path dataDir) throws Exception {
    NodeProcess.requireNodeAndNpm();
    Path project = RepositoryPaths.plexjsHarness();
    NodeProcess.npmCi(project);

    server = ServerUnderTest.start(dataDir);
    server.server.shareSource(PMS_SOURCE, Fixture.USER);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PLEXAUTH_URL", server.url());
    env.put("ADMIN_LOGIN", Fixture.ADMIN);
    env.put("ADMIN_PASSWORD", Fixture.ADMIN_PASSWORD);
    env.put("USER_LOGIN", Fixture.USER);
    env.put("USER_PASSWORD", Fixture.USER_PASSWORD);
    env.put("TOTP_LOGIN", Fixture.TOTP_USER);
    env.put("TOTP_PASSWORD", Fixture.TOTP_PASSWORD);
    env.put("TOTP_CODE", server.totpCode());
    env.put("TOTP_WRONG_CODE", server.wrongTotpCode());
    env.put("SOURCE", Fixture.SOURCE);
    env.put("PMS_RESOURCE", PMS_CLIENT_IDENTIFIER);
    NodeProcess.Outcome run =
        NodeProcess.run(project, List.of("node", "conformance.mjs"), env, Duration.ofMinutes(3));
    assertThat(run.exitCode()).as("the harness failed:\n%s", run.stderr()).isZero();

    report = new HarnessReport(JSON.readTree(run.stdout()));
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theHarnessRanThePinnedPlexjsAndEveryCase() {
    assertThat(report.harness().get("plexjs").asText()).isEqualTo("0.32.1");
    assertThat(report.harness().get("zod").asText()).isEqualTo("3.25.76");
    assertThat(report.cases().keySet())
        .containsExactlyInAnyOrderElementsOf(expectations().keySet());
    assertThat(report.harness().get("total").asInt()).isEqualTo(report.cases().size());
  }

  @TestFactory
  Stream<DynamicTest> eachCase() {
    return report.eachCase(expectations());
  }

  /** Every answer plexjs received, success or error, is as the project's document says. */
  @Test
  void everyAnswerPlexjsReceivedIsAsDocumented() {
    int exchanges = report.assertEveryAnswerAsDocumented(contract);
    assertThat(exchanges).as("answers plexjs received").isGreaterThanOrEqualTo(38);
  }

  private Map<String, Consumer<JsonNode>> expectations() {
    Map<String, Consumer<JsonNode>> expect = new LinkedHashMap<>();
    expect.put(
        "signin_admin",
        d -> {
          resolved(d, 201);
          assertThat(d.path("authToken").asText()).isNotBlank();
          assertThat(javaClient(d.get("authToken").asText()).username()).isEqualTo(Fixture.ADMIN);
        });
    expect.put(
        "signin_user",
        d -> {
          resolved(d, 201);
          assertThat(d.path("authToken").asText()).isNotBlank();
          assertThat(d.get("username").asText()).isEqualTo(Fixture.USER);
        });
    expect.put(
        "signin_totp_missing_code",
        error("PostUsersSignInDataUnauthorized", 401, 1029)
            .andThen(d -> assertThat(d.get("verificationCodeSent").asBoolean()).isFalse()));
    expect.put(
        "signin_totp_wrong_code",
        error("PostUsersSignInDataUnauthorized", 401, 1028)
            .andThen(d -> assertThat(d.get("verificationCodeSent").asBoolean()).isTrue()));
    expect.put(
        "signin_totp",
        d -> {
          resolved(d, 201);
          assertThat(d.path("authToken").asText()).isNotBlank();
          assertThat(d.get("twoFactorEnabled").asBoolean()).isTrue();
        });
    expect.put("signin_bad_password", error("PostUsersSignInDataUnauthorized", 401, 1001));
    expect.put("signin_missing_client_id", error("PostUsersSignInDataBadRequest", 400, 1000));
    expect.put(
        "token_details_admin",
        d -> {
          resolved(d, 200);
          assertThat(d.get("username").asText()).isEqualTo(Fixture.ADMIN);
          assertThat(d.path("uuid").asText()).isNotBlank();
          JsonNode signIn = detail("signin_admin");
          assertThat(d.get("id")).as("same account as signin_admin").isEqualTo(signIn.get("id"));
          assertThat(d.get("uuid"))
              .as("same account as signin_admin")
              .isEqualTo(signIn.get("uuid"));
        });
    expect.put("token_details_bad_token", error("GetTokenDetailsUnauthorized", 401, 1001));
    expect.put(
        "transient_token",
        d -> {
          resolved(d, 200);
          String token = d.get("token").asText();
          assertThat(token).startsWith("transient-");
          assertThat(d.at("/body/MediaContainer/token").asText()).isEqualTo(token);
          assertWorksOnPmsRoutesOnly(token);
        });
    expect.put(
        "transient_from_transient",
        d -> {
          resolved(d, 200);
          assertThat(d.get("token").asText()).startsWith("transient-");
          assertThat(d.get("token").asText())
              .as("differs from the token it was made from")
              .isNotEqualTo(detail("transient_token").path("token").asText());
        });
    expect.put("transient_bad_token", error("GetTransientTokenUnauthorized", 401, 1001));
    expect.put(
        "transient_bad_type",
        error("GetTransientTokenBadRequest", 400, -1)
            .andThen(
                d ->
                    assertThat(d.get("http").findValuesAsText("url"))
                        .as("the rewritten query was sent")
                        .anyMatch(url -> url.matches(".*[?&]type=bogus(&.*)?"))));
    expect.put("source_info_admin", this::sourceAnswer);
    expect.put("source_info_transient_admin", this::sourceAnswer);
    expect.put("source_info_non_admin", error("SDKError", 403, -1));
    expect.put("source_info_unknown", error("SDKError", 404, -1));
    expect.put(
        "source_info_bad_token", error("GetSourceConnectionInformationUnauthorized", 401, 1001));
    expect.put(
        "source_info_missing_source",
        error("GetSourceConnectionInformationBadRequest", 400, -1)
            .andThen(
                d ->
                    assertThat(d.get("http").findValuesAsText("url"))
                        .as("the source parameter was dropped")
                        .isNotEmpty()
                        .noneMatch(url -> url.matches(".*[?&]source=.*"))));
    expect.put("token_details_missing_token", error("GetTokenDetailsUnauthorized", 401, 1001));
    expect.put(
        "resources_admin",
        d -> {
          resolved(d, 200);
          JsonNode resources = d.get("resources");
          assertThat(resources.findValuesAsText("clientIdentifier"))
              .containsExactly(PMS_CLIENT_IDENTIFIER, Fixture.SOURCE_CLIENT_IDENTIFIER);
          assertThat(resources)
              .allSatisfy(
                  r -> {
                    assertThat(r.get("owned").asBoolean()).isTrue();
                    assertThat(r.get("ownerId").isNull()).isTrue();
                    assertThat(r.get("provides").asText()).isEqualTo("server");
                    assertThat(r.get("accessToken").asText()).matches("resource-[A-Za-z0-9_-]{43}");
                    assertThat(r.get("createdAt").asText()).endsWith("Z");
                  });
          assertThat(resources.get(1).get("uris"))
              .extracting(JsonNode::asText)
              .containsExactly(Fixture.SOURCE_LOCAL_URI, Fixture.SOURCE_RELAY_URI);
        });
    expect.put(
        "resources_user",
        d -> {
          resolved(d, 200);
          JsonNode resources = d.get("resources");
          assertThat(resources).hasSize(1);
          JsonNode shared = resources.get(0);
          assertThat(shared.get("clientIdentifier").asText()).isEqualTo(PMS_CLIENT_IDENTIFIER);
          assertThat(shared.get("owned").asBoolean()).isFalse();
          assertThat(shared.get("ownerId").asLong()).isEqualTo(server.admin.account().id());
          assertThat(shared.get("sourceTitle").asText()).isEqualTo(Fixture.ADMIN);
          assertThat(shared.get("uris")).extracting(JsonNode::asText).containsExactly(server.url());
          assertThat(shared.get("accessToken").asText())
              .isNotEqualTo(accessTokenOf(detail("resources_admin"), PMS_CLIENT_IDENTIFIER));
        });
    expect.put("resources_bad_token", error("GetServerResourcesUnauthorized", 401, 1001));
    expect.put("resources_missing_client_id", error("GetServerResourcesBadRequest", 400, 1000));
    expect.put(
        "server_identity",
        d -> {
          resolved(d, 200);
          JsonNode container = d.get("mediaContainer");
          assertThat(container.get("size").asInt(-1)).isZero();
          assertThat(container.get("claimed").asBoolean()).isTrue();
          assertThat(container.get("machineIdentifier").asText())
              .isEqualTo(server.server.machineIdentifier());
          assertThat(container.get("version").asText()).isNotBlank();
          assertThat(d.at("/http/0/url").asText()).isEqualTo("/identity");
        });
    expect.put("server_capabilities_admin", this::capabilities);
    expect.put("server_capabilities_resource_token", this::capabilities);
    expect.put(
        "server_capabilities_bad_token", error("GetServerCapabilitiesUnauthorized", 401, 1001));
    expect.put(
        "pin_short",
        d -> {
          pinAnswer(d, 201, "conformance-pin");
          assertThat(d.get("code").asText()).matches("[ABCDEFGHJKLMNPQRSTUVWXYZ2-9]{4}");
          assertThat(d.get("expiresIn").asInt()).isBetween(899, 900);
          assertThat(d.get("http").findValuesAsText("url"))
              .as("plexjs sends strong=false when it is omitted")
              .containsExactly("/api/v2/pins?strong=false");
        });
    expect.put(
        "pin_strong",
        d -> {
          pinAnswer(d, 201, "conformance-pin-strong");
          assertThat(d.get("code").asText()).matches("[a-z0-9]{25}");
          assertThat(d.get("expiresIn").asInt()).isBetween(1799, 1800);
        });
    expect.put(
        "pin_poll_pending",
        d -> {
          pinAnswer(d, 200, "conformance-pin");
          assertThat(d.get("id")).isEqualTo(detail("pin_short").get("id"));
          assertThat(d.get("code")).isEqualTo(detail("pin_short").get("code"));
        });
    expect.put("pin_link", d -> resolved(d, 204));
    expect.put(
        "pin_poll_approved",
        d -> {
          resolved(d, 200);
          String token = d.path("authToken").asText();
          assertThat(token).isNotBlank();
          assertThat(javaClient(token).username()).isEqualTo(Fixture.USER);
        });
    expect.put("pin_poll_again", error("GetTokenByPinIdResponseBody", 404, 1020));
    expect.put("pin_poll_other_client", error("GetTokenByPinIdResponseBody", 404, 1020));
    expect.put("pin_poll_unknown", error("GetTokenByPinIdResponseBody", 404, 1020));
    expect.put("pin_missing_client_id", error("GetPinBadRequest", 400, 1000));
    expect.put("pin_poll_missing_client_id", error("GetTokenByPinIdBadRequest", 400, 1000));
    return expect;
  }

  private void capabilities(JsonNode detail) {
    resolved(detail, 200);
    JsonNode container = detail.get("mediaContainer");
    assertThat(container.get("machineIdentifier").asText())
        .isEqualTo(server.server.machineIdentifier());
    assertThat(container.get("myPlex").asBoolean()).isTrue();
    assertThat(container.get("myPlexUsername").asText()).isEqualTo(Fixture.ADMIN);
    assertThat(container.get("ownerFeatures").asText()).isEmpty();
    assertThat(container.get("transcoderActiveVideoSessions").asInt(-1)).isZero();
    assertThat(container.get("friendlyName").asText()).isNotBlank();
  }

  private static String accessTokenOf(JsonNode resourcesDetail, String clientIdentifier) {
    for (JsonNode resource : resourcesDetail.get("resources")) {
      if (resource.get("clientIdentifier").asText().equals(clientIdentifier)) {
        return resource.get("accessToken").asText();
      }
    }
    throw new AssertionError("no resource " + clientIdentifier);
  }

  /** A pin plexjs parsed with its strict schema: no token yet, the times as dates. */
  private static void pinAnswer(JsonNode detail, int status, String clientIdentifier) {
    resolved(detail, status);
    assertThat(detail.get("clientIdentifier").asText()).isEqualTo(clientIdentifier);
    assertThat(detail.get("product").asText()).isEqualTo("plexauth conformance");
    assertThat(detail.get("trusted").asBoolean(true)).isFalse();
    assertThat(detail.get("qr").asText()).startsWith("http://127.0.0.1:");
    assertThat(detail.get("id").asLong()).isPositive();
    assertThat(detail.get("authToken").isNull()).isTrue();
    java.time.Instant created = java.time.Instant.parse(detail.get("createdAt").asText());
    java.time.Instant expires = java.time.Instant.parse(detail.get("expiresAt").asText());
    assertThat(expires).isAfter(created);
  }

  private void sourceAnswer(JsonNode detail) {
    resolved(detail, 200);
    JsonNode device = detail.at("/body/MediaContainer/Device");
    assertThat(device.get("clientIdentifier").asText()).isEqualTo(Fixture.SOURCE_CLIENT_IDENTIFIER);
    assertThat(device.get("name").asText()).isEqualTo(Fixture.SOURCE_NAME);
    String sourceToken = device.get("accessToken").asText();
    assertThat(sourceToken).startsWith("transient-");
    assertWorksOnPmsRoutesOnly(sourceToken);
    JsonNode connections = device.get("Connection");
    assertThat(connections.size()).isEqualTo(2);
    assertThat(connections)
        .allSatisfy(
            c -> {
              assertThat(c.path("uri").isTextual()).as("uri").isTrue();
              assertThat(c.path("address").isTextual()).as("address").isTrue();
              assertThat(c.path("port").isInt()).as("port").isTrue();
              assertThat(c.path("protocol").isTextual()).as("protocol").isTrue();
            });
    assertThat(connections.get(0).get("uri").asText()).isEqualTo(Fixture.SOURCE_LOCAL_URI);
    assertThat(connections.get(0).get("local").asBoolean()).isTrue();
    assertThat(connections.get(1).get("relay").asBoolean()).isTrue();
  }

  /** plexjs resolved the call with this status. */
  private static void resolved(JsonNode detail, int status) {
    assertThat(detail.path("outcome").asText()).as("outcome of %s", detail).isEqualTo("resolved");
    assertThat(detail.get("statusCode").asInt()).isEqualTo(status);
  }

  /** A typed error with its class, HTTP status and, when {@code code >= 0}, its Plex code. */
  private static Consumer<JsonNode> error(String errorClass, int status, int code) {
    return detail -> {
      assertThat(detail.path("outcome").asText()).as("outcome of %s", detail).isEqualTo("threw");
      assertThat(detail.get("errorClass").asText()).isEqualTo(errorClass);
      assertThat(detail.get("statusCode").asInt()).isEqualTo(status);
      if (code >= 0) {
        assertThat(detail.get("errorCode").asInt()).isEqualTo(code);
      }
    };
  }

  private JsonNode detail(String name) {
    return report.detail(name);
  }

  /** The account a token belongs to, asked of the server by the Java SDK. */
  /** A transient token: the PMS role accepts it, plex.tv's refuses it. */
  private void assertWorksOnPmsRoutesOnly(String transientToken) {
    PlexAPI client =
        PlexAPI.builder()
            .serverURL(server.url())
            .plexTvURL(server.plexTvUrl())
            .accessToken(transientToken)
            .build();
    assertThat(
            client
                .authentication()
                .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL)
                .token())
        .startsWith("transient-");
    assertThatThrownBy(() -> javaClient(transientToken))
        .isInstanceOf(GetTokenDetailsUnauthorized.class);
  }

  private UserPlexAccount javaClient(String token) {
    return PlexAPI.builder()
        .serverURL(server.url())
        .plexTvURL(server.plexTvUrl())
        .accessToken(token)
        .build()
        .authentication()
        .getTokenDetails()
        .userPlexAccount();
  }
}
