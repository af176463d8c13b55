package dev.plexauth.sdk.internal;

import dev.plexauth.sdk.ResponseTooLargeException;
import dev.plexauth.sdk.Transport;
import dev.plexauth.sdk.TransportRequest;
import dev.plexauth.sdk.TransportResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The default {@link Transport} on {@code java.net.http.HttpClient}. The request timeout covers the
 * whole exchange, body included (the JDK's own timeout stops at the headers), and a body larger
 * than the request's {@code maxResponseBytes} is refused without being read whole: at once when
 * {@code Content-Length} announces it, else as soon as the streamed bytes pass the limit.
 *
 * <p>The client that {@link #withDefaultClient(Duration)} builds runs the JDK client's internal
 * tasks where they arise, on the client's selector thread, instead of handing each to a thread
 * pool: the JDK otherwise passes every answer through about four pool tasks (headers, body,
 * completion), each a thread switch, which cost more than the rest of a call on a small machine.
 * Nothing in those tasks blocks: the SDK's body subscriber only copies bytes. An asynchronous call
 * is started on a thread of this transport, as the JDK's pool would, so that resolving the host
 * never blocks the caller.
 */
public final class JdkTransport implements Transport {

  private final HttpClient client;
  private final Executor starter; // null: asynchronous calls start on the caller's thread
  private final Deadlines deadlines = new Deadlines();

  /**
   * Creates the transport on a client configured elsewhere; asynchronous calls are started on the
   * caller's thread, and the client's executor does the rest.
   *
   * @param client the configured client
   */
  public JdkTransport(HttpClient client) {
    this(client, null);
  }

  private JdkTransport(HttpClient client, Executor starter) {
    this.client = client;
    this.starter = starter;
  }

  /**
   * The default transport: HTTP/1.1, redirects not followed, this connect timeout, and no thread
   * pool inside the JDK client.
   *
   * @param connectTimeout the longest wait for a connection
   * @return the transport
   */
  public static JdkTransport withDefaultClient(Duration connectTimeout) {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(connectTimeout)
            .executor(Runnable::run)
            .build();
    ThreadPoolExecutor starter =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            task -> {
              Thread thread = new Thread(task, "plexauth-http-start");
              thread.setDaemon(true);
              return thread;
            });
    return new JdkTransport(client, starter);
  }

  /**
   * Sends on the calling thread with {@code HttpClient.send} (the JDK's {@code sendAsync} hands
   * every answer to the {@code CompletableFuture} default executor, which starts a new thread per
   * answer where the common pool has fewer than two threads). The JDK's own timeout ends with the
   * headers, so a {@link Deadlines.Deadline} bounds the whole exchange: it interrupts this thread
   * when the timeout passes, and {@code HttpClient.send} then cancels the exchange, body included.
   */
  @Override
  public TransportResponse send(TransportRequest request) throws IOException {
    HttpRequest httpRequest = httpRequest(request);
    try (Deadlines.Deadline deadline = deadlines.start(request.timeout())) {
      try {
        HttpResponse<byte[]> response =
            client.send(httpRequest, LimitedBody.handler(request.maxResponseBytes()));
        return new TransportResponse(
            response.statusCode(), response.headers().map(), response.body());
      } catch (InterruptedException e) {
        if (deadline.expired()) {
          throw timeout(request);
        }
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the answer");
      } catch (IOException e) {
        ResponseTooLargeException tooLarge = tooLarge(e);
        if (tooLarge != null) {
          throw tooLarge;
        }
        if (deadline.expired()) {
          throw timeout(request);
        }
        throw e;
      }
    }
  }

  /** The body's refusal, which {@code HttpClient.send} wraps in a new {@link IOException}. */
  private static ResponseTooLargeException tooLarge(IOException failure) {
    Throwable current = failure;
    for (int depth = 0; current != null && depth < 5; depth++) {
      if (current instanceof ResponseTooLargeException tooLarge) {
        return tooLarge;
      }
      current = current.getCause();
    }
    return null;
  }

  private static HttpTimeoutException timeout(TransportRequest request) {
    return new HttpTimeoutException(
        "no complete answer within " + request.timeout().toMillis() + " ms");
  }

  @Override
  public CompletableFuture<TransportResponse> sendAsync(TransportRequest request) {
    CompletableFuture<HttpResponse<byte[]>> exchange =
        start(httpRequest(request), LimitedBody.handler(request.maxResponseBytes()));
    CompletableFuture<TransportResponse> result = new CompletableFuture<>();
    exchange.whenComplete(
        (response, failure) -> {
          if (failure == null) {
            result.complete(
                new TransportResponse(
                    response.statusCode(), response.headers().map(), response.body()));
          } else {
            Throwable unwrapped = Failures.unwrap(failure);
            IOException io = Failures.asIOException(unwrapped);
            result.completeExceptionally(io != null ? io : unwrapped);
          }
        });
    // orTimeout cancels its timer when the exchange completes first.
    result.orTimeout(request.timeout().toNanos(), TimeUnit.NANOSECONDS);
    CompletableFuture<TransportResponse> answer = new CompletableFuture<>();
    result.whenComplete(
        (response, failure) -> {
          if (failure == null) {
            answer.complete(response);
            return;
          }
          // A timeout or a cancelled caller aborts the exchange, so no connection stays busy.
          exchange.cancel(true);
          Throwable unwrapped = Failures.unwrap(failure);
          answer.completeExceptionally(
              unwrapped instanceof TimeoutException
                  ? new HttpTimeoutException(
                      "no complete answer within " + request.timeout().toMillis() + " ms")
                  : unwrapped);
        });
    answer.whenComplete(
        (response, failure) -> {
          if (answer.isCancelled()) {
            result.cancel(true);
          }
        });
    return answer;
  }

  /**
   * Starts the JDK's exchange, on the starter when there is one. Cancelling the returned future
   * cancels the exchange, also one that has not started yet.
   */
  private CompletableFuture<HttpResponse<byte[]>> start(
      HttpRequest request, HttpResponse.BodyHandler<byte[]> handler) {
    if (starter == null) {
      return client.sendAsync(request, handler);
    }
    CompletableFuture<HttpResponse<byte[]>> exchange = new CompletableFuture<>();
    starter.execute(
        () -> {
          if (exchange.isDone()) {
            return; // cancelled or timed out before it started
          }
          CompletableFuture<HttpResponse<byte[]>> started;
          try {
            started = client.sendAsync(request, handler);
          } catch (RuntimeException e) {
            exchange.completeExceptionally(e);
            return;
          }
          started.whenComplete(
              (response, failure) -> {
                if (failure == null) {
                  exchange.complete(response);
                } else {
                  exchange.completeExceptionally(failure);
                }
              });
          exchange.whenComplete(
              (response, failure) -> {
                if (exchange.isCancelled()) {
                  started.cancel(true);
                }
              });
        });
    return exchange;
  }

  private static HttpRequest httpRequest(TransportRequest request) {
    // The JDK's own timeout ends when the headers arrive; the body is bounded separately.
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(request.timeout());
    request.headers().forEach(builder::header);
    byte[] body = request.body();
    if (body.length == 0 && !"POST".equals(request.method()) && !"PUT".equals(request.method())) {
      builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      builder.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(body));
    }
    return builder.build();
  }

  @Override
  public String toString() {
    return "JdkTransport[" + client.version() + "]";
  }
}
