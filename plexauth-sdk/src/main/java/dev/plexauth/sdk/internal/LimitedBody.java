package dev.plexauth.sdk.internal;

import dev.plexauth.sdk.ResponseTooLargeException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A body subscriber for the JDK client that keeps at most {@code limit} bytes: an answer whose
 * {@code Content-Length} is larger is refused before a byte is read, and a streamed body is cut off
 * (its subscription cancelled, so the connection is dropped) as soon as it passes the limit. Either
 * way the body completes with {@link ResponseTooLargeException}.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

  private final HttpResponse.ResponseInfo info;
  private final long limit;
  private final long declared;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private byte[] bytes;
  private int size;
  private Flow.Subscription subscription;

  private LimitedBody(HttpResponse.ResponseInfo info, long limit) {
    this.info = info;
    this.limit = limit;
    this.declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    this.bytes = new byte[declared >= 0 && declared <= limit ? (int) declared : 8192];
  }

  /**
   * A handler whose bodies are at most {@code limit} bytes.
   *
   * @param limit the largest body accepted
   * @return the handler
   */
  static HttpResponse.BodyHandler<byte[]> handler(long limit) {
    return info -> new LimitedBody(info, limit);
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (declared > limit) {
      subscription.cancel();
      result.completeExceptionally(tooLarge(declared));
      return;
    }
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      int length = buffer.remaining();
      if ((long) size + length > limit) {
        subscription.cancel();
        result.completeExceptionally(tooLarge(-1));
        return;
      }
      if (size + length > bytes.length) {
        // limit is at most Integer.MAX_VALUE - 8, so doubling (capped) never overflows past it
        long grown = Math.max((long) size + length, Math.min(2L * bytes.length, limit));
        bytes = Arrays.copyOf(bytes, (int) grown);
      }
      buffer.get(bytes, size, length);
      size += length;
    }
  }

  @Override
  public void onError(Throwable failure) {
    result.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    result.complete(size == bytes.length ? bytes : Arrays.copyOf(bytes, size));
  }

  private ResponseTooLargeException tooLarge(long length) {
    return new ResponseTooLargeException(info.statusCode(), info.headers().map(), limit, length);
  }
}
