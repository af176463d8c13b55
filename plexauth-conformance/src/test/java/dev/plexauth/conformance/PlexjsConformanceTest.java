package dev.plexauth.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plexauth.sdk.PlexAPI;
import dev.plexauth.sdk.models.UserPlexAccount;
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
 * plexauth server on a loopback port: every operation's success and each typed error plexjs knows.
 * The harness is {@code conformance/plexjs/conformance.mjs}; this test installs it with {@code npm
 * ci}, runs it once, and judges each case here, cross-checking the tokens plexjs received with the
 * Java SDK.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlexjsConformanceTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ConformanceServer server;
  private Map<String, JsonNode> cases;
  private JsonNode harness;

  @BeforeAll
  void runHarness(@TempDir Path dataDir) throws Exception {
    NodeProcess.requireNodeAndNpm();
    Path project = RepositoryPaths.plexjsHarness();
    NodeProcess.Outcome install =
        NodeProcess.run(
            project,
            List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"),
            Map.of(),
            Duration.ofMinutes(5));
    assertThat(install.exitCode()).as("npm ci failed:\n%s", install.stderr()).isZero();

    server = new ConformanceServer(dataDir, 1_000);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PLEXAUTH_URL", server.url());
    env.put("ADMIN_LOGIN", ConformanceServer.ADMIN_LOGIN);
    env.put("ADMIN_PASSWORD", ConformanceServer.ADMIN_PASSWORD);
    env.put("USER_LOGIN", ConformanceServer.USER_LOGIN);
    env.put("USER_PASSWORD", ConformanceServer.USER_PASSWORD);
    env.put("TOTP_LOGIN", ConformanceServer.TOTP_LOGIN);
    env.put("TOTP_PASSWORD", ConformanceServer.TOTP_PASSWORD);
    env.put("TOTP_SECRET", server.totpSecret);
    env.put("SOURCE", ConformanceServer.SOURCE);
    NodeProcess.Outcome run =
        NodeProcess.run(project, List.of("node", "conformance.mjs"), env, Duration.ofMinutes(3));
    assertThat(run.exitCode()).as("the harness failed:\n%s", run.stderr()).isZero();

    JsonNode result = JSON.readTree(run.stdout());
    harness = result.get("harness");
    cases = new LinkedHashMap<>();
    for (JsonNode entry : result.get("cases")) {
      cases.put(entry.get("name").asText(), entry);
    }
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theHarnessRanThePinnedPlexjsAndEveryCase() {
    assertThat(harness.get("plexjs").asText()).isEqualTo("0.32.1");
    assertThat(harness.get("zod").asText()).isEqualTo("3.25.76");
    assertThat(cases.keySet()).containsExactlyInAnyOrderElementsOf(expectations().keySet());
  }

  @TestFactory
  Stream<DynamicTest> eachCase() {
    return expectations().entrySet().stream()
        .map(
            expectation ->
                DynamicTest.dynamicTest(
                    expectation.getKey(),
                    () -> {
                      JsonNode entry = cases.get(expectation.getKey());
                      assertThat(entry)
                          .as("case %s was not reported", expectation.getKey())
                          .isNotNull();
                      JsonNode detail = entry.get("detail");
                      assertThat(entry.get("ok").asBoolean())
                          .as("plexjs case %s: %s", expectation.getKey(), detail)
                          .isTrue();
                      expectation.getValue().accept(detail);
                    }));
  }

  private Map<String, Consumer<JsonNode>> expectations() {
    Map<String, Consumer<JsonNode>> expect = new LinkedHashMap<>();
    expect.put(
        "signin_admin",
        d -> {
          assertThat(d.get("statusCode").asInt()).isEqualTo(201);
          assertThat(javaClient(d.get("authToken").asText()).username())
              .isEqualTo(ConformanceServer.ADMIN_LOGIN);
        });
    expect.put(
        "signin_user",
        d -> {
          assertThat(d.get("statusCode").asInt()).isEqualTo(201);
          assertThat(d.get("username").asText()).isEqualTo(ConformanceServer.USER_LOGIN);
        });
    expect.put("signin_totp_missing_code", error("PostUsersSignInDataUnauthorized", 401, 1029));
    expect.put("signin_totp_wrong_code", error("PostUsersSignInDataUnauthorized", 401, 1028));
    expect.put(
        "signin_totp",
        d -> {
          assertThat(d.get("statusCode").asInt()).isEqualTo(201);
          assertThat(d.get("twoFactorEnabled").asBoolean()).isTrue();
        });
    expect.put("signin_bad_password", error("PostUsersSignInDataUnauthorized", 401, 1001));
    expect.put("signin_missing_client_id", error("PostUsersSignInDataBadRequest", 400, 1000));
    expect.put(
        "token_details_admin",
        d -> {
          assertThat(d.get("statusCode").asInt()).isEqualTo(200);
          assertThat(d.get("username").asText()).isEqualTo(ConformanceServer.ADMIN_LOGIN);
          assertThat(d.get("sameAccountAsSignin").asBoolean()).isTrue();
        });
    expect.put("token_details_bad_token", error("GetTokenDetailsUnauthorized", 401, 1001));
    expect.put(
        "transient_token",
        d -> {
          assertThat(d.get("statusCode").asInt()).isEqualTo(200);
          String token = d.get("token").asText();
          assertThat(token).startsWith("transient-");
          assertThat(d.at("/body/MediaContainer/token").asText()).isEqualTo(token);
          assertThat(javaClient(token).username()).isEqualTo(ConformanceServer.ADMIN_LOGIN);
        });
    expect.put(
        "transient_from_transient",
        d -> {
          assertThat(d.get("statusCode").asInt()).isEqualTo(200);
          assertThat(d.get("token").asText()).startsWith("transient-");
          assertThat(d.get("differsFromSource").asBoolean()).isTrue();
        });
    expect.put("transient_bad_token", error("GetTransientTokenUnauthorized", 401, 1001));
    expect.put("transient_bad_type", error("GetTransientTokenBadRequest", 400, -1));
    expect.put("source_info_admin", this::sourceAnswer);
    expect.put("source_info_transient_admin", this::sourceAnswer);
    expect.put("source_info_non_admin", error("SDKError", 403, -1));
    expect.put("source_info_unknown", error("SDKError", 404, -1));
    expect.put(
        "source_info_bad_token", error("GetSourceConnectionInformationUnauthorized", 401, 1001));
    expect.put(
        "source_info_missing_source", error("GetSourceConnectionInformationBadRequest", 400, -1));
    expect.put("token_details_missing_token", error("GetTokenDetailsUnauthorized", 401, 1001));
    return expect;
  }

  private void sourceAnswer(JsonNode detail) {
    assertThat(detail.get("statusCode").asInt()).isEqualTo(200);
    JsonNode device = detail.at("/body/MediaContainer/Device");
    assertThat(device.get("clientIdentifier").asText())
        .isEqualTo(ConformanceServer.SOURCE_CLIENT_IDENTIFIER);
    assertThat(device.get("name").asText()).isEqualTo("Conformance Server");
    String sourceToken = device.get("accessToken").asText();
    assertThat(sourceToken).startsWith("transient-");
    assertThat(javaClient(sourceToken).username()).isEqualTo(ConformanceServer.ADMIN_LOGIN);
    JsonNode connections = device.get("Connection");
    assertThat(connections.size()).isEqualTo(2);
    assertThat(connections.get(0).get("uri").asText()).isEqualTo("http://127.0.0.1:32400");
    assertThat(connections.get(0).get("local").asBoolean()).isTrue();
    assertThat(connections.get(1).get("relay").asBoolean()).isTrue();
  }

  /** A typed error with its class, HTTP status and, when {@code code >= 0}, its Plex code. */
  private static Consumer<JsonNode> error(String errorClass, int status, int code) {
    return detail -> {
      assertThat(detail.get("outcome").asText()).isEqualTo("threw");
      assertThat(detail.get("errorClass").asText()).isEqualTo(errorClass);
      assertThat(detail.get("statusCode").asInt()).isEqualTo(status);
      if (code >= 0) {
        assertThat(detail.get("errorCode").asInt()).isEqualTo(code);
      }
    };
  }

  /** The account a token belongs to, asked of the server by the Java SDK. */
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
