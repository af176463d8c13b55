package dev.plexauth.sdk;

import dev.plexauth.sdk.errors.GetPinBadRequest;
import dev.plexauth.sdk.errors.GetServerResourcesBadRequest;
import dev.plexauth.sdk.errors.GetServerResourcesUnauthorized;
import dev.plexauth.sdk.errors.GetTokenByPinIdBadRequest;
import dev.plexauth.sdk.errors.GetTokenByPinIdNotFound;
import dev.plexauth.sdk.errors.PlexException;
import dev.plexauth.sdk.internal.OperationRunner;
import dev.plexauth.sdk.internal.Operations;
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
import java.util.concurrent.CompletableFuture;

/**
 * The plex.tv operations of plexjs's {@code plex} group, with the names and parameters plexjs users
 * know. Get it from {@link PlexAPI#plex()}; they go to {@code plexTvURL}.
 *
 * <p>Each operation comes in four forms: the plain call, the same with {@link RequestOptions}, and
 * an {@code …Async} sibling of both that returns a {@link CompletableFuture} completing
 * exceptionally with the {@link PlexException} itself. Errors are the operation's own {@code
 * …BadRequest} (400) and {@code …Unauthorized} (401) where it has them, and the shared {@link
 * PlexException} tree. The non-throwing form that returns a {@link Result} is in {@link
 * PlexFunctions}.
 *
 * <pre>{@code
 * for (PlexDevice server : plex.plex().getServerResources("my-client").plexDevices()) {
 *   System.out.println(server.name() + " " + server.connections());
 * }
 * }</pre>
 */
public final class Plex {

  private final OperationRunner runner;

  Plex(OperationRunner runner) {
    this.runner = runner;
  }

  // getServerResources: plex.tv's directory of the servers the account can use.
  /**
   * Lists the servers the signed-in account can use, each with a token for it and its connections:
   * {@code GET {plexTvURL}/resources}. Leaves out https, relay and IPv6 connections, as plexjs does
   * by default; {@link #getServerResources(String, IncludeHttps, IncludeRelay, IncludeIPv6)} lists
   * them.
   *
   * <pre>{@code
   * List<PlexDevice> servers = plex.plex().getServerResources("my-client").plexDevices();
   * }</pre>
   *
   * @param clientID the {@code X-Plex-Client-Identifier} to send (plex.tv requires one)
   * @return the answer
   * @throws GetServerResourcesBadRequest on 400 (1000: no client identifier)
   * @throws GetServerResourcesUnauthorized on 401 (a missing or invalid token, or one that is not
   *     an account token)
   */
  public GetServerResourcesResponse getServerResources(String clientID) {
    return getServerResources(clientID, RequestOptions.none());
  }

  /**
   * Like {@link #getServerResources(String)}, with settings for this call.
   *
   * @param clientID the {@code X-Plex-Client-Identifier} to send (plex.tv requires one)
   * @param options the retries, timeout, server and extra headers of this call
   * @return the answer
   */
  public GetServerResourcesResponse getServerResources(String clientID, RequestOptions options) {
    Objects.requireNonNull(clientID, "clientID == null");
    Objects.requireNonNull(options, "options == null");
    return runner.call(
        Operations.getServerResources(
            clientID, IncludeHttps.DISABLE, IncludeRelay.DISABLE, IncludeIPv6.DISABLE),
        options);
  }

  /**
   * Runs {@link #getServerResources(String, RequestOptions)} without blocking the calling thread,
   * also while waiting between retries.
   *
   * @param clientID the {@code X-Plex-Client-Identifier} to send (plex.tv requires one)
   * @return a future of the answer
   * @throws NullPointerException if an argument is null (the future never carries it)
   */
  public CompletableFuture<GetServerResourcesResponse> getServerResourcesAsync(String clientID) {
    return getServerResourcesAsync(clientID, RequestOptions.none());
  }

  /**
   * Like {@link #getServerResourcesAsync(String)}, with settings for this call.
   *
   * @param clientID the {@code X-Plex-Client-Identifier} to send (plex.tv requires one)
   * @param options the retries, timeout, server and extra headers of this call
   * @return a future of the answer
   */
  public CompletableFuture<GetServerResourcesResponse> getServerResourcesAsync(
      String clientID, RequestOptions options) {
    Objects.requireNonNull(clientID, "clientID == null");
    Objects.requireNonNull(options, "options == null");
    return runner.callAsync(
        Operations.getServerResources(
            clientID, IncludeHttps.DISABLE, IncludeRelay.DISABLE, IncludeIPv6.DISABLE),
        options);
  }

  /**
   * Lists the servers the signed-in account can use, as plexjs's {@code getServerResources}: {@code
   * GET {plexTvURL}/resources?includeHttps=…&amp;includeIPv6=…&amp;includeRelay=…}. Each resource's
   * {@code accessToken} opens that server for this account.
   *
   * <pre>{@code
   * plex.plex().getServerResources("my-client", IncludeHttps.ENABLE, IncludeRelay.ENABLE, IncludeIPv6.DISABLE);
   * }</pre>
   *
   * @param clientID the {@code X-Plex-Client-Identifier} to send (plex.tv requires one)
   * @param includeHttps whether to list https connections
   * @param includeRelay whether to list relay connections
   * @param includeIPv6 whether to list connections to IPv6 addresses
   * @return the answer
   * @throws GetServerResourcesBadRequest on 400 (1000: no client identifier)
   * @throws GetServerResourcesUnauthorized on 401 (a missing or invalid token, or one that is not
   *     an account token)
   */
  public GetServerResourcesResponse getServerResources(
      String clientID,
      IncludeHttps includeHttps,
      IncludeRelay includeRelay,
      IncludeIPv6 includeIPv6) {
    return getServerResources(
        clientID, includeHttps, includeRelay, includeIPv6, RequestOptions.none());
  }

  /**
   * Like {@link #getServerResources(String, IncludeHttps, IncludeRelay, IncludeIPv6)}, with
   * settings for this call.
   *
   * @param clientID the {@code X-Plex-Client-Identifier} to send (plex.tv requires one)
   * @param includeHttps whether to list https connections
   * @param includeRelay whether to list relay connections
   * @param includeIPv6 whether to list connections to IPv6 addresses
   * @param options the retries, timeout, server and extra headers of this call
   * @return the answer
   */
  public GetServerResourcesResponse getServerResources(
      String clientID,
      IncludeHttps includeHttps,
      IncludeRelay includeRelay,
      IncludeIPv6 includeIPv6,
      RequestOptions options) {
    Objects.requireNonNull(clientID, "clientID == null");
    Objects.requireNonNull(includeHttps, "includeHttps == null");
    Objects.requireNonNull(includeRelay, "includeRelay == null");
    Objects.requireNonNull(includeIPv6, "includeIPv6 == null");
    Objects.requireNonNull(options, "options == null");
    return runner.call(
        Operations.getServerResources(clientID, includeHttps, includeRelay, includeIPv6), options);
  }

  /**
   * Runs {@link #getServerResources(String, IncludeHttps, IncludeRelay, IncludeIPv6,
   * RequestOptions)} without blocking the calling thread, also while waiting between retries.
   *
   * @param clientID the {@code X-Plex-Client-Identifier} to send (plex.tv requires one)
   * @param includeHttps whether to list https connections
   * @param includeRelay whether to list relay connections
   * @param includeIPv6 whether to list connections to IPv6 addresses
   * @return a future of the answer
   * @throws NullPointerException if an argument is null (the future never carries it)
   */
  public CompletableFuture<GetServerResourcesResponse> getServerResourcesAsync(
      String clientID,
      IncludeHttps includeHttps,
      IncludeRelay includeRelay,
      IncludeIPv6 includeIPv6) {
    return getServerResourcesAsync(
        clientID, includeHttps, includeRelay, includeIPv6, RequestOptions.none());
  }

  /**
   * Like {@link #getServerResourcesAsync(String, IncludeHttps, IncludeRelay, IncludeIPv6)}, with
   * settings for this call.
   *
   * @param clientID the {@code X-Plex-Client-Identifier} to send (plex.tv requires one)
   * @param includeHttps whether to list https connections
   * @param includeRelay whether to list relay connections
   * @param includeIPv6 whether to list connections to IPv6 addresses
   * @param options the retries, timeout, server and extra headers of this call
   * @return a future of the answer
   */
  public CompletableFuture<GetServerResourcesResponse> getServerResourcesAsync(
      String clientID,
      IncludeHttps includeHttps,
      IncludeRelay includeRelay,
      IncludeIPv6 includeIPv6,
      RequestOptions options) {
    Objects.requireNonNull(clientID, "clientID == null");
    Objects.requireNonNull(includeHttps, "includeHttps == null");
    Objects.requireNonNull(includeRelay, "includeRelay == null");
    Objects.requireNonNull(includeIPv6, "includeIPv6 == null");
    Objects.requireNonNull(options, "options == null");
    return runner.callAsync(
        Operations.getServerResources(clientID, includeHttps, includeRelay, includeIPv6), options);
  }

  // PIN sign-in: getPin and getTokenByPinId (plexjs's), linkPin (the approval). PinLogin runs the
  // app's side of the flow on top of them.

  /**
   * Asks plex.tv for a pin: {@code POST {plexTvURL}/pins?strong=…}, with the request's identity
   * (each empty field falls back to the client's) and no token. A strong pin's code goes into the
   * approval page an app opens ({@link PinLogin#authUrl(String)}); a 4-character code is typed on
   * the link page. Never sent twice once the request may have reached the server.
   *
   * <pre>{@code
   * AuthPinContainer pin = plex.plex()
   *     .getPin(GetPinRequest.builder().strong(true).clientName("My App").build())
   *     .authPinContainer();
   * }</pre>
   *
   * @param request the kind of code and the app's identity
   * @return the answer: the pin (201)
   * @throws GetPinBadRequest on 400 (1000: no client identifier)
   * @throws IllegalArgumentException if neither the request nor the client has a clientID
   */
  public GetPinResponse getPin(GetPinRequest request) {
    return getPin(request, RequestOptions.none());
  }

  /**
   * Like {@link #getPin(GetPinRequest)}, with settings for this call.
   *
   * @param request the kind of code and the app's identity
   * @param options the timeout, server and extra headers of this call
   * @return the answer
   */
  public GetPinResponse getPin(GetPinRequest request, RequestOptions options) {
    Objects.requireNonNull(request, "request == null");
    Objects.requireNonNull(options, "options == null");
    return runner.call(Operations.getPin(request), options);
  }

  /**
   * Runs {@link #getPin(GetPinRequest)} without blocking the calling thread.
   *
   * <pre>{@code
   * plex.plex().getPinAsync(request).thenAccept(answer -> show(answer.authPinContainer().code()));
   * }</pre>
   *
   * @param request the kind of code and the app's identity
   * @return a future of the answer
   * @throws NullPointerException if an argument is null (the future never carries it)
   */
  public CompletableFuture<GetPinResponse> getPinAsync(GetPinRequest request) {
    return getPinAsync(request, RequestOptions.none());
  }

  /**
   * Like {@link #getPinAsync(GetPinRequest)}, with settings for this call.
   *
   * @param request the kind of code and the app's identity
   * @param options the timeout, server and extra headers of this call
   * @return a future of the answer
   */
  public CompletableFuture<GetPinResponse> getPinAsync(
      GetPinRequest request, RequestOptions options) {
    Objects.requireNonNull(request, "request == null");
    Objects.requireNonNull(options, "options == null");
    return runner.callAsync(Operations.getPin(request), options);
  }

  /**
   * Polls a pin: {@code GET {plexTvURL}/pins/{pinID}}. Until the person approves it, {@code
   * authToken} is empty; then it holds the account token for this client identifier. plexauth hands
   * the token out in one answer only (the pin is gone after it), so the call is never sent twice
   * once it may have reached the server. Poll about once a second, or let {@link PinLogin} do it.
   *
   * <pre>{@code
   * Optional<String> token = plex.plex()
   *     .getTokenByPinId(GetTokenByPinIdRequest.builder().pinID(pin.id()).build())
   *     .authPinContainer()
   *     .authToken();
   * }</pre>
   *
   * @param request the pin id and the app's identity (the client identifier that made the pin)
   * @return the answer: the pin (200)
   * @throws GetTokenByPinIdBadRequest on 400 (1000: no client identifier)
   * @throws GetTokenByPinIdNotFound on 404 (1020): unknown, expired, handed out, or another
   *     client's pin
   * @throws IllegalArgumentException if neither the request nor the client has a clientID
   */
  public GetTokenByPinIdResponse getTokenByPinId(GetTokenByPinIdRequest request) {
    return getTokenByPinId(request, RequestOptions.none());
  }

  /**
   * Like {@link #getTokenByPinId(GetTokenByPinIdRequest)}, with settings for this call.
   *
   * @param request the pin id and the app's identity
   * @param options the timeout, server and extra headers of this call
   * @return the answer
   */
  public GetTokenByPinIdResponse getTokenByPinId(
      GetTokenByPinIdRequest request, RequestOptions options) {
    Objects.requireNonNull(request, "request == null");
    Objects.requireNonNull(options, "options == null");
    return runner.call(Operations.getTokenByPinId(request), options);
  }

  /**
   * Runs {@link #getTokenByPinId(GetTokenByPinIdRequest)} without blocking the calling thread.
   *
   * <pre>{@code
   * plex.plex().getTokenByPinIdAsync(request).thenAccept(System.out::println);
   * }</pre>
   *
   * @param request the pin id and the app's identity
   * @return a future of the answer
   * @throws NullPointerException if an argument is null (the future never carries it)
   */
  public CompletableFuture<GetTokenByPinIdResponse> getTokenByPinIdAsync(
      GetTokenByPinIdRequest request) {
    return getTokenByPinIdAsync(request, RequestOptions.none());
  }

  /**
   * Like {@link #getTokenByPinIdAsync(GetTokenByPinIdRequest)}, with settings for this call.
   *
   * @param request the pin id and the app's identity
   * @param options the timeout, server and extra headers of this call
   * @return a future of the answer
   */
  public CompletableFuture<GetTokenByPinIdResponse> getTokenByPinIdAsync(
      GetTokenByPinIdRequest request, RequestOptions options) {
    Objects.requireNonNull(request, "request == null");
    Objects.requireNonNull(options, "options == null");
    return runner.callAsync(Operations.getTokenByPinId(request), options);
  }

  /**
   * Approves a pin's code for the client's account: {@code PUT {plexTvURL}/pins/link}, the headless
   * approval (plexjs has no such call). The app that made the pin gets a token for this account on
   * its next poll. Never sent twice once it may have reached the server.
   *
   * <pre>{@code
   * PlexAPI me = PlexAPI.builder().plexTvURL(url).accessToken(myToken).build();
   * me.plex().linkPin("7T39");
   * }</pre>
   *
   * @param code the code the device shows (any case)
   * @return the answer (204)
   * @throws dev.plexauth.sdk.errors.NotFoundException on 404 (1020): unknown, expired or used
   * @throws dev.plexauth.sdk.errors.UnauthorizedException on 401: no valid account token
   * @throws dev.plexauth.sdk.errors.ForbiddenException on 403: a transient token
   * @throws dev.plexauth.sdk.errors.RateLimitedException on 429: too many wrong codes (1031) or
   *     requests (1003); see {@code retryAfter()}
   */
  public LinkPinResponse linkPin(String code) {
    return linkPin(code, RequestOptions.none());
  }

  /**
   * Like {@link #linkPin(String)}, with settings for this call.
   *
   * @param code the code the device shows
   * @param options the timeout, server and extra headers of this call
   * @return the answer
   */
  public LinkPinResponse linkPin(String code, RequestOptions options) {
    Objects.requireNonNull(code, "code == null");
    Objects.requireNonNull(options, "options == null");
    return runner.call(Operations.linkPin(code), options);
  }

  /**
   * Runs {@link #linkPin(String)} without blocking the calling thread.
   *
   * @param code the code the device shows
   * @return a future of the answer
   */
  public CompletableFuture<LinkPinResponse> linkPinAsync(String code) {
    return linkPinAsync(code, RequestOptions.none());
  }

  /**
   * Like {@link #linkPinAsync(String)}, with settings for this call.
   *
   * @param code the code the device shows
   * @param options the timeout, server and extra headers of this call
   * @return a future of the answer
   */
  public CompletableFuture<LinkPinResponse> linkPinAsync(String code, RequestOptions options) {
    Objects.requireNonNull(code, "code == null");
    Objects.requireNonNull(options, "options == null");
    return runner.callAsync(Operations.linkPin(code), options);
  }

  // End of PIN sign-in.
}
