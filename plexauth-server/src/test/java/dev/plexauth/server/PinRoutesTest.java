package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.Pins;
import dev.plexauth.server.support.RawHttp;
import dev.plexauth.server.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * PIN sign-in on the wire: {@code POST /api/v2/pins}, {@code GET /api/v2/pins/{id}} and {@code PUT
 * /api/v2/pins/link}, every answer and refusal. {@link PostgresPinTest} runs it again on
 * PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PinRoutesTest {

  static final String SHORT_CODE = "[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{4}";
  static final String STRONG_CODE = "[a-z0-9]{25}";

  Fixture fx;
  Http http;
  String approver;

  /** The database the suite runs on; {@link PostgresPinTest} overrides it. */
  TestDatabase database(Path dataDir) {
    return TestDatabase.sqlite(dataDir);
  }

  @BeforeAll
  void start(@TempDir Path dataDir) {
    fx = Fixture.withAccounts(database(dataDir));
    http = fx.http;
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  /**
   * Every test starts 13 hours after the last: the failed links of one test (all from 127.0.0.1)
   * are then out of the lockout's 12-hour window and do not add up with the next test's.
   */
  @BeforeEach
  void freshWindowAndApprover() {
    fx.clock.advance(Duration.ofHours(13));
    approver = http.signInToken("approver-phone", Fixture.USER, Fixture.USER_PASSWORD, null);
  }

  @Test
  void aShortPinIsMadeWith201AndThePinObjectPlexjsReads() {
    Http.Response response = Pins.request(http, "tv-1", false);

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.contentType()).startsWith("application/json");
    JsonNode pin = response.json();
    assertThat(pin.path("id").isIntegralNumber()).isTrue();
    assertThat(pin.path("id").asLong()).isPositive().isLessThan(1L << 53);
    assertThat(pin.path("code").asText()).matches(SHORT_CODE);
    assertThat(pin.path("product").asText()).isEqualTo("Living Room TV");
    assertThat(pin.path("trusted").asBoolean(true)).isFalse();
    assertThat(pin.path("clientIdentifier").asText()).isEqualTo("tv-1");
    assertThat(pin.path("qr").asText())
        .isEqualTo(fx.url() + "/link#?code=" + pin.path("code").asText());
    assertThat(pin.path("location").path("code").isTextual()).isTrue();
    assertThat(pin.path("location").path("continent_code").isTextual()).isTrue();
    assertThat(pin.path("location").path("time_zone").isTextual()).isTrue();
    assertThat(pin.path("expiresIn").asInt()).isEqualTo(900);
    Instant created = Instant.parse(pin.path("createdAt").asText());
    Instant expires = Instant.parse(pin.path("expiresAt").asText());
    assertThat(pin.path("createdAt").asText()).endsWith("Z").doesNotContain(".");
    assertThat(Duration.between(created, expires)).isEqualTo(Duration.ofMinutes(15));
    assertThat(pin.has("authToken")).isTrue();
    assertThat(pin.path("authToken").isNull()).isTrue();
    assertThat(pin.path("newRegistration").isNull()).isTrue();
  }

  @Test
  void behindAProxyTheQrLinkIsOnThePublicUrl(@TempDir Path dataDir) {
    try (Fixture proxied =
        Fixture.on(dataDir).server(b -> b.publicUrl("https://plex.example.com/")).start()) {
      JsonNode strong = Pins.create(proxied.http, "web-app", true);
      JsonNode shortPin = Pins.create(proxied.http, "tv", false);

      assertThat(strong.path("qr").asText())
          .startsWith("https://plex.example.com/auth#?clientID=web-app&code=");
      assertThat(shortPin.path("qr").asText())
          .isEqualTo("https://plex.example.com/link#?code=" + shortPin.path("code").asText());
    }
  }

  @Test
  void aStrongPinHasA25CharacterCodeThatLives30Minutes() {
    JsonNode pin = Pins.create(http, "web-app", true);

    assertThat(pin.path("code").asText()).matches(STRONG_CODE);
    assertThat(pin.path("expiresIn").asInt()).isEqualTo(1800);
    assertThat(pin.path("qr").asText())
        .isEqualTo(
            fx.url()
                + "/auth#?clientID=web-app&code="
                + pin.path("code").asText()
                + "&context%5Bdevice%5D%5Bproduct%5D=Living%20Room%20TV");
  }

  @Test
  void theClientIdentifierMayComeInTheQueryAsEveryPlexValue() {
    Http.Response response =
        http.send(
            "POST",
            "/api/v2/pins?strong=true&X-Plex-Client-Identifier=from-query&X-Plex-Product=Web",
            null,
            "Accept",
            "application/json");

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.json().path("clientIdentifier").asText()).isEqualTo("from-query");
    assertThat(response.json().path("product").asText()).isEqualTo("Web");
  }

  @Test
  void withoutAnAcceptHeaderThePinIsXml() {
    Http.Response response =
        http.send("POST", "/api/v2/pins", null, "X-Plex-Client-Identifier", "xml-client");

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.contentType()).startsWith("text/xml");
    assertThat(response.body())
        .startsWith("<?xml")
        .contains("<pin ")
        .contains("clientIdentifier=\"xml-client\"")
        .contains("<location ")
        .contains("expiresIn=\"900\"")
        .doesNotContain("authToken");
  }

  @Test
  void aPinWithoutAClientIdentifierIsRefusedWith1000() {
    Http.Response response = http.send("POST", "/api/v2/pins", null, "Accept", "application/json");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo(1000);
  }

  @Test
  void strongMustBeABoolean() {
    Http.Response response =
        http.send(
            "POST",
            "/api/v2/pins?strong=maybe",
            null,
            "Accept",
            "application/json",
            "X-Plex-Client-Identifier",
            "c");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo(1004);
  }

  @Test
  void liveShortPinsNeverShareACodeNorAnId() {
    Set<String> codes = new HashSet<>();
    Set<Long> ids = new HashSet<>();
    for (int i = 0; i < 60; i++) {
      JsonNode pin = Pins.create(http, "many", false);
      codes.add(pin.path("code").asText());
      ids.add(pin.path("id").asLong());
    }

    assertThat(codes).hasSize(60);
    assertThat(ids).hasSize(60);
  }

  @Test
  void beforeApprovalThePollAnswersThePinWithoutAToken() {
    JsonNode pin = Pins.create(http, "tv-2", false);
    fx.clock.advance(Duration.ofSeconds(100));

    Http.Response poll = Pins.poll(http, pin.path("id").asLong(), "tv-2");

    assertThat(poll.status()).isEqualTo(200);
    assertThat(poll.json().path("id").asLong()).isEqualTo(pin.path("id").asLong());
    assertThat(poll.json().path("code").asText()).isEqualTo(pin.path("code").asText());
    assertThat(poll.json().path("authToken").isNull()).isTrue();
    assertThat(poll.json().path("expiresIn").asInt()).isEqualTo(800);
    assertThat(poll.json().path("createdAt").asText()).isEqualTo(pin.path("createdAt").asText());
  }

  @Test
  void anApprovedPinHandsItsClientATokenThatWorksOnce() {
    JsonNode pin = Pins.create(http, "tv-3", false);
    long id = pin.path("id").asLong();

    Http.Response link = Pins.link(http, approver, pin.path("code").asText());
    Http.Response poll = Pins.poll(http, id, "tv-3");
    Http.Response again = Pins.poll(http, id, "tv-3");

    assertThat(link.status()).isEqualTo(204);
    assertThat(link.body()).isEmpty();
    assertThat(poll.status()).isEqualTo(200);
    String token = poll.json().path("authToken").asText();
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    Http.Response user = http.getJson("/api/v2/user", "X-Plex-Token", token);
    assertThat(user.status()).isEqualTo(200);
    assertThat(user.json().path("username").asText()).isEqualTo(Fixture.USER);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.errorCode()).isEqualTo(1020);
  }

  @Test
  void aPinTokenFollowsTheSignInRuleOneTokenPerAccountAndClient() {
    int before = fx.deviceTokens(Fixture.USER);
    String first = approveAndPoll("console", false);
    String second = approveAndPoll("console", true);

    assertThat(second).isNotEqualTo(first);
    assertThat(http.getJson("/api/v2/user", "X-Plex-Token", first).status()).isEqualTo(401);
    assertThat(http.getJson("/api/v2/user", "X-Plex-Token", second).status()).isEqualTo(200);
    assertThat(fx.deviceTokens(Fixture.USER)).isEqualTo(before + 1);
  }

  @Test
  void aSignInFromThePinsClientReplacesThePinsTokenToo() {
    String fromPin = approveAndPoll("shared-client", false);

    String fromSignIn =
        http.signInToken("shared-client", Fixture.USER, Fixture.USER_PASSWORD, null);

    assertThat(http.getJson("/api/v2/user", "X-Plex-Token", fromPin).status()).isEqualTo(401);
    assertThat(http.getJson("/api/v2/user", "X-Plex-Token", fromSignIn).status()).isEqualTo(200);
  }

  @Test
  void onlyTheClientThatMadeThePinMayPollIt() {
    JsonNode pin = Pins.create(http, "owner-tv", false);
    long id = pin.path("id").asLong();
    assertThat(Pins.link(http, approver, pin.path("code").asText()).status()).isEqualTo(204);

    Http.Response stranger = Pins.poll(http, id, "stranger");
    Http.Response owner = Pins.poll(http, id, "owner-tv");

    assertThat(stranger.status()).isEqualTo(404);
    assertThat(stranger.errorCode()).isEqualTo(1020);
    assertThat(stranger.body()).doesNotContain(pin.path("code").asText());
    assertThat(owner.json().path("authToken").asText()).isNotBlank();
  }

  @Test
  void thePollMayNameTheCodeTooAndAWrongOneIs404() {
    JsonNode pin = Pins.create(http, "ctrl-plex", true);
    long id = pin.path("id").asLong();
    String code = pin.path("code").asText();

    Http.Response right =
        http.getJson(
            "/api/v2/pins/" + id + "?code=" + code + "&X-Plex-Client-Identifier=ctrl-plex");
    Http.Response wrong =
        http.getJson(
            "/api/v2/pins/"
                + id
                + "?code="
                + "x".repeat(25)
                + "&X-Plex-Client-Identifier=ctrl-plex");

    assertThat(right.status()).isEqualTo(200);
    assertThat(wrong.status()).isEqualTo(404);
    assertThat(wrong.errorCode()).isEqualTo(1020);
  }

  @Test
  void unknownAndMalformedPinIdsAndAMissingClientAreRefused() {
    Http.Response unknown = Pins.poll(http, 123_456_789L, "tv");
    Http.Response letters = http.getJson("/api/v2/pins/abc", "X-Plex-Client-Identifier", "tv");
    Http.Response tooLong =
        http.getJson("/api/v2/pins/12345678901234567", "X-Plex-Client-Identifier", "tv");
    Http.Response noClient = http.getJson("/api/v2/pins/1");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo(1020);
    assertThat(unknown.json().path("errors").path(0).path("message").asText())
        .isEqualTo("Code not found or expired");
    assertThat(letters.status()).isEqualTo(400);
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(noClient.status()).isEqualTo(400);
    assertThat(noClient.errorCode()).isEqualTo(1000);
  }

  @Test
  void anExpiredPinIsGoneForThePollAndTheLink() {
    JsonNode shortPin = Pins.create(http, "slow-tv", false);
    JsonNode strongPin = Pins.create(http, "slow-web", true);
    fx.clock.advance(Duration.ofMinutes(15));

    Http.Response shortPoll = Pins.poll(http, shortPin.path("id").asLong(), "slow-tv");
    Http.Response shortLink = Pins.link(http, approver, shortPin.path("code").asText());
    Http.Response strongPoll = Pins.poll(http, strongPin.path("id").asLong(), "slow-web");
    fx.clock.advance(Duration.ofMinutes(15));
    Http.Response strongLink = Pins.link(http, approver, strongPin.path("code").asText());

    assertThat(shortPoll.status()).isEqualTo(404);
    assertThat(shortPoll.errorCode()).isEqualTo(1020);
    assertThat(shortLink.status()).isEqualTo(404);
    assertThat(shortLink.errorCode()).isEqualTo(1020);
    assertThat(strongPoll.status()).as("a strong pin lives 30 minutes").isEqualTo(200);
    assertThat(strongLink.status()).isEqualTo(404);
  }

  @Test
  void anApprovedPinThatExpiresBeforeItsPollHandsOutNothing() {
    JsonNode pin = Pins.create(http, "late-tv", false);
    assertThat(Pins.link(http, approver, pin.path("code").asText()).status()).isEqualTo(204);
    fx.clock.advance(Duration.ofMinutes(15));

    Http.Response poll = Pins.poll(http, pin.path("id").asLong(), "late-tv");

    assertThat(poll.status()).isEqualTo(404);
    assertThat(poll.errorCode()).isEqualTo(1020);
  }

  @Test
  void aCodeIsLinkedOnceAndInAnyCase() {
    JsonNode pin = Pins.create(http, "tv-4", false);
    String code = pin.path("code").asText();

    Http.Response first = Pins.link(http, approver, " " + code.toLowerCase() + " ");
    Http.Response second = Pins.link(http, approver, code);

    assertThat(first.status()).isEqualTo(204);
    assertThat(second.status()).isEqualTo(404);
    assertThat(second.errorCode()).isEqualTo(1020);
  }

  @Test
  void aStrongCodeIsLinkedTooInAnyCase() {
    JsonNode pin = Pins.create(http, "web-2", true);

    Http.Response link = Pins.link(http, approver, pin.path("code").asText().toUpperCase());

    assertThat(link.status()).isEqualTo(204);
  }

  @Test
  void linkingNeedsAnAccountTokenAndACode() {
    JsonNode pin = Pins.create(http, "tv-5", false);
    String code = pin.path("code").asText();

    Http.Response noToken = Pins.link(http, "", code);
    Http.Response badToken = Pins.link(http, "not-a-token", code);
    Http.Response transientToken = Pins.link(http, http.transientToken(approver), code);
    Http.Response noCode = Pins.link(http, approver, " ");
    Http.Response unknown = Pins.link(http, approver, "zzzz");
    Http.Response malformed = Pins.link(http, approver, "a-b!");
    Http.Response stillThere = Pins.poll(http, pin.path("id").asLong(), "tv-5");

    assertThat(noToken.status()).isEqualTo(401);
    assertThat(badToken.status()).isEqualTo(401);
    assertThat(transientToken.status()).isEqualTo(401);
    assertThat(noCode.status()).isEqualTo(400);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo(1020);
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.errorCode()).isEqualTo(1004);
    assertThat(stillThere.json().path("authToken").isNull()).as("not approved").isTrue();
  }

  @Test
  void linkTakesAFormBodyOnly() {
    Http.Response json =
        http.send(
            "PUT",
            "/api/v2/pins/link",
            "{\"code\":\"ABCD\"}",
            "Content-Type",
            "application/json",
            "Accept",
            "application/json",
            "X-Plex-Token",
            approver);

    assertThat(json.status()).isEqualTo(415);
  }

  @Test
  void theTenthWrongCodeOfAnAccountLocksItsLinksLikeSignIn() {
    JsonNode pin = Pins.create(http, "tv-6", false);
    for (int i = 1; i <= 9; i++) {
      assertThat(Pins.link(http, approver, wrongCode(i)).status())
          .as("wrong code %d", i)
          .isEqualTo(404);
    }

    Http.Response tenth = Pins.link(http, approver, wrongCode(10));
    Http.Response rightButLocked = Pins.link(http, approver, pin.path("code").asText());
    fx.clock.advance(Duration.ofSeconds(60));
    Http.Response afterTheWait = Pins.link(http, approver, pin.path("code").asText());

    assertThat(tenth.status()).isEqualTo(429);
    assertThat(tenth.errorCode()).isEqualTo(1031);
    assertThat(tenth.header("Retry-After")).contains("60");
    assertThat(rightButLocked.status()).isEqualTo(429);
    assertThat(afterTheWait.status()).isEqualTo(204);
  }

  @Test
  void aSuccessfulLinkDoesNotResetTheCount() {
    JsonNode target = Pins.create(http, "tv-7", false);
    for (int i = 1; i <= 9; i++) {
      Pins.link(http, approver, wrongCode(i));
    }
    // An attacker can always make and approve a pin of their own: that must not wipe the count.
    JsonNode own = Pins.create(http, "attacker", false);
    assertThat(Pins.link(http, approver, own.path("code").asText()).status()).isEqualTo(204);

    Http.Response next = Pins.link(http, approver, wrongCode(10));

    assertThat(next.status()).isEqualTo(429);
  }

  @Test
  void anAccountsWrongCodesAddUpAcrossAddressesAndFreshTokens() {
    JsonNode pin = Pins.create(http, "tv-8", false);
    for (int i = 1; i <= 9; i++) {
      String fresh = http.signInToken("client-" + i, Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
      assertThat(linkFrom("127.0.0." + (10 + i), fresh, wrongCode(i)).status()).isEqualTo(404);
    }
    String another = http.signInToken("client-10", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);

    RawHttp.Answer tenth = linkFrom("127.0.0.20", another, wrongCode(10));
    RawHttp.Answer otherAccountThere = linkFrom("127.0.0.20", approver, pin.path("code").asText());

    assertThat(tenth.status()).isEqualTo(429);
    assertThat(tenth.head()).contains("Retry-After: 60");
    assertThat(otherAccountThere.status()).as("that address is not locked").isEqualTo(204);
  }

  @Test
  void anAddressesWrongCodesAddUpAcrossAccounts() {
    JsonNode pin = Pins.create(http, "tv-10", false);
    for (int i = 1; i <= 9; i++) {
      String name = "guesser" + i + "x" + fx.clock.millis();
      fx.server.addAccount(NewAccount.of(name, name + "@example.com", "guesser-password"));
      String token = http.signInToken("g", name, "guesser-password", null);
      assertThat(linkFrom("127.0.0.3", token, wrongCode(i)).status()).isEqualTo(404);
    }

    RawHttp.Answer tenth = linkFrom("127.0.0.3", approver, wrongCode(10));
    RawHttp.Answer rightCodeThere = linkFrom("127.0.0.3", approver, pin.path("code").asText());
    RawHttp.Answer rightCodeElsewhere =
        linkFrom(
            "127.0.0.4", fresh(Fixture.ADMIN, Fixture.ADMIN_PASSWORD), pin.path("code").asText());

    assertThat(tenth.status()).isEqualTo(429);
    assertThat(rightCodeThere.status()).isEqualTo(429);
    assertThat(rightCodeElsewhere.status()).isEqualTo(204);
  }

  @Test
  void theRowsKeepNeitherTheIdNorTheCode() throws Exception {
    JsonNode pin = Pins.create(http, "tv-9", true);
    String id = pin.path("id").asText();
    String code = pin.path("code").asText();

    String rows = dumpPins();

    assertThat(rows).isNotEmpty().doesNotContain(id).doesNotContain(code);
  }

  /** A well-formed 4-character code no pin has: codes never hold 0 or 1. */
  static String wrongCode(int n) {
    return String.format(Locale.ROOT, "Z%03d", n % 100);
  }

  private String fresh(String login, String password) {
    return http.signInToken("fresh-" + System.nanoTime(), login, password, null);
  }

  /**
   * {@code PUT /api/v2/pins/link} from another loopback address (Linux routes all of 127/8 to the
   * loopback interface), so the server counts it under that address.
   */
  private RawHttp.Answer linkFrom(String localAddress, String token, String code) {
    String body = Http.form(java.util.Map.of("code", code));
    String request =
        "PUT /api/v2/pins/link HTTP/1.1\r\n"
            + "Host: 127.0.0.1:"
            + fx.server.port()
            + "\r\n"
            + "Accept: application/json\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\n"
            + "X-Plex-Token: "
            + token
            + "\r\n"
            + "Content-Length: "
            + body.length()
            + "\r\n"
            + "Connection: close\r\n\r\n"
            + body;
    return RawHttp.exchangeFrom(localAddress, fx.server.port(), request);
  }

  private String approveAndPoll(String client, boolean strong) {
    JsonNode pin = Pins.create(http, client, strong);
    assertThat(Pins.link(http, approver, pin.path("code").asText()).status()).isEqualTo(204);
    Http.Response poll = Pins.poll(http, pin.path("id").asLong(), client);
    assertThat(poll.status()).isEqualTo(200);
    return poll.json().path("authToken").asText();
  }

  private String dumpPins() throws Exception {
    StringBuilder out = new StringBuilder();
    try (java.sql.Connection db = fx.database.connect();
        java.sql.Statement statement = db.createStatement();
        java.sql.ResultSet rows = statement.executeQuery("SELECT * FROM pins")) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        for (int c = 1; c <= columns; c++) {
          out.append(rows.getString(c)).append('|');
        }
        out.append('\n');
      }
    }
    return out.toString();
  }
}
