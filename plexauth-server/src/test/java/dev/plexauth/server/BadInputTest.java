package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.RawHttp;
import dev.plexauth.server.support.StoreDump;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input of every kind gets a 4xx with a clear error body, never a 5xx, and changes nothing. */
class BadInputTest {

  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String SIGNIN = "/api/v2/users/signin";

  @TempDir static Path dataDir;
  static Fixture fx;
  static Http http;
  static String token;

  @BeforeAll
  static void start() {
    fx = Fixture.withAccounts(dataDir);
    http = fx.http;
    token = http.signInToken("bad-input", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  record Case(String name, int expectedStatus, Supplier<Http.Response> send) {}

  private static Case c(String name, int status, Supplier<Http.Response> send) {
    return new Case(name, status, send);
  }

  private static Http.Response signIn(String body, String... headers) {
    List<String> all = new ArrayList<>(List.of("Accept", "application/json"));
    all.addAll(List.of(headers));
    return http.send("POST", SIGNIN, body, all.toArray(String[]::new));
  }

  private static String valid() {
    return Http.form(java.util.Map.of("login", Fixture.USER, "password", Fixture.USER_PASSWORD));
  }

  @Test
  void everyMalformedRequestGetsA4xxWithAPlexErrorBodyAndChangesNothing() {
    List<String> before = StoreDump.of(dataDir);
    String big = "x".repeat(300);
    List<Case> cases =
        List.of(
            c("unknown path", 404, () -> http.getJson("/nope")),
            c("root path without a token", 401, () -> http.getJson("/")),
            c("api root", 404, () -> http.getJson("/api/v2")),
            c(
                "DELETE token",
                405,
                () -> http.send("DELETE", "/security/token", null, "Accept", "application/json")),
            c(
                "PUT signin",
                405,
                () -> http.send("PUT", SIGNIN, valid(), "Accept", "application/json")),
            c("GET signin", 405, () -> http.getJson(SIGNIN)),
            c(
                "POST user",
                405,
                () -> http.send("POST", "/api/v2/user", "", "Accept", "application/json")),
            c(
                "PATCH resources",
                405,
                () -> http.send("PATCH", "/security/resources", "", "Accept", "application/json")),
            c(
                "OPTIONS resources",
                405,
                () ->
                    http.send(
                        "OPTIONS", "/security/resources", null, "Accept", "application/json")),
            c(
                "JSON body",
                415,
                () ->
                    signIn(
                        "{\"login\":\"alice\"}",
                        "Content-Type",
                        "application/json",
                        "X-Plex-Client-Identifier",
                        "c")),
            c(
                "multipart body",
                415,
                () ->
                    signIn(
                        "--b\r\n",
                        "Content-Type",
                        "multipart/form-data; boundary=b",
                        "X-Plex-Client-Identifier",
                        "c")),
            c(
                "text body",
                415,
                () ->
                    signIn(valid(), "Content-Type", "text/plain", "X-Plex-Client-Identifier", "c")),
            c(
                "latin-1 form",
                415,
                () ->
                    signIn(
                        valid(),
                        "Content-Type",
                        FORM + "; charset=iso-8859-1",
                        "X-Plex-Client-Identifier",
                        "c")),
            c(
                "form with an unknown charset",
                415,
                () ->
                    signIn(
                        valid(),
                        "Content-Type",
                        FORM + "; charset=bogus-charset",
                        "X-Plex-Client-Identifier",
                        "c")),
            c(
                "body without content type",
                415,
                () -> signIn(valid(), "X-Plex-Client-Identifier", "c")),
            c(
                "body over 64 KiB",
                413,
                () ->
                    signIn(
                        "login=" + "a".repeat(70_000),
                        "Content-Type",
                        FORM,
                        "X-Plex-Client-Identifier",
                        "c")),
            c("chunked body over 64 KiB", 413, BadInputTest::chunkedOversizedSignIn),
            c(
                "bad escape in body",
                400,
                () ->
                    signIn(
                        "login=%zz&password=x",
                        "Content-Type", FORM, "X-Plex-Client-Identifier", "c")),
            c(
                "truncated escape in body",
                400,
                () ->
                    signIn(
                        "login=a&password=%4",
                        "Content-Type", FORM, "X-Plex-Client-Identifier", "c")),
            c(
                "invalid UTF-8 in body",
                400,
                () ->
                    signIn(
                        "login=%C3%28&password=x",
                        "Content-Type", FORM, "X-Plex-Client-Identifier", "c")),
            c(
                "duplicated login",
                400,
                () ->
                    signIn(
                        "login=a&login=b&password=x",
                        "Content-Type",
                        FORM,
                        "X-Plex-Client-Identifier",
                        "c")),
            c(
                "rememberMe not boolean",
                400,
                () ->
                    signIn(
                        valid() + "&rememberMe=maybe",
                        "Content-Type",
                        FORM,
                        "X-Plex-Client-Identifier",
                        "c")),
            c(
                "overlong login",
                400,
                () ->
                    signIn(
                        "login=" + "a".repeat(300) + "&password=x",
                        "Content-Type",
                        FORM,
                        "X-Plex-Client-Identifier",
                        "c")),
            c(
                "overlong password",
                400,
                () ->
                    signIn(
                        "login=a&password=" + "p".repeat(2000),
                        "Content-Type",
                        FORM,
                        "X-Plex-Client-Identifier",
                        "c")),
            c(
                "overlong code",
                400,
                () ->
                    signIn(
                        valid() + "&verificationCode=" + "1".repeat(100),
                        "Content-Type",
                        FORM,
                        "X-Plex-Client-Identifier",
                        "c")),
            c(
                "control character in login",
                400,
                () ->
                    signIn(
                        "login=al%00ice&password=x",
                        "Content-Type", FORM, "X-Plex-Client-Identifier", "c")),
            c(
                "missing password",
                400,
                () -> signIn("login=alice", "Content-Type", FORM, "X-Plex-Client-Identifier", "c")),
            c(
                "overlong client identifier",
                400,
                () -> signIn(valid(), "Content-Type", FORM, "X-Plex-Client-Identifier", big)),
            c(
                "two client identifiers",
                400,
                () ->
                    signIn(
                        valid(),
                        "Content-Type",
                        FORM,
                        "X-Plex-Client-Identifier",
                        "a",
                        "X-Plex-Client-Identifier",
                        "b")),
            c(
                "overlong product",
                400,
                () ->
                    signIn(
                        valid(),
                        "Content-Type",
                        FORM,
                        "X-Plex-Client-Identifier",
                        "c",
                        "X-Plex-Product",
                        big)),
            c("missing client identifier", 400, () -> signIn(valid(), "Content-Type", FORM)),
            c(
                "client identifier with a line break, from the query",
                400,
                () ->
                    http.send(
                        "POST",
                        SIGNIN + "?X-Plex-Client-Identifier=a%0D%0Ab",
                        valid(),
                        "Content-Type",
                        FORM,
                        "Accept",
                        "application/json")),
            c(
                "device name with a NUL, from the query",
                400,
                () ->
                    http.send(
                        "POST",
                        SIGNIN + "?X-Plex-Device=a%00b",
                        valid(),
                        "Content-Type",
                        FORM,
                        "Accept",
                        "application/json",
                        "X-Plex-Client-Identifier",
                        "c")),
            c(
                "two content types",
                400,
                () ->
                    signIn(
                        valid(),
                        "Content-Type",
                        FORM,
                        "Content-Type",
                        "application/json",
                        "X-Plex-Client-Identifier",
                        "c")),
            c(
                "source with a control character",
                400,
                () ->
                    http.getJson(
                        "/security/resources?source=server://living-room%1B",
                        "X-Plex-Token", token)),
            c(
                "duplicated type",
                400,
                () ->
                    http.getJson(
                        "/security/token?type=delegation&type=delegation&scope=all",
                        "X-Plex-Token",
                        token)),
            c(
                "source of the wrong shape",
                400,
                () ->
                    http.getJson("/security/resources?source=living-room", "X-Plex-Token", token)),
            c(
                "overlong source",
                400,
                () ->
                    http.getJson(
                        "/security/resources?source=server%3A%2F%2F" + big, "X-Plex-Token", token)),
            c(
                "duplicated source",
                400,
                () ->
                    http.getJson(
                        "/security/resources?source=server://a&source=server://b",
                        "X-Plex-Token",
                        token)),
            c(
                "two tokens",
                400,
                () -> http.getJson("/api/v2/user", "X-Plex-Token", token, "X-Plex-Token", "other")),
            c(
                "long token",
                401,
                () -> http.getJson("/api/v2/user", "X-Plex-Token", "t".repeat(2000))),
            c(
                "bare transient prefix",
                401,
                () -> http.getJson("/api/v2/user", "X-Plex-Token", "transient-")),
            c("token with spaces", 401, () -> http.getJson("/api/v2/user?X-Plex-Token=a%20b")),
            c(
                "non-ASCII token",
                401,
                () -> http.getJson("/api/v2/user?X-Plex-Token=t%C3%B6k%C3%A9n")),
            c(
                "token with a null byte",
                401,
                () -> http.getJson("/security/token?type=delegation&scope=all&X-Plex-Token=a%00b")),
            c(
                "account token with a suffix",
                401,
                () -> http.getJson("/api/v2/user", "X-Plex-Token", token + "x")),
            c("XML error for unknown path", 404, () -> http.getXml("/nope")));

    List<String> failures = new ArrayList<>();
    for (Case testCase : cases) {
      Http.Response response = testCase.send().get();
      boolean plexBody =
          response.contentType().startsWith("application/json")
              ? response.errorCode() > 0
                  && !response.json().path("errors").path(0).path("message").asText().isEmpty()
              : response.body().contains("<errors><error code=\"");
      if (response.status() != testCase.expectedStatus() || !plexBody) {
        failures.add(testCase.name() + " -> " + response.status() + " " + response.body());
      }
    }
    assertThat(failures).isEmpty();
    assertThat(StoreDump.of(dataDir)).isEqualTo(before);
    assertThat(http.getJson("/api/v2/user", "X-Plex-Token", token).status()).isEqualTo(200);
  }

  @Test
  void methodNotAllowedNamesTheAllowedMethods() {
    Http.Response response = http.send("DELETE", "/security/token", null);

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.header("Allow")).contains("GET, POST");
    assertThat(response.body()).contains("<errors><error code=\"1005\"");
  }

  @Test
  void bytesNoClientShouldSendGet4xxAndTheServerKeepsServing() {
    List<String> before = StoreDump.of(dataDir);
    int port = fx.server.port();
    String host = "Host: 127.0.0.1\r\n";
    String[] requests = {
      "GET /security/token?type=%zz&scope=all HTTP/1.1\r\n"
          + host
          + "X-Plex-Token: "
          + token
          + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n",
      "GET /api/v2/user?X-Plex-Token=%FF%FE HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
      "GET /security/resources?source=server://%E0%80 HTTP/1.1\r\n"
          + host
          + "X-Plex-Token: "
          + token
          + "\r\nConnection: close\r\n\r\n",
      "HELLO\r\n\r\n",
      "GET /api/v2/user HTTP/1.1\r\n"
          + host
          + "X-Plex-Token: a\rInjected: yes\r\nConnection: close\r\n\r\n",
      "GET /api/v2/user HTTP/1.1\r\n"
          + host
          + "X-Plex-Token: "
          + "a".repeat(20_000)
          + "\r\nConnection: close\r\n\r\n",
      "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
      "POST /api/v2/users/signin HTTP/1.1\r\n"
          + host
          + "Content-Type: "
          + FORM
          + "\r\nX-Plex-Client-Identifier: c\r\nContent-Length: 100\r\nConnection: close\r\n\r\nlogin=alice",
      "POST /api/v2/users/signin HTTP/1.1\r\n"
          + host
          + "Content-Type: "
          + FORM
          + "\r\nX-Plex-Client-Identifier: c\r\nContent-Length: abc\r\nConnection: close\r\n\r\n",
      "POST /api/v2/users/signin HTTP/1.1\r\n"
          + host
          + "Content-Type: "
          + FORM
          + "\r\nX-Plex-Client-Identifier: c\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n",
      "GET /security/token?type=delegation&scope=all HTTP/1.1\r\n"
          + host
          + "X-Plex-Token: t\u00f6ken\r\nConnection: close\r\n\r\n",
      "BREW /security/token HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
      "GET /security%2Ftoken HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
      "GET /../etc/passwd HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
    };
    List<String> failures = new ArrayList<>();
    for (String request : requests) {
      RawHttp.Answer answer = RawHttp.exchange(port, request);
      if (answer.status() < 400 || answer.status() > 499) {
        failures.add(
            answer.status()
                + " for "
                + request.lines().findFirst().orElse("")
                + "\n"
                + answer.head());
      }
    }
    assertThat(failures).isEmpty();
    assertThat(StoreDump.of(dataDir)).isEqualTo(before);
    assertThat(http.getJson("/api/v2/user", "X-Plex-Token", token).status()).isEqualTo(200);
  }

  @Test
  void whatJettyRefusesBeforeAnyRouteStillGetsAPlexErrorBodyAndNeverA5xx() {
    int port = fx.server.port();
    RawHttp.Answer tooLarge =
        RawHttp.exchange(
            port,
            "GET /api/v2/user HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
                + "X-Plex-Token: "
                + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
    RawHttp.Answer badVersion =
        RawHttp.exchange(
            port, "GET /api/v2/user HTTP/9.9\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    RawHttp.Answer controlCharacter =
        RawHttp.exchange(
            port,
            "GET /api/v2/user HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Plex-Token: a\u0000b\r\n"
                + "Connection: close\r\n\r\n");

    RawHttp.Answer tooLargeXml =
        RawHttp.exchange(
            port,
            "GET /api/v2/user HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Plex-Token: "
                + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

    assertThat(tooLarge.status()).isEqualTo(431);
    assertThat(tooLarge.head()).contains("application/json", "X-Plex-Protocol: 1.0");
    assertThat(tooLarge.body())
        .isEqualTo(
            "{\"errors\":[{\"code\":1004,\"message\":\"The request headers are larger than 8"
                + " KiB\",\"status\":431}]}");
    // Without Accept the answer is the default, XML.
    assertThat(tooLargeXml.status()).isEqualTo(431);
    assertThat(tooLargeXml.head()).contains("text/xml", "X-Plex-Protocol: 1.0");
    assertThat(tooLargeXml.body())
        .endsWith(
            "<errors><error code=\"1004\" message=\"The request headers are larger than 8 KiB\""
                + " status=\"431\"/></errors>");
    // Jetty's own answer would be 505; a client's unknown version is the client's mistake.
    assertThat(badVersion.status()).isEqualTo(400);
    assertThat(badVersion.body()).contains("<errors><error code=\"1004\"", "status=\"400\"");
    assertThat(controlCharacter.status()).isEqualTo(400);
    assertThat(controlCharacter.body()).contains("The request is not valid HTTP");
  }

  @Test
  void afterA413TheConnectionServesTheNextRequestOrTheAnswerSaidItWouldClose() throws Exception {
    // A pooling client (the JDK's, OkHttp) reuses a connection whose answer did not say
    // "Connection: close"; if the server then drops it, the next request fails with no answer.
    String body = "login=" + "a".repeat(70_000) + "&password=x";
    try (Socket socket = new Socket("127.0.0.1", fx.server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + SIGNIN
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
                  + "X-Plex-Client-Identifier: c\r\nContent-Type: "
                  + FORM
                  + "\r\nContent-Length: "
                  + body.length()
                  + "\r\n\r\n"
                  + body)
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      assertThat(head).startsWith("HTTP/1.1 413");
      Matcher length = Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
      assertThat(length.find()).isTrue();
      in.readNBytes(Integer.parseInt(length.group(1)));
      if (head.toLowerCase(Locale.ROOT).contains("connection: close")) {
        return;
      }
      out.write(
          "GET /api/v2/user HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n"
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      assertThat(readHead(in)).startsWith("HTTP/1.1 401");
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the connection closed after: " + head);
      }
      head.append((char) b);
    }
    return head.toString();
  }

  private static Http.Response chunkedOversizedSignIn() {
    byte[] body =
        ("login=" + "a".repeat(100_000)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    HttpRequest request =
        http.request(SIGNIN)
            .header("Content-Type", FORM)
            .header("Accept", "application/json")
            .header("X-Plex-Client-Identifier", "c")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();
    return http.send(request);
  }
}
