package dev.plexauth.sdk;

import dev.plexauth.sdk.errors.PlexException;
import dev.plexauth.sdk.models.DevicesResponse;
import dev.plexauth.sdk.models.GetSourceConnectionInformationResponse;
import dev.plexauth.sdk.models.GetTokenDetailsResponse;
import dev.plexauth.sdk.models.GetTransientTokenQueryParamType;
import dev.plexauth.sdk.models.GetTransientTokenResponse;
import dev.plexauth.sdk.models.PingResponse;
import dev.plexauth.sdk.models.PostUsersSignInDataRequest;
import dev.plexauth.sdk.models.PostUsersSignInDataResponse;
import dev.plexauth.sdk.models.RemoveDeviceResponse;
import dev.plexauth.sdk.models.Scope;
import dev.plexauth.sdk.models.SignOutResponse;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The standalone, non-throwing form of the operations, as plexjs's {@code authentication…}
 * functions: each returns a {@link Result} holding the answer or the {@link PlexException}. Only
 * {@code PlexException} is captured; a programming error (a null argument, a missing server
 * address) still throws.
 *
 * <pre>{@code
 * Result<GetTokenDetailsResponse> res = AuthenticationFunctions.authenticationGetTokenDetails(plex);
 * if (!res.ok()) {
 *   throw ((Result.Err<GetTokenDetailsResponse>) res).error();
 * }
 * UserPlexAccount me = res.getOrThrow().userPlexAccount();
 * }</pre>
 */
public final class AuthenticationFunctions {

  private AuthenticationFunctions() {}

  private static <T> Result<T> capture(Supplier<T> call) {
    try {
      return new Result.Ok<>(call.get());
    } catch (PlexException e) {
      return new Result.Err<>(e);
    }
  }

  /**
   * {@link Authentication#getTransientToken(GetTransientTokenQueryParamType, Scope)} as a {@link
   * Result}.
   *
   * @param plex the client
   * @param type see {@link Authentication#getTransientToken(GetTransientTokenQueryParamType,
   *     Scope)}
   * @param scope see {@link Authentication#getTransientToken(GetTransientTokenQueryParamType,
   *     Scope)}
   * @return the answer or the error
   */
  public static Result<GetTransientTokenResponse> authenticationGetTransientToken(
      PlexAPI plex, GetTransientTokenQueryParamType type, Scope scope) {
    return authenticationGetTransientToken(plex, type, scope, RequestOptions.none());
  }

  /**
   * {@link Authentication#getTransientToken(GetTransientTokenQueryParamType, Scope,
   * RequestOptions)} as a {@link Result}.
   *
   * @param plex the client
   * @param type see {@link Authentication#getTransientToken(GetTransientTokenQueryParamType,
   *     Scope)}
   * @param scope see {@link Authentication#getTransientToken(GetTransientTokenQueryParamType,
   *     Scope)}
   * @param options the settings of this call
   * @return the answer or the error
   */
  public static Result<GetTransientTokenResponse> authenticationGetTransientToken(
      PlexAPI plex, GetTransientTokenQueryParamType type, Scope scope, RequestOptions options) {
    Objects.requireNonNull(plex, "plex == null");
    Authentication auth = plex.authentication();
    return capture(() -> auth.getTransientToken(type, scope, options));
  }

  /**
   * {@link Authentication#getSourceConnectionInformation(String)} as a {@link Result}.
   *
   * @param plex the client
   * @param source see {@link Authentication#getSourceConnectionInformation(String)}
   * @return the answer or the error
   */
  public static Result<GetSourceConnectionInformationResponse>
      authenticationGetSourceConnectionInformation(PlexAPI plex, String source) {
    return authenticationGetSourceConnectionInformation(plex, source, RequestOptions.none());
  }

  /**
   * {@link Authentication#getSourceConnectionInformation(String, RequestOptions)} as a {@link
   * Result}.
   *
   * @param plex the client
   * @param source see {@link Authentication#getSourceConnectionInformation(String)}
   * @param options the settings of this call
   * @return the answer or the error
   */
  public static Result<GetSourceConnectionInformationResponse>
      authenticationGetSourceConnectionInformation(
          PlexAPI plex, String source, RequestOptions options) {
    Objects.requireNonNull(plex, "plex == null");
    Authentication auth = plex.authentication();
    return capture(() -> auth.getSourceConnectionInformation(source, options));
  }

  /**
   * {@link Authentication#getTokenDetails()} as a {@link Result}.
   *
   * @param plex the client
   * @return the answer or the error
   */
  public static Result<GetTokenDetailsResponse> authenticationGetTokenDetails(PlexAPI plex) {
    return authenticationGetTokenDetails(plex, RequestOptions.none());
  }

  /**
   * {@link Authentication#getTokenDetails(RequestOptions)} as a {@link Result}.
   *
   * @param plex the client
   * @param options the settings of this call
   * @return the answer or the error
   */
  public static Result<GetTokenDetailsResponse> authenticationGetTokenDetails(
      PlexAPI plex, RequestOptions options) {
    Objects.requireNonNull(plex, "plex == null");
    Authentication auth = plex.authentication();
    return capture(() -> auth.getTokenDetails(options));
  }

  /**
   * {@link Authentication#postUsersSignInData(PostUsersSignInDataRequest)} as a {@link Result}.
   *
   * @param plex the client
   * @param request see {@link Authentication#postUsersSignInData(PostUsersSignInDataRequest)}
   * @return the answer or the error
   */
  public static Result<PostUsersSignInDataResponse> authenticationPostUsersSignInData(
      PlexAPI plex, PostUsersSignInDataRequest request) {
    return authenticationPostUsersSignInData(plex, request, RequestOptions.none());
  }

  /**
   * {@link Authentication#postUsersSignInData(PostUsersSignInDataRequest, RequestOptions)} as a
   * {@link Result}.
   *
   * @param plex the client
   * @param request see {@link Authentication#postUsersSignInData(PostUsersSignInDataRequest)}
   * @param options the settings of this call
   * @return the answer or the error
   */
  public static Result<PostUsersSignInDataResponse> authenticationPostUsersSignInData(
      PlexAPI plex, PostUsersSignInDataRequest request, RequestOptions options) {
    Objects.requireNonNull(plex, "plex == null");
    Authentication auth = plex.authentication();
    return capture(() -> auth.postUsersSignInData(request, options));
  }

  // Beyond plexjs
  /**
   * {@link Authentication#ping()} as a {@link Result}.
   *
   * @param plex the client
   * @return the answer or the error
   */
  public static Result<PingResponse> authenticationPing(PlexAPI plex) {
    return authenticationPing(plex, RequestOptions.none());
  }

  /**
   * {@link Authentication#ping(RequestOptions)} as a {@link Result}.
   *
   * @param plex the client
   * @param options the settings of this call
   * @return the answer or the error
   */
  public static Result<PingResponse> authenticationPing(PlexAPI plex, RequestOptions options) {
    Objects.requireNonNull(plex, "plex == null");
    Authentication group = plex.authentication();
    return capture(() -> group.ping(options));
  }

  /**
   * {@link Authentication#signOut()} as a {@link Result}.
   *
   * @param plex the client
   * @return the answer or the error
   */
  public static Result<SignOutResponse> authenticationSignOut(PlexAPI plex) {
    return authenticationSignOut(plex, RequestOptions.none());
  }

  /**
   * {@link Authentication#signOut(RequestOptions)} as a {@link Result}.
   *
   * @param plex the client
   * @param options the settings of this call
   * @return the answer or the error
   */
  public static Result<SignOutResponse> authenticationSignOut(
      PlexAPI plex, RequestOptions options) {
    Objects.requireNonNull(plex, "plex == null");
    Authentication group = plex.authentication();
    return capture(() -> group.signOut(options));
  }

  /**
   * {@link Authentication#devices()} as a {@link Result}.
   *
   * @param plex the client
   * @return the answer or the error
   */
  public static Result<DevicesResponse> authenticationDevices(PlexAPI plex) {
    return authenticationDevices(plex, RequestOptions.none());
  }

  /**
   * {@link Authentication#devices(RequestOptions)} as a {@link Result}.
   *
   * @param plex the client
   * @param options the settings of this call
   * @return the answer or the error
   */
  public static Result<DevicesResponse> authenticationDevices(
      PlexAPI plex, RequestOptions options) {
    Objects.requireNonNull(plex, "plex == null");
    Authentication group = plex.authentication();
    return capture(() -> group.devices(options));
  }

  /**
   * {@link Authentication#removeDevice(long)} as a {@link Result}.
   *
   * @param plex the client
   * @param id see {@link Authentication#removeDevice(long)}
   * @return the answer or the error
   */
  public static Result<RemoveDeviceResponse> authenticationRemoveDevice(PlexAPI plex, long id) {
    return authenticationRemoveDevice(plex, id, RequestOptions.none());
  }

  /**
   * {@link Authentication#removeDevice(long, RequestOptions)} as a {@link Result}.
   *
   * @param plex the client
   * @param id see {@link Authentication#removeDevice(long)}
   * @param options the settings of this call
   * @return the answer or the error
   */
  public static Result<RemoveDeviceResponse> authenticationRemoveDevice(
      PlexAPI plex, long id, RequestOptions options) {
    Objects.requireNonNull(plex, "plex == null");
    Authentication group = plex.authentication();
    return capture(() -> group.removeDevice(id, options));
  }
}
