package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.RawHttp;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers that carry a token (a sign-in's {@code authToken}, a transient token, a source's {@code
 * accessToken}, token details) may be kept by no cache, and no browser may sniff their type: {@code
 * Cache-Control: no-store} and {@code X-Content-Type-Options: nosniff} on every answer, errors and
 * Jetty's own refusals included.
 */
class ResponseHeadersTest {

  @TempDir Path dataDir;

  @Test
  void everyAnswerForbidsCachingAndSniffing() {
    try (Fixture fx = Fixture.withAccounts(dataDir)) {
      Http.Response signIn = fx.http.signIn("c", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
      String token = signIn.json().path("authToken").asText();
      Map<String, Http.Response> answers = new LinkedHashMap<>();
      answers.put("sign-in 201", signIn);
      answers.put("token details", fx.http.getJson("/api/v2/user", "X-Plex-Token", token));
      answers.put("token details in XML", fx.http.getXml("/api/v2/user", "X-Plex-Token", token));
      answers.put(
          "transient token",
          fx.http.getJson("/security/token?type=delegation&scope=all", "X-Plex-Token", token));
      answers.put(
          "source information",
          fx.http.getJson(
              "/security/resources?source=" + Http.encode(Fixture.SOURCE), "X-Plex-Token", token));
      answers.put("401", fx.http.getJson("/api/v2/user"));
      answers.put("wrong password", fx.http.signIn("c", Fixture.USER, "wrong", null));
      answers.put("404", fx.http.getJson("/nowhere"));
      answers.put("405", fx.http.send("DELETE", "/api/v2/user", null));
      answers.put("OpenAPI document", fx.http.send("GET", "/openapi.yaml", null));

      assertThat(answers)
          .allSatisfy(
              (what, answer) -> {
                assertThat(answer.header("Cache-Control")).as(what).hasValue("no-store");
                assertThat(answer.header("X-Content-Type-Options")).as(what).hasValue("nosniff");
              });
      assertThat(answers.get("sign-in 201").status()).isEqualTo(201);
      assertThat(answers.get("source information").status()).isEqualTo(200);
    }
  }

  @Test
  void whatJettyRefusesBeforeAnyRouteCarriesThemToo() {
    try (Fixture fx = Fixture.empty(dataDir)) {
      RawHttp.Answer answer =
          RawHttp.exchange(
              fx.server.port(),
              "GET /api/v2/user HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
                  + "x".repeat(9000)
                  + "\r\nConnection: close\r\n\r\n");

      assertThat(answer.status()).isEqualTo(431);
      assertThat(answer.head()).containsIgnoringCase("\r\nCache-Control: no-store");
      assertThat(answer.head()).containsIgnoringCase("\r\nX-Content-Type-Options: nosniff");
    }
  }
}
