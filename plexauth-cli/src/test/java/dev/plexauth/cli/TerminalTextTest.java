package dev.plexauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The CLI's one escaping function, and the same set in {@code --json} output. */
class TerminalTextTest {

  @Test
  void controlsBidiAndSeparatorsAreEscapedAndEverythingElseKept() {
    assertThat(TerminalText.safe("\u001b]0;owned\u0007\u001b[2J\r\n\u007f\u009b31m\u0085"))
        .isEqualTo("\\x1b]0;owned\\x07\\x1b[2J\\x0d\\x0a\\x7f\\x9b31m\\x85");
    assertThat(TerminalText.safe("\u061c\u200e\u200f\u2028\u2029\u202a\u202e\u2066\u2069"))
        .isEqualTo("\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a\\u202e\\u2066\\u2069");
    assertThat(TerminalText.safe("a\ud83dz\ude00")).isEqualTo("a\\ud83dz\\ude00");
    String kept = "Zoë Алиса 名前 😀 tab-free a\\b \u00a0\u200d";
    assertThat(TerminalText.safe(kept)).isSameAs(kept);
    assertThat(TerminalText.safe(null)).isEmpty();
  }

  @Test
  void theUnsafeSetIsExactlyTheDocumentedOne() {
    StringBuilder unsafe = new StringBuilder();
    for (char c = 0; c < 0xd800; c++) {
      if (TerminalText.isUnsafe(c)) {
        unsafe.append(Integer.toHexString(c)).append(' ');
      }
    }
    StringBuilder expected = new StringBuilder();
    for (int c = 0; c < 0x20; c++) {
      expected.append(Integer.toHexString(c)).append(' ');
    }
    for (int c = 0x7f; c <= 0x9f; c++) {
      expected.append(Integer.toHexString(c)).append(' ');
    }
    expected.append("61c 200e 200f 2028 2029 202a 202b 202c 202d 202e 2066 2067 2068 2069 ");

    assertThat(unsafe.toString()).isEqualTo(expected.toString());
  }

  @Test
  void jsonOutputWritesTheSameCharactersAsEscapesAndMeansTheSame() throws Exception {
    String hostile = "a\u001b[31m\u007f\u009b\u202e\u2028b Zoë 😀";
    ObjectNode tree = JsonOutput.MAPPER.createObjectNode();
    tree.put("name", hostile);
    StringWriter out = new StringWriter();

    JsonOutput.print(new PrintWriter(out), tree);

    assertThat(out.toString())
        .contains("a\\u001B[31m\\u007F\\u009B\\u202E\\u2028b Zoë 😀")
        .doesNotContain("\u001b", "\u007f", "\u009b", "\u202e", "\u2028");
    assertThat(JsonOutput.MAPPER.readTree(out.toString()).path("name").asText()).isEqualTo(hostile);
  }
}
