package dev.plexauth.server.http;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's network edge: where it listens, over what, whom it believes about client addresses,
 * and which host names and origins it answers.
 *
 * @param host the address to bind
 * @param port the port to bind, 0 for any free port
 * @param tls the certificate and key to serve HTTPS with; plain HTTP when empty
 * @param trustedProxies the reverse proxies whose forwarded client addresses are believed
 * @param hostAndOrigin the host names answered and the origins allowed to post
 * @param publicUrl the URL clients reach the server at, when it is not the address it binds: the
 *     links the server hands out (a pin's {@code qr}) start with it
 * @param maxThreads the most HTTP request threads, or 0 for Javalin's default
 */
public record Edge(
    String host,
    int port,
    Optional<TlsIdentity> tls,
    TrustedProxies trustedProxies,
    HostAndOrigin hostAndOrigin,
    Optional<URI> publicUrl,
    int maxThreads) {

  /** Checks the values. */
  public Edge {
    Objects.requireNonNull(host, "host == null");
    Objects.requireNonNull(tls, "tls == null");
    Objects.requireNonNull(trustedProxies, "trustedProxies == null");
    Objects.requireNonNull(publicUrl, "publicUrl == null");
    Objects.requireNonNull(hostAndOrigin, "hostAndOrigin == null");
  }
}
