package dev.plexauth.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlsTest {

  @Test
  void encodesExactlyLikeEncodeUriComponent() {
    // Expected values computed with JavaScript's encodeURIComponent.
    assertThat(Urls.encodeComponent("server://client-identifier"))
        .isEqualTo("server%3A%2F%2Fclient-identifier");
    assertThat(Urls.encodeComponent("a b+c&d=e@f")).isEqualTo("a%20b%2Bc%26d%3De%40f");
    assertThat(Urls.encodeComponent("-_.!~*'()")).isEqualTo("-_.!~*'()");
    assertThat(Urls.encodeComponent("#?/[]$,;")).isEqualTo("%23%3F%2F%5B%5D%24%2C%3B");
    assertThat(Urls.encodeComponent("ü€😀")).isEqualTo("%C3%BC%E2%82%AC%F0%9F%98%80");
  }

  @Test
  void resolveKeepsTheBasePathAndQuery() {
    assertThat(Urls.resolve(URI.create("http://h:1"), "user", List.of()))
        .isEqualTo(URI.create("http://h:1/user"));
    assertThat(Urls.resolve(URI.create("http://h/pfx"), "security/token", List.of()))
        .isEqualTo(URI.create("http://h/pfx/security/token"));
    assertThat(Urls.resolve(URI.create("http://h/api/v2/"), "/user", List.of()))
        .isEqualTo(URI.create("http://h/api/v2/user"));
    assertThat(
            Urls.resolve(
                URI.create("HTTPS://h/?a=1"), "security/resources", List.of(Map.entry("s", "x y"))))
        .isEqualTo(URI.create("https://h/security/resources?a=1&s=x%20y"));
  }

  @Test
  void masksTokenLikeQueryValuesAndUserInformation() {
    assertThat(Urls.maskQuery("http://h/p?X-Plex-Token=abc&type=delegation"))
        .isEqualTo("http://h/p?X-Plex-Token=***&type=delegation");
    assertThat(Urls.maskQuery("http://user:pw@h/p?password=x#frag"))
        .isEqualTo("http://***@h/p?password=***");
    assertThat(Urls.maskQuery("http://h/p")).isEqualTo("http://h/p");
  }
}
