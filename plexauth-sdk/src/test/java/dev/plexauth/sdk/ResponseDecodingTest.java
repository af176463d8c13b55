package dev.plexauth.sdk;

import static dev.plexauth.sdk.Wire.clientFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.plexauth.sdk.errors.SDKError;
import dev.plexauth.sdk.models.Connection;
import dev.plexauth.sdk.models.Device;
import dev.plexauth.sdk.models.GetSourceConnectionInformationResponse;
import dev.plexauth.sdk.models.GetTransientTokenQueryParamType;
import dev.plexauth.sdk.models.GetTransientTokenResponse;
import dev.plexauth.sdk.models.MailingListStatus;
import dev.plexauth.sdk.models.PastSubscription;
import dev.plexauth.sdk.models.PastSubscriptionState;
import dev.plexauth.sdk.models.PostUsersSignInDataRequest;
import dev.plexauth.sdk.models.Scope;
import dev.plexauth.sdk.models.Service;
import dev.plexauth.sdk.models.ServiceStatus;
import dev.plexauth.sdk.models.Subscription;
import dev.plexauth.sdk.models.SubscriptionStatus;
import dev.plexauth.sdk.models.UserPlexAccount;
import dev.plexauth.sdk.models.UserProfile;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading answers: JSON and XML, 200 and 201, the contract's examples, and real Plex leniency. */
class ResponseDecodingTest {

  private static final ObjectMapper PLAIN = new ObjectMapper().registerModule(new Jdk8Module());

  private MockWebServer server;
  private Authentication auth;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    auth = clientFor(server).build().authentication();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private GetTransientTokenResponse transientToken() {
    return auth.getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL);
  }

  private UserPlexAccount tokenDetails(MockResponse answer) {
    server.enqueue(answer);
    return auth.getTokenDetails().userPlexAccount();
  }

  private UserPlexAccount signIn(MockResponse answer) {
    server.enqueue(answer);
    return auth.postUsersSignInData(PostUsersSignInDataRequest.builder().clientID("cid").build())
        .userPlexAccount();
  }

  private static String userWith(String field, Object value) throws IOException {
    ObjectNode user = (ObjectNode) PLAIN.readTree(Wire.fixture("user.json"));
    user.set(field, PLAIN.valueToTree(value));
    return PLAIN.writeValueAsString(user);
  }

  @Test
  void transientTokenIsReadFromJsonWithStatusAndHeaders() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json; charset=utf-8")
            .setHeader("X-Plex-Protocol", "1.0")
            .body("{\"MediaContainer\":{\"size\":0,\"token\":\"transient-90904684\"}}")
            .build());

    GetTransientTokenResponse response = transientToken();

    assertThat(response.token()).isEqualTo("transient-90904684");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.contentType()).isEqualTo("application/json; charset=utf-8");
    assertThat(response.headers().get("x-plex-protocol")).containsExactly("1.0");
  }

  @Test
  void transientTokenIsReadFromXml() {
    server.enqueue(
        Wire.xml(
            200,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<MediaContainer size=\"0\" token=\"transient-xml\"></MediaContainer>"));

    assertThat(transientToken().token()).isEqualTo("transient-xml");
  }

  @Test
  void status201SucceedsForEveryOperationAnd200ForSignIn() {
    server.enqueue(Wire.json(201, "{\"MediaContainer\":{\"token\":\"transient-201\"}}"));
    assertThat(transientToken().token()).isEqualTo("transient-201");

    server.enqueue(Wire.json(201, "{\"MediaContainer\":{\"Device\":{\"name\":\"n\"}}}"));
    assertThat(auth.getSourceConnectionInformation("server://x").statusCode()).isEqualTo(201);

    assertThat(tokenDetails(Wire.user(201)).username()).isEqualTo("Username");
    assertThat(signIn(Wire.json(200, Wire.fixture("signin.json"))).username())
        .isEqualTo("Username");
  }

  @Test
  void contentTypeIsSniffedFromTheBodyWhenAbsentOrUnhelpful() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("  {\"MediaContainer\":{\"token\":\"transient-sniffed\"}}")
            .build());
    GetTransientTokenResponse sniffed = transientToken();
    assertThat(sniffed.token()).isEqualTo("transient-sniffed");
    assertThat(sniffed.contentType()).isEqualTo("application/octet-stream");

    server.enqueue(Wire.withType(200, "text/plain", "<MediaContainer token=\"transient-plain\"/>"));
    assertThat(transientToken().token()).isEqualTo("transient-plain");
  }

  @Test
  void sourceInformationIsReadFromJsonWithDeviceAsAnObject() {
    server.enqueue(
        Wire.json(
            200,
            """
            {"MediaContainer":{"size":1,"Device":{"name":"PlexCorp (plex-corp)",
              "clientIdentifier":"243b47","accessToken":"transient-fa75f159",
              "Connection":[
                {"protocol":"https","address":"10.0.2.123","port":32400,
                 "uri":"https://10-0-2-123.abc.plex.direct:32400","local":true,"relay":false},
                {"protocol":"https","address":"1.2.3.4","port":"8443",
                 "uri":"https://1-2-3-4.abc.plex.direct:8443","local":0,"relay":1}]}}}
            """));

    GetSourceConnectionInformationResponse response =
        auth.getSourceConnectionInformation("server://243b47");

    Device device = response.device();
    assertThat(device.name()).isEqualTo("PlexCorp (plex-corp)");
    assertThat(device.clientIdentifier()).isEqualTo("243b47");
    assertThat(device.accessToken()).isEqualTo("transient-fa75f159");
    assertThat(device.connections())
        .containsExactly(
            new Connection(
                "https",
                "10.0.2.123",
                32400,
                "https://10-0-2-123.abc.plex.direct:32400",
                true,
                false),
            new Connection(
                "https", "1.2.3.4", 8443, "https://1-2-3-4.abc.plex.direct:8443", false, true));
  }

  @Test
  void sourceInformationAcceptsDeviceAsAOneElementArrayAndConnectionAsAnObject() {
    server.enqueue(
        Wire.json(
            200,
            """
            {"MediaContainer":{"Device":[{"name":"n","clientIdentifier":"c","accessToken":"t",
              "Connection":{"protocol":"http","address":"127.0.0.1","port":32400,
                            "uri":"http://127.0.0.1:32400","local":true,"relay":false}}]}}
            """));

    Device device = auth.getSourceConnectionInformation("server://c").device();

    assertThat(device.name()).isEqualTo("n");
    assertThat(device.connections())
        .containsExactly(
            new Connection("http", "127.0.0.1", 32400, "http://127.0.0.1:32400", true, false));
  }

  @Test
  void sourceInformationIsReadFromXmlWithRepeatedConnections() {
    server.enqueue(
        Wire.xml(
            200,
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <MediaContainer size="1">
              <Device name="PlexCorp (plex-corp)" clientIdentifier="243b47" accessToken="transient-x">
                <Connection protocol="https" address="10.0.2.123" uri="https://a.plex.direct:32400" port="32400" local="1"/>
                <Connection protocol="https" address="5.6.7.8" uri="https://b.plex.direct:32400" port="32400" local="0"/>
                <Connection protocol="https" address="9.9.9.9" uri="https://c.plex.direct:8443" port="8443" local="0" relay="1"/>
              </Device>
            </MediaContainer>
            """));

    Device device = auth.getSourceConnectionInformation("server://243b47").device();

    assertThat(device.accessToken()).isEqualTo("transient-x");
    assertThat(device.connections()).hasSize(3);
    assertThat(device.connections().get(0).local()).isTrue();
    assertThat(device.connections().get(0).relay()).isFalse();
    assertThat(device.connections().get(1).local()).isFalse();
    assertThat(device.connections().get(2).relay()).isTrue();
    assertThat(device.connections().get(2).port()).isEqualTo(8443);
  }

  @Test
  void sourceInformationFromXmlWithASingleConnection() {
    server.enqueue(
        Wire.xml(
            200,
            "<MediaContainer size=\"1\"><Device name=\"n\" clientIdentifier=\"c\""
                + " accessToken=\"transient-1\"><Connection protocol=\"http\""
                + " address=\"127.0.0.1\" port=\"32400\" uri=\"http://127.0.0.1:32400\""
                + " local=\"1\" relay=\"0\"/></Device></MediaContainer>"));

    assertThat(auth.getSourceConnectionInformation("server://c").device().connections())
        .containsExactly(
            new Connection("http", "127.0.0.1", 32400, "http://127.0.0.1:32400", true, false));
  }

  @Test
  void contractUserExampleDecodesFieldForField() {
    assertContractUser(tokenDetails(Wire.user(200)));
  }

  @Test
  void userFromXmlDecodesLikeTheJson() {
    UserPlexAccount user = tokenDetails(Wire.xml(200, Wire.fixture("user.xml")));

    assertThat(user.id()).isEqualTo(13692262L);
    assertThat(user.uuid()).isEqualTo("dae343c1f45beb4f");
    assertThat(user.authToken()).isEqualTo("CxoUzBTSV5hsxjTpFKaf");
    assertThat(user.confirmed()).isTrue();
    assertThat(user.hasPassword()).isTrue();
    assertThat(user.pinProtected()).isFalse();
    assertThat(user.locale()).isEmpty();
    assertThat(user.anonymous()).isEmpty();
    assertThat(user.subscriptionDescription()).isEmpty();
    assertThat(user.joinedAt()).isEqualTo(1556281940L);
    assertThat(user.homeSize()).isEqualTo(1);
    assertThat(user.maxHomeSize()).isEqualTo(15);
    assertThat(user.mailingListStatus()).contains(MailingListStatus.ACTIVE);
    assertThat(user.subscription().active()).isTrue();
    assertThat(user.subscription().features()).containsExactly("pass", "sync");
    assertThat(user.subscription().status()).contains(SubscriptionStatus.ACTIVE);
    assertThat(user.profile())
        .isEqualTo(new UserProfile(true, Optional.of("ja"), Optional.of("en"), 1, 1, 1, 1, 1));
    assertThat(user.entitlements()).isEmpty();
    assertThat(user.roles()).containsExactly("plexpass");
    assertThat(user.services())
        .containsExactly(
            new Service(
                "metadata-dev",
                "https://epg.provider.plex.tv",
                Optional.of("DjoMtqFAGRL1uVtCyF1dKIorTbShJeqv"),
                Optional.empty(),
                ServiceStatus.ONLINE));
    assertThat(user.subscriptions()).hasSize(1);
    assertThat(user.subscriptions().get(0).features()).containsExactly("pass");
    PastSubscription past = user.pastSubscriptions().get(0);
    assertThat(past.id()).contains("sub-1");
    assertThat(past.endsAt()).contains(1700000000L);
    assertThat(past.canceled()).isTrue();
    assertThat(past.canReactivate()).isTrue();
    assertThat(past.state()).isEqualTo(PastSubscriptionState.ENDED);
    assertThat(past.billing().paymentMethodId()).contains(42L);
    assertThat(user.trials()).containsExactly(Map.of("kind", "plexpass-trial"));
  }

  @Test
  void xmlListItemsWithOnlyAnIdStillReadAsObjects() {
    UserPlexAccount user =
        signIn(
            Wire.xml(
                201,
                "<user id=\"1\" uuid=\"u\"><trials><trial id=\"t-1\"/></trials>"
                    + "<pastSubscriptions><pastSubscription id=\"p-1\"/></pastSubscriptions>"
                    + "</user>"));

    assertThat(user.trials()).containsExactly(Map.of("id", "t-1"));
    assertThat(user.pastSubscriptions().get(0).id()).contains("p-1");
  }

  @Test
  void userInsideAUserWrapperIsUnwrapped() throws IOException {
    String wrapped = "{\"user\":" + Wire.fixture("user.json") + "}";

    assertContractUser(tokenDetails(Wire.json(200, wrapped)));
  }

  @Test
  void signInAnswerWithPastSubscriptionsAndTrialsDecodesFieldForField() {
    UserPlexAccount user = signIn(Wire.json(201, Wire.fixture("signin.json")));

    assertContractUser(user);
    assertThat(user.pastSubscriptions()).hasSize(1);
    PastSubscription past = user.pastSubscriptions().get(0);
    assertThat(past.id()).contains("sub-1");
    assertThat(past.mode()).contains("monthly");
    assertThat(past.renewsAt()).isEmpty();
    assertThat(past.endsAt()).contains(1700000000L);
    assertThat(past.canceled()).isTrue();
    assertThat(past.gracePeriod()).isFalse();
    assertThat(past.onHold()).isFalse();
    assertThat(past.canReactivate()).isTrue();
    assertThat(past.canUpgrade()).isFalse();
    assertThat(past.canDowngrade()).isFalse();
    assertThat(past.canConvert()).isFalse();
    assertThat(past.type()).isEqualTo("plexpass");
    assertThat(past.transfer()).isEmpty();
    assertThat(past.state()).isEqualTo(PastSubscriptionState.ENDED);
    assertThat(past.billing().internalPaymentMethod()).containsEntry("kind", "card");
    assertThat(past.billing().paymentMethodId()).contains(42L);
    assertThat(user.trials()).hasSize(1);
    assertThat(user.trials().get(0)).containsEntry("kind", "plexpass-trial");
  }

  @Test
  void signInAnswerFromXmlDecodes() {
    UserPlexAccount user = signIn(Wire.xml(201, Wire.fixture("user.xml")));

    assertThat(user.authToken()).isEqualTo("CxoUzBTSV5hsxjTpFKaf");
    assertThat(user.pastSubscriptions()).hasSize(1);
    assertThat(user.trials()).hasSize(1);
  }

  private static void assertContractUser(UserPlexAccount user) {
    assertThat(user.id()).isEqualTo(13692262L);
    assertThat(user.uuid()).isEqualTo("dae343c1f45beb4f");
    assertThat(user.username()).isEqualTo("Username");
    assertThat(user.title()).isEqualTo("UsernameTitle");
    assertThat(user.email()).isEqualTo("username@email.com");
    assertThat(user.friendlyName()).isEqualTo("friendlyUsername");
    assertThat(user.locale()).isEmpty();
    assertThat(user.confirmed()).isTrue();
    assertThat(user.joinedAt()).isEqualTo(1556281940L);
    assertThat(user.emailOnlyAuth()).isFalse();
    assertThat(user.hasPassword()).isTrue();
    assertThat(user.pinProtected()).isFalse();
    assertThat(user.thumb())
        .isEqualTo("https://plex.tv/users/a4f43c1ebfde43a5/avatar?c=8372075101");
    assertThat(user.authToken()).isEqualTo("CxoUzBTSV5hsxjTpFKaf");
    assertThat(user.mailingListStatus()).contains(MailingListStatus.ACTIVE);
    assertThat(user.mailingListActive()).isFalse();
    assertThat(user.scrobbleTypes()).isEmpty();
    assertThat(user.country()).isEqualTo("US");
    assertThat(user.subscription())
        .isEqualTo(
            new Subscription(
                List.of("pass", "sync"),
                true,
                Optional.of("2021-04-12T18:21:12Z"),
                Optional.of(SubscriptionStatus.ACTIVE),
                Optional.empty(),
                Optional.empty()));
    assertThat(user.subscriptionDescription()).isEmpty();
    assertThat(user.restricted()).isFalse();
    assertThat(user.anonymous()).isEmpty();
    assertThat(user.home()).isFalse();
    assertThat(user.guest()).isFalse();
    assertThat(user.homeSize()).isEqualTo(1);
    assertThat(user.homeAdmin()).isFalse();
    assertThat(user.maxHomeSize()).isEqualTo(15);
    assertThat(user.rememberExpiresAt()).isEqualTo(1556281940L);
    assertThat(user.profile())
        .isEqualTo(new UserProfile(true, Optional.of("ja"), Optional.of("en"), 1, 1, 1, 1, 1));
    assertThat(user.entitlements()).isEmpty();
    assertThat(user.roles()).isEmpty();
    assertThat(user.services())
        .containsExactly(
            new Service(
                "metadata-dev",
                "https://epg.provider.plex.tv",
                Optional.of("DjoMtqFAGRL1uVtCyF1dKIorTbShJeqv"),
                Optional.empty(),
                ServiceStatus.ONLINE));
    assertThat(user.adsConsent()).isEmpty();
    assertThat(user.adsConsentSetAt()).isEmpty();
    assertThat(user.adsConsentReminderAt()).isEmpty();
    assertThat(user.experimentalFeatures()).isFalse();
    assertThat(user.twoFactorEnabled()).isFalse();
    assertThat(user.backupCodesCreated()).isFalse();
    assertThat(user.attributionPartner()).isEmpty();
    assertThat(user.pin()).isEmpty();
    assertThat(user.subscriptions())
        .containsExactly(
            new Subscription(
                List.of("pass"),
                true,
                Optional.of("2021-04-12T18:21:12Z"),
                Optional.of(SubscriptionStatus.ACTIVE),
                Optional.empty(),
                Optional.empty()));
  }

  @Test
  void unknownFieldsAreIgnoredAtEveryLevel() throws IOException {
    ObjectNode user = (ObjectNode) PLAIN.readTree(Wire.fixture("user.json"));
    user.put("brandNewField", "x");
    user.putObject("restrictionProfile").put("a", 1);
    ((ObjectNode) user.get("profile")).putArray("defaultSubtitleLanguages").add("en");
    ((ObjectNode) user.get("services").get(0)).put("extra", true);

    UserPlexAccount account = tokenDetails(Wire.json(200, PLAIN.writeValueAsString(user)));

    assertThat(account.username()).isEqualTo("Username");
    assertThat(account.profile().defaultAudioLanguage()).contains("ja");
  }

  @Test
  void nullsWhereTheSpecRequiresValuesDecodeToEmptyOrDefaults() throws IOException {
    ObjectNode user = (ObjectNode) PLAIN.readTree(Wire.fixture("user.json"));
    for (String field :
        List.of(
            "uuid",
            "email",
            "hasPassword",
            "confirmed",
            "homeSize",
            "joinedAt",
            "profile",
            "services",
            "subscription",
            "subscriptions",
            "entitlements",
            "mailingListStatus",
            "scrobbleTypes",
            "thumb")) {
      user.putNull(field);
    }

    UserPlexAccount account = tokenDetails(Wire.json(200, PLAIN.writeValueAsString(user)));

    assertThat(account.id()).isEqualTo(13692262L);
    assertThat(account.uuid()).isEmpty();
    assertThat(account.email()).isEmpty();
    assertThat(account.hasPassword()).as("spec default true").isTrue();
    assertThat(account.confirmed()).isFalse();
    assertThat(account.homeSize()).isZero();
    assertThat(account.profile()).isEqualTo(UserProfile.DEFAULTS);
    assertThat(account.services()).isEmpty();
    assertThat(account.subscription()).isEqualTo(Subscription.NONE);
    assertThat(account.subscriptions()).isEmpty();
    assertThat(account.entitlements()).isEmpty();
    assertThat(account.mailingListStatus()).isEmpty();
  }

  @Test
  void unknownEnumValuesAreKeptAndMarkedUnknown() throws IOException {
    ObjectNode user = (ObjectNode) PLAIN.readTree(userWith("mailingListStatus", "pending"));
    ((ObjectNode) user.get("services").get(0)).put("status", "degraded");
    ((ObjectNode) user.get("subscription")).put("status", "Lifetime");

    UserPlexAccount account = tokenDetails(Wire.json(200, PLAIN.writeValueAsString(user)));

    assertThat(account.mailingListStatus()).map(MailingListStatus::value).contains("pending");
    assertThat(account.mailingListStatus().orElseThrow().isKnown()).isFalse();
    assertThat(account.services().get(0).status().value()).isEqualTo("degraded");
    assertThat(account.services().get(0).status().isKnown()).isFalse();
    assertThat(account.subscription().status()).map(SubscriptionStatus::value).contains("Lifetime");
    assertThat(MailingListStatus.ACTIVE.isKnown()).isTrue();
  }

  @Test
  void unknownPastSubscriptionStateIsKept() throws IOException {
    ObjectNode signin = (ObjectNode) PLAIN.readTree(Wire.fixture("signin.json"));
    ((ObjectNode) signin.get("pastSubscriptions").get(0)).put("state", "paused");

    UserPlexAccount user = signIn(Wire.json(201, PLAIN.writeValueAsString(signin)));

    assertThat(user.pastSubscriptions().get(0).state().value()).isEqualTo("paused");
    assertThat(user.pastSubscriptions().get(0).state().isKnown()).isFalse();
  }

  @Test
  void autoSelectSubtitleTwoAndOtherWiderProfileValuesAreKept() throws IOException {
    ObjectNode user = (ObjectNode) PLAIN.readTree(Wire.fixture("signin.json"));
    ((ObjectNode) user.get("profile")).put("autoSelectSubtitle", 2);
    ((ObjectNode) user.get("profile")).put("defaultSubtitleAccessibility", 3);

    UserPlexAccount account = signIn(Wire.json(201, PLAIN.writeValueAsString(user)));

    assertThat(account.profile().autoSelectSubtitle()).isEqualTo(2);
    assertThat(account.profile().defaultSubtitleAccessibility()).isEqualTo(3);
  }

  @Test
  void numbersSentAsStringsAreAccepted() throws IOException {
    ObjectNode user = (ObjectNode) PLAIN.readTree(userWith("id", "6230"));
    user.put("homeSize", "3");
    user.put("joinedAt", "1556281940");

    UserPlexAccount account = tokenDetails(Wire.json(200, PLAIN.writeValueAsString(user)));

    assertThat(account.id()).isEqualTo(6230L);
    assertThat(account.homeSize()).isEqualTo(3);
    assertThat(account.joinedAt()).isEqualTo(1556281940L);
  }

  @Test
  void booleansSentAsNumbersOrStringsAreAccepted() throws IOException {
    ObjectNode user = (ObjectNode) PLAIN.readTree(userWith("confirmed", 1));
    user.put("home", "1");
    user.put("guest", "true");
    user.put("hasPassword", 0);
    user.put("protected", "1");
    user.put("anonymous", 0);
    ((ObjectNode) user.get("profile")).put("autoSelectAudio", 0);

    UserPlexAccount account = tokenDetails(Wire.json(200, PLAIN.writeValueAsString(user)));

    assertThat(account.confirmed()).isTrue();
    assertThat(account.home()).isTrue();
    assertThat(account.guest()).isTrue();
    assertThat(account.hasPassword()).isFalse();
    assertThat(account.pinProtected()).isTrue();
    assertThat(account.anonymous()).contains(false);
    assertThat(account.profile().autoSelectAudio()).isFalse();
  }

  @Test
  void trueByDefaultBooleansReadNullAsTrueAndStringsLeniently() throws IOException {
    ObjectNode user = (ObjectNode) PLAIN.readTree(userWith("hasPassword", "false"));
    user.putNull("hasPassword");
    ObjectNode profile = (ObjectNode) user.get("profile");
    profile.put("autoSelectAudio", "false");
    UserPlexAccount nullAndString = tokenDetails(Wire.json(200, PLAIN.writeValueAsString(user)));
    user.put("hasPassword", "no");
    profile.put("autoSelectAudio", "1");
    UserPlexAccount stringAndNumber = tokenDetails(Wire.json(200, PLAIN.writeValueAsString(user)));

    assertThat(nullAndString.hasPassword()).isTrue();
    assertThat(nullAndString.profile().autoSelectAudio()).isFalse();
    assertThat(stringAndNumber.hasPassword()).isFalse();
    assertThat(stringAndNumber.profile().autoSelectAudio()).isTrue();
  }

  @Test
  void listsDropNullItemsAndCannotBeChanged() {
    UserPlexAccount account =
        tokenDetails(
            Wire.json(
                200,
                """
                {"id":1,"uuid":"u","roles":["plexpass",null,"tester"],"entitlements":[null]}
                """));

    assertThat(account.roles()).containsExactly("plexpass", "tester");
    assertThat(account.entitlements()).isEmpty();
    assertThatThrownBy(() -> account.roles().add("admin"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void minimalBodyGetsTheSpecDefaults() {
    UserPlexAccount account =
        tokenDetails(
            Wire.json(
                200,
                """
                {"id":1,"uuid":"u","authToken":"t","username":"alice","email":"a@b.c",
                 "profile":{"defaultAudioLanguage":null,"defaultSubtitleLanguage":null,
                   "autoSelectSubtitle":0,"defaultSubtitleAccessibility":0,
                   "defaultSubtitleForced":0,"watchedIndicator":0,"mediaReviewsVisibility":0}}
                """));

    assertThat(account.anonymous()).isEmpty();
    assertThat(account.hasPassword()).isTrue();
    assertThat(account.profile().autoSelectAudio()).isTrue();
    assertThat(account.confirmed()).isFalse();
    assertThat(account.pastSubscriptions()).isEmpty();
    assertThat(account.trials()).isEmpty();
  }

  @Test
  void successThatCannotBeReadIsAnSdkErrorWithStatusAndRawBody() {
    String html = "<html><body><h1>Welcome</h1></body></html>";
    server.enqueue(Wire.withType(200, "text/html", html));
    assertThatThrownBy(() -> auth.getTokenDetails())
        .isExactlyInstanceOf(SDKError.class)
        .satisfies(
            e -> {
              SDKError error = (SDKError) e;
              assertThat(error.statusCode()).isEqualTo(200);
              assertThat(error.body()).isEqualTo(html);
              assertThat(error.errors()).isEmpty();
              assertThat(error.operation()).isEqualTo("getTokenDetails");
              assertThat(error.getMessage()).startsWith("getTokenDetails: HTTP 200");
            });

    server.enqueue(Wire.json(200, ""));
    assertThatThrownBy(this::transientToken)
        .isExactlyInstanceOf(SDKError.class)
        .hasMessageContaining("empty body");

    server.enqueue(Wire.json(200, "{\"MediaContainer\":{\"token\":"));
    assertThatThrownBy(this::transientToken)
        .isExactlyInstanceOf(SDKError.class)
        .hasMessageContaining("malformed JSON");

    server.enqueue(Wire.json(200, "{\"MediaContainer\":{\"size\":0}}"));
    assertThatThrownBy(this::transientToken)
        .isExactlyInstanceOf(SDKError.class)
        .hasMessageContaining("no token");

    server.enqueue(Wire.json(200, "{\"MediaContainer\":{\"size\":0}}"));
    assertThatThrownBy(() -> auth.getSourceConnectionInformation("server://x"))
        .isExactlyInstanceOf(SDKError.class)
        .hasMessageContaining("no Device");

    server.enqueue(Wire.json(200, "null"));
    assertThatThrownBy(() -> auth.getTokenDetails()).isExactlyInstanceOf(SDKError.class);

    server.enqueue(Wire.json(200, "{\"id\":{\"nested\":true}}"));
    assertThatThrownBy(() -> auth.getTokenDetails())
        .isExactlyInstanceOf(SDKError.class)
        .hasMessageContaining("id");
  }

  @Test
  void xmlWithADoctypeEntityIsRefusedWithoutReadingFiles() {
    server.enqueue(
        Wire.xml(
            200,
            "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<MediaContainer token=\"&x;\"/>"));

    assertThatThrownBy(this::transientToken)
        .isExactlyInstanceOf(SDKError.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("root:"));
  }

  @Test
  void modelsSerialiseWithTheContractsFieldNames() throws IOException {
    UserPlexAccount user = tokenDetails(Wire.user(200));
    JsonNode json = PLAIN.valueToTree(user);
    assertThat(json.has("protected")).isTrue();
    assertThat(json.has("pinProtected")).isFalse();
    assertThat(json.get("id").asLong()).isEqualTo(13692262L);
    assertThat(PLAIN.treeToValue(json, UserPlexAccount.class)).isEqualTo(user);

    Device device =
        new Device(
            "n", "c", "t", List.of(new Connection("http", "h", 1, "http://h:1", true, false)));
    JsonNode deviceJson = PLAIN.valueToTree(device);
    assertThat(deviceJson.has("Connection")).isTrue();
    assertThat(deviceJson.get("Connection").get(0).get("local").asBoolean()).isTrue();
  }
}
