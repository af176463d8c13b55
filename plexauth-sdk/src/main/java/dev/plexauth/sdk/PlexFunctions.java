package dev.plexauth.sdk;

import dev.plexauth.sdk.errors.PlexException;
import dev.plexauth.sdk.models.GetPinRequest;
import dev.plexauth.sdk.models.GetPinResponse;
import dev.plexauth.sdk.models.GetServerResourcesResponse;
import dev.plexauth.sdk.models.GetTokenByPinIdRequest;
import dev.plexauth.sdk.models.GetTokenByPinIdResponse;
import dev.plexauth.sdk.models.IncludeHttps;
import dev.plexauth.sdk.models.IncludeIPv6;
import dev.plexauth.sdk.models.IncludeRelay;
import dev.plexauth.sdk.models.LinkPinResponse;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The standalone, non-throwing form of the {@link Plex} operations, as plexjs's {@code plex…}
 * functions: each returns a {@link Result} holding the answer or the {@link PlexException}. Only
 * {@code PlexException} is captured; a programming error (a null argument, no client identifier)
 * still throws.
 *
 * <pre>{@code
 * Result<GetPinResponse> res = PlexFunctions.plexGetPin(plex, GetPinRequest.builder().build());
 * if (res instanceof Result.Err<GetPinResponse> err) {
 *   throw err.error();
 * }
 * String code = res.getOrThrow().authPinContainer().code();
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

  // PIN sign-in: plexGetPin, plexGetTokenByPinId and plexLinkPin.

  /**
   * {@link Plex#getPin(GetPinRequest)} as a {@link Result}.
   *
   * @param plex the client
   * @param request see {@link Plex#getPin(GetPinRequest)}
   * @return the answer or the error
   */
  public static Result<GetPinResponse> plexGetPin(PlexAPI plex, GetPinRequest request) {
    return plexGetPin(plex, request, RequestOptions.none());
  }

  /**
   * {@link Plex#getPin(GetPinRequest, RequestOptions)} as a {@link Result}.
   *
   * @param plex the client
   * @param request see {@link Plex#getPin(GetPinRequest)}
   * @param options the settings of this call
   * @return the answer or the error
   */
  public static Result<GetPinResponse> plexGetPin(
      PlexAPI plex, GetPinRequest request, RequestOptions options) {
    Objects.requireNonNull(plex, "plex == null");
    Plex group = plex.plex();
    return capture(() -> group.getPin(request, options));
  }

  /**
   * {@link Plex#getTokenByPinId(GetTokenByPinIdRequest)} as a {@link Result}.
   *
   * @param plex the client
   * @param request see {@link Plex#getTokenByPinId(GetTokenByPinIdRequest)}
   * @return the answer or the error
   */
  public static Result<GetTokenByPinIdResponse> plexGetTokenByPinId(
      PlexAPI plex, GetTokenByPinIdRequest request) {
    return plexGetTokenByPinId(plex, request, RequestOptions.none());
  }

  /**
   * {@link Plex#getTokenByPinId(GetTokenByPinIdRequest, RequestOptions)} as a {@link Result}.
   *
   * @param plex the client
   * @param request see {@link Plex#getTokenByPinId(GetTokenByPinIdRequest)}
   * @param options the settings of this call
   * @return the answer or the error
   */
  public static Result<GetTokenByPinIdResponse> plexGetTokenByPinId(
      PlexAPI plex, GetTokenByPinIdRequest request, RequestOptions options) {
    Objects.requireNonNull(plex, "plex == null");
    Plex group = plex.plex();
    return capture(() -> group.getTokenByPinId(request, options));
  }

  /**
   * {@link Plex#linkPin(String, RequestOptions)} as a {@link Result}.
   *
   * @param plex the client, with the approving account's token
   * @param code the code the device shows
   * @param options the settings of this call
   * @return the answer or the error
   */
  public static Result<LinkPinResponse> plexLinkPin(
      PlexAPI plex, String code, RequestOptions options) {
    Objects.requireNonNull(plex, "plex == null");
    Plex group = plex.plex();
    return capture(() -> group.linkPin(code, options));
  }

  // End of PIN sign-in.
}
