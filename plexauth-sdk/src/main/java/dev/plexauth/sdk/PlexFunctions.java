package dev.plexauth.sdk;

import dev.plexauth.sdk.errors.PlexException;
import dev.plexauth.sdk.models.GetServerResourcesResponse;
import dev.plexauth.sdk.models.IncludeHttps;
import dev.plexauth.sdk.models.IncludeIPv6;
import dev.plexauth.sdk.models.IncludeRelay;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The standalone, non-throwing form of the {@link Plex} operations, as plexjs's {@code plex…}
 * functions: each returns a {@link Result} holding the answer or the {@link PlexException}. Only
 * {@code PlexException} is captured; a programming error still throws.
 *
 * <pre>{@code
 * Result<GetServerResourcesResponse> res = PlexFunctions.plexGetServerResources(plex, "my-client");
 * }</pre>
 */
public final class PlexFunctions {

  private PlexFunctions() {}

  private static <T> Result<T> capture(Supplier<T> call) {
    try {
      return new Result.Ok<>(call.get());
    } catch (PlexException e) {
      return new Result.Err<>(e);
    }
  }

  // getServerResources
  /**
   * {@link Plex#getServerResources(String)} as a {@link Result}.
   *
   * @param plex the client
   * @param clientID see {@link Plex#getServerResources(String)}
   * @return the answer or the error
   */
  public static Result<GetServerResourcesResponse> plexGetServerResources(
      PlexAPI plex, String clientID) {
    return plexGetServerResources(plex, clientID, RequestOptions.none());
  }

  /**
   * {@link Plex#getServerResources(String, RequestOptions)} as a {@link Result}.
   *
   * @param plex the client
   * @param clientID see {@link Plex#getServerResources(String)}
   * @param options the settings of this call
   * @return the answer or the error
   */
  public static Result<GetServerResourcesResponse> plexGetServerResources(
      PlexAPI plex, String clientID, RequestOptions options) {
    Objects.requireNonNull(plex, "plex == null");
    Plex group = plex.plex();
    return capture(() -> group.getServerResources(clientID, options));
  }

  /**
   * {@link Plex#getServerResources(String, IncludeHttps, IncludeRelay, IncludeIPv6)} as a {@link
   * Result}.
   *
   * @param plex the client
   * @param clientID see {@link Plex#getServerResources(String, IncludeHttps, IncludeRelay,
   *     IncludeIPv6)}
   * @param includeHttps see {@link Plex#getServerResources(String, IncludeHttps, IncludeRelay,
   *     IncludeIPv6)}
   * @param includeRelay see {@link Plex#getServerResources(String, IncludeHttps, IncludeRelay,
   *     IncludeIPv6)}
   * @param includeIPv6 see {@link Plex#getServerResources(String, IncludeHttps, IncludeRelay,
   *     IncludeIPv6)}
   * @return the answer or the error
   */
  public static Result<GetServerResourcesResponse> plexGetServerResources(
      PlexAPI plex,
      String clientID,
      IncludeHttps includeHttps,
      IncludeRelay includeRelay,
      IncludeIPv6 includeIPv6) {
    return plexGetServerResources(
        plex, clientID, includeHttps, includeRelay, includeIPv6, RequestOptions.none());
  }

  /**
   * {@link Plex#getServerResources(String, IncludeHttps, IncludeRelay, IncludeIPv6,
   * RequestOptions)} as a {@link Result}.
   *
   * @param plex the client
   * @param clientID see {@link Plex#getServerResources(String, IncludeHttps, IncludeRelay,
   *     IncludeIPv6)}
   * @param includeHttps see {@link Plex#getServerResources(String, IncludeHttps, IncludeRelay,
   *     IncludeIPv6)}
   * @param includeRelay see {@link Plex#getServerResources(String, IncludeHttps, IncludeRelay,
   *     IncludeIPv6)}
   * @param includeIPv6 see {@link Plex#getServerResources(String, IncludeHttps, IncludeRelay,
   *     IncludeIPv6)}
   * @param options the settings of this call
   * @return the answer or the error
   */
  public static Result<GetServerResourcesResponse> plexGetServerResources(
      PlexAPI plex,
      String clientID,
      IncludeHttps includeHttps,
      IncludeRelay includeRelay,
      IncludeIPv6 includeIPv6,
      RequestOptions options) {
    Objects.requireNonNull(plex, "plex == null");
    Plex group = plex.plex();
    return capture(
        () -> group.getServerResources(clientID, includeHttps, includeRelay, includeIPv6, options));
  }
}
