package dev.plexauth.server.http;

import dev.plexauth.sdk.errors.PlexErrorCode;
import dev.plexauth.sdk.models.Connection;
import dev.plexauth.sdk.models.Device;
import dev.plexauth.server.auth.Authenticator;
import dev.plexauth.server.auth.Caller;
import dev.plexauth.server.store.SourceRow;
import dev.plexauth.server.store.Store;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.regex.Pattern;

/** The Plex Media Server role: transient tokens and source connection information. */
final class PmsRoutes {

  /** As the ids sources are registered with: no white space and no control characters. */
  private static final Pattern SOURCE =
      Pattern.compile("(server|provider)://[^\\s\\x00-\\x1F\\x7F-\\x9F]{1,200}");

  private final Authenticator authenticator;
  private final Store store;

  PmsRoutes(Authenticator authenticator, Store store) {
    this.authenticator = authenticator;
    this.store = store;
  }

  /** {@code GET|POST /security/token?type=delegation&scope=all}. */
  void transientToken(Context ctx) {
    PlexRequest request = PlexRequest.of(ctx);
    Caller caller = authenticate(request);
    Optional<String> type = request.queryValue("type");
    Optional<String> scope = request.queryValue("scope");
    if (!type.equals(Optional.of("delegation")) || !scope.equals(Optional.of("all"))) {
      throw ApiError.badRequest("type must be delegation and scope must be all");
    }
    Responses.ok(
        ctx,
        200,
        MediaContainer.transientToken(authenticator.mintTransient(caller)),
        MediaContainer.XML_ROOT);
  }

  /** {@code GET /security/resources?source=server://…}. */
  void resources(Context ctx) {
    PlexRequest request = PlexRequest.of(ctx);
    Caller caller = authenticate(request);
    String sourceId =
        request
            .queryValue("source")
            .orElseThrow(() -> ApiError.badRequest("the source query parameter is required"));
    if (!SOURCE.matcher(sourceId).matches()) {
      throw ApiError.badRequest(
          "source must look like server://identifier or provider://identifier");
    }
    if (!caller.admin()) {
      throw ApiError.of(403, PlexErrorCode.FORBIDDEN, "This needs an admin token");
    }
    SourceRow source =
        store
            .findSource(sourceId)
            .orElseThrow(() -> ApiError.of(404, PlexErrorCode.NOT_FOUND, "Source not found"));
    Device device =
        new Device(
            source.name(),
            source.clientIdentifier(),
            authenticator.mintTransient(caller),
            source.connections().stream()
                .map(
                    c ->
                        new Connection(
                            c.protocol(), c.address(), c.port(), c.uri(), c.local(), c.relay()))
                .toList());
    Responses.ok(ctx, 200, MediaContainer.resources(device), MediaContainer.XML_ROOT);
  }

  private Caller authenticate(PlexRequest request) {
    return authenticator.authenticate(request.token()).orElseThrow(ApiError::unauthorized);
  }
}
