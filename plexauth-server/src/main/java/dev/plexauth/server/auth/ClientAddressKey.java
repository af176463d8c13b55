package dev.plexauth.server.auth;

import java.net.Inet6Address;
import java.net.InetAddress;

/** One client, as the per-address limits count it. */
final class ClientAddressKey {

  private ClientAddressKey() {}

  /**
   * The key a client address is counted under, for the per-address sign-in limit and the
   * per-address count of wrong pin codes: the address itself for IPv4 (and IPv6 link-local), its
   * /64 for IPv6.
   *
   * @param address the client address
   * @return {@code 192.0.2.7} or {@code 2001:db8:0:1::/64}
   */
  static String of(InetAddress address) {
    if (!(address instanceof Inet6Address) || address.isLinkLocalAddress()) {
      // Link-local addresses share fe80::/64 on every link: there each address is a client.
      return address.getHostAddress();
    }
    byte[] bytes = address.getAddress();
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < 8; i += 2) {
      prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
      prefix.append(':');
    }
    return prefix.append(":/64").toString();
  }
}
