package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.LogCapture;
import dev.plexauth.server.support.Pins;
import dev.plexauth.server.support.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins live in the database: two server instances on one PostgreSQL database answer for every pin
 * (made on one, approved on the other, polled anywhere) and count wrong codes together; a restart
 * keeps them; and no log line carries a pin id, a code or a token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PinInstancesTest {

  Fixture a;
  Fixture b;

  @BeforeAll
  void startTwoInstancesOnOneDatabase() {
    TestDatabase shared = TestDatabase.postgres();
    a = Fixture.withAccounts(shared);
    b = Fixture.empty(shared);
  }

  @AfterAll
  void stop() {
    a.close();
    b.close();
  }

  @Test
  void aPinMadeOnOneInstanceIsApprovedOnTheOtherAndPolledOnEither() {
    String approver = b.http.signInToken("phone", Fixture.USER, Fixture.USER_PASSWORD, null);
    JsonNode pin = Pins.create(a.http, "tv", false);
    long id = pin.path("id").asLong();

    Http.Response pending = Pins.poll(b.http, id, "tv");
    Http.Response link = Pins.link(b.http, approver, pin.path("code").asText());
    Http.Response handedOut = Pins.poll(a.http, id, "tv");
    Http.Response gone = Pins.poll(b.http, id, "tv");

    assertThat(pending.status()).isEqualTo(200);
    assertThat(pending.json().path("code").asText()).isEqualTo(pin.path("code").asText());
    assertThat(link.status()).isEqualTo(204);
    String token = handedOut.json().path("authToken").asText();
    assertThat(token).isNotBlank();
    assertThat(b.http.getJson("/api/v2/user", "X-Plex-Token", token).status()).isEqualTo(200);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.errorCode()).isEqualTo(1020);
  }

  @Test
  void wrongCodesOnBothInstancesAddUpToOneLockout() {
    String onA = a.http.signInToken("laptop", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
    String onB = b.http.signInToken("laptop-2", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
    for (int i = 1; i <= 9; i++) {
      Http.Response wrong =
          i % 2 == 0
              ? Pins.link(a.http, onA, PinRoutesTest.wrongCode(i))
              : Pins.link(b.http, onB, PinRoutesTest.wrongCode(i));
      assertThat(wrong.status()).as("wrong code %d", i).isEqualTo(404);
    }

    Http.Response tenth = Pins.link(a.http, onA, PinRoutesTest.wrongCode(10));

    assertThat(tenth.status()).isEqualTo(429);
    assertThat(tenth.errorCode()).isEqualTo(1031);
  }

  @Test
  void aRestartKeepsThePins(@TempDir Path dataDir) {
    JsonNode pin;
    try (Fixture first = Fixture.withAccounts(dataDir)) {
      pin = Pins.create(first.http, "restarted-tv", false);
    }

    try (Fixture second = Fixture.empty(dataDir)) {
      String approver = second.http.signInToken("phone", Fixture.USER, Fixture.USER_PASSWORD, null);
      long id = pin.path("id").asLong();
      Http.Response pending = Pins.poll(second.http, id, "restarted-tv");
      Http.Response link = Pins.link(second.http, approver, pin.path("code").asText());
      Http.Response handedOut = Pins.poll(second.http, id, "restarted-tv");

      assertThat(pending.status()).isEqualTo(200);
      assertThat(pending.json().path("code").asText()).isEqualTo(pin.path("code").asText());
      assertThat(link.status()).isEqualTo(204);
      assertThat(handedOut.json().path("authToken").asText()).isNotBlank();
    }
  }

  @Test
  void theLogsShowNeitherPinIdsNorCodesNorTokens() {
    String token;
    JsonNode pin;
    String logged;
    try (LogCapture logs = new LogCapture()) {
      String approver = a.http.signInToken("logged", Fixture.USER, Fixture.USER_PASSWORD, null);
      pin = Pins.create(a.http, "logged-tv", true);
      long id = pin.path("id").asLong();
      Pins.poll(a.http, id, "logged-tv");
      Pins.link(a.http, approver, pin.path("code").asText());
      a.http.getJson(
          "/api/v2/pins/" + id + "?code=" + pin.path("code").asText(),
          "X-Plex-Client-Identifier",
          "someone-else");
      token = Pins.poll(a.http, id, "logged-tv").json().path("authToken").asText();
      logged = logs.all();
    }

    assertThat(logged).contains("/api/v2/pins/***");
    assertThat(logged)
        .doesNotContain(pin.path("id").asText())
        .doesNotContain(pin.path("code").asText())
        .doesNotContain(token);
  }
}
