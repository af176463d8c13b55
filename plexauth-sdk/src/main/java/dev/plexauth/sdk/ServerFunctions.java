package dev.plexauth.sdk;

import dev.plexauth.sdk.errors.PlexException;
import dev.plexauth.sdk.models.GetServerCapabilitiesResponse;
import dev.plexauth.sdk.models.GetServerIdentityResponse;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The standalone, non-throwing form of the {@link Server} operations, as plexjs's {@code server…}
 * functions: each returns a {@link Result} holding the answer or the {@link PlexException}.
 *
 * <pre>{@code
 * Result<GetServerIdentityResponse> res = ServerFunctions.serverGetServerIdentity(plex);
 * }</pre>
 */
public final class ServerFunctions {

  private ServerFunctions() {}

  private static <T> Result<T> capture(Supplier<T> call) {
    try {
      return new Result.Ok<>(call.get());
    } catch (PlexException e) {
      return new Result.Err<>(e);
    }
  }

  /**
   * {@link Server#getServerIdentity()} as a {@link Result}.
   *
   * @param plex the client
   * @return the answer or the error
   */
  public static Result<GetServerIdentityResponse> serverGetServerIdentity(PlexAPI plex) {
    return serverGetServerIdentity(plex, RequestOptions.none());
  }

  /**
   * {@link Server#getServerIdentity(RequestOptions)} as a {@link Result}.
   *
   * @param plex the client
   * @param options the settings of this call
   * @return the answer or the error
   */
  public static Result<GetServerIdentityResponse> serverGetServerIdentity(
      PlexAPI plex, RequestOptions options) {
    Objects.requireNonNull(plex, "plex == null");
    Server group = plex.server();
    return capture(() -> group.getServerIdentity(options));
  }

  /**
   * {@link Server#getServerCapabilities()} as a {@link Result}.
   *
   * @param plex the client
   * @return the answer or the error
   */
  public static Result<GetServerCapabilitiesResponse> serverGetServerCapabilities(PlexAPI plex) {
    return serverGetServerCapabilities(plex, RequestOptions.none());
  }

  /**
   * {@link Server#getServerCapabilities(RequestOptions)} as a {@link Result}.
   *
   * @param plex the client
   * @param options the settings of this call
   * @return the answer or the error
   */
  public static Result<GetServerCapabilitiesResponse> serverGetServerCapabilities(
      PlexAPI plex, RequestOptions options) {
    Objects.requireNonNull(plex, "plex == null");
    Server group = plex.server();
    return capture(() -> group.getServerCapabilities(options));
  }
}
