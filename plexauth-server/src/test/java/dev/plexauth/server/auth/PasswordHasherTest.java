package dev.plexauth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher();

  @Test
  void hashIsAnArgon2idPhcStringAtTheOwaspParameters() {
    String phc = hasher.hash("correct horse");

    assertThat(phc)
        .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(hasher.hash("correct horse")).isNotEqualTo(phc);
  }

  @Test
  void verifyAcceptsTheRightPasswordOnlyAndCountsEveryCheck() {
    String phc = hasher.hash("correct horse");
    long before = hasher.verifications();

    assertThat(hasher.verify("correct horse", phc)).isTrue();
    assertThat(hasher.verify("correct horsf", phc)).isFalse();
    assertThat(hasher.verify("correct horse", "$argon2id$garbage")).isFalse();
    assertThat(hasher.verifyUnknownUser("correct horse")).isFalse();
    assertThat(hasher.verifications() - before).isEqualTo(4);
  }
}
