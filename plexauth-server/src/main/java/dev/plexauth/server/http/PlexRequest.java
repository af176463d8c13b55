package dev.plexauth.server.http;

import dev.plexauth.server.auth.SecurityEvents;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a request says, read the Plex way: every {@code X-Plex-*} value from its header or, when the
 * header is absent or empty, from the query string; an empty value counts as missing (plexjs sends
 * empty headers for unset fields). {@code Authorization} is never read.
 */
final class PlexRequest {

  /** Longest accepted value of an identity header. */
  static final int MAX_HEADER_VALUE = 256;

  /** The context attribute that holds the client address, set before any route runs. */
  static final String CLIENT_ADDRESS = "plexauth.clientAddress";

  private final Context ctx;
  private final Map<String, List<String>> query;

  private PlexRequest(Context ctx, Map<String, List<String>> query) {
    this.ctx = ctx;
    this.query = query;
  }

  static PlexRequest of(Context ctx) {
    return new PlexRequest(ctx, FormDecoder.decode(ctx.req().getQueryString(), "the query string"));
  }

  /**
   * The client's address: the socket's peer, or what a trusted proxy forwarded ({@link
   * TrustedProxies}). This is the address the per-address sign-in limit counts, and the one logs
   * should name ({@code clientAddress(ctx).getHostAddress()}).
   *
   * @param ctx the request
   * @return the client address
   */
  static InetAddress clientAddress(Context ctx) {
    InetAddress resolved = ctx.attribute(CLIENT_ADDRESS);
    return resolved != null ? resolved : TrustedProxies.NONE.clientAddress(ctx.req());
  }

  /**
   * The client's address; see {@link #clientAddress(Context)}.
   *
   * @return the client address
   */
  InetAddress clientAddress() {
    return clientAddress(ctx);
  }

  /**
   * Who a security event names: the client address and the client identifier as sent (the events
   * escape both).
   *
   * @param ctx the request
   * @return the origin of the event
   */
  static SecurityEvents.Origin eventOrigin(Context ctx) {
    return new SecurityEvents.Origin(
        clientAddress(ctx).getHostAddress(), ctx.header("X-Plex-Client-Identifier"));
  }

  /** The token from {@code X-Plex-Token}, header first, then query; empty when missing. */
  String token() {
    return plexValue("X-Plex-Token", Integer.MAX_VALUE).orElse("");
  }

  /**
   * An {@code X-Plex-*} value.
   *
   * @param name the header name
   * @param maxLength longest accepted value
   * @return the value, or empty when missing or empty
   * @throws ApiError 400 when it is given twice or is too long
   */
  Optional<String> plexValue(String name, int maxLength) {
    List<String> headers = Collections.list(ctx.req().getHeaders(name));
    List<String> nonEmpty = headers.stream().filter(h -> !h.isEmpty()).toList();
    if (nonEmpty.size() > 1) {
      throw ApiError.badRequest(name + " is given more than once");
    }
    Optional<String> value = nonEmpty.isEmpty() ? queryValue(name) : Optional.of(nonEmpty.get(0));
    if (value.isPresent() && value.get().length() > maxLength) {
      throw ApiError.badRequest(name + " is longer than " + maxLength + " characters");
    }
    return value;
  }

  /**
   * An identity value ({@code X-Plex-Client-Identifier}, {@code X-Plex-Product}, …) that is stored
   * with the device's token: at most {@link #MAX_HEADER_VALUE} characters and no control
   * characters. HTTP keeps them out of headers, but the query string can carry any of them.
   *
   * @param name the header name
   * @return the value, or empty when missing or empty
   * @throws ApiError 400 when it is given twice, too long or holds a control character
   */
  Optional<String> identityValue(String name) {
    Optional<String> value = plexValue(name, MAX_HEADER_VALUE);
    if (value.isPresent() && value.get().chars().anyMatch(Character::isISOControl)) {
      throw ApiError.badRequest(name + " must not contain control characters");
    }
    return value;
  }

  /**
   * A query parameter.
   *
   * @param name its name
   * @return the value, or empty when missing or empty
   * @throws ApiError 400 when it is given more than once
   */
  Optional<String> queryValue(String name) {
    List<String> values = query.getOrDefault(name, List.of());
    if (values.size() > 1) {
      throw ApiError.badRequest("the query parameter " + name + " is given more than once");
    }
    return values.isEmpty() || values.get(0).isEmpty()
        ? Optional.empty()
        : Optional.of(values.get(0));
  }
}
