package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.Pins;
import dev.plexauth.server.support.StoreDump;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed requests to the three pin routes: each gets the 4xx it should, with a Plex error body
 * and a message, never a 5xx; afterwards the store (pins and failure counts included) is exactly as
 * before, and the pin made beforehand still works.
 */
class PinBadInputTest {

  private record Case(String name, int status, Supplier<Http.Response> send) {}

  private static Case c(String name, int status, Supplier<Http.Response> send) {
    return new Case(name, status, send);
  }

  @Test
  void malformedPinRequestsAreRefusedAndChangeNothing(@TempDir Path dataDir) throws Exception {
    try (Fixture fx = Fixture.withAccounts(dataDir)) {
      Http http = fx.http;
      String token = http.signInToken("bad-input", Fixture.USER, Fixture.USER_PASSWORD, null);
      String transientToken = http.transientToken(token);
      JsonNode pin = Pins.create(http, "tv", false);
      long id = pin.path("id").asLong();
      String json = "application/json";
      String form = "application/x-www-form-urlencoded";
      List<Case> cases =
          List.of(
              c("pin: no client identifier", 400, () -> post("/api/v2/pins", http)),
              c(
                  "pin: empty client identifier",
                  400,
                  () -> post("/api/v2/pins", http, "X-Plex-Client-Identifier", "")),
              c(
                  "pin: client identifier twice",
                  400,
                  () ->
                      post(
                          "/api/v2/pins",
                          http,
                          "X-Plex-Client-Identifier",
                          "a",
                          "X-Plex-Client-Identifier",
                          "b")),
              c(
                  "pin: control character in the client identifier",
                  400,
                  () -> post("/api/v2/pins?X-Plex-Client-Identifier=a%01b", http)),
              c(
                  "pin: client identifier of 257 characters",
                  400,
                  () -> post("/api/v2/pins", http, "X-Plex-Client-Identifier", "c".repeat(257))),
              c(
                  "pin: product of 257 characters",
                  400,
                  () ->
                      post(
                          "/api/v2/pins?X-Plex-Client-Identifier=c&X-Plex-Product="
                              + "p".repeat(257),
                          http)),
              c(
                  "pin: strong=maybe",
                  400,
                  () -> post("/api/v2/pins?strong=maybe&X-Plex-Client-Identifier=c", http)),
              c(
                  "pin: strong twice",
                  400,
                  () ->
                      post(
                          "/api/v2/pins?strong=true&strong=true&X-Plex-Client-Identifier=c", http)),
              c(
                  "pin: invalid UTF-8 in the query",
                  400,
                  () -> post("/api/v2/pins?strong=%C3%28&X-Plex-Client-Identifier=c", http)),
              c("poll: letters", 400, () -> poll(http, "abc", "tv")),
              c("poll: negative", 400, () -> poll(http, "-1", "tv")),
              c("poll: decimal", 400, () -> poll(http, "1.5", "tv")),
              c("poll: hexadecimal", 400, () -> poll(http, "0x10", "tv")),
              c("poll: 17 digits", 400, () -> poll(http, "1".repeat(17), "tv")),
              c("poll: a space", 400, () -> poll(http, "1%201", "tv")),
              c("poll: no client identifier", 400, () -> http.getJson("/api/v2/pins/" + id)),
              c(
                  "poll: code of 65 characters",
                  400,
                  () -> poll(http, id + "?code=" + "x".repeat(65), "tv")),
              c("poll: code twice", 400, () -> poll(http, id + "?code=a&code=b", "tv")),
              c("poll: another client", 404, () -> poll(http, Long.toString(id), "other")),
              c("link: no token", 401, () -> link(http, null, form, "code=ABCD")),
              c("link: bad token", 401, () -> link(http, "nope", form, "code=ABCD")),
              c("link: transient token", 401, () -> link(http, transientToken, form, "code=ABCD")),
              c("link: no body", 400, () -> link(http, token, form, "")),
              c("link: empty code", 400, () -> link(http, token, form, "code=")),
              c("link: code twice", 400, () -> link(http, token, form, "code=ABCD&code=ABCD")),
              c(
                  "link: code of 65 characters",
                  400,
                  () -> link(http, token, form, "code=" + "A".repeat(65))),
              c("link: 3 characters", 400, () -> link(http, token, form, "code=ABC")),
              c("link: 5 characters", 400, () -> link(http, token, form, "code=ABCDE")),
              c("link: punctuation", 400, () -> link(http, token, form, "code=AB-D")),
              c("link: SQL", 400, () -> link(http, token, form, "code=%27%20OR%201%3D1")),
              c("link: non-ASCII letters", 400, () -> link(http, token, form, "code=%C3%84BCD")),
              c("link: bad percent-encoding", 400, () -> link(http, token, form, "code=%zz")),
              c("link: JSON body", 415, () -> link(http, token, json, "{\"code\":\"ABCD\"}")),
              c(
                  "link: a form in Latin-1",
                  415,
                  () -> link(http, token, form + "; charset=iso-8859-1", "code=ABCD")),
              c(
                  "link: a body over 64 KiB",
                  413,
                  () -> link(http, token, form, "code=" + "A".repeat(70_000))));

      List<String> before = StoreDump.of(dataDir);
      List<String> failures = new ArrayList<>();
      for (Case bad : cases) {
        Http.Response response = bad.send().get();
        JsonNode error = response.json().path("errors").path(0);
        if (response.status() != bad.status()
            || error.path("code").asInt() == 0
            || error.path("message").asText().isBlank()) {
          failures.add(bad.name() + ": " + response.status() + " " + response.body());
        }
      }
      List<String> after = StoreDump.of(dataDir);

      assertThat(failures).isEmpty();
      assertThat(after).as("the store after the malformed requests").isEqualTo(before);
      assertThat(Pins.link(http, token, pin.path("code").asText()).status()).isEqualTo(204);
      assertThat(Pins.poll(http, id, "tv").json().path("authToken").asText()).isNotBlank();
    }
  }

  private static Http.Response post(String pathAndQuery, Http http, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Accept";
    all[1] = "application/json";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return http.send("POST", pathAndQuery, null, all);
  }

  private static Http.Response poll(Http http, String idAndQuery, String client) {
    return http.getJson("/api/v2/pins/" + idAndQuery, "X-Plex-Client-Identifier", client);
  }

  private static Http.Response link(Http http, String token, String contentType, String body) {
    return token == null
        ? http.send(
            "PUT",
            "/api/v2/pins/link",
            body,
            "Content-Type",
            contentType,
            "Accept",
            "application/json")
        : http.send(
            "PUT",
            "/api/v2/pins/link",
            body,
            "Content-Type",
            contentType,
            "Accept",
            "application/json",
            "X-Plex-Token",
            token);
  }
}
