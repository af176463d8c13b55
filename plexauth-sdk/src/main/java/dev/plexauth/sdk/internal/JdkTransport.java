package dev.plexauth.sdk.internal;

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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The default {@link Transport} on {@code java.net.http.HttpClient}. The request timeout covers the
 * whole exchange, body included (the JDK's own timeout stops at the headers).
 */
public final class JdkTransport implements Transport {

  private final HttpClient client;

  /**
   * Creates the transport.
   *
   * @param client the configured client
   */
  public JdkTransport(HttpClient client) {
    this.client = client;
  }

  /**
   * Sends on the calling thread with {@code HttpClient.send}. The JDK's {@code sendAsync} hands
   * every answer to the {@code CompletableFuture} default executor, which starts a new thread per
   * answer where the common pool has fewer than two threads (machines with one or two cores);
   * blocking on it cost a thread start per call. The JDK's own timeout ends with the headers, so a
   * {@link Deadline} bounds the whole exchange: it interrupts this thread when the timeout passes,
   * and {@code HttpClient.send} then cancels the exchange. (Bounding the body with a wrapping body
   * subscriber instead made the JDK deliver the body on its executor, one more thread hand-off per
   * call.)
   */
  @Override
  public TransportResponse send(TransportRequest request) throws IOException {
    HttpRequest httpRequest = httpRequest(request);
    Deadline deadline = new Deadline(request.timeout());
    try {
      HttpResponse<byte[]> response =
          client.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
      return new TransportResponse(
          response.statusCode(), response.headers().map(), response.body());
    } catch (InterruptedException e) {
      if (deadline.expired()) {
        throw new HttpTimeoutException(
            "no complete answer within " + request.timeout().toMillis() + " ms");
      }
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the answer");
    } finally {
      deadline.close();
    }
  }

  /**
   * Interrupts the thread that made it when a timeout passes, unless closed first. The timer is
   * {@code orTimeout}'s shared one, cancelled on close. An interrupt that it delivered after the
   * call returned is cleared on close, so it never reaches the caller.
   */
  private static final class Deadline implements AutoCloseable {
    private final Thread thread = Thread.currentThread();
    private final CompletableFuture<Void> timer = new CompletableFuture<>();
    private boolean closed; // guarded by this
    private boolean expired; // guarded by this

    Deadline(Duration timeout) {
      timer
          .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
          .whenComplete(
              (value, failure) -> {
                if (failure != null) {
                  expire();
                }
              });
    }

    private synchronized void expire() {
      if (!closed) {
        expired = true;
        thread.interrupt();
      }
    }

    synchronized boolean expired() {
      return expired;
    }

    @Override
    public void close() {
      boolean interruptedByUs;
      synchronized (this) {
        closed = true;
        interruptedByUs = expired;
      }
      timer.complete(null);
      if (interruptedByUs) {
        Thread.interrupted();
      }
    }
  }

  @Override
  public CompletableFuture<TransportResponse> sendAsync(TransportRequest request) {
    CompletableFuture<HttpResponse<byte[]>> exchange =
        client.sendAsync(httpRequest(request), HttpResponse.BodyHandlers.ofByteArray());
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
