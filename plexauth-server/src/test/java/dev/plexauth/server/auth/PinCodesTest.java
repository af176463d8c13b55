package dev.plexauth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pins' ids and codes and the forms the database keeps of them. */
class PinCodesTest {

  @Test
  void shortCodesUseOnlyCharactersThatCannotBeMisread() {
    Set<Character> seen = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      String code = PinCodes.newCode(false);
      assertThat(code).hasSize(4).matches("[A-Z2-9]{4}").doesNotContain("0", "1", "O", "I");
      code.chars().forEach(c -> seen.add((char) c));
    }
    assertThat(seen).as("every character of the alphabet is drawn").hasSize(32);
  }

  @Test
  void strongCodesHave25CharactersOf36ThatIsAtLeast128Bits() {
    String code = PinCodes.newCode(true);

    assertThat(code).matches("[a-z0-9]{25}");
    assertThat(25 * Math.log(PinCodes.STRONG_ALPHABET.length()) / Math.log(2))
        .isGreaterThanOrEqualTo(128);
  }

  @Test
  void idsArePositiveAndExactInAJavaScriptNumber() {
    for (int i = 0; i < 1_000; i++) {
      assertThat(PinCodes.newId()).isPositive().isLessThanOrEqualTo((1L << 53) - 1);
    }
  }

  @Test
  void aSealedCodeOpensOnlyWithItsPinId() {
    long id = PinCodes.newId();
    String sealed = PinCodes.seal("ABCD", id);

    assertThat(sealed).doesNotContain("ABCD");
    assertThat(PinCodes.unseal(sealed, id)).contains("ABCD");
    assertThat(PinCodes.unseal(sealed, id + 1)).isEmpty();
    assertThat(PinCodes.unseal("not sealed", id)).isEmpty();
    assertThat(PinCodes.seal("ABCD", id)).as("a fresh nonce each time").isNotEqualTo(sealed);
  }

  @Test
  void codesMatchInAnyCase() {
    assertThat(PinCodes.codeHash("abcd")).isEqualTo(PinCodes.codeHash("ABCD"));
    assertThat(PinCodes.sameCode("abcd", "ABCD")).isTrue();
    assertThat(PinCodes.sameCode("abcd", "ABCE")).isFalse();
    assertThat(PinCodes.idHash(1)).isNotEqualTo(PinCodes.idHash(2)).hasSize(64);
  }

  @Test
  void onlyFourOr25LettersAndDigitsAreCodes() {
    assertThat(PinCodes.wellFormed("AB3D")).isTrue();
    assertThat(PinCodes.wellFormed("a".repeat(25))).isTrue();
    assertThat(PinCodes.wellFormed("ABC")).isFalse();
    assertThat(PinCodes.wellFormed("AB-D")).isFalse();
    assertThat(PinCodes.wellFormed("ÄBCD")).isFalse();
    assertThat(PinCodes.wellFormed("a".repeat(24))).isFalse();
  }
}
