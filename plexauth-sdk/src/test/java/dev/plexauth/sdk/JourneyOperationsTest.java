package dev.plexauth.sdk;

import static dev.plexauth.sdk.Wire.TOKEN;
import static dev.plexauth.sdk.Wire.clientFor;
import static dev.plexauth.sdk.Wire.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plexauth.sdk.errors.GetServerCapabilitiesBadRequest;
import dev.plexauth.sdk.errors.GetServerCapabilitiesUnauthorized;
import dev.plexauth.sdk.errors.GetServerIdentityRequestTimeout;
import dev.plexauth.sdk.errors.GetServerResourcesBadRequest;
import dev.plexauth.sdk.errors.GetServerResourcesUnauthorized;
import dev.plexauth.sdk.errors.NotFoundException;
import dev.plexauth.sdk.errors.SDKError;
import dev.plexauth.sdk.errors.ServerErrorException;
import dev.plexauth.sdk.errors.UnauthorizedException;
import dev.plexauth.sdk.models.AuthorizedDevice;
import dev.plexauth.sdk.models.GetServerResourcesResponse;
import dev.plexauth.sdk.models.IncludeHttps;
import dev.plexauth.sdk.models.IncludeIPv6;
import dev.plexauth.sdk.models.IncludeRelay;
import dev.plexauth.sdk.models.PlexDevice;
import dev.plexauth.sdk.models.ResourceConnection;
import dev.plexauth.sdk.models.ServerCapabilities;
import dev.plexauth.sdk.models.ServerIdentity;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operations around sign-in: {@code plex().getServerResources}, {@code
 * server().getServerIdentity} and {@code getServerCapabilities}, and {@code authentication()}'s
 * {@code ping}, {@code signOut}, {@code devices} and {@code removeDevice}: what each sends, how
 * each reads real answers (JSON and XML, leniently), and which errors each throws.
 */
class JourneyOperationsTest {

  private static final RetryConfig RETRY =
      RetryConfig.backoff(Duration.ofMillis(1), Duration.ofMillis(2), 2.0, Duration.ofSeconds(5));

  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private PlexAPI client() {
    return clientFor(server).clientID("client-of-the-app").build();
  }

  // --- what goes on the wire

  @Test
  void getServerResourcesSendsTheFlagsInPlexjsOrderAndTheClientIdItNames() throws Exception {
    server.enqueue(Wire.json(200, "[]"));
    server.enqueue(Wire.json(200, "[]"));

    client().plex().getServerResources("resources-client");
    client()
        .plex()
        .getServerResources("other", IncludeHttps.ENABLE, IncludeRelay.DISABLE, IncludeIPv6.ENABLE);

    RecordedRequest plain = take(server);
    assertThat(plain.getMethod()).isEqualTo("GET");
    assertThat(plain.getTarget())
        .isEqualTo("/api/v2/resources?includeHttps=0&includeIPv6=0&includeRelay=0");
    assertThat(plain.getHeaders().get("X-Plex-Client-Identifier")).isEqualTo("resources-client");
    assertThat(plain.getHeaders().values("X-Plex-Client-Identifier")).hasSize(1);
    assertThat(plain.getHeaders().get("X-Plex-Token")).isEqualTo(TOKEN);
    assertThat(plain.getHeaders().get("Accept")).isEqualTo("application/json");
    RecordedRequest flags = take(server);
    assertThat(flags.getTarget())
        .isEqualTo("/api/v2/resources?includeHttps=1&includeIPv6=1&includeRelay=0");
    assertThat(flags.getHeaders().get("X-Plex-Client-Identifier")).isEqualTo("other");
  }

  @Test
  void getServerIdentitySendsNoTokenAndCapabilitiesDo() throws Exception {
    server.enqueue(Wire.json(200, "{\"MediaContainer\":{\"machineIdentifier\":\"m\"}}"));
    server.enqueue(Wire.json(200, "{\"MediaContainer\":{\"machineIdentifier\":\"m\"}}"));

    client().server().getServerIdentity();
    client().server().getServerCapabilities();

    RecordedRequest identity = take(server);
    assertThat(identity.getTarget()).isEqualTo("/identity");
    assertThat(identity.getHeaders().get("X-Plex-Token")).isNull();
    RecordedRequest capabilities = take(server);
    assertThat(capabilities.getTarget()).isEqualTo("/");
    assertThat(capabilities.getHeaders().get("X-Plex-Token")).isEqualTo(TOKEN);
  }

  @Test
  void pingSignOutDevicesAndRemoveDeviceGoToPlexTvWithTheToken() throws Exception {
    server.enqueue(Wire.json(200, "{\"pong\":true}"));
    server.enqueue(new MockResponse.Builder().code(204).build());
    server.enqueue(Wire.json(200, "[]"));
    server.enqueue(new MockResponse.Builder().code(204).build());
    Authentication auth = client().authentication();

    assertThat(auth.ping().pong()).isTrue();
    assertThat(auth.signOut().statusCode()).isEqualTo(204);
    assertThat(auth.devices().devices()).isEmpty();
    assertThat(auth.removeDevice(42).statusCode()).isEqualTo(204);

    List<String> sent = List.of("GET /api/v2/ping", "DELETE /api/v2/users/signout");
    for (String expected : sent) {
      RecordedRequest request = take(server);
      assertThat(request.getMethod() + " " + request.getTarget()).isEqualTo(expected);
      assertThat(request.getHeaders().get("X-Plex-Token")).isEqualTo(TOKEN);
    }
    assertThat(take(server).getTarget()).isEqualTo("/api/v2/devices");
    RecordedRequest removal = take(server);
    assertThat(removal.getMethod()).isEqualTo("DELETE");
    assertThat(removal.getTarget()).isEqualTo("/api/v2/devices/42");
  }

  @Test
  void anUnreadableBodyFailsAlsoAnOperationThatReturnsNothingFromIt() {
    server.enqueue(Wire.withType(200, "text/plain", "signed out"));
    server.enqueue(Wire.json(200, "{\"ok\":true}"));
    Authentication auth = client().authentication();

    assertThatThrownBy(auth::signOut)
        .isExactlyInstanceOf(SDKError.class)
        .hasMessageContaining("signOut");
    assertThat(auth.signOut().statusCode()).isEqualTo(200);
  }

  @Test
  void getsAreRetriedButDeletionsAreNotResentOnceTheyMayHaveArrived() throws Exception {
    for (int i = 0; i < 2; i++) {
      server.enqueue(Wire.json(503, "{}"));
    }
    server.enqueue(Wire.json(200, "{\"pong\":true}"));
    server.enqueue(Wire.json(503, "{}"));
    server.enqueue(Wire.json(503, "{}"));
    PlexAPI plex = clientFor(server).retryConfig(RETRY).build();

    assertThat(plex.authentication().ping().pong()).isTrue();
    ServerErrorException signOut =
        catchThrowableOfType(ServerErrorException.class, () -> plex.authentication().signOut());
    ServerErrorException removal =
        catchThrowableOfType(
            ServerErrorException.class, () -> plex.authentication().removeDevice(7));

    assertThat(server.getRequestCount()).isEqualTo(5);
    assertThat(signOut.statusCode()).isEqualTo(503);
    assertThat(removal.statusCode()).isEqualTo(503);
  }

  // --- reading answers

  private static final String RESOURCES_JSON =
      "[{\"name\":\"Den\",\"product\":\"Plex Media Server\",\"productVersion\":\"1.40\","
          + "\"platform\":\"Linux\",\"platformVersion\":null,\"device\":null,"
          + "\"clientIdentifier\":\"abc\",\"createdAt\":\"2019-06-24T11:38:02Z\","
          + "\"lastSeenAt\":\"2024-01-02T03:04:05.678+01:00\",\"provides\":\"server\","
          + "\"ownerId\":7,\"sourceTitle\":\"owner\",\"publicAddress\":\"1.2.3.4\","
          + "\"accessToken\":\"secret-access\",\"owned\":false,\"home\":false,\"synced\":false,"
          + "\"relay\":true,\"presence\":true,\"httpsRequired\":false,"
          + "\"publicAddressMatches\":false,\"dnsRebindingProtection\":false,"
          + "\"natLoopbackSupported\":false,\"unknown\":{\"x\":1},\"connections\":["
          + "{\"protocol\":\"http\",\"address\":\"fd00::1\",\"port\":32400,"
          + "\"uri\":\"http://[fd00::1]:32400\",\"local\":true,\"relay\":false,\"IPv6\":true}]}]";

  @Test
  void resourcesAreReadFromJsonFieldForField() {
    server.enqueue(Wire.json(200, RESOURCES_JSON));

    GetServerResourcesResponse response = client().plex().getServerResources("c");

    assertThat(response.statusCode()).isEqualTo(200);
    PlexDevice den = response.plexDevices().get(0);
    assertThat(den.name()).isEqualTo("Den");
    assertThat(den.platform()).contains("Linux");
    assertThat(den.platformVersion()).isEmpty();
    assertThat(den.createdAt()).isEqualTo(Instant.parse("2019-06-24T11:38:02Z"));
    assertThat(den.lastSeenAt()).isEqualTo(Instant.parse("2024-01-02T02:04:05.678Z"));
    assertThat(den.ownerId()).contains(7L);
    assertThat(den.sourceTitle()).contains("owner");
    assertThat(den.owned()).isFalse();
    assertThat(den.relay()).isTrue();
    assertThat(den.accessToken()).isEqualTo("secret-access");
    assertThat(den.toString()).doesNotContain("secret-access");
    assertThat(den.connections())
        .containsExactly(
            new ResourceConnection(
                "http", "fd00::1", 32400, "http://[fd00::1]:32400", true, false, true));
  }

  @Test
  void resourcesAreReadFromXmlWithOneOrManyConnectionsAndStringsForNumbers() {
    server.enqueue(
        Wire.xml(
            200,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><resources size=\"2\">"
                + "<resource name=\"Den\" clientIdentifier=\"abc\" createdAt=\"1561376282\""
                + " owned=\"1\" ownerId=\"\" accessToken=\"t\" provides=\"server\">"
                + "<connections><connection protocol=\"https\" address=\"a\" port=\"443\""
                + " uri=\"https://a\" local=\"0\" relay=\"1\" IPv6=\"0\"/></connections>"
                + "</resource><resource name=\"Attic\" clientIdentifier=\"def\">"
                + "<connections/></resource></resources>"));
    server.enqueue(
        Wire.xml(
            200,
            "<MediaContainer size=\"1\"><Device name=\"Old\" clientIdentifier=\"o\">"
                + "<Connection uri=\"http://o:32400\" port=\"32400\"/>"
                + "<Connection uri=\"http://p:32400\" port=\"32400\"/></Device></MediaContainer>"));

    List<PlexDevice> devices = client().plex().getServerResources("c").plexDevices();
    List<PlexDevice> older = client().plex().getServerResources("c").plexDevices();

    assertThat(devices).hasSize(2);
    PlexDevice den = devices.get(0);
    assertThat(den.owned()).isTrue();
    assertThat(den.ownerId()).isEmpty();
    assertThat(den.createdAt()).isEqualTo(Instant.ofEpochSecond(1561376282));
    assertThat(den.lastSeenAt()).isEqualTo(Instant.EPOCH);
    assertThat(den.connections()).hasSize(1);
    assertThat(den.connections().get(0).relay()).isTrue();
    assertThat(den.connections().get(0).port()).isEqualTo(443);
    assertThat(devices.get(1).connections()).isEmpty();
    assertThat(older).singleElement().satisfies(d -> assertThat(d.connections()).hasSize(2));
  }

  @Test
  void aSingleResourceObjectAndAnEmptyListAreRead() {
    server.enqueue(Wire.json(200, "{\"name\":\"Only\",\"clientIdentifier\":\"x\"}"));
    server.enqueue(Wire.xml(200, "<resources/>"));

    assertThat(client().plex().getServerResources("c").plexDevices())
        .singleElement()
        .extracting(PlexDevice::name)
        .isEqualTo("Only");
    assertThat(client().plex().getServerResources("c").plexDevices()).isEmpty();
  }

  @Test
  void identityAndCapabilitiesAreReadFromJsonAndXml() {
    server.enqueue(
        Wire.json(
            200,
            "{\"MediaContainer\":{\"size\":0,\"claimed\":true,\"machineIdentifier\":\"m1\","
                + "\"version\":\"1.40.0\"}}"));
    server.enqueue(
        Wire.xml(
            200,
            "<MediaContainer size=\"0\" claimed=\"0\" machineIdentifier=\"m2\" version=\"v\"/>"));
    server.enqueue(
        Wire.json(
            200,
            "{\"MediaContainer\":{\"size\":\"1\",\"friendlyName\":\"Den\",\"myPlex\":1,"
                + "\"myPlexUsername\":\"owner\",\"ownerFeatures\":\"a,b\","
                + "\"transcoderActiveVideoSessions\":\"2\",\"allowSync\":\"true\","
                + "\"Directory\":{\"count\":1,\"key\":\"library\",\"title\":\"Library\"}}}"));
    server.enqueue(
        Wire.xml(
            200,
            "<MediaContainer size=\"2\" friendlyName=\"X\" myPlex=\"1\" updatedAt=\"1700000000\">"
                + "<Directory count=\"1\" key=\"a\" title=\"A\"/>"
                + "<Directory count=\"2\" key=\"b\" title=\"B\"/></MediaContainer>"));
    PlexAPI plex = client();

    ServerIdentity json = plex.server().getServerIdentity().mediaContainer();
    ServerIdentity xml = plex.server().getServerIdentity().mediaContainer();
    ServerCapabilities capabilities = plex.server().getServerCapabilities().mediaContainer();
    ServerCapabilities fromXml = plex.server().getServerCapabilities().mediaContainer();

    assertThat(json).isEqualTo(new ServerIdentity(0, true, "m1", "1.40.0"));
    assertThat(xml).isEqualTo(new ServerIdentity(0, false, "m2", "v"));
    assertThat(capabilities.size()).isEqualTo(1);
    assertThat(capabilities.friendlyName()).isEqualTo("Den");
    assertThat(capabilities.myPlex()).isTrue();
    assertThat(capabilities.allowSync()).isTrue();
    assertThat(capabilities.ownerFeatures()).isEqualTo("a,b");
    assertThat(capabilities.transcoderActiveVideoSessions()).isEqualTo(2);
    assertThat(capabilities.machineIdentifier()).isEmpty();
    assertThat(capabilities.directories()).hasSize(1);
    assertThat(fromXml.updatedAt()).isEqualTo(1_700_000_000L);
    assertThat(fromXml.directories()).extracting(d -> d.key()).containsExactly("a", "b");
  }

  @Test
  void devicesAndPingAreReadFromJsonXmlAndTheOlderDevicesXml() {
    server.enqueue(
        Wire.json(
            200,
            "[{\"id\":\"12\",\"name\":\"Phone\",\"product\":\"App\",\"productVersion\":null,"
                + "\"clientIdentifier\":\"p\",\"createdAt\":\"2024-01-01T00:00:00Z\","
                + "\"lastSeenAt\":1704067260,\"current\":1}]"));
    server.enqueue(
        Wire.xml(
            200,
            "<devices><device id=\"3\" name=\"A\" clientIdentifier=\"a\" current=\"0\""
                + " createdAt=\"2024-01-01 00:00:00 UTC\"/></devices>"));
    server.enqueue(
        Wire.xml(
            200,
            "<MediaContainer publicAddress=\"1.2.3.4\"><Device name=\"TV\" id=\"9\""
                + " clientIdentifier=\"tv\" createdAt=\"1704067200\" token=\"t\">"
                + "<Connection uri=\"http://tv\"/></Device></MediaContainer>"));
    server.enqueue(Wire.xml(200, "<?xml version=\"1.0\"?><pong>true</pong>"));
    server.enqueue(Wire.json(200, "{\"pong\":\"1\"}"));
    Authentication auth = client().authentication();

    AuthorizedDevice phone = auth.devices().devices().get(0);
    AuthorizedDevice fromXml = auth.devices().devices().get(0);
    AuthorizedDevice older = auth.devices().devices().get(0);

    assertThat(phone.id()).isEqualTo(12);
    assertThat(phone.product()).contains("App");
    assertThat(phone.productVersion()).isEmpty();
    assertThat(phone.current()).isTrue();
    assertThat(phone.lastSeenAt()).isEqualTo(Instant.parse("2024-01-01T00:01:00Z"));
    assertThat(fromXml.id()).isEqualTo(3);
    assertThat(fromXml.createdAt()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(older.name()).isEqualTo("TV");
    assertThat(older.id()).isEqualTo(9);
    assertThat(older.createdAt()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(auth.ping().pong()).isTrue();
    assertThat(auth.ping().pong()).isTrue();
  }

  @Test
  void anAnswerThatIsNotTheOperationsIsAnSdkError() {
    server.enqueue(Wire.json(200, "{\"something\":\"else\"}"));
    server.enqueue(Wire.json(200, "{\"nothing\":true}"));
    server.enqueue(Wire.withType(200, "text/html", "<html><body>hi</body></html>"));

    assertThat(catchThrowableOfType(SDKError.class, () -> client().plex().getServerResources("c")))
        .isExactlyInstanceOf(SDKError.class);
    assertThat(catchThrowableOfType(SDKError.class, () -> client().authentication().ping()))
        .isExactlyInstanceOf(SDKError.class);
    assertThat(catchThrowableOfType(SDKError.class, () -> client().server().getServerIdentity()))
        .isExactlyInstanceOf(SDKError.class);
  }

  // --- errors

  private static final String UNAUTHORIZED =
      "{\"errors\":[{\"code\":1001,\"message\":\"User could not be authenticated\","
          + "\"status\":401}]}";

  @Test
  void eachOperationThrowsItsOwnTypesLikePlexjs() {
    server.enqueue(
        Wire.json(
            400,
            "{\"errors\":[{\"code\":1000,\"message\":\"X-Plex-Client-Identifier is missing\","
                + "\"status\":400}]}"));
    server.enqueue(Wire.json(401, UNAUTHORIZED));
    server.enqueue(Wire.json(400, "{}"));
    server.enqueue(Wire.json(401, UNAUTHORIZED));
    server.enqueue(Wire.json(408, "{\"code\":408,\"message\":\"Request Timeout\"}"));
    server.enqueue(Wire.json(401, UNAUTHORIZED));
    server.enqueue(
        Wire.json(404, "{\"errors\":[{\"code\":1002,\"message\":\"Device not found\"}]}"));
    PlexAPI plex = client();

    GetServerResourcesBadRequest noClient =
        catchThrowableOfType(
            GetServerResourcesBadRequest.class, () -> plex.plex().getServerResources(""));
    GetServerResourcesUnauthorized resources =
        catchThrowableOfType(
            GetServerResourcesUnauthorized.class, () -> plex.plex().getServerResources("c"));
    GetServerCapabilitiesBadRequest capabilitiesBad =
        catchThrowableOfType(
            GetServerCapabilitiesBadRequest.class, () -> plex.server().getServerCapabilities());
    GetServerCapabilitiesUnauthorized capabilities =
        catchThrowableOfType(
            GetServerCapabilitiesUnauthorized.class, () -> plex.server().getServerCapabilities());
    GetServerIdentityRequestTimeout identity =
        catchThrowableOfType(
            GetServerIdentityRequestTimeout.class, () -> plex.server().getServerIdentity());
    UnauthorizedException ping =
        catchThrowableOfType(UnauthorizedException.class, () -> plex.authentication().ping());
    NotFoundException removal =
        catchThrowableOfType(NotFoundException.class, () -> plex.authentication().removeDevice(1));

    assertThat(noClient.code()).isEqualTo(1000);
    assertThat(resources.code()).isEqualTo(1001);
    assertThat(capabilitiesBad.statusCode()).isEqualTo(400);
    assertThat(capabilities.code()).isEqualTo(1001);
    assertThat(identity.statusCode()).isEqualTo(408);
    assertThat(ping.code()).isEqualTo(1001);
    assertThat(removal.code()).isEqualTo(1002);
  }

  @Test
  void theResultFormsHoldTheAnswerOrTheErrorAndTheAsyncFormsComplete() throws Exception {
    server.enqueue(Wire.json(200, RESOURCES_JSON));
    server.enqueue(Wire.json(401, UNAUTHORIZED));
    server.enqueue(Wire.json(200, "{\"MediaContainer\":{\"machineIdentifier\":\"m\"}}"));
    server.enqueue(Wire.json(200, "{\"pong\":true}"));
    server.enqueue(new MockResponse.Builder().code(204).build());
    server.enqueue(Wire.json(200, "{\"MediaContainer\":{\"friendlyName\":\"f\"}}"));
    PlexAPI plex = client();

    Result<GetServerResourcesResponse> ok = PlexFunctions.plexGetServerResources(plex, "c");
    Result<GetServerResourcesResponse> err =
        PlexFunctions.plexGetServerResources(
            plex, "c", IncludeHttps.ENABLE, IncludeRelay.ENABLE, IncludeIPv6.ENABLE);
    String machine =
        ServerFunctions.serverGetServerIdentity(plex)
            .getOrThrow()
            .mediaContainer()
            .machineIdentifier();
    boolean pong = plex.authentication().pingAsync().get().pong();
    int signedOut = AuthenticationFunctions.authenticationSignOut(plex).getOrThrow().statusCode();
    String name =
        plex.server()
            .getServerCapabilitiesAsync(RequestOptions.none())
            .get()
            .mediaContainer()
            .friendlyName();

    assertThat(ok.ok()).isTrue();
    assertThat(ok.getOrThrow().plexDevices()).hasSize(1);
    assertThat(err.ok()).isFalse();
    assertThat(((Result.Err<GetServerResourcesResponse>) err).error())
        .isInstanceOf(GetServerResourcesUnauthorized.class);
    assertThat(machine).isEqualTo("m");
    assertThat(pong).isTrue();
    assertThat(signedOut).isEqualTo(204);
    assertThat(name).isEqualTo("f");
  }

  @Test
  void serverOperationsNeedAServerAddress() {
    PlexAPI noServer = PlexAPI.builder().build();

    assertThat(
            catchThrowableOfType(
                IllegalStateException.class, () -> noServer.server().getServerIdentity()))
        .hasMessageContaining("getServerIdentity needs the Plex Media Server address");
    assertThat(Optional.of(noServer.plexTvURL())).contains(PlexAPI.DEFAULT_PLEX_TV_URL);
  }
}
