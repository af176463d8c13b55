package dev.plexauth.sdk.internal;

import dev.plexauth.sdk.ResponseTooLargeException;
import dev.plexauth.sdk.Transport;
import dev.plexauth.sdk.TransportRequest;
import dev.plexauth.sdk.TransportResponse;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
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
 * whole exchange, body included (the JDK's own timeout stops at the headers), and a body larger
 * than the request's {@code maxResponseBytes} is refused without being read whole: at once when
 * {@code Content-Length} announces it, else as soon as the streamed bytes pass the limit.
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
   * call.) The body is read from the JDK's input stream on this thread, up to the limit; when the
   * deadline passes, it closes that stream too, which ends a read that an interrupt would not.
   */
  @Override
  public TransportResponse send(TransportRequest request) throws IOException {
    HttpRequest httpRequest = httpRequest(request);
    Deadline deadline = new Deadline(request.timeout());
    try {
      HttpResponse<InputStream> response =
          client.send(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
      deadline.closeOnExpiry(response.body());
      try (InputStream body = response.body()) {
        long limit = request.maxResponseBytes();
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > limit) {
          throw tooLarge(response, limit, declared);
        }
        byte[] bytes = body.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
        if (bytes.length > limit) {
          throw tooLarge(response, limit, -1);
        }
        return new TransportResponse(response.statusCode(), response.headers().map(), bytes);
      } catch (IOException e) {
        if (deadline.expired()) {
          throw timeout(request);
        }
        throw e;
      }
    } catch (InterruptedException e) {
      if (deadline.expired()) {
        throw timeout(request);
      }
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the answer");
    } finally {
      deadline.close();
    }
  }

  private static ResponseTooLargeException tooLarge(
      HttpResponse<?> response, long limit, long declared) {
    return new ResponseTooLargeException(
        response.statusCode(), response.headers().map(), limit, declared);
  }

  private static HttpTimeoutException timeout(TransportRequest request) {
    return new HttpTimeoutException(
        "no complete answer within " + request.timeout().toMillis() + " ms");
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
    private Closeable body; // guarded by this

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
        closeQuietly(body);
      }
    }

    /** Closes the body stream as well when the deadline passes; at once if it has passed. */
    synchronized void closeOnExpiry(Closeable stream) {
      body = stream;
      if (expired) {
        closeQuietly(stream);
      }
    }

    private static void closeQuietly(Closeable stream) {
      if (stream == null) {
        return;
      }
      try {
        stream.close();
      } catch (IOException e) {
        // the reader sees the closed stream and reports the timeout
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
        client.sendAsync(httpRequest(request), LimitedBody.handler(request.maxResponseBytes()));
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
