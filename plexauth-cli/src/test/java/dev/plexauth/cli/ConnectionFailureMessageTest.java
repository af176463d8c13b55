package dev.plexauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.sdk.errors.PlexConnectionException;
import java.net.ConnectException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * The one-line reason printed when the server cannot be reached, read from the whole cause chain
 * (the JDK client wraps an unknown host in a ConnectException).
 */
class ConnectionFailureMessageTest {

  private static PlexConnectionException failure(Throwable cause) {
    return new PlexConnectionException(
        "getTokenDetails",
        "getTokenDetails: could not connect to nas.example:32400 (ConnectException)",
        cause);
  }

  @Test
  void anUnknownHostWrappedInAConnectExceptionIsReportedAsUnknownHost() {
    ConnectException wrapped = new ConnectException();
    wrapped.initCause(new UnresolvedAddressException());

    assertThat(ErrorHandler.why(failure(wrapped)))
        .isEqualTo("could not connect to nas.example:32400: unknown host");
  }

  @Test
  void aRefusedConnectionIsReportedAsRefused() {
    assertThat(ErrorHandler.why(failure(new ConnectException("Connection refused"))))
        .isEqualTo("could not connect to nas.example:32400: connection refused");
  }

  @Test
  void aFailedHandshakeIsReportedAsTls() {
    ConnectException wrapped = new ConnectException();
    wrapped.initCause(new SSLHandshakeException("no cipher suites in common"));

    assertThat(ErrorHandler.why(failure(wrapped)))
        .isEqualTo("could not connect to nas.example:32400: TLS failed");
  }
}
