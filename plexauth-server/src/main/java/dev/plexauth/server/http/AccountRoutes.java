package dev.plexauth.server.http;

import dev.plexauth.sdk.errors.PlexErrorCode;
import dev.plexauth.sdk.models.AuthorizedDevice;
import dev.plexauth.sdk.models.PlexDevice;
import dev.plexauth.server.auth.Authenticator;
import dev.plexauth.server.auth.ConnectionFilter;
import dev.plexauth.server.auth.DeviceService;
import dev.plexauth.server.auth.Principal;
import dev.plexauth.server.auth.ResourceService;
import dev.plexauth.server.auth.SecurityEvents;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The plex.tv routes around an account token: ping, sign-out, resources and devices. Each takes an
 * account token only; a transient or resource token is 401, as an unknown one is, so a token handed
 * to a server can neither see nor end the account's devices.
 */
final class AccountRoutes {

  /** A device id as the routes take it: 1 to 16 decimal digits. */
  private static final Pattern DEVICE_ID = Pattern.compile("[0-9]{1,16}");

  private final Authenticator authenticator;
  private final ResourceService resources;
  private final DeviceService devices;

  AccountRoutes(Authenticator authenticator, ResourceService resources, DeviceService devices) {
    this.authenticator = authenticator;
    this.resources = resources;
    this.devices = devices;
  }

  /** {@code GET /api/v2/ping}: the token is good; record that it was seen. */
  void ping(Context ctx) {
    Principal principal = authenticate(ctx);
    devices.ping(principal);
    Responses.okValue(ctx, "pong", true);
  }

  /** {@code DELETE /api/v2/users/signout}: end the token presented. */
  void signOut(Context ctx) {
    Principal principal = authenticate(ctx);
    devices.signOut(principal);
    event(ctx, "sign_out", SecurityEvents.Outcome.SUCCESS, "token_ended", principal);
    Responses.noContent(ctx);
  }

  /** {@code GET /api/v2/resources?includeHttps=&includeRelay=&includeIPv6=}. */
  void resources(Context ctx) {
    PlexRequest request = PlexRequest.of(ctx);
    Principal principal = authenticate(request);
    request
        .identityValue("X-Plex-Client-Identifier")
        .orElseThrow(
            () ->
                ApiError.of(
                    400,
                    PlexErrorCode.CLIENT_IDENTIFIER_MISSING,
                    "X-Plex-Client-Identifier is missing"));
    ConnectionFilter filter =
        new ConnectionFilter(
            flag(request, "includeHttps"),
            flag(request, "includeRelay"),
            flag(request, "includeIPv6"));
    List<PlexDevice> found = resources.resources(principal, filter);
    Responses.ok(ctx, 200, found, "resources");
  }

  /** {@code GET /api/v2/devices}: the account's devices. */
  void devices(Context ctx) {
    Principal principal = authenticate(ctx);
    List<AuthorizedDevice> found = devices.devices(principal);
    Responses.ok(ctx, 200, found, "devices");
  }

  /** {@code GET /devices.xml}: the account's devices, the older way; the list is always XML. */
  void devicesXml(Context ctx) {
    Principal principal = authenticate(ctx);
    LegacyDevices body = LegacyDevices.of(devices.devices(principal));
    // The answer is XML, as the path says; errors (above) follow Accept, as everywhere.
    ctx.attribute(Responses.FORMAT, Responses.Format.XML);
    Responses.ok(ctx, 200, body, body, MediaContainer.XML_ROOT);
  }

  /** {@code DELETE /api/v2/devices/{id}} and {@code DELETE /devices/{id}.xml}. */
  void removeDevice(Context ctx) {
    Principal principal = authenticate(ctx);
    String id = ctx.pathParam("id");
    // The older path's segment is {id}.xml (the route table matched it); the newer one's is {id}.
    if (!ctx.path().startsWith("/api/") && id.endsWith(".xml")) {
      id = id.substring(0, id.length() - 4);
    }
    // An id that is not a number is no device of the caller's either: the same 404.
    if (!DEVICE_ID.matcher(id).matches() || !devices.removeDevice(principal, Long.parseLong(id))) {
      event(ctx, "device_removed", SecurityEvents.Outcome.REFUSED, "not_found", principal);
      throw ApiError.of(404, PlexErrorCode.NOT_FOUND, "Device not found");
    }
    event(ctx, "device_removed", SecurityEvents.Outcome.SUCCESS, "by_owner", principal);
    Responses.noContent(ctx);
  }

  private static void event(
      Context ctx,
      String event,
      SecurityEvents.Outcome outcome,
      String reason,
      Principal principal) {
    SecurityEvents.emit(
        event,
        outcome,
        reason,
        PlexRequest.eventOrigin(ctx),
        OptionalLong.of(principal.accountId()));
  }

  private Principal authenticate(Context ctx) {
    return authenticate(PlexRequest.of(ctx));
  }

  private Principal authenticate(PlexRequest request) {
    return authenticator.authenticatePlexTv(request.token()).orElseThrow(ApiError::unauthorized);
  }

  /** {@code 1} (or {@code true}) lists that kind of connection; absent or {@code 0} does not. */
  private static boolean flag(PlexRequest request, String name) {
    Optional<String> value = request.queryValue(name);
    if (value.isEmpty()) {
      return false;
    }
    return switch (value.get()) {
      case "1", "true" -> true;
      case "0", "false" -> false;
      default -> throw ApiError.badRequest(name + " must be 0 or 1");
    };
  }
}
