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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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

  @Override
  public TransportResponse send(TransportRequest request) throws IOException {
    CompletableFuture<TransportResponse> future = sendAsync(request);
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the answer");
    } catch (ExecutionException e) {
      IOException io = Failures.asIOException(e.getCause());
      if (io != null) {
        throw io;
      }
      Throwable cause = Failures.unwrap(e);
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IOException(cause);
    }
  }

  @Override
  public CompletableFuture<TransportResponse> sendAsync(TransportRequest request) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(request.timeout());
    request.headers().forEach(builder::header);
    byte[] body = request.body();
    if (body.length == 0 && !"POST".equals(request.method()) && !"PUT".equals(request.method())) {
      builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      builder.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(body));
    }
    CompletableFuture<HttpResponse<byte[]>> exchange =
        client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
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

  @Override
  public String toString() {
    return "JdkTransport[" + client.version() + "]";
  }
}
