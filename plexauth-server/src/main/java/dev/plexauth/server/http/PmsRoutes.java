package dev.plexauth.server.http;

import dev.plexauth.sdk.errors.PlexErrorCode;
import dev.plexauth.sdk.models.Device;
import dev.plexauth.server.auth.AccessDenied;
import dev.plexauth.server.auth.Authenticator;
import dev.plexauth.server.auth.Principal;
import dev.plexauth.server.auth.SecurityEvents;
import dev.plexauth.server.auth.ServerInfo;
import dev.plexauth.server.auth.SourceAccess;
import dev.plexauth.server.auth.SourceId;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The Plex Media Server role: the server's identity and capabilities, transient tokens and source
 * connection information. Every PMS token works here: account tokens, resource tokens and transient
 * tokens.
 */
final class PmsRoutes {

  private final Authenticator authenticator;
  private final SourceAccess sources;
  private final ServerInfo server;

  PmsRoutes(Authenticator authenticator, SourceAccess sources, ServerInfo server) {
    this.authenticator = authenticator;
    this.sources = sources;
    this.server = server;
  }

  /** {@code GET /identity}: no token needed, as PMS. */
  void identity(Context ctx) {
    Responses.ok(ctx, 200, MediaContainer.identity(server.identity()), MediaContainer.XML_ROOT);
  }

  /** {@code GET /}: the server's capabilities, for any valid PMS token. */
  void capabilities(Context ctx) {
    authenticate(PlexRequest.of(ctx));
    Responses.ok(
        ctx, 200, MediaContainer.capabilities(server.capabilities()), MediaContainer.XML_ROOT);
  }

  /** {@code GET|POST /security/token?type=delegation&scope=all}. */
  void transientToken(Context ctx) {
    PlexRequest request = PlexRequest.of(ctx);
    Principal principal = authenticate(request);
    Optional<String> type = request.queryValue("type");
    Optional<String> scope = request.queryValue("scope");
    if (!type.equals(Optional.of("delegation")) || !scope.equals(Optional.of("all"))) {
      throw ApiError.badRequest("type must be delegation and scope must be all");
    }
    Responses.ok(
        ctx,
        200,
        MediaContainer.transientToken(authenticator.mintTransient(principal)),
        MediaContainer.XML_ROOT);
  }

  /** {@code GET /security/resources?source=server://…}. */
  void resources(Context ctx) {
    PlexRequest request = PlexRequest.of(ctx);
    Principal principal = authenticate(request);
    String source =
        request
            .queryValue("source")
            .orElseThrow(() -> ApiError.badRequest("the source query parameter is required"));
    SourceId sourceId =
        SourceId.parse(source)
            .orElseThrow(
                () ->
                    ApiError.badRequest(
                        "source must look like server://identifier or provider://identifier"));
    Device device;
    try {
      device =
          sources
              .connectionInformation(principal, sourceId)
              .orElseThrow(() -> ApiError.of(404, PlexErrorCode.NOT_FOUND, "Source not found"));
    } catch (AccessDenied denied) {
      SecurityEvents.emit(
          "access_denied",
          SecurityEvents.Outcome.REFUSED,
          "source_information_needs_admin",
          PlexRequest.eventOrigin(ctx),
          OptionalLong.of(principal.accountId()));
      throw ApiError.of(403, PlexErrorCode.FORBIDDEN, denied.getMessage());
    }
    Responses.ok(ctx, 200, MediaContainer.resources(device), MediaContainer.XML_ROOT);
  }

  private Principal authenticate(PlexRequest request) {
    return authenticator.authenticatePms(request.token()).orElseThrow(ApiError::unauthorized);
  }
}
