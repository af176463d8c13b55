package dev.plexauth.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plexauth.sdk.PlexAPI;
import dev.plexauth.sdk.Transport;
import dev.plexauth.sdk.errors.ForbiddenException;
import dev.plexauth.sdk.errors.GetServerCapabilitiesUnauthorized;
import dev.plexauth.sdk.errors.GetServerResourcesBadRequest;
import dev.plexauth.sdk.errors.GetServerResourcesUnauthorized;
import dev.plexauth.sdk.errors.GetSourceConnectionInformationBadRequest;
import dev.plexauth.sdk.errors.GetSourceConnectionInformationUnauthorized;
import dev.plexauth.sdk.errors.GetTokenDetailsUnauthorized;
import dev.plexauth.sdk.errors.GetTransientTokenBadRequest;
import dev.plexauth.sdk.errors.GetTransientTokenUnauthorized;
import dev.plexauth.sdk.errors.NotFoundException;
import dev.plexauth.sdk.errors.PostUsersSignInDataBadRequest;
import dev.plexauth.sdk.errors.PostUsersSignInDataUnauthorized;
import dev.plexauth.sdk.errors.RateLimitedException;
import dev.plexauth.sdk.errors.UnauthorizedException;
import dev.plexauth.sdk.models.AuthorizedDevice;
import dev.plexauth.sdk.models.Device;
import dev.plexauth.sdk.models.GetTransientTokenQueryParamType;
import dev.plexauth.sdk.models.IncludeHttps;
import dev.plexauth.sdk.models.IncludeIPv6;
import dev.plexauth.sdk.models.IncludeRelay;
import dev.plexauth.sdk.models.PlexDevice;
import dev.plexauth.sdk.models.PostUsersSignInDataRequest;
import dev.plexauth.sdk.models.PostUsersSignInDataRequestBody;
import dev.plexauth.sdk.models.ResourceConnection;
import dev.plexauth.sdk.models.Scope;
import dev.plexauth.sdk.models.ServerCapabilities;
import dev.plexauth.sdk.models.ServerIdentity;
import dev.plexauth.sdk.models.UserPlexAccount;
import dev.plexauth.server.Account;
import dev.plexauth.server.NewAccount;
import dev.plexauth.server.PlexAuthAdmin;
import dev.plexauth.server.auth.Totp;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.MutableClock;
import dev.plexauth.server.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plexauth SDK client against the real server, every operation and error, over loopback. The
 * suite runs three times: with JSON answers ({@link SdkEndToEndJsonTest}, each answer also
 * validated against the OpenAPI contract) and with XML answers ({@link SdkEndToEndXmlTest}) on
 * SQLite, and with JSON answers on a real PostgreSQL ({@link SdkEndToEndPostgresTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SdkEndToEndSuite {

  static final String PUBLIC_URL = "https://plex.example.com";

  Fixture fx;
  CapturedLogs logs;
  Set<String> secrets;

  /** A new database for a server of the suite: SQLite in the given directory by default. */
  TestDatabase database(Path dataDir) {
    return TestDatabase.sqlite(dataDir);
  }

  @BeforeAll
  void start(@TempDir Path dataDir) {
    logs = new CapturedLogs();
    secrets = SecretRecordingTransport.newSecretSet();
    fx = Fixture.on(database(dataDir)).server(b -> b.publicUrl(PUBLIC_URL)).withAccounts().start();
    secrets.add(fx.totpSecret());
  }

  /**
   * The whole suite ran with every log line captured (the server's and the SDK's at TRACE): none
   * holds a password, a verification code or a token that was used or issued.
   */
  @AfterAll
  void stop() {
    try {
      fx.close();
    } finally {
      logs.close();
    }
    assertThat(logs.serverLines())
        .as("server log lines")
        .anyMatch(line -> line.contains("POST /api/v2/users/signin 201"))
        // The security events are searched as well: successes, failures, a 403, a change.
        .anyMatch(line -> line.startsWith("plexauth.security INFO event=sign_in outcome=success"))
        .anyMatch(line -> line.startsWith("plexauth.security INFO event=sign_in outcome=failure"))
        .anyMatch(line -> line.startsWith("plexauth.security INFO event=access_denied"))
        .anyMatch(line -> line.startsWith("plexauth.security INFO event=account_added"));
    assertThat(logs.sdkLines())
        .as("SDK log lines")
        .anyMatch(line -> line.contains("--> POST"))
        .anyMatch(line -> line.contains("--> headers") && line.contains("X-Plex-Token=***"));
    assertThat(secrets)
        .as("secrets seen on the wire")
        .contains(Fixture.ADMIN_PASSWORD, Fixture.USER_PASSWORD, Fixture.TOTP_PASSWORD, "carol-pw")
        .anyMatch(secret -> secret.matches("[A-Za-z0-9_-]{43}"))
        .anyMatch(secret -> secret.matches("transient-[A-Za-z0-9_-]{43}"))
        .anyMatch(secret -> secret.matches("\\d{6}"));
    String all = logs.all();
    assertThat(leaked(all + "\nplanted " + Fixture.USER_PASSWORD))
        .as("the search works")
        .isNotEmpty();
    assertThat(leaked(all)).as("lengths of the secrets found in the logs").isEmpty();
    System.out.printf(
        "log capture: %d server lines, %d SDK lines, %d secrets searched, none found%n",
        logs.serverLines().size(), logs.sdkLines().size(), secrets.size());
  }

  /** The lengths of the secrets found in the text, each as a whole word (tokens have - and _). */
  private List<Integer> leaked(String text) {
    List<Integer> found = new ArrayList<>();
    for (String secret : secrets) {
      String word = "(?<![A-Za-z0-9_-])" + Pattern.quote(secret) + "(?![A-Za-z0-9_-])";
      if (Pattern.compile(word).matcher(text).find()) {
        found.add(secret.length());
      }
    }
    return found;
  }

  /** The transport every client of the suite uses: it decides the answers' format. */
  abstract Transport transport();

  /** The suite's transport, remembering every secret that crosses it. */
  Transport recorded() {
    return new SecretRecordingTransport(transport(), secrets);
  }

  PlexAPI client(String token) {
    PlexAPI.Builder builder =
        PlexAPI.builder()
            .serverURL(fx.server.url())
            .plexTvURL(fx.server.url() + "/api/v2")
            .clientID("sdk-e2e")
            .transport(recorded());
    return (token == null ? builder : builder.accessToken(token)).build();
  }

  UserPlexAccount signIn(String clientId, String login, String password, String code) {
    PostUsersSignInDataRequestBody body = PostUsersSignInDataRequestBody.of(login, password);
    if (code != null) {
      body = body.withVerificationCode(code);
    }
    return client(null)
        .authentication()
        .postUsersSignInData(
            PostUsersSignInDataRequest.builder().clientID(clientId).requestBody(body).build())
        .userPlexAccount();
  }

  @Test
  void signInThenTokenDetailsThenTransientTokensThenSourceInformation() {
    UserPlexAccount signedIn = signIn("sdk-admin", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
    String token = signedIn.authToken();
    PlexAPI admin = client(token);

    UserPlexAccount details = admin.authentication().getTokenDetails().userPlexAccount();
    String transientToken =
        admin
            .authentication()
            .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL)
            .token();
    String fromTransient =
        client(transientToken)
            .authentication()
            .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL)
            .token();
    Device device = admin.authentication().getSourceConnectionInformation(Fixture.SOURCE).device();
    Device viaTransient =
        client(fromTransient)
            .authentication()
            .getSourceConnectionInformation(Fixture.SOURCE)
            .device();

    assertThat(signedIn.username()).isEqualTo(Fixture.ADMIN);
    assertThat(signedIn.homeAdmin()).isTrue();
    assertThat(details.id()).isEqualTo(signedIn.id());
    assertThat(details.uuid()).isEqualTo(signedIn.uuid());
    assertThat(details.authToken()).isEqualTo(token);
    assertThat(transientToken).startsWith("transient-");
    assertThat(fromTransient).startsWith("transient-").isNotEqualTo(transientToken);
    assertThat(device.name()).isEqualTo("Living room");
    assertThat(device.clientIdentifier()).isEqualTo("living-room");
    assertThat(device.accessToken()).startsWith("transient-");
    assertThat(device.connections()).hasSize(2);
    assertThat(device.connections().get(0).uri()).isEqualTo("http://192.168.1.20:32400");
    assertThat(device.connections().get(1).relay()).isTrue();
    assertThat(viaTransient.connections()).isEqualTo(device.connections());
  }

  @Test
  void theCallsAroundSignInThroughTheSdk() {
    String adminToken =
        signIn("sdk-journey-admin", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null).authToken();
    String userToken =
        signIn("sdk-journey-user", Fixture.USER, Fixture.USER_PASSWORD, null).authToken();
    PlexAPI admin = client(adminToken);
    PlexAPI user = client(userToken);

    ServerIdentity identity = client(null).server().getServerIdentity().mediaContainer();
    ServerCapabilities capabilities = user.server().getServerCapabilities().mediaContainer();
    List<PlexDevice> owned =
        admin
            .plex()
            .getServerResources(
                "sdk-journey-admin", IncludeHttps.ENABLE, IncludeRelay.ENABLE, IncludeIPv6.ENABLE)
            .plexDevices();
    List<PlexDevice> beforeSharing =
        user.plex().getServerResources("sdk-journey-user").plexDevices();
    List<PlexDevice> shared;
    fx.server.shareSource(Fixture.SOURCE, Fixture.USER);
    try {
      shared = user.plex().getServerResources("sdk-journey-user").plexDevices();
    } finally {
      fx.server.unshareSource(Fixture.SOURCE, Fixture.USER);
    }

    assertThat(identity.claimed()).isTrue();
    assertThat(identity.machineIdentifier()).isEqualTo(fx.server.machineIdentifier());
    assertThat(capabilities.machineIdentifier()).isEqualTo(identity.machineIdentifier());
    assertThat(capabilities.myPlexUsername()).isEqualTo(Fixture.ADMIN);
    assertThat(capabilities.ownerFeatures()).isEmpty();
    assertThat(owned)
        .extracting(PlexDevice::clientIdentifier)
        .containsExactly(identity.machineIdentifier(), Fixture.SOURCE_CLIENT_IDENTIFIER);
    assertThat(owned).allSatisfy(r -> assertThat(r.owned()).isTrue());
    assertThat(owned.get(0).connections())
        .extracting(ResourceConnection::uri)
        .containsExactly(PUBLIC_URL);
    assertThat(owned.get(1).connections()).hasSize(2);
    assertThat(beforeSharing)
        .extracting(PlexDevice::clientIdentifier)
        .containsExactly(identity.machineIdentifier());
    assertThat(shared).hasSize(2);
    PlexDevice livingRoom = shared.get(1);
    assertThat(livingRoom.owned()).isFalse();
    assertThat(livingRoom.sourceTitle()).contains(Fixture.ADMIN);
    assertThat(livingRoom.connections())
        .extracting(ResourceConnection::uri)
        .containsExactly(Fixture.SOURCE_LOCAL_URI);
    // The server's own access token opens its PMS role for the account, not plex.tv.
    PlexAPI throughResource = client(owned.get(0).accessToken());
    assertThat(throughResource.server().getServerCapabilities().mediaContainer().friendlyName())
        .isEqualTo(capabilities.friendlyName());
    assertThat(
            throughResource
                .authentication()
                .getSourceConnectionInformation(Fixture.SOURCE)
                .device()
                .name())
        .isEqualTo(Fixture.SOURCE_NAME);
    assertThat(
            catchThrowableOfType(
                GetTokenDetailsUnauthorized.class,
                () -> throughResource.authentication().getTokenDetails()))
        .isNotNull()
        .satisfies(e -> assertThat(e.code()).isEqualTo(1001));
  }

  @Test
  void devicesPingRemovalAndSignOutThroughTheSdk() {
    String token = signIn("sdk-devices-1", Fixture.USER, Fixture.USER_PASSWORD, null).authToken();
    String other = signIn("sdk-devices-2", Fixture.USER, Fixture.USER_PASSWORD, null).authToken();
    PlexAPI plex = client(token);

    assertThat(plex.authentication().ping().pong()).isTrue();
    List<AuthorizedDevice> devices = plex.authentication().devices().devices();
    AuthorizedDevice current =
        devices.stream().filter(AuthorizedDevice::current).findFirst().orElseThrow();
    AuthorizedDevice second =
        devices.stream()
            .filter(d -> d.clientIdentifier().equals("sdk-devices-2"))
            .findFirst()
            .orElseThrow();
    assertThat(current.clientIdentifier()).isEqualTo("sdk-devices-1");
    assertThat(plex.authentication().removeDevice(second.id()).statusCode()).isEqualTo(204);
    GetTokenDetailsUnauthorized removed =
        catchThrowableOfType(
            GetTokenDetailsUnauthorized.class,
            () -> client(other).authentication().getTokenDetails());
    NotFoundException again =
        catchThrowableOfType(
            NotFoundException.class, () -> plex.authentication().removeDevice(second.id()));
    String transientToken =
        plex.authentication()
            .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL)
            .token();
    UnauthorizedException transientPing =
        catchThrowableOfType(
            UnauthorizedException.class, () -> client(transientToken).authentication().ping());

    assertThat(plex.authentication().signOut().statusCode()).isEqualTo(204);
    UnauthorizedException afterSignOut =
        catchThrowableOfType(UnauthorizedException.class, () -> plex.authentication().ping());
    GetTransientTokenUnauthorized descendant =
        catchThrowableOfType(
            GetTransientTokenUnauthorized.class,
            () ->
                client(transientToken)
                    .authentication()
                    .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL));

    assertThat(removed.code()).isEqualTo(1001);
    assertThat(again.code()).isEqualTo(1002);
    assertThat(transientPing.code()).isEqualTo(1001);
    assertThat(afterSignOut.code()).isEqualTo(1001);
    assertThat(descendant.code()).isEqualTo(1001);
  }

  @Test
  void theRefusalsAroundSignInAsSdkExceptions() {
    String token = signIn("sdk-refusals", Fixture.USER, Fixture.USER_PASSWORD, null).authToken();
    String admin =
        signIn("sdk-refusals-admin", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null).authToken();
    long adminDevice = client(admin).authentication().devices().devices().get(0).id();

    GetServerCapabilitiesUnauthorized capabilities =
        catchThrowableOfType(
            GetServerCapabilitiesUnauthorized.class,
            () -> client("bogus-token").server().getServerCapabilities());
    GetServerResourcesUnauthorized resources =
        catchThrowableOfType(
            GetServerResourcesUnauthorized.class,
            () -> client("bogus-token").plex().getServerResources("c"));
    GetServerResourcesBadRequest noClient =
        catchThrowableOfType(
            GetServerResourcesBadRequest.class, () -> client(token).plex().getServerResources(""));
    NotFoundException othersDevice =
        catchThrowableOfType(
            NotFoundException.class,
            () -> client(token).authentication().removeDevice(adminDevice));
    UnauthorizedException devices =
        catchThrowableOfType(
            UnauthorizedException.class, () -> client(null).authentication().devices());

    assertThat(capabilities.code()).isEqualTo(1001);
    assertThat(resources.code()).isEqualTo(1001);
    assertThat(noClient.code()).isEqualTo(1000);
    assertThat(othersDevice.code()).isEqualTo(1002);
    assertThat(devices.code()).isEqualTo(1001);
    assertThat(client(admin).authentication().ping().pong()).isTrue();
  }

  @Test
  void sourceInformationErrorsAsSdkExceptions() {
    String userToken = signIn("sdk-user", Fixture.USER, Fixture.USER_PASSWORD, null).authToken();
    String adminToken =
        signIn("sdk-admin-2", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null).authToken();

    ForbiddenException forbidden =
        catchThrowableOfType(
            ForbiddenException.class,
            () ->
                client(userToken).authentication().getSourceConnectionInformation(Fixture.SOURCE));
    NotFoundException notFound =
        catchThrowableOfType(
            NotFoundException.class,
            () ->
                client(adminToken)
                    .authentication()
                    .getSourceConnectionInformation("server://does-not-exist"));
    GetSourceConnectionInformationUnauthorized unauthorized =
        catchThrowableOfType(
            GetSourceConnectionInformationUnauthorized.class,
            () ->
                client("bogus-token")
                    .authentication()
                    .getSourceConnectionInformation(Fixture.SOURCE));
    GetSourceConnectionInformationBadRequest badRequest =
        catchThrowableOfType(
            GetSourceConnectionInformationBadRequest.class,
            () -> client(adminToken).authentication().getSourceConnectionInformation(""));

    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(unauthorized.code()).isEqualTo(1001);
    assertThat(badRequest.statusCode()).isEqualTo(400);
  }

  @Test
  void tokenErrorsAsSdkExceptions() {
    GetTokenDetailsUnauthorized details =
        catchThrowableOfType(
            GetTokenDetailsUnauthorized.class,
            () -> client("not-a-real-token").authentication().getTokenDetails());
    GetTokenDetailsUnauthorized noToken =
        catchThrowableOfType(
            GetTokenDetailsUnauthorized.class,
            () -> client(null).authentication().getTokenDetails());
    GetTransientTokenUnauthorized transientUnauthorized =
        catchThrowableOfType(
            GetTransientTokenUnauthorized.class,
            () ->
                client("bogus-token")
                    .authentication()
                    .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL));
    String userToken = signIn("sdk-user-2", Fixture.USER, Fixture.USER_PASSWORD, null).authToken();
    GetTransientTokenBadRequest badType =
        catchThrowableOfType(
            GetTransientTokenBadRequest.class,
            () ->
                client(userToken)
                    .authentication()
                    .getTransientToken(GetTransientTokenQueryParamType.of("bogus"), Scope.ALL));

    assertThat(details.code()).isEqualTo(1001);
    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(transientUnauthorized.code()).isEqualTo(1001);
    assertThat(badType.statusCode()).isEqualTo(400);
  }

  @Test
  void signInErrorsAsSdkExceptions() {
    PostUsersSignInDataUnauthorized wrong =
        catchThrowableOfType(
            PostUsersSignInDataUnauthorized.class,
            () -> signIn("sdk-c", Fixture.USER, "wrong", null));
    PostUsersSignInDataUnauthorized unknown =
        catchThrowableOfType(
            PostUsersSignInDataUnauthorized.class, () -> signIn("sdk-c", "nobody", "wrong", null));
    // plexjs capture B3: a sign-in without a body; the SDK checks the client id itself, so the
    // wire tests cover the server's 400/1000.
    PostUsersSignInDataBadRequest noBody =
        catchThrowableOfType(
            PostUsersSignInDataBadRequest.class,
            () ->
                client(null)
                    .authentication()
                    .postUsersSignInData(
                        PostUsersSignInDataRequest.builder().clientID("sdk-c").build()));

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.code()).isEqualTo(1001);
    assertThat(unknown.code()).isEqualTo(1001);
    assertThat(unknown.body()).isEqualTo(wrong.body());
    assertThat(noBody.statusCode()).isEqualTo(400);
    assertThat(noBody.errors().get(0).message()).isEqualTo("login and password are required");
  }

  @Test
  void twoFactorSignInThroughTheSdk() {
    String secret = fx.totpSecret();
    PostUsersSignInDataUnauthorized missing =
        catchThrowableOfType(
            PostUsersSignInDataUnauthorized.class,
            () -> signIn("sdk-2fa", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, null));
    String code = Totp.code(secret, fx.clock.instant());
    String wrongCode = code.equals("999999") ? "000000" : "999999";
    PostUsersSignInDataUnauthorized wrong =
        catchThrowableOfType(
            PostUsersSignInDataUnauthorized.class,
            () -> signIn("sdk-2fa", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, wrongCode));
    fx.clock.advance(Duration.ofMinutes(5)); // a step no other test has used
    String fresh = Totp.code(secret, fx.clock.instant());
    UserPlexAccount account = signIn("sdk-2fa", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, fresh);
    PostUsersSignInDataUnauthorized replay =
        catchThrowableOfType(
            PostUsersSignInDataUnauthorized.class,
            () -> signIn("sdk-2fa", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, fresh));

    assertThat(missing.code()).isEqualTo(1029);
    assertThat(wrong.code()).isEqualTo(1028);
    assertThat(account.twoFactorEnabled()).isTrue();
    assertThat(replay.code()).isEqualTo(1028);
  }

  @Test
  void accountAddedByAnotherProcessOnTheSameDatabaseSignsInWithoutRestart() {
    try (PlexAuthAdmin admin = fx.database.openAdmin()) {
      admin.addAccount(NewAccount.of("carol", "carol@example.com", "carol-pw"));
    }

    UserPlexAccount carol = signIn("sdk-carol", "carol@example.com", "carol-pw", null);

    assertThat(carol.username()).isEqualTo("carol");
    assertThat(fx.server.listAccounts()).extracting(Account::username).contains("carol");
  }

  @Test
  void lockoutAndPerAddressLimitSurfaceAsRateLimitedWithRetryAfter(@TempDir Path otherDir) {
    try (Fixture limited = Fixture.start(database(otherDir), new MutableClock(), 12)) {
      limited.addStandardData();
      PlexAPI anonymous =
          PlexAPI.builder()
              .serverURL(limited.server.url())
              .plexTvURL(limited.server.url() + "/api/v2")
              .transport(recorded())
              .build();
      PostUsersSignInDataRequest bad =
          PostUsersSignInDataRequest.builder()
              .clientID("c")
              .requestBody(PostUsersSignInDataRequestBody.of(Fixture.USER, "wrong"))
              .build();
      for (int i = 0; i < 9; i++) {
        catchThrowableOfType(
            PostUsersSignInDataUnauthorized.class,
            () -> anonymous.authentication().postUsersSignInData(bad));
      }
      RateLimitedException locked =
          catchThrowableOfType(
              RateLimitedException.class,
              () -> anonymous.authentication().postUsersSignInData(bad));
      for (int i = 0; i < 2; i++) {
        catchThrowableOfType(
            RateLimitedException.class, () -> anonymous.authentication().postUsersSignInData(bad));
      }
      RateLimitedException perAddress =
          catchThrowableOfType(
              RateLimitedException.class,
              () -> anonymous.authentication().postUsersSignInData(bad));

      assertThat(locked.code()).isEqualTo(1031);
      assertThat(locked.retryAfter()).contains(Duration.ofSeconds(60));
      assertThat(perAddress.code()).isEqualTo(1003);
      assertThat(perAddress.retryAfter()).contains(Duration.ofSeconds(5));
    }
  }
}
