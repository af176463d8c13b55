package dev.plexauth.sdk;

import dev.plexauth.sdk.internal.JdkTransport;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one HTTP request and returns the answer: the seam between the SDK and an HTTP client. The
 * default, {@link #jdk(Duration)}, uses {@code java.net.http.HttpClient} over HTTP/1.1; plug in
 * OkHttp, Apache HttpClient or a test double by implementing {@link #send(TransportRequest)}.
 *
 * <p>The contract:
 *
 * <ul>
 *   <li>Return every answer, whatever its status; never follow redirects to another host with the
 *       request's headers (they carry the token).
 *   <li>Apply {@link TransportRequest#timeout()} to the whole exchange, body included, and throw an
 *       {@link java.net.http.HttpTimeoutException} (or any {@link java.io.InterruptedIOException})
 *       when it passes.
 *   <li>Refuse a body larger than {@link TransportRequest#maxResponseBytes()} with {@link
 *       ResponseTooLargeException}: before reading it when {@code Content-Length} says so, else as
 *       soon as the streamed body passes the limit. (The SDK checks the size of what a transport
 *       returns too, but only a transport can avoid holding it in memory.)
 *   <li>Throw {@link RequestNotSentException} when the request certainly did not reach the server
 *       (connection refused, unknown host, connect timeout). Only then may the SDK retry a sign-in.
 *       The JDK's {@link java.net.ConnectException}, {@link java.net.UnknownHostException}, {@link
 *       java.net.NoRouteToHostException} and {@link java.net.http.HttpConnectTimeoutException} are
 *       understood the same way. Any other {@link IOException} means the request may have been
 *       sent.
 * </ul>
 *
 * <pre>{@code
 * Transport counting = request -> {
 *   calls.incrementAndGet();
 *   return Transport.jdk(Duration.ofSeconds(10)).send(request);
 * };
 * PlexAPI plex = PlexAPI.builder().serverURL("http://127.0.0.1:32400").transport(counting).build();
 * }</pre>
 */
@FunctionalInterface
public interface Transport {

  /**
   * Sends a request and waits for the whole answer.
   *
   * @param request the request
   * @return the answer, whatever its status
   * @throws IOException when no answer came; {@link RequestNotSentException} when the request
   *     certainly never reached the server
   */
  TransportResponse send(TransportRequest request) throws IOException;

  /**
   * Sends a request without blocking the caller. The default runs {@link #send(TransportRequest)}
   * on a new daemon thread; implementations with a non-blocking client should override it.
   *
   * @param request the request
   * @return a future that completes with the answer, or exceptionally with the {@link IOException}
   */
  default CompletableFuture<TransportResponse> sendAsync(TransportRequest request) {
    CompletableFuture<TransportResponse> future = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                future.complete(send(request));
              } catch (IOException | RuntimeException e) {
                future.completeExceptionally(e);
              }
            },
            "plexauth-transport");
    thread.setDaemon(true);
    thread.start();
    return future;
  }

  /**
   * The default transport: a new {@code java.net.http.HttpClient} speaking HTTP/1.1, with this
   * connect timeout and redirects not followed. The client has no thread pool of its own: it
   * processes answers on its selector thread, which saves several thread switches per call. A TLS
   * handshake runs there too, so an application making many concurrent calls to new hosts can give
   * the client an executor with {@link #jdk(HttpClient)}.
   *
   * @param connectTimeout the longest wait for a connection
   * @return the transport
   */
  static Transport jdk(Duration connectTimeout) {
    Objects.requireNonNull(connectTimeout, "connectTimeout == null");
    return JdkTransport.withDefaultClient(connectTimeout);
  }

  /**
   * A transport on an {@code HttpClient} you configured (proxy, TLS, executor).
   *
   * @param client the client; its connect timeout applies
   * @return the transport
   */
  static Transport jdk(HttpClient client) {
    return new JdkTransport(Objects.requireNonNull(client, "client == null"));
  }
}
