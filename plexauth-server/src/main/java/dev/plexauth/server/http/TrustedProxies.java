package dev.plexauth.server.http;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * Finds a request's client address: the socket's peer, unless that peer is a trusted reverse proxy;
 * then the right-most address of {@code X-Forwarded-For} (or, without that header, of {@code
 * Forwarded}) that is not itself a trusted proxy. The addresses to the left of it were written by
 * the client and prove nothing. Headers from any other peer are ignored, so a client cannot choose
 * its own address.
 *
 * <pre>{@code
 * TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8", "::1/128"));
 * InetAddress client = proxies.clientAddress(request);
 * }</pre>
 *
 * Ranges are CIDR blocks ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or single addresses, matched
 * by Jetty's {@link InetAddressSet}.
 */
public final class TrustedProxies {

  /** Stands for a peer that is no IP address. */
  private static final InetAddress ANY = IpLiterals.parse("0.0.0.0").orElseThrow();

  /** No proxy is trusted: the socket's peer is always the client. */
  public static final TrustedProxies NONE = new TrustedProxies(List.of(), new InetAddressSet());

  private final List<String> ranges;
  private final InetAddressSet set;

  private TrustedProxies(List<String> ranges, InetAddressSet set) {
    this.ranges = ranges;
    this.set = set;
  }

  /**
   * Parses the trusted ranges.
   *
   * @param ranges CIDR blocks or single IP addresses (literals only, never names)
   * @return the trusted proxies
   * @throws IllegalArgumentException when a range is not a literal CIDR block or address, or has
   *     host bits set ({@code 10.0.0.1/8})
   */
  public static TrustedProxies of(List<String> ranges) {
    InetAddressSet set = new InetAddressSet();
    List<String> kept = new ArrayList<>();
    for (String range : ranges) {
      String text = range == null ? "" : range.strip();
      int slash = text.indexOf('/');
      String address = slash < 0 ? text : text.substring(0, slash);
      if (IpLiterals.parse(address).isEmpty()
          || (slash >= 0 && !text.substring(slash + 1).matches("\\d{1,3}"))) {
        throw new IllegalArgumentException(
            "not a CIDR block or IP address: '" + range + "' (e.g. 10.0.0.0/8, 2001:db8::/32)");
      }
      try {
        set.add(text.startsWith("[") ? text.replace("[", "").replace("]", "") : text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "not a CIDR block: '" + range + "' (the prefix is too long, or host bits are set)", e);
      }
      kept.add(text);
    }
    return new TrustedProxies(List.copyOf(kept), set);
  }

  /**
   * The ranges, as given.
   *
   * @return the ranges
   */
  public List<String> ranges() {
    return ranges;
  }

  /**
   * Whether an address is a trusted proxy.
   *
   * @param address the address
   * @return true when it lies in a trusted range
   */
  boolean trusts(InetAddress address) {
    return !ranges.isEmpty() && set.test(address);
  }

  /**
   * The client address of a request.
   *
   * @param request the request
   * @return the peer, or the address a trusted proxy forwarded
   */
  InetAddress clientAddress(HttpServletRequest request) {
    InetAddress peer = peer(request);
    if (!trusts(peer)) {
      return peer;
    }
    List<String> hops = forwardedFor(request);
    if (hops.isEmpty()) {
      hops = forwarded(request);
    }
    InetAddress client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      Optional<InetAddress> hop = IpLiterals.parseNode(hops.get(i));
      if (hop.isEmpty()) {
        // "unknown", an obfuscated name or garbage: the last trusted hop is all that is known.
        return client;
      }
      client = hop.get();
      if (!trusts(client)) {
        return client;
      }
    }
    return client;
  }

  /**
   * The socket's peer, from Jetty's connection (no text to parse, so an IPv6 link-local peer with
   * its zone is read as well); {@code 0.0.0.0} if it is somehow no IP address.
   */
  private static InetAddress peer(HttpServletRequest request) {
    ServletContextRequest core = ServletContextRequest.getServletContextRequest(request);
    if (core != null
        && core.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress socket
        && socket.getAddress() != null) {
      return socket.getAddress();
    }
    String text = request.getRemoteAddr();
    int zone = text.indexOf('%');
    return IpLiterals.parse(zone < 0 ? text : text.substring(0, zone)).orElse(ANY);
  }

  /** The X-Forwarded-For entries of every such header, left to right. */
  private static List<String> forwardedFor(HttpServletRequest request) {
    List<String> hops = new ArrayList<>();
    for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
      for (String entry : header.split(",")) {
        if (!entry.isBlank()) {
          hops.add(entry.strip());
        }
      }
    }
    return hops;
  }

  /** The {@code for=} nodes of every {@code Forwarded} element (RFC 7239), left to right. */
  private static List<String> forwarded(HttpServletRequest request) {
    List<String> hops = new ArrayList<>();
    for (String header : Collections.list(request.getHeaders("Forwarded"))) {
      for (String element : splitOutsideQuotes(header, ',')) {
        String node = "unknown";
        for (String pair : splitOutsideQuotes(element, ';')) {
          int equals = pair.indexOf('=');
          if (equals > 0
              && pair.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("for")) {
            node = pair.substring(equals + 1).strip().replace("\"", "");
          }
        }
        if (!element.isBlank()) {
          hops.add(node);
        }
      }
    }
    return hops;
  }

  private static List<String> splitOutsideQuotes(String text, char separator) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == separator && !quoted) {
        parts.add(part.toString());
        part.setLength(0);
      } else {
        part.append(c);
      }
    }
    parts.add(part.toString());
    return parts;
  }

  @Override
  public String toString() {
    return "TrustedProxies" + ranges;
  }
}
