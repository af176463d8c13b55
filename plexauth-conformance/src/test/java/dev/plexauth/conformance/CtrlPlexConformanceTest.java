package dev.plexauth.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plexauth.sdk.PlexAPI;
import dev.plexauth.sdk.errors.GetTokenDetailsUnauthorized;
import dev.plexauth.sdk.models.UserPlexAccount;
import dev.plexauth.server.support.Fixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * A second real client, {@code @ctrl/plex} 3.12.1 from npm, unchanged, against a plexauth server on
 * a loopback port, its requests to {@code https://plex.tv} redirected there: {@code MyPlexAccount}
 * sign-in with a password (the older {@code /users/sign_in.json}), with a two-factor code appended,
 * refused; the account from its token; {@code resources()}; {@code PlexServer.connect()} through a
 * resource's access token; a transient token through that server; {@code devices()} (the older
 * {@code /devices.xml}); and the web login, {@code getWebLogin()} and {@code webLoginCheck()}, with
 * the code approved on the server. The harness ({@code src/test/node/ctrl-plex/conformance.mjs})
 * reports facts; this test judges them, and checks every answer the library received against the
 * project's OpenAPI document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CtrlPlexConformanceTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String PMS_SOURCE = ServerUnderTest.PMS_SOURCE;
  private static final String PMS_CLIENT_IDENTIFIER = ServerUnderTest.PMS_CLIENT_IDENTIFIER;

  private final OpenApiContract contract = OpenApiContract.load();
  private Fixture server;
  private HarnessReport report;

  @BeforeAll
  void runHarness(@TempDir Path dataDir) throws Exception {
    NodeProcess.requireNodeAndNpm();
    Path project = RepositoryPaths.ctrlPlexHarness();
    NodeProcess.npmCi(project);

    server = ServerUnderTest.start(dataDir);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PLEXAUTH_URL", server.url());
    env.put("ADMIN_LOGIN", Fixture.ADMIN);
    env.put("ADMIN_PASSWORD", Fixture.ADMIN_PASSWORD);
    env.put("USER_LOGIN", Fixture.USER);
    env.put("USER_PASSWORD", Fixture.USER_PASSWORD);
    env.put("TOTP_LOGIN", Fixture.TOTP_USER);
    env.put("TOTP_PASSWORD", Fixture.TOTP_PASSWORD);
    env.put("TOTP_CODE", server.totpCode());
    env.put("PMS_RESOURCE", PMS_CLIENT_IDENTIFIER);
    NodeProcess.Outcome run =
        NodeProcess.run(project, List.of("node", "conformance.mjs"), env, Duration.ofMinutes(3));
    assertThat(run.exitCode()).as("the harness failed:\n%s", run.stderr()).isZero();
    assertThat(run.stderr())
        .doesNotContain(
            Fixture.ADMIN_PASSWORD,
            Fixture.USER_PASSWORD,
            Fixture.TOTP_PASSWORD,
            "transient-",
            "resource-");

    report = new HarnessReport(JSON.readTree(run.stdout()));
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theHarnessRanThePinnedCtrlPlexAndEveryCase() {
    assertThat(report.harness().get("ctrlPlex").asText()).isEqualTo("3.12.1");
    assertThat(report.cases().keySet())
        .containsExactlyInAnyOrderElementsOf(expectations().keySet());
    assertThat(report.harness().get("total").asInt()).isEqualTo(report.cases().size());
  }

  @TestFactory
  Stream<DynamicTest> eachCase() {
    return report.eachCase(expectations());
  }

  /** Every answer the library received, from the plex.tv role or the PMS role, is as documented. */
  @Test
  void everyAnswerCtrlPlexReceivedIsAsDocumented() {
    int exchanges = report.assertEveryAnswerAsDocumented(contract);
    assertThat(exchanges).as("answers @ctrl/plex received").isGreaterThanOrEqualTo(10);
  }

  /** Its plex.tv calls went to https://plex.tv and were answered by the server under test. */
  @Test
  void theLibrarysPlexTvCallsWereRedirected() {
    List<String> redirected = new ArrayList<>();
    for (JsonNode entry : report.cases().values()) {
      for (JsonNode exchange : entry.at("/detail/http")) {
        if (exchange.path("requested").asText().equals("https://plex.tv")) {
          redirected.add(exchange.get("method").asText() + " " + exchange.get("path").asText());
        }
      }
    }
    assertThat(redirected)
        .contains("POST /users/sign_in.json", "GET /api/v2/user", "GET /api/v2/resources");
  }

  private Map<String, Consumer<JsonNode>> expectations() {
    Map<String, Consumer<JsonNode>> expect = new LinkedHashMap<>();
    expect.put(
        "signin_password",
        d -> {
          resolved(d);
          assertThat(d.get("username").asText()).isEqualTo(Fixture.ADMIN);
          assertThat(d.get("subscriptionStatus").asText()).isEqualTo("inactive");
          assertThat(d.get("token").asText()).matches("[A-Za-z0-9_-]{43}");
          assertThat(javaClient(d.get("token").asText()).username()).isEqualTo(Fixture.ADMIN);
          JsonNode signIn = onlyExchange(d);
          assertThat(signIn.get("path").asText()).isEqualTo("/users/sign_in.json");
          assertThat(signIn.get("status").asInt()).isEqualTo(201);
        });
    expect.put(
        "signin_two_factor",
        d -> {
          resolved(d);
          assertThat(d.get("username").asText()).isEqualTo(Fixture.TOTP_USER);
          assertThat(javaClient(d.get("token").asText()).twoFactorEnabled()).isTrue();
        });
    expect.put(
        "signin_refused",
        d -> {
          threw(d, 401);
          assertThat(d.get("data").asText())
              .isEqualTo("{\"error\":\"Invalid email, username, or password.\"}");
        });
    expect.put(
        "signin_two_factor_without_code",
        d -> {
          threw(d, 401);
          assertThat(d.get("data").asText()).contains("verification code");
        });
    expect.put(
        "account_from_token",
        d -> {
          resolved(d);
          assertThat(d.get("id")).isEqualTo(detail("signin_password").get("id"));
          assertThat(d.get("uuid")).isEqualTo(detail("signin_password").get("uuid"));
          assertThat(onlyExchange(d).get("path").asText()).isEqualTo("/api/v2/user");
        });
    expect.put(
        "resources",
        d -> {
          resolved(d);
          JsonNode resources = d.get("resources");
          assertThat(resources.findValuesAsText("clientIdentifier"))
              .containsExactly(PMS_CLIENT_IDENTIFIER, Fixture.SOURCE_CLIENT_IDENTIFIER);
          assertThat(resources)
              .allSatisfy(
                  r -> {
                    assertThat(r.get("owned").asBoolean()).isTrue();
                    assertThat(r.get("provides").asText()).isEqualTo("server");
                    assertThat(r.get("accessToken").asText()).matches("resource-[A-Za-z0-9_-]{43}");
                    assertThat(r.get("createdAt").isTextual()).as("createdAt parsed").isTrue();
                  });
          assertThat(resources.get(1).get("connections").findValuesAsText("uri"))
              .containsExactly(Fixture.SOURCE_LOCAL_URI, Fixture.SOURCE_RELAY_URI);
          assertThat(onlyExchange(d).get("url").asText())
              .isEqualTo("/api/v2/resources?includeHttps=1&includeRelay=1");
        });
    expect.put(
        "server_connect",
        d -> {
          resolved(d);
          assertServer(d);
          assertThat(d.get("baseurl").asText()).isEqualTo(server.url());
          assertThat(d.get("friendlyName").asText()).isNotBlank();
        });
    expect.put(
        "transient_token",
        d -> {
          resolved(d);
          String token = d.get("token").asText();
          assertThat(token).matches("transient-[A-Za-z0-9_-]{43}");
          // Made from a resource token, it works on the PMS role only, never on plex.tv.
          assertThat(
                  catchThrowableOfType(
                      GetTokenDetailsUnauthorized.class, () -> javaClient(token).username()))
              .isNotNull();
          assertThat(server.http.getJson("/", "X-Plex-Token", token).status()).isEqualTo(200);
        });
    expect.put(
        "server_connect_transient",
        d -> {
          resolved(d);
          assertServer(d);
        });
    expect.put("server_connect_bad_token", d -> threw(d, 401));
    expect.put(
        "devices",
        d -> {
          resolved(d);
          JsonNode devices = d.get("devices");
          assertThat(devices).isNotEmpty();
          assertThat(devices)
              .allSatisfy(
                  device -> {
                    assertThat(device.get("id").asLong()).isBetween(1L, 1L << 52);
                    assertThat(device.get("hasToken").asBoolean())
                        .as("a token attribute")
                        .isFalse();
                    // Epoch seconds, as plex.tv sends them (python-plexapi reads seconds); this
                    // library reads the number as milliseconds, so its dates land in January 1970.
                    assertThat(device.get("createdAtMillis").asLong())
                        .isBetween(1_600_000_000L, 4_000_000_000L);
                  });
          JsonNode exchange = onlyExchange(d);
          assertThat(exchange.get("path").asText()).isEqualTo("/devices.xml");
          assertThat(exchange.get("body").asText()).startsWith("<?xml").contains("<Device ");
        });
    expect.put(
        "web_login",
        d -> {
          resolved(d);
          assertThat(d.get("username").asText()).isEqualTo(Fixture.USER);
          assertThat(d.get("approvalStatus").asInt()).isEqualTo(204);
          assertThat(d.get("codeLength").asInt()).as("a strong code").isEqualTo(25);
          assertThat(d.get("uri").asText()).startsWith("https://app.plex.tv/auth#?clientID=");
          String token = d.get("token").asText();
          assertThat(token).matches("[A-Za-z0-9_-]{43}");
          assertThat(javaClient(token).username()).isEqualTo(Fixture.USER);
          assertThat(d.get("http").findValuesAsText("path"))
              .contains(
                  "/api/v2/pins",
                  "/api/v2/pins/link",
                  "/api/v2/pins/" + d.get("pinId").asText(),
                  "/api/v2/user");
        });
    return expect;
  }

  private void assertServer(JsonNode detail) {
    assertThat(detail.get("machineIdentifier").asText())
        .isEqualTo(server.server.machineIdentifier());
    assertThat(detail.get("myPlex").asBoolean()).isTrue();
    assertThat(detail.get("myPlexUsername").asText()).isEqualTo(Fixture.ADMIN);
    assertThat(detail.get("ownerFeatures").isArray()).as("ownerFeatures split").isTrue();
    assertThat(detail.get("transcoderActiveVideoSessions").asInt(-1)).isZero();
  }

  private static void resolved(JsonNode detail) {
    assertThat(detail.path("outcome").asText()).as("outcome of %s", detail).isEqualTo("resolved");
  }

  private static void threw(JsonNode detail, int status) {
    assertThat(detail.path("outcome").asText()).as("outcome of %s", detail).isEqualTo("threw");
    assertThat(detail.get("statusCode").asInt()).isEqualTo(status);
  }

  private static JsonNode onlyExchange(JsonNode detail) {
    assertThat(detail.get("http")).as("exchanges").hasSize(1);
    return detail.get("http").get(0);
  }

  private JsonNode detail(String name) {
    return report.detail(name);
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
