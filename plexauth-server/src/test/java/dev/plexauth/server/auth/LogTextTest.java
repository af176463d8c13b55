package dev.plexauth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The server's one escaping function for log lines. */
class LogTextTest {

  @Test
  void controlCharactersOfC0AndC1AndDelBecomeHexEscapes() {
    assertThat(LogText.escape("a\u0000b\tc\nd\re\u001b[31m\u007f"))
        .isEqualTo("a\\x00b\\x09c\\x0ad\\x0de\\x1b[31m\\x7f");
    assertThat(LogText.escape("\u0080\u0085\u009b31m\u009f")).isEqualTo("\\x80\\x85\\x9b31m\\x9f");
  }

  @Test
  void bidirectionalControlsAndLineSeparatorsBecomeUnicodeEscapes() {
    String all =
        "\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069";

    assertThat(LogText.escape(all))
        .isEqualTo(
            "\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a\\u202b\\u202c\\u202d\\u202e"
                + "\\u2066\\u2067\\u2068\\u2069");
    assertThat(LogText.escape("user\u202egnp.exe")).isEqualTo("user\\u202egnp.exe");
  }

  @Test
  void everyOtherCharacterIsKeptSoNamesInAnyScriptStayReadable() {
    String text = "Zoë Ωmega Алиса 名前 😀 a\\b \u00a0\u00ff\u200d\u2030\u206a";

    assertThat(LogText.escape(text)).isSameAs(text);
    assertThat(LogText.escape("")).isEmpty();
    assertThat(LogText.escape(null)).isEqualTo("null");
  }

  @Test
  void unpairedSurrogatesAreEscapedAndPairsKept() {
    assertThat(LogText.escape("a\ud83dz")).isEqualTo("a\\ud83dz");
    assertThat(LogText.escape("a\ude00z")).isEqualTo("a\\ude00z");
    assertThat(LogText.escape("\ud83d\ude00\u001b")).isEqualTo("\ud83d\ude00\\x1b");
    assertThat(LogText.escape("z\ud83d")).isEqualTo("z\\ud83d");
  }

  @Test
  void theUnsafeSetIsExactlyTheDocumentedOne() {
    StringBuilder unsafe = new StringBuilder();
    for (char c = 0; c < 0xd800; c++) {
      if (LogText.isUnsafe(c)) {
        unsafe.append(String.format("%04x ", (int) c));
      }
    }
    StringBuilder expected = new StringBuilder();
    for (int c = 0; c < 0x20; c++) {
      expected.append(String.format("%04x ", c));
    }
    for (int c = 0x7f; c <= 0x9f; c++) {
      expected.append(String.format("%04x ", c));
    }
    expected.append("061c 200e 200f 2028 2029 202a 202b 202c 202d 202e 2066 2067 2068 2069 ");

    assertThat(unsafe.toString()).isEqualTo(expected.toString());
  }
}
