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
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
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
   * blocking on it cost a thread start per call.
   */
  @Override
  public TransportResponse send(TransportRequest request) throws IOException {
    long deadline = System.nanoTime() + request.timeout().toNanos();
    HttpResponse<byte[]> response;
    try {
      response =
          client.send(
              httpRequest(request),
              info -> new DeadlineBody<>(HttpResponse.BodySubscribers.ofByteArray(), deadline));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the answer");
    }
    return new TransportResponse(response.statusCode(), response.headers().map(), response.body());
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

  /**
   * A body that must be complete by a deadline: past it, the body fails with a {@link
   * TimeoutException} and the subscription is cancelled, so the connection is dropped rather than
   * left reading. The timer is {@code orTimeout}'s shared one, cancelled when the body completes.
   */
  private static final class DeadlineBody<T> implements HttpResponse.BodySubscriber<T> {
    private final HttpResponse.BodySubscriber<T> delegate;
    private final CompletableFuture<T> body = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    DeadlineBody(HttpResponse.BodySubscriber<T> delegate, long deadlineNanos) {
      this.delegate = delegate;
      delegate
          .getBody()
          .whenComplete(
              (value, failure) -> {
                if (failure == null) {
                  body.complete(value);
                } else {
                  body.completeExceptionally(failure);
                }
              });
      body.orTimeout(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)
          .whenComplete(
              (value, failure) -> {
                Flow.Subscription current = subscription;
                if (failure != null && current != null) {
                  current.cancel();
                }
              });
    }

    @Override
    public CompletionStage<T> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      delegate.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      delegate.onNext(item);
    }

    @Override
    public void onError(Throwable throwable) {
      delegate.onError(throwable);
    }

    @Override
    public void onComplete() {
      delegate.onComplete();
    }
  }

  @Override
  public String toString() {
    return "JdkTransport[" + client.version() + "]";
  }
}
