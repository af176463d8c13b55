package dev.plexauth.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plexauth.sdk.PlexAPI;
import dev.plexauth.sdk.RequestOptions;
import dev.plexauth.sdk.Transport;
import dev.plexauth.sdk.errors.PlexException;
import dev.plexauth.sdk.errors.RateLimitedException;
import dev.plexauth.sdk.models.GetTransientTokenQueryParamType;
import dev.plexauth.sdk.models.IncludeHttps;
import dev.plexauth.sdk.models.IncludeIPv6;
import dev.plexauth.sdk.models.IncludeRelay;
import dev.plexauth.sdk.models.PostUsersSignInDataRequest;
import dev.plexauth.sdk.models.PostUsersSignInDataRequestBody;
import dev.plexauth.sdk.models.Scope;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every operation through every status the server gives, with the SDK over loopback HTTP (and
 * raw HTTP for what the SDK never sends), and validates each answer against the project's OpenAPI
 * document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {

  private final OpenApiContract contract = OpenApiContract.load();

  private Fixture server;
  private ContractValidatingTransport transport;
  private PlexAPI anonymous;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    server =
        Fixture.on(dataDir)
            .clock(MutableClock.ticking())
            .signInRateLimit(1_000)
            .server(b -> b.publicUrl("https://plex.example.com"))
            .withAccounts()
            .start();
    transport = new ContractValidatingTransport(Transport.jdk(Duration.ofSeconds(5)), contract);
    anonymous =
        PlexAPI.builder()
            .serverURL(server.url())
            .plexTvURL(server.plexTvUrl())
            .clientID("contract-test")
            .clientName("plexauth contract test")
            .transport(transport)
            .requestTimeout(Duration.ofSeconds(10))
            .build();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void everyAnswerOfEveryOperationAndStatusMatchesTheContract() {
    String admin = signIn(Fixture.ADMIN, Fixture.ADMIN_PASSWORD, "");
    String user = signIn(Fixture.USER, Fixture.USER_PASSWORD, "");
    PlexAPI asAdmin = anonymous.newBuilder().accessToken(admin).build();
    PlexAPI asUser = anonymous.newBuilder().accessToken(user).build();
    PlexAPI badToken = anonymous.newBuilder().accessToken("not-a-real-token").build();

    // postUsersSignInData: 401 (1001, 1029, 1028) and 400 (no client identifier, no body)
    expectFailure(() -> signIn(Fixture.ADMIN, "wrong password", ""));
    expectFailure(() -> signIn(Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, ""));
    expectFailure(() -> signIn(Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, "00000x"));
    expectFailure(
        () ->
            anonymous
                .authentication()
                .postUsersSignInData(
                    signInRequest(Fixture.USER, Fixture.USER_PASSWORD, ""),
                    RequestOptions.builder().header("X-Plex-Client-Identifier", "").build()));
    expectFailure(
        () ->
            anonymous
                .authentication()
                .postUsersSignInData(PostUsersSignInDataRequest.builder().clientID("c").build()));

    // getTokenDetails: 200, 401
    asAdmin.authentication().getTokenDetails();
    expectFailure(() -> badToken.authentication().getTokenDetails());

    // getTransientToken: 200, 401, 400
    asUser
        .authentication()
        .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL);
    expectFailure(
        () ->
            badToken
                .authentication()
                .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL));
    expectFailure(
        () ->
            asAdmin
                .authentication()
                .getTransientToken(GetTransientTokenQueryParamType.of("bogus"), Scope.ALL));

    // getSourceConnectionInformation: 200, 401, 403, 404, 400
    asAdmin.authentication().getSourceConnectionInformation(Fixture.SOURCE);
    expectFailure(() -> badToken.authentication().getSourceConnectionInformation(Fixture.SOURCE));
    expectFailure(() -> asUser.authentication().getSourceConnectionInformation(Fixture.SOURCE));
    expectFailure(
        () -> asAdmin.authentication().getSourceConnectionInformation("server://unknown"));
    expectFailure(() -> asAdmin.authentication().getSourceConnectionInformation(""));

    assertThat(violations()).isEmpty();
    assertThat(covered())
        .contains(
            "POST /api/v2/users/signin 201",
            "POST /api/v2/users/signin 400",
            "POST /api/v2/users/signin 401",
            "GET /api/v2/user 200",
            "GET /api/v2/user 401",
            "GET /security/token 200",
            "GET /security/token 400",
            "GET /security/token 401",
            "GET /security/resources 200",
            "GET /security/resources 400",
            "GET /security/resources 401",
            "GET /security/resources 403",
            "GET /security/resources 404");
  }

  @Test
  void everyAnswerOfTheRoutesAroundSignInMatchesTheContract() {
    String admin = signIn(Fixture.ADMIN, Fixture.ADMIN_PASSWORD, "");
    PlexAPI asAdmin = anonymous.newBuilder().accessToken(admin).build();
    PlexAPI badToken = anonymous.newBuilder().accessToken("not-a-real-token").build();

    // getServerIdentity: 200; getServerCapabilities: 200, 401
    asAdmin.server().getServerIdentity();
    asAdmin.server().getServerCapabilities();
    expectFailure(() -> badToken.server().getServerCapabilities());
    // getServerResources: 200, 400, 401
    asAdmin
        .plex()
        .getServerResources(
            "contract-test", IncludeHttps.ENABLE, IncludeRelay.ENABLE, IncludeIPv6.ENABLE);
    expectFailure(() -> asAdmin.plex().getServerResources(""));
    expectFailure(() -> badToken.plex().getServerResources("contract-test"));
    // ping, devices: 200, 401; removeDevice: 404, 204, 401; signOut: 204, 401
    asAdmin.authentication().ping();
    expectFailure(() -> badToken.authentication().ping());
    long id = asAdmin.authentication().devices().devices().get(0).id();
    expectFailure(() -> badToken.authentication().devices());
    expectFailure(() -> asAdmin.authentication().removeDevice(id + 1));
    String second =
        server.http.signInToken("contract-second", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
    long secondId =
        asAdmin.authentication().devices().devices().stream()
            .filter(device -> device.clientIdentifier().equals("contract-second"))
            .findFirst()
            .orElseThrow()
            .id();
    asAdmin.authentication().removeDevice(secondId);
    assertThat(server.http.getJson("/api/v2/user", "X-Plex-Token", second).status()).isEqualTo(401);
    expectFailure(() -> badToken.authentication().removeDevice(1));
    expectFailure(() -> badToken.authentication().signOut());
    String third =
        server.http.signInToken("contract-third", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
    anonymous.newBuilder().accessToken(third).build().authentication().signOut();

    assertThat(violations()).isEmpty();
    assertThat(covered())
        .contains(
            "GET /identity 200",
            "GET / 200",
            "GET / 401",
            "GET /api/v2/resources 200",
            "GET /api/v2/resources 400",
            "GET /api/v2/resources 401",
            "GET /api/v2/ping 200",
            "GET /api/v2/ping 401",
            "GET /api/v2/devices 200",
            "GET /api/v2/devices 401",
            "DELETE /api/v2/devices/" + (id + 1) + " 404",
            "DELETE /api/v2/devices/" + secondId + " 204",
            "DELETE /api/v2/devices/1 401",
            "DELETE /api/v2/users/signout 204",
            "DELETE /api/v2/users/signout 401");
  }

  @Test
  void theOlderRoutesAndTheXmlAnswersOfTheNewOnesAreAsDocumented() {
    Http http = server.http;
    String token = http.signInToken("contract-xml", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
    String gone = http.signInToken("contract-gone", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
    long goneId = -1;
    for (var device : http.getJson("/api/v2/devices", "X-Plex-Token", gone).json()) {
      if (device.path("current").asBoolean()) {
        goneId = device.path("id").asLong();
      }
    }
    String basic = Http.basic(Fixture.USER, Fixture.USER_PASSWORD);
    Map<String, Http.Response> answers = new LinkedHashMap<>();
    answers.put("GET /identity 200 (XML)", http.getXml("/identity"));
    answers.put("GET / 200 (XML)", http.getXml("/", "X-Plex-Token", token));
    answers.put("GET / 401 (XML)", http.getXml("/"));
    answers.put(
        "GET /api/v2/resources 200 (XML)",
        http.getXml(
            "/api/v2/resources?includeHttps=1",
            "X-Plex-Token",
            token,
            "X-Plex-Client-Identifier",
            "x"));
    answers.put(
        "GET /api/v2/resources 400 (a bad flag)",
        http.getJson(
            "/api/v2/resources?includeRelay=2",
            "X-Plex-Token",
            token,
            "X-Plex-Client-Identifier",
            "x"));
    answers.put(
        "GET /api/v2/devices 200 (XML)", http.getXml("/api/v2/devices", "X-Plex-Token", token));
    answers.put("GET /api/v2/ping 200 (XML)", http.getXml("/api/v2/ping", "X-Plex-Token", token));
    answers.put(
        "DELETE /devices/" + goneId + ".xml 204",
        http.send("DELETE", "/devices/" + goneId + ".xml", null, "X-Plex-Token", token));
    answers.put(
        "DELETE /devices/" + goneId + ".xml 404 (XML)",
        http.send("DELETE", "/devices/" + goneId + ".xml", null, "X-Plex-Token", token));
    answers.put(
        "POST /users/sign_in.json 201",
        http.send(
            "POST",
            "/users/sign_in.json",
            null,
            "Authorization",
            basic,
            "X-Plex-Client-Identifier",
            "contract-legacy"));
    answers.put(
        "POST /users/sign_in.xml 201",
        http.send(
            "POST",
            "/users/sign_in.xml",
            null,
            "Authorization",
            basic,
            "X-Plex-Client-Identifier",
            "contract-legacy"));
    answers.put(
        "POST /users/sign_in.json 400",
        http.send("POST", "/users/sign_in.json", null, "Authorization", basic));
    answers.put(
        "POST /users/sign_in.xml 400",
        http.send("POST", "/users/sign_in.xml", null, "X-Plex-Client-Identifier", "c"));
    answers.put(
        "POST /users/sign_in.json 401",
        http.send(
            "POST",
            "/users/sign_in.json",
            null,
            "Authorization",
            Http.basic(Fixture.USER, "wrong"),
            "X-Plex-Client-Identifier",
            "c"));
    answers.put(
        "POST /users/sign_in.xml 401",
        http.send(
            "POST",
            "/users/sign_in.xml",
            null,
            "Authorization",
            Http.basic(Fixture.TOTP_USER, Fixture.TOTP_PASSWORD),
            "X-Plex-Client-Identifier",
            "c"));
    List<String> failures = new ArrayList<>();
    answers.forEach(
        (expected, answer) -> {
          String[] parts = expected.split(" ");
          if (answer.status() != Integer.parseInt(parts[2])) {
            failures.add(expected + ": answered " + answer.status() + " " + answer.body());
          }
          List<String> violations =
              contract.check(parts[0], parts[1], answer.status(), answer.headers(), answer.body());
          if (!violations.isEmpty()) {
            failures.add(expected + ": " + violations);
          }
        });
    assertThat(failures).isEmpty();
  }

  @Test
  void rateLimitedSignInAnswersInTheContractsErrorEnvelope(@TempDir Path limitedDataDir) {
    try (Fixture limited =
        Fixture.on(limitedDataDir)
            .clock(MutableClock.ticking())
            .signInRateLimit(2)
            .withAccounts()
            .start()) {
      PlexAPI client =
          anonymous.newBuilder().plexTvURL(limited.plexTvUrl()).serverURL(limited.url()).build();
      PostUsersSignInDataRequest wrong = signInRequest(Fixture.USER, "wrong", "");
      for (int i = 0; i < 2; i++) {
        expectFailure(() -> client.authentication().postUsersSignInData(wrong));
      }
      assertThatThrownBy(() -> client.authentication().postUsersSignInData(wrong))
          .isInstanceOf(RateLimitedException.class);
    }
    assertThat(violations()).isEmpty();
    assertThat(covered()).contains("POST /api/v2/users/signin 429");
  }

  @Test
  void bodyOverTheLimitIsAnsweredInTheContractsErrorEnvelope() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.plexTvUrl() + "/users/signin"))
                    .header("Accept", "application/json")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Plex-Client-Identifier", "contract-test")
                    .POST(HttpRequest.BodyPublishers.ofString("login=" + "a".repeat(70_000)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(
            contract.validate(
                contract.errorEnvelope(), new ObjectMapper().readTree(response.body())))
        .isEmpty();
    assertThat(
            contract.check(
                "POST", "/api/v2/users/signin", 413, response.headers().map(), response.body()))
        .isEmpty();
  }

  /** What the SDK never sends (other bodies, POST, XML) is answered as documented too. */
  @Test
  void answersTheSdkNeverAsksForAreAsDocumented() {
    Http http = server.http;
    String token = http.signInToken("contract-raw", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
    String form = "login=" + Fixture.USER + "&password=x";
    List<String> failures = new ArrayList<>();
    Map<String, Http.Response> answers = new LinkedHashMap<>();
    answers.put(
        "POST /api/v2/users/signin 415 (a JSON body)",
        http.send(
            "POST",
            "/api/v2/users/signin",
            "{}",
            "Content-Type",
            "application/json",
            "Accept",
            "application/json",
            "X-Plex-Client-Identifier",
            "raw"));
    answers.put(
        "POST /api/v2/users/signin 415 (a Latin-1 form)",
        http.send(
            "POST",
            "/api/v2/users/signin",
            form,
            "Content-Type",
            "application/x-www-form-urlencoded; charset=iso-8859-1",
            "Accept",
            "application/json",
            "X-Plex-Client-Identifier",
            "raw"));
    answers.put(
        "POST /api/v2/users/signin 400 (no client identifier, XML)",
        http.send(
            "POST",
            "/api/v2/users/signin",
            form,
            "Content-Type",
            "application/x-www-form-urlencoded"));
    answers.put(
        "POST /api/v2/users/signin 401 (XML)",
        http.send(
            "POST",
            "/api/v2/users/signin",
            form,
            "Content-Type",
            "application/x-www-form-urlencoded",
            "X-Plex-Client-Identifier",
            "raw"));
    answers.put(
        "POST /security/token 200",
        http.send(
            "POST",
            "/security/token?type=delegation&scope=all",
            null,
            "Accept",
            "application/json",
            "X-Plex-Token",
            token));
    answers.put("POST /security/token 401 (XML)", http.send("POST", "/security/token", null));
    answers.put(
        "GET /security/token 200 (XML, token in the query)",
        http.getXml("/security/token?type=delegation&scope=all&X-Plex-Token=" + token));
    answers.put("GET /api/v2/user 200 (XML)", http.getXml("/api/v2/user", "X-Plex-Token", token));
    answers.put(
        "GET /security/resources 200 (XML)",
        http.getXml(
            "/security/resources?source=" + Http.encode(Fixture.SOURCE), "X-Plex-Token", token));
    answers.put(
        "GET /security/resources 400 (XML)",
        http.getXml("/security/resources", "X-Plex-Token", token));
    answers.put("GET /openapi.yaml 200", http.send("GET", "/openapi.yaml", null));
    answers.forEach(
        (expected, answer) -> {
          String[] parts = expected.split(" ");
          String path = parts[1];
          if (answer.status() != Integer.parseInt(parts[2])) {
            failures.add(expected + ": answered " + answer.status() + " " + answer.body());
          }
          List<String> violations =
              contract.check(parts[0], path, answer.status(), answer.headers(), answer.body());
          if (!violations.isEmpty()) {
            failures.add(expected + ": " + violations);
          }
        });
    assertThat(failures).isEmpty();
  }

  @Test
  void theValidatorRejectsAUserTheContractForbids() {
    JsonNode user = userJson();
    JsonNode schema = contract.componentSchema("UserPlexAccount");
    assertThat(contract.validate(schema, user)).isEmpty();

    ObjectNode withoutUuid = user.deepCopy();
    withoutUuid.remove("uuid");
    assertThat(contract.validate(schema, withoutUuid)).isNotEmpty();

    JsonNode userResponse =
        contract
            .jsonSchema(
                contract
                    .response(contract.operation("/api/v2/user", "get").orElseThrow(), 200)
                    .orElseThrow())
            .orElseThrow();
    assertThat(userResponse.has("$ref"))
        .as("the 200 schema of /api/v2/user is a reference")
        .isTrue();
    assertThat(contract.validate(userResponse, user)).isEmpty();
    assertThat(contract.validate(userResponse, withoutUuid)).isNotEmpty();

    ObjectNode subtitleTwo = user.deepCopy();
    ((ObjectNode) subtitleTwo.get("profile")).put("autoSelectSubtitle", 2);
    assertThat(contract.validate(schema, subtitleTwo)).isNotEmpty();
  }

  private JsonNode userJson() {
    try {
      String token = signIn(Fixture.ADMIN, Fixture.ADMIN_PASSWORD, "");
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.plexTvUrl() + "/user"))
                      .header("Accept", "application/json")
                      .header("X-Plex-Token", token)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return new ObjectMapper().readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private String signIn(String login, String password, String code) {
    return anonymous
        .authentication()
        .postUsersSignInData(signInRequest(login, password, code))
        .userPlexAccount()
        .authToken();
  }

  private static PostUsersSignInDataRequest signInRequest(
      String login, String password, String code) {
    return PostUsersSignInDataRequest.builder()
        .clientID("contract-" + login)
        .requestBody(PostUsersSignInDataRequestBody.of(login, password).withVerificationCode(code))
        .build();
  }

  private static void expectFailure(Runnable call) {
    assertThatThrownBy(call::run).isInstanceOf(PlexException.class);
  }

  private List<String> violations() {
    return transport.checked().stream()
        .filter(c -> !c.violations().isEmpty())
        .map(c -> c.key() + ": " + c.violations())
        .collect(Collectors.toList());
  }

  private Set<String> covered() {
    return transport.checked().stream()
        .map(ContractValidatingTransport.Checked::key)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
