package dev.plexauth.sdk.internal;

import dev.plexauth.sdk.RequestNotSentException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;

/**
 * Classifies transport failures: did the request possibly reach the server, and was it a timeout.
 *
 * @param notSent true when the connection was never made (refused, unknown host, connect timeout)
 * @param timeout true when a timeout ended the attempt
 */
record Failures(boolean notSent, boolean timeout) {

  /**
   * Classifies a failure by its type and the types of its causes.
   *
   * @param failure what the transport threw
   * @return the classification
   */
  static Failures classify(Throwable failure) {
    boolean notSent = false;
    boolean timeout = false;
    Throwable current = failure;
    for (int depth = 0; current != null && depth < 10; depth++) {
      if (current instanceof RequestNotSentException
          || current instanceof ConnectException
          || current instanceof UnknownHostException
          || current instanceof NoRouteToHostException
          || current instanceof UnresolvedAddressException
          || current instanceof HttpConnectTimeoutException) {
        notSent = true;
      }
      if (current instanceof HttpTimeoutException
          || current instanceof SocketTimeoutException
          || current instanceof TimeoutException) {
        timeout = true;
      }
      current = current.getCause();
    }
    return new Failures(notSent, timeout);
  }

  /**
   * Unwraps the completion wrappers of a future's failure.
   *
   * @param failure the failure
   * @return the innermost non-wrapper failure
   */
  static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof java.util.concurrent.CompletionException
            || current instanceof java.util.concurrent.ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /**
   * Wraps a non-I/O failure of a transport as an {@link IOException} when it is one underneath.
   *
   * @param failure the failure
   * @return the I/O failure, or null when it is not one
   */
  static IOException asIOException(Throwable failure) {
    Throwable unwrapped = unwrap(failure);
    if (unwrapped instanceof IOException) {
      return (IOException) unwrapped;
    }
    if (unwrapped instanceof UnresolvedAddressException) {
      return new RequestNotSentException("unknown host", unwrapped);
    }
    if (unwrapped instanceof TimeoutException) {
      return new HttpTimeoutException("request timed out");
    }
    return null;
  }
}
