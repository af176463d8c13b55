package dev.plexauth.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A small loopback HTTP client for wire-level tests. */
public final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;

  public Http(String base) {
    this.base = base;
  }

  /** An answer. */
  public record Response(int status, Map<String, java.util.List<String>> headers, String body) {
    public Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst();
    }

    public String contentType() {
      return header("Content-Type").orElse("");
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    /** The first Plex error code of a JSON error body. */
    public int errorCode() {
      return json().path("errors").path(0).path("code").asInt(-1);
    }
  }

  public Response send(String method, String pathAndQuery, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  public Response send(HttpRequest request) {
    try {
      HttpResponse<String> response =
          CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(20));
  }

  /** GET with Accept: application/json. */
  public Response getJson(String pathAndQuery, String... headers) {
    return send("GET", pathAndQuery, null, with(headers, "Accept", "application/json"));
  }

  /** GET without an Accept header: the server answers XML. */
  public Response getXml(String pathAndQuery, String... headers) {
    return send("GET", pathAndQuery, null, headers);
  }

  /** A sign-in as plexjs sends it (JSON answer). */
  public Response signIn(String clientId, String login, String password, String code) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("login", login);
    form.put("password", password);
    form.put("rememberMe", "false");
    if (code != null) {
      form.put("verificationCode", code);
    }
    return send(
        "POST",
        "/api/v2/users/signin",
        form(form),
        "Content-Type",
        "application/x-www-form-urlencoded",
        "Accept",
        "application/json",
        "X-Plex-Client-Identifier",
        clientId);
  }

  /**
   * The older sign-in, {@code POST /users/sign_in.json}, with HTTP Basic credentials as
   * {@code @ctrl/plex} sends them ({@code Content-type: application/json}, no body).
   */
  public Response legacySignIn(String clientId, String login, String password) {
    return send(
        "POST",
        "/users/sign_in.json",
        null,
        "Authorization",
        basic(login, password),
        "Content-Type",
        "application/json",
        "Accept",
        "application/json",
        "X-Plex-Client-Identifier",
        clientId);
  }

  /** {@code Authorization: Basic …} for {@code login:password} in UTF-8. */
  public static String basic(String login, String password) {
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The token of a successful sign-in; fails the test otherwise. */
  public String signInToken(String clientId, String login, String password, String code) {
    Response response = signIn(clientId, login, password, code);
    if (response.status() != 201) {
      throw new AssertionError("sign-in failed: " + response.status() + " " + response.body());
    }
    return response.json().path("authToken").asText();
  }

  public String transientToken(String token) {
    Response response = getJson("/security/token?type=delegation&scope=all", "X-Plex-Token", token);
    if (response.status() != 200) {
      throw new AssertionError(
          "transient token failed: " + response.status() + " " + response.body());
    }
    return response.json().path("MediaContainer").path("token").asText();
  }

  public static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
        .collect(Collectors.joining("&"));
  }

  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String[] with(String[] headers, String name, String value) {
    String[] out = java.util.Arrays.copyOf(headers, headers.length + 2);
    out[headers.length] = name;
    out[headers.length + 1] = value;
    return out;
  }
}
