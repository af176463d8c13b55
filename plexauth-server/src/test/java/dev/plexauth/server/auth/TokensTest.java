package dev.plexauth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The token generator behind every issued token. */
class TokensTest {

  @Test
  void tokensComeFromSecureRandomAnd1000AccountTokensAreDistinct256BitValues() throws Exception {
    Field random = Tokens.class.getDeclaredField("RANDOM");
    random.setAccessible(true);
    assertThat(random.getType()).isEqualTo(SecureRandom.class);
    assertThat(random.get(null)).isExactlyInstanceOf(SecureRandom.class);

    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String token = Tokens.newAccountToken();
      assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
      assertThat(seen.add(token)).as("token %d is new", i).isTrue();
    }
    assertThat(Tokens.newTransientToken()).matches("transient-[A-Za-z0-9_-]{43}");
  }

  @Test
  void theStoredFormIsTheSha256OfTheTokenText() {
    assertThat(Tokens.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void resourceTokensAreHmacSha256OfTheResourceKeyedWithTheAccountToken() {
    Tokens.ResourceTokens tokens = Tokens.resourceTokens("an-account-token");

    // Computed elsewhere: HMAC-SHA256(key, "plexauth resource token\n" + resource), base64url.
    String self = "resource-rGq8BFziebnLaN2BCdDnnUecwvEv-TwZYTmI_fIKyT8";
    String livingRoom = "resource-OOZA7VjT33-nnulRYiVkftrJJbVcnHYmTfB2kCKWAss";
    assertThat(tokens.of("self")).isEqualTo(self);
    assertThat(tokens.of("server://living-room")).isEqualTo(livingRoom);
    assertThat(tokens.of("self")).as("one keyed Mac serves every resource").isEqualTo(self);
    assertThat(Tokens.resourceTokens("an-account-token").of("server://living-room"))
        .isEqualTo(livingRoom);
    assertThat(Tokens.resourceTokens("another-account-token").of("self")).isNotEqualTo(self);
  }
}
