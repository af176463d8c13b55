package dev.plexauth.server.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses IP address literals, and only literals: {@link InetAddress#getByName} looks a name up in
 * DNS, which a value from a request header must never cause.
 */
final class IpLiterals {

  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  /** Hex groups and colons, with an optional dotted IPv4 tail; the JDK checks the rest. */
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

  private IpLiterals() {}

  /**
   * Parses a literal: dotted-quad IPv4, or IPv6 with or without brackets (no zone).
   *
   * @param text the literal
   * @return the address, or empty when the text is no IP literal
   */
  static Optional<InetAddress> parse(String text) {
    String literal = text.strip();
    if (literal.startsWith("[") && literal.endsWith("]")) {
      literal = literal.substring(1, literal.length() - 1);
      if (!IPV6.matcher(literal).matches()) {
        return Optional.empty();
      }
    } else if (!IPV4.matcher(literal).matches() && !IPV6.matcher(literal).matches()) {
      return Optional.empty();
    }
    try {
      // A literal of one of the two shapes: the JDK parses it without a lookup.
      return Optional.of(InetAddress.getByName(literal));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses a node as {@code X-Forwarded-For} and {@code Forwarded} carry one: an address, possibly
   * with a port ({@code 192.0.2.1:4711}, {@code [2001:db8::1]:4711}).
   *
   * @param node the node
   * @return the address, or empty for anything else ({@code unknown}, {@code _hidden}, a name)
   */
  static Optional<InetAddress> parseNode(String node) {
    String text = node.strip();
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0 || !(close == text.length() - 1 || text.charAt(close + 1) == ':')) {
        return Optional.empty();
      }
      return parse(text.substring(0, close + 1));
    }
    int colon = text.indexOf(':');
    if (colon > 0 && colon == text.lastIndexOf(':')) {
      text = text.substring(0, colon); // IPv4 with a port
    }
    return parse(text);
  }
}
