package dev.plexauth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

class TotpTest {

  /** RFC 6238 appendix B, SHA-1, truncated to 6 digits. */
  private static final String RFC_SECRET =
      new Base32().encodeToString("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

  @Test
  void codesMatchTheRfc6238Vectors() {
    assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(59))).isEqualTo("287082");
    assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
    assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(1234567890))).isEqualTo("005924");
    assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
  }

  @Test
  void oneStepEitherSideIsAcceptedAndNothingFurther() {
    Instant now = Instant.ofEpochSecond(1_700_000_010L);
    long step = Totp.step(now);

    for (int offset = -1; offset <= 1; offset++) {
      String code = Totp.code(RFC_SECRET, Instant.ofEpochSecond((step + offset) * 30));
      assertThat(Totp.matchingStep(RFC_SECRET, code, now)).hasValue(step + offset);
    }
    for (int offset : new int[] {-2, 2}) {
      String code = Totp.code(RFC_SECRET, Instant.ofEpochSecond((step + offset) * 30));
      assertThat(Totp.matchingStep(RFC_SECRET, code, now)).isEmpty();
    }
    assertThat(Totp.matchingStep(RFC_SECRET, "12345", now)).isEmpty();
    assertThat(Totp.matchingStep(RFC_SECRET, "abcdef", now)).isEmpty();
  }

  @Test
  void newSecretsAre160BitBase32() {
    assertThat(Totp.newSecret()).matches("[A-Z2-7]{32}").isNotEqualTo(Totp.newSecret());
    assertThat(Totp.normalizeSecret("jbsw y3dp-ehpk 3pxp")).isEqualTo("JBSWY3DPEHPK3PXP");
  }
}
