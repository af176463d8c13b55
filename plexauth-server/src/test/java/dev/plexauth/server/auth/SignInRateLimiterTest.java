package dev.plexauth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * Which bucket an address counts in (for sign-ins and wrong pin codes alike); TrustedProxyTest
 * shows the buckets over HTTP.
 */
class SignInRateLimiterTest {

  private static String key(String address) throws Exception {
    return ClientAddressKey.of(InetAddress.getByName(address));
  }

  @Test
  void ipv4IsTheAddressAndIpv6ItsSlash64() throws Exception {
    assertThat(key("203.0.113.7")).isEqualTo("203.0.113.7");
    assertThat(key("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    assertThat(key("2001:db8:1:2::1"))
        .isEqualTo(key("2001:db8:1:2:ffff:ffff:ffff:ffff"))
        .isEqualTo("2001:db8:1:2::/64");
    assertThat(key("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3::/64");
    assertThat(key("::1")).isEqualTo("0:0:0:0::/64");
  }

  @Test
  void linkLocalAddressesAreEachTheirOwnClient() throws Exception {
    assertThat(key("fe80::1")).isNotEqualTo(key("fe80::2"));
  }
}
