package dev.plexauth.server;

import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.RawRequest;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Generates malformed requests for {@link GeneratedBadInputTest}: each one is a valid request to
 * one endpoint with exactly one thing broken, and says which status plexauth must answer.
 */
final class MalformedRequests {

  static final String TOKEN_GET = "GET /security/token";
  static final String TOKEN_POST = "POST /security/token";
  static final String RESOURCES = "GET /security/resources";
  static final String USER = "GET /api/v2/user";
  static final String SIGNIN = "POST /api/v2/users/signin";
  static final String JOURNEY =
      "GET /, /api/v2/ping, /api/v2/resources, /api/v2/devices, /devices.xml";
  static final String OTHER_METHODS = "other methods on the four paths";
  static final String UNKNOWN_PATHS = "unknown paths";
  static final String FRAMING = "malformed HTTP framing";
  static final List<String> ENDPOINTS =
      List.of(
          TOKEN_GET,
          TOKEN_POST,
          RESOURCES,
          USER,
          SIGNIN,
          JOURNEY,
          OTHER_METHODS,
          UNKNOWN_PATHS,
          FRAMING);

  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String SIGNIN_PATH = "/api/v2/users/signin";
  private static final String TOKEN = "X-Plex-Token";
  private static final String CLIENT = "X-Plex-Client-Identifier";
  private static final int KB = 1024;
  private static final List<String> IDENTITY =
      List.of("X-Plex-Product", "X-Plex-Version", "X-Plex-Platform", "X-Plex-Device");

  /**
   * One malformed request.
   *
   * @param endpoint the row of the report
   * @param category what kind of damage
   * @param name what exactly
   * @param request the request
   * @param status the status plexauth must answer, with its error body
   * @param httpLevel HTTP itself forbids it, so Jetty may refuse it first or close the connection
   */
  record Case(
      String endpoint,
      String category,
      String name,
      RawRequest request,
      int status,
      boolean httpLevel) {}

  private final String userToken;
  private final String adminToken;
  private final String transientToken;
  private final List<Case> cases = new ArrayList<>();

  MalformedRequests(String userToken, String adminToken, String transientToken) {
    this.userToken = userToken;
    this.adminToken = adminToken;
    this.transientToken = transientToken;
  }

  // ------------------------------------------------------------------ the valid originals

  RawRequest tokenGet() {
    return RawRequest.of("GET", "/security/token")
        .query("type", "delegation")
        .query("scope", "all")
        .header(TOKEN, userToken);
  }

  RawRequest tokenPost() {
    return tokenGet().method("POST");
  }

  RawRequest resources() {
    return RawRequest.of("GET", "/security/resources")
        .query("source", enc(Fixture.SOURCE))
        .header(TOKEN, adminToken);
  }

  RawRequest user() {
    return RawRequest.of("GET", "/api/v2/user").header(TOKEN, userToken);
  }

  RawRequest signIn() {
    return RawRequest.of("POST", SIGNIN_PATH)
        .header(CLIENT, "flood")
        .header("Content-Type", FORM)
        .body(form(Fixture.USER, Fixture.USER_PASSWORD));
  }

  private record Route(String endpoint, Supplier<RawRequest> valid, String token) {}

  private List<Route> tokenRoutes() {
    return List.of(
        new Route(TOKEN_GET, this::tokenGet, userToken),
        new Route(TOKEN_POST, this::tokenPost, userToken),
        new Route(RESOURCES, this::resources, adminToken),
        new Route(USER, this::user, userToken));
  }

  /** The read-only routes of the rest of the sign-in journey, each with a valid account token. */
  private List<Route> journeyRoutes() {
    return List.of(
        new Route(JOURNEY, () -> RawRequest.of("GET", "/").header(TOKEN, userToken), userToken),
        new Route(
            JOURNEY,
            () -> RawRequest.of("GET", "/api/v2/ping").header(TOKEN, userToken),
            userToken),
        new Route(
            JOURNEY,
            () ->
                RawRequest.of("GET", "/api/v2/resources")
                    .query("includeHttps", "1")
                    .header(CLIENT, "flood")
                    .header(TOKEN, userToken),
            userToken),
        new Route(
            JOURNEY,
            () -> RawRequest.of("GET", "/api/v2/devices").header(TOKEN, userToken),
            userToken),
        new Route(
            JOURNEY,
            () -> RawRequest.of("GET", "/devices.xml").header(TOKEN, userToken),
            userToken));
  }

  private List<Route> transientRoutes() {
    return tokenRoutes().subList(0, 2);
  }

  /** Adds cases of one endpoint and category. */
  private final class Add {
    private final String endpoint;
    private final String category;

    Add(String endpoint, String category) {
      this.endpoint = endpoint;
      this.category = category;
    }

    /** plexauth's route must answer {@code status}. */
    void plex(String name, RawRequest request, int status) {
      cases.add(new Case(endpoint, category, name, request, status, false));
    }

    /** HTTP forbids it: Jetty may refuse it first; if the route answers, with {@code status}. */
    void http(String name, RawRequest request, int status) {
      cases.add(new Case(endpoint, category, name, request, status, true));
    }
  }

  // ------------------------------------------------------------------ the generator

  List<Case> all() {
    cases.clear();
    tokenShapes();
    missingParameters();
    duplicatedParameters();
    wrongTypes();
    badEncodings();
    overlongValues();
    controlCharacters();
    bodies();
    wrongMethods();
    unknownPaths();
    framing();
    return List.copyOf(cases);
  }

  /** Every wrong shape of token, in the header and in the query, on every route that needs one. */
  private void tokenShapes() {
    Random random = new Random(6);
    Map<String, String> shapes = new LinkedHashMap<>();
    shapes.put("empty", "");
    shapes.put("one space", " ");
    shapes.put("spaces", "   ");
    shapes.put("one character", "a");
    shapes.put("zero", "0");
    shapes.put("minus one", "-1");
    shapes.put("null", "null");
    shapes.put("undefined", "undefined");
    shapes.put("true", "true");
    shapes.put("JSON array", "[]");
    shapes.put("JSON object", "{\"token\":1}");
    shapes.put("513 characters", "A".repeat(513));
    shapes.put("4 KB", "A".repeat(4 * KB));
    shapes.put("43 random base64url characters", randomToken(random));
    shapes.put("64 random hex characters", HexFormat.of().formatHex(randomBytes(random)));
    shapes.put("SHA-256 of the real token (its stored form)", sha256(userToken));
    shapes.put("real token, first character changed", changeAt(userToken, 0));
    shapes.put("real token, middle character changed", changeAt(userToken, 21));
    shapes.put("real token, last character changed", changeAt(userToken, 42));
    shapes.put("real token minus its last character", userToken.substring(0, 42));
    shapes.put("real token plus one character", userToken + "A");
    shapes.put("real token twice", userToken + userToken);
    shapes.put("real token upper-cased", userToken.toUpperCase(Locale.ROOT));
    shapes.put("real token lower-cased", userToken.toLowerCase(Locale.ROOT));
    shapes.put("real token with base64 padding", userToken + "=");
    shapes.put(
        "real token in standard base64", userToken.replace('-', '+').replace('_', '/') + "/");
    shapes.put("transient- alone", "transient-");
    shapes.put("transient- and garbage", "transient-garbage!");
    shapes.put("transient- and 43 random characters", "transient-" + randomToken(random));
    shapes.put("transient- and 4 KB", "transient-" + "x".repeat(4 * KB));
    shapes.put("transient- and the real account token", "transient-" + userToken);
    shapes.put("real transient token, last character changed", changeAt(transientToken, 52));
    shapes.put("real transient token without its prefix", transientToken.substring(10));
    shapes.put(
        "real transient token, prefix upper-cased", "TRANSIENT-" + transientToken.substring(10));
    shapes.put("SQL: quote OR 1=1", "' OR '1'='1");
    shapes.put("SQL: comment", "x' OR 1=1 --");
    shapes.put("SQL: stacked DROP", "1; DROP TABLE account_tokens; --");
    shapes.put("SQL: double quotes", "\" OR \"\"=\"");
    shapes.put("LIKE wildcard %", "%");
    shapes.put("LIKE wildcard _", "_");
    shapes.put("glob *", "*");
    shapes.put("backslash", "\\");
    shapes.put("path traversal", "../../etc/passwd");
    shapes.put("HTML", "<script>alert(1)</script>");
    shapes.put("JNDI lookup", "${jndi:ldap://127.0.0.1/a}");
    shapes.put("template", "{{7*7}}");
    shapes.put("PHC hash prefix", "$argon2id$v=19$m=19456,t=2,p=1$");
    shapes.put("non-ASCII", "t\u00f6k\u00e9n");
    shapes.put("emoji", "\uD83D\uDD11\uD83D\uDD11");
    shapes.put("right-to-left override", "\u202Etoken");
    shapes.put("full-width letters", "\uFF54\uFF4F\uFF4B\uFF45\uFF4E");
    shapes.put("tab inside", "a\tb");
    Map<String, String> controls = new LinkedHashMap<>();
    controls.put("NUL byte", "a\u0000b");
    controls.put("escape sequence", "\u001B[31mred");
    controls.put("DEL", "a\u007Fb");
    controls.put("CR LF and an injected header", "x\r\nX-Injected: yes");
    controls.put("bare LF and an injected header", "x\nX-Injected: yes");
    controls.put("bare CR", "x\rX-Injected: yes");
    List<Route> routes = new ArrayList<>(tokenRoutes());
    routes.addAll(journeyRoutes());
    for (Route route : routes) {
      Add shape = new Add(route.endpoint(), "token of a wrong shape");
      for (Map.Entry<String, String> s : shapes.entrySet()) {
        RawRequest inHeader = route.valid().get().setHeader(TOKEN, s.getValue());
        if (s.getValue().chars().allMatch(ch -> ch < 0x80)) {
          shape.plex("header: " + s.getKey(), inHeader, 401);
        } else {
          // Raw non-ASCII bytes in a header are obs-text, which HTTP lets Jetty refuse.
          shape.http("header: " + s.getKey(), inHeader, 401);
        }
        shape.plex("query: " + s.getKey(), inQuery(route, s.getValue()), 401);
      }
      Add control = new Add(route.endpoint(), "control characters and header injection");
      for (Map.Entry<String, String> c : controls.entrySet()) {
        control.http(
            "token header: " + c.getKey(), route.valid().get().setHeader(TOKEN, c.getValue()), 401);
        control.plex("token query: " + c.getKey(), inQuery(route, c.getValue()), 401);
      }
    }
  }

  private static RawRequest inQuery(Route route, String token) {
    return route.valid().get().withoutHeader(TOKEN).query(TOKEN, enc(token));
  }

  private void missingParameters() {
    String cat = "missing parameter";
    for (Route route : tokenRoutes()) {
      new Add(route.endpoint(), cat)
          .plex("no token", route.valid().get().withoutHeader(TOKEN), 401);
    }
    for (Route route : transientRoutes()) {
      Add add = new Add(route.endpoint(), cat);
      add.plex("no type", route.valid().get().withoutQuery("type"), 400);
      add.plex("no scope", route.valid().get().withoutQuery("scope"), 400);
      add.plex(
          "no type, no scope", route.valid().get().withoutQuery("type").withoutQuery("scope"), 400);
      add.plex("empty type", route.valid().get().setQuery("type", ""), 400);
      add.plex("empty scope", route.valid().get().setQuery("scope", ""), 400);
      add.plex("type without =", route.valid().get().withoutQuery("type").queryPart("type"), 400);
    }
    Add resources = new Add(RESOURCES, cat);
    resources.plex("no source", resources().withoutQuery("source"), 400);
    resources.plex("empty source", resources().setQuery("source", ""), 400);
    resources.plex("source without =", resources().withoutQuery("source").queryPart("source"), 400);
    Add signIn = new Add(SIGNIN, cat);
    signIn.plex("no login", signIn().body("password=" + enc(Fixture.USER_PASSWORD)), 400);
    signIn.plex("no password", signIn().body("login=" + Fixture.USER), 400);
    signIn.plex("empty login", signIn().body(form("", Fixture.USER_PASSWORD)), 400);
    signIn.plex("empty password", signIn().body(form(Fixture.USER, "")), 400);
    signIn.plex("empty form", signIn().body(""), 400);
    signIn.plex("only separators", signIn().body("&&&"), 400);
    signIn.plex("no body, no content type", signIn().withoutHeader("Content-Type").body(""), 400);
    signIn.plex("no client identifier", signIn().withoutHeader(CLIENT), 400);
    signIn.plex("empty client identifier", signIn().setHeader(CLIENT, ""), 400);
    signIn.plex("blank client identifier", signIn().setHeader(CLIENT, "   "), 400);
    signIn.plex(
        "empty client identifier in the query",
        signIn().withoutHeader(CLIENT).query(CLIENT, ""),
        400);
  }

  private void duplicatedParameters() {
    String cat = "duplicated parameter";
    for (Route route : tokenRoutes()) {
      Add add = new Add(route.endpoint(), cat);
      add.plex(
          "token header twice, same value", route.valid().get().header(TOKEN, route.token()), 400);
      add.plex(
          "token header twice, different values", route.valid().get().header(TOKEN, "other"), 400);
      add.plex(
          "token in the query twice",
          route
              .valid()
              .get()
              .withoutHeader(TOKEN)
              .query(TOKEN, route.token())
              .query(TOKEN, route.token()),
          400);
    }
    for (Route route : transientRoutes()) {
      Add add = new Add(route.endpoint(), cat);
      add.plex("type twice", route.valid().get().query("type", "delegation"), 400);
      add.plex("scope twice", route.valid().get().query("scope", "all"), 400);
    }
    Add resources = new Add(RESOURCES, cat);
    resources.plex("source twice", resources().query("source", enc(Fixture.SOURCE)), 400);
    resources.plex(
        "two different sources", resources().query("source", enc("server://other")), 400);
    Add signIn = new Add(SIGNIN, cat);
    String password = enc(Fixture.USER_PASSWORD);
    String valid = form(Fixture.USER, Fixture.USER_PASSWORD);
    signIn.plex("login twice", signIn().body("login=alice&login=alice&password=" + password), 400);
    signIn.plex("password twice", signIn().body(valid + "&password=" + password), 400);
    signIn.plex("rememberMe twice", signIn().body(valid + "&rememberMe=true&rememberMe=true"), 400);
    signIn.plex(
        "verificationCode twice",
        signIn().body(valid + "&verificationCode=1&verificationCode=1"),
        400);
    signIn.plex("client identifier header twice", signIn().header(CLIENT, "flood"), 400);
    signIn.plex(
        "client identifier twice in the query",
        signIn().withoutHeader(CLIENT).query(CLIENT, "a").query(CLIENT, "a"),
        400);
    for (String field : IDENTITY) {
      signIn.plex(field + " header twice", signIn().header(field, "a").header(field, "a"), 400);
    }
    signIn.plex(
        "Content-Type twice (form, then JSON)",
        signIn().header("Content-Type", "application/json"),
        400);
    signIn.plex("Content-Type twice (form, form)", signIn().header("Content-Type", FORM), 400);
  }

  private void wrongTypes() {
    String cat = "wrong type or value";
    for (Route route : transientRoutes()) {
      Add add = new Add(route.endpoint(), cat);
      for (String type :
          List.of(
              "1",
              "DELEGATION",
              "Delegation",
              "delegation%20",
              "shared",
              "delegation,all",
              "true",
              "%5B%5D")) {
        add.plex("type=" + type, route.valid().get().setQuery("type", type), 400);
      }
      for (String scope : List.of("none", "ALL", "1", "all%20", "*", "all,none")) {
        add.plex("scope=" + scope, route.valid().get().setQuery("scope", scope), 400);
      }
      add.plex(
          "type as an array",
          route.valid().get().withoutQuery("type").query("type[]", "delegation"),
          400);
    }
    Add resources = new Add(RESOURCES, cat);
    for (String source :
        List.of(
            "living-room",
            "1",
            "true",
            "http%3A%2F%2Fliving-room",
            "server%3A%2Fliving-room",
            "server%3A%2F%2F",
            "server%3A%2F%2Fa%20b",
            "SERVER%3A%2F%2Fliving-room",
            "server%3A%2F%2F" + "a".repeat(201))) {
      resources.plex("source=" + shorten(source), resources().setQuery("source", source), 400);
    }
    resources.plex(
        "source as an array",
        resources().withoutQuery("source").query("source[]", enc(Fixture.SOURCE)),
        400);
    resources.plex(
        "well-formed but unknown source",
        resources().setQuery("source", enc("server://nope")),
        404);
    resources.plex("a user's token, not an admin's", resources().setHeader(TOKEN, userToken), 403);
    Add signIn = new Add(SIGNIN, cat);
    String valid = form(Fixture.USER, Fixture.USER_PASSWORD);
    for (String remember : List.of("maybe", "yes", "2", "-1", "on", "t", "%00")) {
      signIn.plex("rememberMe=" + remember, signIn().body(valid + "&rememberMe=" + remember), 400);
    }
    signIn.plex(
        "login as an array",
        signIn().body("login[]=alice&password=" + enc(Fixture.USER_PASSWORD)),
        400);
    signIn.plex(
        "password as an array",
        signIn().body("login=alice&password[]=" + enc(Fixture.USER_PASSWORD)),
        400);
    signIn.plex(
        "a JSON object as the form",
        signIn().body("{\"login\":\"alice\",\"password\":\"x\"}"),
        400);
  }

  private void badEncodings() {
    String cat = "invalid percent-encoding or UTF-8";
    List<String> escapes =
        List.of(
            "%",
            "%z",
            "%zz",
            "%4",
            "%G1",
            "%%",
            "%C3%28",
            "%FF",
            "%FE%FF",
            "%ED%A0%80",
            "%C0%AF",
            "%F4%90%80%80",
            "%E0%80",
            "%F0%9F%98",
            "%80");
    for (String escape : escapes) {
      for (Route route : tokenRoutes()) {
        Add add = new Add(route.endpoint(), cat);
        add.plex("in a query value: " + escape, route.valid().get().query("junk", escape), 400);
        add.plex("in a query name: " + escape, route.valid().get().query("a" + escape, "1"), 400);
        add.plex(
            "in the token parameter: " + escape,
            route.valid().get().withoutHeader(TOKEN).query(TOKEN, escape),
            400);
      }
      Add signIn = new Add(SIGNIN, cat);
      signIn.plex("in the login: " + escape, signIn().body("login=" + escape + "&password=x"), 400);
      signIn.plex(
          "in a field name: " + escape,
          signIn().body(form(Fixture.USER, Fixture.USER_PASSWORD) + "&x" + escape + "=1"),
          400);
      signIn.plex("in the query: " + escape, signIn().query("junk", escape), 400);
    }
    Add signIn = new Add(SIGNIN, cat);
    signIn.plex(
        "raw byte 0xFF in the body",
        signIn().body(concat(ascii("login=alice&password="), new byte[] {(byte) 0xFF})),
        400);
    signIn.plex(
        "raw truncated UTF-8 in the body",
        signIn()
            .body(
                concat(
                    ascii("login="), new byte[] {(byte) 0xE2, (byte) 0x82}, ascii("&password=x"))),
        400);
  }

  private void overlongValues() {
    String cat = "overlong value";
    for (int size : List.of(10 * KB, 100 * KB, 1024 * KB)) {
      String label = size == 1024 * KB ? "1 MB" : size / KB + " KB";
      String big = "a".repeat(size);
      for (Route route : tokenRoutes()) {
        Add add = new Add(route.endpoint(), cat);
        add.http("token header of " + label, route.valid().get().setHeader(TOKEN, big), 401);
        add.http(
            "token query parameter of " + label,
            route.valid().get().withoutHeader(TOKEN).query(TOKEN, big),
            401);
      }
      new Add(TOKEN_GET, cat).http("type of " + label, tokenGet().setQuery("type", big), 400);
      new Add(RESOURCES, cat)
          .http("source of " + label, resources().setQuery("source", "server%3A%2F%2F" + big), 400);
      Add signIn = new Add(SIGNIN, cat);
      signIn.http("client identifier header of " + label, signIn().setHeader(CLIENT, big), 400);
      signIn.http(
          "client identifier in the query, " + label,
          signIn().withoutHeader(CLIENT).query(CLIENT, big),
          400);
      signIn.http("product header of " + label, signIn().header("X-Plex-Product", big), 400);
      int bodyStatus = size > 64 * KB ? 413 : 400;
      signIn.plex(
          "login field of " + label, signIn().body("login=" + big + "&password=x"), bodyStatus);
      signIn.plex(
          "password field of " + label, signIn().body("login=alice&password=" + big), bodyStatus);
      signIn.plex(
          "verification code of " + label,
          signIn().body(form(Fixture.USER, Fixture.USER_PASSWORD) + "&verificationCode=" + big),
          bodyStatus);
      new Add(TOKEN_POST, cat)
          .plex(
              "body of " + label + " without a token",
              tokenPost().withoutHeader(TOKEN).header("Content-Type", FORM).body(big),
              401);
    }
    Add signIn = new Add(SIGNIN, cat);
    signIn.plex(
        "login of 257 characters",
        signIn().body(form("a".repeat(257), Fixture.USER_PASSWORD)),
        400);
    signIn.plex(
        "password of 1025 characters", signIn().body(form(Fixture.USER, "p".repeat(1025))), 400);
    signIn.plex(
        "client identifier of 257 characters", signIn().setHeader(CLIENT, "c".repeat(257)), 400);
    for (String field : IDENTITY) {
      signIn.plex(field + " of 257 characters", signIn().header(field, "p".repeat(257)), 400);
    }
  }

  private void controlCharacters() {
    Add signIn = new Add(SIGNIN, "control characters and header injection");
    Map<String, String> encoded = new LinkedHashMap<>();
    encoded.put("CR LF and an injected header", "x%0D%0AX-Injected:%20yes");
    encoded.put("NUL", "a%00b");
    encoded.put("escape sequence", "%1B%5B31m");
    encoded.put("DEL", "a%7Fb");
    encoded.put("bare LF", "a%0Ab");
    encoded.put("C1 control", "a%C2%85b");
    for (Map.Entry<String, String> c : encoded.entrySet()) {
      signIn.plex(
          "client identifier in the query: " + c.getKey(),
          signIn().withoutHeader(CLIENT).query(CLIENT, c.getValue()),
          400);
      for (String field : IDENTITY) {
        signIn.plex(
            field + " in the query: " + c.getKey(), signIn().query(field, c.getValue()), 400);
      }
      signIn.plex(
          "login: " + c.getKey(), signIn().body("login=" + c.getValue() + "&password=x"), 400);
      new Add(TOKEN_GET, signIn.category)
          .plex(
              "type: " + c.getKey(), tokenGet().setQuery("type", "delegation" + c.getValue()), 400);
      new Add(RESOURCES, signIn.category)
          .plex(
              "source: " + c.getKey(),
              resources().setQuery("source", "server%3A%2F%2F" + c.getValue()),
              400);
    }
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("NUL", "a\u0000b");
    raw.put("escape", "a\u001Bb");
    raw.put("DEL", "a\u007Fb");
    raw.put("bare CR", "a\rX-Injected: yes");
    List<String> fields = List.of(CLIENT, "X-Plex-Product", "X-Plex-Device");
    for (Map.Entry<String, String> c : raw.entrySet()) {
      for (String field : fields) {
        signIn.http(field + " header: " + c.getKey(), signIn().setHeader(field, c.getValue()), 400);
      }
    }
    // A line break HTTP accepts ends the header: what follows becomes a second copy of it.
    for (String field : fields) {
      signIn.http(
          field + " header: CR LF and a second " + field,
          signIn().setHeader(field, "a\r\n" + field + ": b"),
          400);
      signIn.http(
          field + " header: bare LF and a second " + field,
          signIn().setHeader(field, "a\n" + field + ": b"),
          400);
    }
  }

  private void bodies() {
    Add signIn = new Add(SIGNIN, "body over the limit");
    String valid = form(Fixture.USER, Fixture.USER_PASSWORD);
    byte[] form = ascii(valid);
    signIn.plex(
        "64 KiB + 1 byte",
        signIn().body(valid + "&pad=" + "p".repeat(64 * KB + 1 - form.length - 5)),
        413);
    signIn.plex("declared 10 GB, sent the form", signIn().contentLength("10737418240"), 413);
    signIn.plex(
        "declared 64 KiB + 1, sent the form",
        signIn().contentLength(Integer.toString(64 * KB + 1)),
        413);
    for (int size : List.of(100 * KB, 1024 * KB)) {
      String label = size == 1024 * KB ? "1 MB" : size / KB + " KB";
      byte[] body = concat(form, ascii("&pad=" + "p".repeat(size)));
      signIn.plex(label + " with Content-Length", signIn().body(body), 413);
      signIn.plex(
          label + " chunked",
          signIn().header("Transfer-Encoding", "chunked").body(chunked(body, 8 * KB, true)),
          413);
    }
    Add type = new Add(SIGNIN, "wrong content type");
    List<String> types =
        List.of(
            "application/json",
            "application/json; charset=utf-8",
            "text/plain",
            "multipart/form-data; boundary=x",
            "application/xml",
            "text/xml",
            "application/octet-stream",
            FORM + "; charset=iso-8859-1",
            FORM + "; charset=utf-16",
            FORM + "; charset=us-ascii",
            FORM + "x",
            "form",
            "*/*",
            FORM + ", application/json",
            "");
    for (String contentType : types) {
      String name = "Content-Type: " + (contentType.isEmpty() ? "(empty)" : contentType);
      type.plex(name, signIn().setHeader("Content-Type", contentType), 415);
    }
    type.plex("no Content-Type with a body", signIn().withoutHeader("Content-Type"), 415);
    Add truncated = new Add(SIGNIN, "truncated body");
    truncated.http(
        "declared 100 bytes, sent 10, then closed",
        signIn().body(Arrays.copyOf(form, 10)).contentLength("100"),
        400);
    truncated.http(
        "declared 64 KiB, sent the form, then closed",
        signIn().contentLength(Integer.toString(64 * KB)),
        400);
    truncated.http(
        "declared one byte more than sent",
        signIn().contentLength(Integer.toString(form.length + 1)),
        400);
    truncated.http(
        "chunked without the last chunk",
        signIn().header("Transfer-Encoding", "chunked").body(chunked(form, 8, false)),
        400);
    truncated.http(
        "chunk declares 256 bytes, 10 sent",
        signIn().header("Transfer-Encoding", "chunked").body("100\r\nlogin=alic"),
        400);
    truncated.http(
        "chunk size not hex",
        signIn().header("Transfer-Encoding", "chunked").body("zz\r\nlogin\r\n0\r\n\r\n"),
        400);
  }

  private void wrongMethods() {
    Add add = new Add(OTHER_METHODS, "wrong method");
    Map<String, Supplier<RawRequest>> paths = new LinkedHashMap<>();
    paths.put("/security/token", this::tokenGet);
    paths.put("/security/resources", this::resources);
    paths.put("/api/v2/user", this::user);
    paths.put(SIGNIN_PATH, this::signIn);
    Map<String, List<String>> allowed =
        Map.of(
            "/security/token",
            List.of("GET", "POST"),
            "/security/resources",
            List.of("GET"),
            "/api/v2/user",
            List.of("GET"),
            SIGNIN_PATH,
            List.of("POST"));
    List<String> methods =
        List.of(
            "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND", "BREW", "get", "Post");
    for (Map.Entry<String, Supplier<RawRequest>> path : paths.entrySet()) {
      for (String method : methods) {
        if (!allowed.get(path.getKey()).contains(method)) {
          add.plex(method + " " + path.getKey(), path.getValue().get().method(method), 405);
        }
      }
      add.http("TRACE " + path.getKey(), path.getValue().get().method("TRACE"), 405);
    }
  }

  private void unknownPaths() {
    Add add = new Add(UNKNOWN_PATHS, "unknown path");
    List<String> paths =
        List.of(
            "/nope",
            "/api",
            "/api/v2",
            "/api/v2/users",
            "/api/v2/users/signin/x",
            "/api/v2/user/x",
            "/api/v1/user",
            "/api/v2/users/signin.json",
            "/security",
            "/security/tokens",
            "/security/token/x",
            "/security/resources/x",
            "/security/token.json",
            "/SECURITY/TOKEN",
            "/Security/Resources",
            "/API/V2/USER",
            "/favicon.ico",
            "/index.html",
            "/.env",
            "/admin",
            "/security/token%20",
            "/security/token%0D%0AX-Injected:%20yes",
            "/" + "a".repeat(2 * KB));
    for (String path : paths) {
      for (String method : List.of("GET", "POST")) {
        add.plex(
            method + " " + shorten(path),
            RawRequest.of(method, path).header(TOKEN, userToken),
            404);
      }
    }
    List<String> forbidden =
        List.of(
            "/security%2Ftoken",
            "//security/token",
            "/security/./token",
            "/security/../security/token",
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/security/token%00",
            "/security/%zztoken",
            "/api/v2/%FF",
            "/" + "a".repeat(16 * KB));
    for (String path : forbidden) {
      add.http("GET " + shorten(path), RawRequest.of("GET", path).header(TOKEN, userToken), 404);
    }
  }

  private void framing() {
    Add add = new Add(FRAMING, "malformed HTTP");
    RawRequest anonymous = user().withoutHeader(TOKEN);
    add.http("not HTTP at all", RawRequest.of("HELLO", "").target("").version(""), 400);
    add.http("HTTP/0.9 request line", user().version(""), 400);
    add.http("HTTP/9.9", user().version("HTTP/9.9"), 400);
    add.http("HTTP/2.0 over HTTP/1 framing", user().version("HTTP/2.0"), 400);
    add.http("lower-case version, no token", anonymous.copy().version("http/1.1"), 401);
    add.http("no Host header", user().withoutHeader("Host"), 400);
    add.http("two Host headers", user().header("Host", "evil.example"), 400);
    add.http(
        "header line without a colon",
        anonymous.copy().rawHeaderLine(TOKEN + " " + userToken),
        401);
    add.http("space in a header name", anonymous.copy().header("X Plex Token", userToken), 401);
    add.http("space before the colon", anonymous.copy().header(TOKEN + " ", userToken), 401);
    add.http("obsolete line folding", user().setHeader(TOKEN, "a\r\n b"), 401);
    add.http("empty header name", user().header("", "value"), 400);
    add.http("NUL in the request-target", user().path("/api/v2/\u0000user"), 404);
    add.http("raw space in the request-target", user().path("/api/v2/ user"), 404);
    add.http(
        "raw non-ASCII in the query", tokenGet().setQuery("type", "d\u00e9l\u00e9gation"), 400);
    add.http("raw byte 0xFF in the query", tokenGet().setQuery("type", "\u00ff"), 400);
    add.http("Content-Length not a number", signIn().contentLength("abc"), 400);
    add.http("negative Content-Length", signIn().contentLength("-1"), 400);
    add.http("Content-Length beyond a long", signIn().contentLength("99999999999999999999"), 400);
    add.http("two different Content-Lengths", signIn().header("Content-Length", "1"), 400);
    add.http("Content-Length and chunked", signIn().header("Transfer-Encoding", "chunked"), 400);
    add.http(
        "unknown transfer coding",
        signIn().header("Transfer-Encoding", "gzip").contentLength(null),
        400);
    add.http(
        "Expect: 100-continue, length over the limit",
        signIn().header("Expect", "100-continue").contentLength("1048576"),
        413);
    add.http("unknown Expect", anonymous.copy().header("Expect", "teapot"), 401);
    add.http(
        "absolute-form target, no token",
        RawRequest.of("GET", "http://127.0.0.1/api/v2/user"),
        401);
    add.http("500 headers", manyHeaders(anonymous.copy(), 500), 401);
    add.http(
        "h2c upgrade, no token",
        anonymous
            .copy()
            .header("Upgrade", "h2c")
            .header("HTTP2-Settings", "AAMAAABkAARAAAAAAAIAAAAA"),
        401);
  }

  // ------------------------------------------------------------------ helpers

  static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String form(String login, String password) {
    return "login=" + enc(login) + "&password=" + enc(password);
  }

  static String shorten(String text) {
    String oneLine = text.replace("\r", "\\r").replace("\n", "\\n");
    return oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static String changeAt(String token, int index) {
    char replacement = token.charAt(index) == 'A' ? 'B' : 'A';
    return token.substring(0, index) + replacement + token.substring(index + 1);
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return bytes;
  }

  private static String randomToken(Random random) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(random));
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] chunked(byte[] body, int chunkSize, boolean terminated) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int at = 0; at < body.length; at += chunkSize) {
      int n = Math.min(chunkSize, body.length - at);
      out.writeBytes(ascii(Integer.toHexString(n) + "\r\n"));
      out.write(body, at, n);
      out.writeBytes(ascii("\r\n"));
    }
    if (terminated) {
      out.writeBytes(ascii("0\r\n\r\n"));
    }
    return out.toByteArray();
  }

  private static RawRequest manyHeaders(RawRequest request, int n) {
    for (int i = 0; i < n; i++) {
      request.header("X-Filler-" + i, "v");
    }
    return request;
  }
}
