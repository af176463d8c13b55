package dev.plexauth.sdk;

import dev.plexauth.sdk.errors.GetServerResourcesBadRequest;
import dev.plexauth.sdk.errors.GetServerResourcesUnauthorized;
import dev.plexauth.sdk.internal.OperationRunner;
import dev.plexauth.sdk.internal.Operations;
import dev.plexauth.sdk.models.GetServerResourcesResponse;
import dev.plexauth.sdk.models.IncludeHttps;
import dev.plexauth.sdk.models.IncludeIPv6;
import dev.plexauth.sdk.models.IncludeRelay;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The plex.tv operations of plexjs's {@code plex} group, with its names and parameters. Get it from
 * {@link PlexAPI#plex()}; the non-throwing {@link Result} forms are in {@link PlexFunctions}.
 *
 * <p>Each operation comes in four forms, as in {@link Authentication}: the plain call, the same
 * with {@link RequestOptions}, and an {@code …Async} sibling of both. Errors are the operation's
 * own {@code …BadRequest} (400) and {@code …Unauthorized} (401), and the shared {@link
 * dev.plexauth.sdk.errors.PlexException} tree.
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
}
