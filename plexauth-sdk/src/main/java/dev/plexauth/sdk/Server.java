package dev.plexauth.sdk;

import dev.plexauth.sdk.errors.GetServerCapabilitiesBadRequest;
import dev.plexauth.sdk.errors.GetServerCapabilitiesUnauthorized;
import dev.plexauth.sdk.errors.GetServerIdentityRequestTimeout;
import dev.plexauth.sdk.internal.OperationRunner;
import dev.plexauth.sdk.internal.Operations;
import dev.plexauth.sdk.models.GetServerCapabilitiesResponse;
import dev.plexauth.sdk.models.GetServerIdentityResponse;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The Plex Media Server operations of plexjs's {@code server} group, with its names. Get it from
 * {@link PlexAPI#server()}; the non-throwing {@link Result} forms are in {@link ServerFunctions}.
 * Both go to {@code serverURL}.
 *
 * <p>Each operation comes in four forms, as in {@link Authentication}: the plain call, the same
 * with {@link RequestOptions}, and an {@code …Async} sibling of both.
 *
 * <pre>{@code
 * ServerIdentity id = plex.server().getServerIdentity().mediaContainer();
 * ServerCapabilities me = plex.server().getServerCapabilities().mediaContainer();
 * }</pre>
 */
public final class Server {

  private final OperationRunner runner;

  Server(OperationRunner runner) {
    this.runner = runner;
  }

  /**
   * Asks the PMS who it is, without a token: {@code GET {serverURL}/identity}. The machine
   * identifier names the server in {@code getServerResources}.
   *
   * <pre>{@code
   * String id = plex.server().getServerIdentity().mediaContainer().machineIdentifier();
   * }</pre>
   *
   * @return the answer
   * @throws GetServerIdentityRequestTimeout on 408
   * @throws IllegalStateException if the client has no PMS address and the options none
   */
  public GetServerIdentityResponse getServerIdentity() {
    return getServerIdentity(RequestOptions.none());
  }

  /**
   * Like {@link #getServerIdentity()}, with settings for this call.
   *
   * @param options the retries, timeout, server and extra headers of this call
   * @return the answer
   */
  public GetServerIdentityResponse getServerIdentity(RequestOptions options) {
    Objects.requireNonNull(options, "options == null");
    return runner.call(Operations.getServerIdentity(), options);
  }

  /**
   * Runs {@link #getServerIdentity(RequestOptions)} without blocking the calling thread, also while
   * waiting between retries.
   *
   * @return a future of the answer
   * @throws NullPointerException if an argument is null (the future never carries it)
   */
  public CompletableFuture<GetServerIdentityResponse> getServerIdentityAsync() {
    return getServerIdentityAsync(RequestOptions.none());
  }

  /**
   * Like {@link #getServerIdentityAsync()}, with settings for this call.
   *
   * @param options the retries, timeout, server and extra headers of this call
   * @return a future of the answer
   */
  public CompletableFuture<GetServerIdentityResponse> getServerIdentityAsync(
      RequestOptions options) {
    Objects.requireNonNull(options, "options == null");
    return runner.callAsync(Operations.getServerIdentity(), options);
  }

  /**
   * Asks the PMS what it is and can do, with the client's token: {@code GET {serverURL}/}. Client
   * libraries read it first to build their server object.
   *
   * <pre>{@code
   * String name = plex.server().getServerCapabilities().mediaContainer().friendlyName();
   * }</pre>
   *
   * @return the answer
   * @throws GetServerCapabilitiesBadRequest on 400
   * @throws GetServerCapabilitiesUnauthorized on 401 (a missing, invalid or revoked token)
   * @throws IllegalStateException if the client has no PMS address and the options none
   */
  public GetServerCapabilitiesResponse getServerCapabilities() {
    return getServerCapabilities(RequestOptions.none());
  }

  /**
   * Like {@link #getServerCapabilities()}, with settings for this call.
   *
   * @param options the retries, timeout, server and extra headers of this call
   * @return the answer
   */
  public GetServerCapabilitiesResponse getServerCapabilities(RequestOptions options) {
    Objects.requireNonNull(options, "options == null");
    return runner.call(Operations.getServerCapabilities(), options);
  }

  /**
   * Runs {@link #getServerCapabilities(RequestOptions)} without blocking the calling thread, also
   * while waiting between retries.
   *
   * @return a future of the answer
   * @throws NullPointerException if an argument is null (the future never carries it)
   */
  public CompletableFuture<GetServerCapabilitiesResponse> getServerCapabilitiesAsync() {
    return getServerCapabilitiesAsync(RequestOptions.none());
  }

  /**
   * Like {@link #getServerCapabilitiesAsync()}, with settings for this call.
   *
   * @param options the retries, timeout, server and extra headers of this call
   * @return a future of the answer
   */
  public CompletableFuture<GetServerCapabilitiesResponse> getServerCapabilitiesAsync(
      RequestOptions options) {
    Objects.requireNonNull(options, "options == null");
    return runner.callAsync(Operations.getServerCapabilities(), options);
  }
}
