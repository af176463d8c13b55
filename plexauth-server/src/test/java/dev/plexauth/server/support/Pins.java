package dev.plexauth.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * PIN sign-in on the wire, as an app and an approver send it: make a pin, link its code, poll it.
 *
 * <pre>{@code
 * JsonNode pin = Pins.create(http, "tv", false);
 * Pins.link(http, approverToken, pin.path("code").asText());     // 204
 * String token = Pins.poll(http, pin.path("id").asLong(), "tv").json().path("authToken").asText();
 * }</pre>
 */
public final class Pins {

  private Pins() {}

  /** {@code POST /api/v2/pins?strong=…} with a product name, JSON answer. */
  public static Http.Response request(Http http, String clientId, boolean strong) {
    return http.send(
        "POST",
        "/api/v2/pins?strong=" + strong,
        null,
        "Accept",
        "application/json",
        "X-Plex-Client-Identifier",
        clientId,
        "X-Plex-Product",
        "Living Room TV",
        "X-Plex-Version",
        "2.4.1",
        "X-Plex-Platform",
        "Roku",
        "X-Plex-Device",
        "Roku 3");
  }

  /** A new pin's JSON; fails the test unless the answer is 201. */
  public static JsonNode create(Http http, String clientId, boolean strong) {
    Http.Response response = request(http, clientId, strong);
    if (response.status() != 201) {
      throw new AssertionError("POST /api/v2/pins: " + response.status() + " " + response.body());
    }
    return response.json();
  }

  /** {@code GET /api/v2/pins/{id}} as the client identifier, JSON answer. */
  public static Http.Response poll(Http http, long id, String clientId) {
    return http.getJson("/api/v2/pins/" + id, "X-Plex-Client-Identifier", clientId);
  }

  /** {@code PUT /api/v2/pins/link} with the code and the approver's token, JSON errors. */
  public static Http.Response link(Http http, String token, String code) {
    return http.send(
        "PUT",
        "/api/v2/pins/link",
        Http.form(Map.of("code", code)),
        "Content-Type",
        "application/x-www-form-urlencoded",
        "Accept",
        "application/json",
        "X-Plex-Token",
        token);
  }
}
