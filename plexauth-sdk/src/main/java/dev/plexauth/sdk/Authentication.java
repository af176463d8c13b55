package dev.plexauth.sdk;

import dev.plexauth.sdk.errors.ForbiddenException;
import dev.plexauth.sdk.errors.GetSourceConnectionInformationBadRequest;
import dev.plexauth.sdk.errors.GetSourceConnectionInformationUnauthorized;
import dev.plexauth.sdk.errors.GetTokenDetailsBadRequest;
import dev.plexauth.sdk.errors.GetTokenDetailsUnauthorized;
import dev.plexauth.sdk.errors.GetTransientTokenBadRequest;
import dev.plexauth.sdk.errors.GetTransientTokenUnauthorized;
import dev.plexauth.sdk.errors.PlexConnectionException;
import dev.plexauth.sdk.errors.PlexException;
import dev.plexauth.sdk.errors.PostUsersSignInDataBadRequest;
import dev.plexauth.sdk.errors.PostUsersSignInDataUnauthorized;
import dev.plexauth.sdk.errors.SDKError;
import dev.plexauth.sdk.internal.OperationRunner;
import dev.plexauth.sdk.internal.Operations;
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
import java.util.concurrent.CompletableFuture;

/**
 * The four authentication operations, with the names and parameters plexjs users know, and beyond
 * plexjs the account token's life cycle ({@link #ping()}, {@link #signOut()}) and its devices
 * ({@link #devices()}, {@link #removeDevice(long)}). Get it from {@link PlexAPI#authentication()}.
 *
 * <p>Each operation comes in four forms: the plain call, the same with {@link RequestOptions}, and
 * an {@code …Async} sibling of both that returns a {@link CompletableFuture} completing
 * exceptionally with the {@link PlexException} itself. The non-throwing form that returns a {@link
 * Result} is in {@link AuthenticationFunctions}.
 *
 * <p>Every operation throws (or completes with) a {@link PlexException}: the operation's own {@code
 * …BadRequest} (400) and {@code …Unauthorized} (401, and 422 "Invalid token"), {@link
 * ForbiddenException} (403), {@link dev.plexauth.sdk.errors.NotFoundException} (404), {@link
 * dev.plexauth.sdk.errors.RateLimitedException} (429), {@link
 * dev.plexauth.sdk.errors.ServerErrorException} (5xx), {@link SDKError} (any other status, or an
 * answer that cannot be read) and {@link PlexConnectionException} (no answer; {@link
 * dev.plexauth.sdk.errors.RequestTimeoutException} when it timed out).
 *
 * <pre>{@code
 * Authentication auth = plex.authentication();
 * UserPlexAccount me = auth.getTokenDetails().userPlexAccount();
 * auth.getTokenDetailsAsync().thenAccept(res -> log(res.userPlexAccount().username()));
 * }</pre>
 */
public final class Authentication {

  private final OperationRunner runner;

  Authentication(OperationRunner runner) {
    this.runner = runner;
  }

  /**
   * Asks the PMS for a transient token with the access level of the client's token, valid for up to
   * 48 hours and destroyed when the server restarts: {@code GET
   * {serverURL}/security/token?type=delegation&scope=all}.
   *
   * <pre>{@code
   * String token = plex.authentication()
   *     .getTransientToken(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL)
   *     .token();
   * }</pre>
   *
   * @param type the token type, {@link GetTransientTokenQueryParamType#DELEGATION}
   * @param scope the scope, {@link Scope#ALL}
   * @return the answer
   * @throws GetTransientTokenBadRequest on 400 (a wrong {@code type} or {@code scope})
   * @throws GetTransientTokenUnauthorized on 401 (a missing or invalid token)
   * @throws IllegalStateException if the client has no PMS address and the options none
   */
  public GetTransientTokenResponse getTransientToken(
      GetTransientTokenQueryParamType type, Scope scope) {
    return getTransientToken(type, scope, RequestOptions.none());
  }

  /**
   * Like {@link #getTransientToken(GetTransientTokenQueryParamType, Scope)}, with settings for this
   * call.
   *
   * @param type the token type, {@link GetTransientTokenQueryParamType#DELEGATION}
   * @param scope the scope, {@link Scope#ALL}
   * @param options the retries, timeout, server and extra headers of this call
   * @return the answer
   */
  public GetTransientTokenResponse getTransientToken(
      GetTransientTokenQueryParamType type, Scope scope, RequestOptions options) {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(scope, "scope == null");
    Objects.requireNonNull(options, "options == null");
    return runner.call(Operations.getTransientToken(type, scope), options);
  }

  /**
   * Runs {@link #getTransientToken(GetTransientTokenQueryParamType, Scope, RequestOptions)} without
   * blocking the calling thread, also while waiting between retries.
   *
   * <pre>{@code
   * auth.getTransientTokenAsync(GetTransientTokenQueryParamType.DELEGATION, Scope.ALL).thenAccept(System.out::println);
   * }</pre>
   *
   * @param type the token type, {@link GetTransientTokenQueryParamType#DELEGATION}
   * @param scope the scope, {@link Scope#ALL}
   * @return a future of the answer
   * @throws NullPointerException if an argument is null (the future never carries it)
   * @throws IllegalStateException if the client has no PMS address and the options none
   */
  public CompletableFuture<GetTransientTokenResponse> getTransientTokenAsync(
      GetTransientTokenQueryParamType type, Scope scope) {
    return getTransientTokenAsync(type, scope, RequestOptions.none());
  }

  /**
   * Like {@link #getTransientTokenAsync(GetTransientTokenQueryParamType, Scope)}, with settings for
   * this call.
   *
   * @param type the token type, {@link GetTransientTokenQueryParamType#DELEGATION}
   * @param scope the scope, {@link Scope#ALL}
   * @param options the retries, timeout, server and extra headers of this call
   * @return a future of the answer
   */
  public CompletableFuture<GetTransientTokenResponse> getTransientTokenAsync(
      GetTransientTokenQueryParamType type, Scope scope, RequestOptions options) {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(scope, "scope == null");
    Objects.requireNonNull(options, "options == null");
    return runner.callAsync(Operations.getTransientToken(type, scope), options);
  }

  /**
   * Asks the PMS how to reach a source it knows, with a transient token for it: {@code GET
   * {serverURL}/security/resources?source=…}. Needs an admin token or a transient token made from
   * one.
   *
   * <pre>{@code
   * Device device = plex.authentication()
   *     .getSourceConnectionInformation("server://client-identifier")
   *     .device();
   * }</pre>
   *
   * @param source the source, {@code server://<clientIdentifier>} or {@code
   *     provider://<identifier>}
   * @return the answer
   * @throws GetSourceConnectionInformationBadRequest on 400 (a missing source)
   * @throws GetSourceConnectionInformationUnauthorized on 401 (a missing or invalid token)
   * @throws IllegalStateException if the client has no PMS address and the options none
   */
  public GetSourceConnectionInformationResponse getSourceConnectionInformation(String source) {
    return getSourceConnectionInformation(source, RequestOptions.none());
  }

  /**
   * Like {@link #getSourceConnectionInformation(String)}, with settings for this call.
   *
   * @param source the source, {@code server://<clientIdentifier>} or {@code
   *     provider://<identifier>}
   * @param options the retries, timeout, server and extra headers of this call
   * @return the answer
   */
  public GetSourceConnectionInformationResponse getSourceConnectionInformation(
      String source, RequestOptions options) {
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(options, "options == null");
    return runner.call(Operations.getSourceConnectionInformation(source), options);
  }

  /**
   * Runs {@link #getSourceConnectionInformation(String, RequestOptions)} without blocking the
   * calling thread, also while waiting between retries.
   *
   * <pre>{@code
   * auth.getSourceConnectionInformationAsync("server://client-identifier").thenAccept(System.out::println);
   * }</pre>
   *
   * @param source the source, {@code server://<clientIdentifier>} or {@code
   *     provider://<identifier>}
   * @return a future of the answer
   * @throws NullPointerException if an argument is null (the future never carries it)
   * @throws IllegalStateException if the client has no PMS address and the options none
   */
  public CompletableFuture<GetSourceConnectionInformationResponse>
      getSourceConnectionInformationAsync(String source) {
    return getSourceConnectionInformationAsync(source, RequestOptions.none());
  }

  /**
   * Like {@link #getSourceConnectionInformationAsync(String)}, with settings for this call.
   *
   * @param source the source, {@code server://<clientIdentifier>} or {@code
   *     provider://<identifier>}
   * @param options the retries, timeout, server and extra headers of this call
   * @return a future of the answer
   */
  public CompletableFuture<GetSourceConnectionInformationResponse>
      getSourceConnectionInformationAsync(String source, RequestOptions options) {
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(options, "options == null");
    return runner.callAsync(Operations.getSourceConnectionInformation(source), options);
  }

  /**
   * Asks plex.tv which account the client's token belongs to: {@code GET {plexTvURL}/user}.
   *
   * <pre>{@code
   * UserPlexAccount me = plex.authentication().getTokenDetails().userPlexAccount();
   * }</pre>
   *
   * @return the answer
   * @throws GetTokenDetailsBadRequest on 400
   * @throws GetTokenDetailsUnauthorized on 401 or 422 "Invalid token" (a missing, invalid or
   *     revoked token)
   */
  public GetTokenDetailsResponse getTokenDetails() {
    return getTokenDetails(RequestOptions.none());
  }

  /**
   * Like {@link #getTokenDetails()}, with settings for this call.
   *
   * @param options the retries, timeout, server and extra headers of this call
   * @return the answer
   */
  public GetTokenDetailsResponse getTokenDetails(RequestOptions options) {
    Objects.requireNonNull(options, "options == null");
    return runner.call(Operations.getTokenDetails(), options);
  }

  /**
   * Runs {@link #getTokenDetails(RequestOptions)} without blocking the calling thread, also while
   * waiting between retries.
   *
   * <pre>{@code
   * auth.getTokenDetailsAsync().thenAccept(System.out::println);
   * }</pre>
   *
   * @return a future of the answer
   * @throws NullPointerException if an argument is null (the future never carries it)
   */
  public CompletableFuture<GetTokenDetailsResponse> getTokenDetailsAsync() {
    return getTokenDetailsAsync(RequestOptions.none());
  }

  /**
   * Like {@link #getTokenDetailsAsync()}, with settings for this call.
   *
   * @param options the retries, timeout, server and extra headers of this call
   * @return a future of the answer
   */
  public CompletableFuture<GetTokenDetailsResponse> getTokenDetailsAsync(RequestOptions options) {
    Objects.requireNonNull(options, "options == null");
    return runner.callAsync(Operations.getTokenDetails(), options);
  }

  /**
   * Signs in with a login and password (and a two-factor code when the account has one) and returns
   * the account with its token: {@code POST {plexTvURL}/users/signin}. Never sends the client's
   * {@code X-Plex-Token}, and is never sent twice once the request may have reached the server,
   * whatever the retry configuration. Identity fields left empty in the request fall back to the
   * client's.
   *
   * <pre>{@code
   * String token = plex.authentication()
   *     .postUsersSignInData(PostUsersSignInDataRequest.builder()
   *         .clientID("3381b62b-9ab7-4e37-827b-203e9809eb58")
   *         .requestBody(PostUsersSignInDataRequestBody.of("username@email.com", password))
   *         .build())
   *     .userPlexAccount()
   *     .authToken();
   * }</pre>
   *
   * @param request the client identity and the credentials
   * @return the answer
   * @throws PostUsersSignInDataBadRequest on 400 (e.g. 1000, client identifier missing)
   * @throws PostUsersSignInDataUnauthorized on 401: 1001 bad credentials, 1029 verification code
   *     required, 1028 wrong verification code
   * @throws IllegalArgumentException if neither the request nor the client has a clientID
   */
  public PostUsersSignInDataResponse postUsersSignInData(PostUsersSignInDataRequest request) {
    return postUsersSignInData(request, RequestOptions.none());
  }

  /**
   * Like {@link #postUsersSignInData(PostUsersSignInDataRequest)}, with settings for this call.
   *
   * @param request the client identity and the credentials
   * @param options the retries, timeout, server and extra headers of this call
   * @return the answer
   */
  public PostUsersSignInDataResponse postUsersSignInData(
      PostUsersSignInDataRequest request, RequestOptions options) {
    Objects.requireNonNull(request, "request == null");
    Objects.requireNonNull(options, "options == null");
    return runner.call(Operations.postUsersSignInData(request), options);
  }

  /**
   * Runs {@link #postUsersSignInData(PostUsersSignInDataRequest, RequestOptions)} without blocking
   * the calling thread, also while waiting between retries.
   *
   * <pre>{@code
   * auth.postUsersSignInDataAsync(request).thenAccept(System.out::println);
   * }</pre>
   *
   * @param request the client identity and the credentials
   * @return a future of the answer
   * @throws NullPointerException if an argument is null (the future never carries it)
   */
  public CompletableFuture<PostUsersSignInDataResponse> postUsersSignInDataAsync(
      PostUsersSignInDataRequest request) {
    return postUsersSignInDataAsync(request, RequestOptions.none());
  }

  /**
   * Like {@link #postUsersSignInDataAsync(PostUsersSignInDataRequest)}, with settings for this
   * call.
   *
   * @param request the client identity and the credentials
   * @param options the retries, timeout, server and extra headers of this call
   * @return a future of the answer
   */
  public CompletableFuture<PostUsersSignInDataResponse> postUsersSignInDataAsync(
      PostUsersSignInDataRequest request, RequestOptions options) {
    Objects.requireNonNull(request, "request == null");
    Objects.requireNonNull(options, "options == null");
    return runner.callAsync(Operations.postUsersSignInData(request), options);
  }

  // Beyond plexjs: the account token's lifecycle (keep it alive, end it) and its devices.
  /**
   * Tells plex.tv the client's token is still in use, and checks that it is: {@code GET
   * {plexTvURL}/ping}. Real plex.tv keeps a token that is pinged from expiring; plexauth records
   * when it was last seen (see {@link #devices()}). Needs an account token.
   *
   * <pre>{@code
   * boolean alive = plex.authentication().ping().pong();
   * }</pre>
   *
   * @return the answer
   * @throws dev.plexauth.sdk.errors.UnauthorizedException on 401 (a missing, invalid or revoked
   *     token, or one that is not an account token)
   */
  public PingResponse ping() {
    return ping(RequestOptions.none());
  }

  /**
   * Like {@link #ping()}, with settings for this call.
   *
   * @param options the retries, timeout, server and extra headers of this call
   * @return the answer
   */
  public PingResponse ping(RequestOptions options) {
    Objects.requireNonNull(options, "options == null");
    return runner.call(Operations.ping(), options);
  }

  /**
   * Runs {@link #ping(RequestOptions)} without blocking the calling thread, also while waiting
   * between retries.
   *
   * @return a future of the answer
   * @throws NullPointerException if an argument is null (the future never carries it)
   */
  public CompletableFuture<PingResponse> pingAsync() {
    return pingAsync(RequestOptions.none());
  }

  /**
   * Like {@link #pingAsync()}, with settings for this call.
   *
   * @param options the retries, timeout, server and extra headers of this call
   * @return a future of the answer
   */
  public CompletableFuture<PingResponse> pingAsync(RequestOptions options) {
    Objects.requireNonNull(options, "options == null");
    return runner.callAsync(Operations.ping(), options);
  }

  /**
   * Ends the client's token: {@code DELETE {plexTvURL}/users/signout}. The token, and every token
   * made from it, stops working at once. Never sent twice once it may have reached the server,
   * whatever the retry configuration. Needs an account token.
   *
   * <pre>{@code
   * plex.authentication().signOut();
   * }</pre>
   *
   * @return the answer
   * @throws dev.plexauth.sdk.errors.UnauthorizedException on 401 (a missing, invalid or revoked
   *     token, or one that is not an account token)
   */
  public SignOutResponse signOut() {
    return signOut(RequestOptions.none());
  }

  /**
   * Like {@link #signOut()}, with settings for this call.
   *
   * @param options the retries, timeout, server and extra headers of this call
   * @return the answer
   */
  public SignOutResponse signOut(RequestOptions options) {
    Objects.requireNonNull(options, "options == null");
    return runner.call(Operations.signOut(), options);
  }

  /**
   * Runs {@link #signOut(RequestOptions)} without blocking the calling thread, also while waiting
   * between retries.
   *
   * @return a future of the answer
   * @throws NullPointerException if an argument is null (the future never carries it)
   */
  public CompletableFuture<SignOutResponse> signOutAsync() {
    return signOutAsync(RequestOptions.none());
  }

  /**
   * Like {@link #signOutAsync()}, with settings for this call.
   *
   * @param options the retries, timeout, server and extra headers of this call
   * @return a future of the answer
   */
  public CompletableFuture<SignOutResponse> signOutAsync(RequestOptions options) {
    Objects.requireNonNull(options, "options == null");
    return runner.callAsync(Operations.signOut(), options);
  }

  /**
   * Lists the devices signed in to the account, one per client identifier that holds a token:
   * {@code GET {plexTvURL}/devices}. Tokens are never listed. Needs an account token.
   *
   * <pre>{@code
   * for (AuthorizedDevice d : plex.authentication().devices().devices()) System.out.println(d.name());
   * }</pre>
   *
   * @return the answer
   * @throws dev.plexauth.sdk.errors.UnauthorizedException on 401 (a missing, invalid or revoked
   *     token, or one that is not an account token)
   */
  public DevicesResponse devices() {
    return devices(RequestOptions.none());
  }

  /**
   * Like {@link #devices()}, with settings for this call.
   *
   * @param options the retries, timeout, server and extra headers of this call
   * @return the answer
   */
  public DevicesResponse devices(RequestOptions options) {
    Objects.requireNonNull(options, "options == null");
    return runner.call(Operations.devices(), options);
  }

  /**
   * Runs {@link #devices(RequestOptions)} without blocking the calling thread, also while waiting
   * between retries.
   *
   * @return a future of the answer
   * @throws NullPointerException if an argument is null (the future never carries it)
   */
  public CompletableFuture<DevicesResponse> devicesAsync() {
    return devicesAsync(RequestOptions.none());
  }

  /**
   * Like {@link #devicesAsync()}, with settings for this call.
   *
   * @param options the retries, timeout, server and extra headers of this call
   * @return a future of the answer
   */
  public CompletableFuture<DevicesResponse> devicesAsync(RequestOptions options) {
    Objects.requireNonNull(options, "options == null");
    return runner.callAsync(Operations.devices(), options);
  }

  /**
   * Signs out one of the account's devices: {@code DELETE {plexTvURL}/devices/{id}}. Its token, and
   * every token made from it, stops working at once. Never sent twice once it may have reached the
   * server. Needs an account token.
   *
   * <pre>{@code
   * plex.authentication().removeDevice(device.id());
   * }</pre>
   *
   * @param id the device id, from {@link #devices()}
   * @return the answer
   * @throws dev.plexauth.sdk.errors.NotFoundException on 404 (no such device of this account)
   * @throws dev.plexauth.sdk.errors.UnauthorizedException on 401 (a missing, invalid or revoked
   *     token, or one that is not an account token)
   */
  public RemoveDeviceResponse removeDevice(long id) {
    return removeDevice(id, RequestOptions.none());
  }

  /**
   * Like {@link #removeDevice(long)}, with settings for this call.
   *
   * @param id the device id, from {@link #devices()}
   * @param options the retries, timeout, server and extra headers of this call
   * @return the answer
   */
  public RemoveDeviceResponse removeDevice(long id, RequestOptions options) {
    Objects.requireNonNull(options, "options == null");
    return runner.call(Operations.removeDevice(id), options);
  }

  /**
   * Runs {@link #removeDevice(long, RequestOptions)} without blocking the calling thread, also
   * while waiting between retries.
   *
   * @param id the device id, from {@link #devices()}
   * @return a future of the answer
   * @throws NullPointerException if an argument is null (the future never carries it)
   */
  public CompletableFuture<RemoveDeviceResponse> removeDeviceAsync(long id) {
    return removeDeviceAsync(id, RequestOptions.none());
  }

  /**
   * Like {@link #removeDeviceAsync(long)}, with settings for this call.
   *
   * @param id the device id, from {@link #devices()}
   * @param options the retries, timeout, server and extra headers of this call
   * @return a future of the answer
   */
  public CompletableFuture<RemoveDeviceResponse> removeDeviceAsync(
      long id, RequestOptions options) {
    Objects.requireNonNull(options, "options == null");
    return runner.callAsync(Operations.removeDevice(id), options);
  }
}
