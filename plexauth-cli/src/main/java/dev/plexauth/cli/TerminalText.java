package dev.plexauth.cli;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.Locale;

/**
 * Makes text that came from a server (or a database) safe to print: the CLI's one escaping
 * function. A server can answer with characters that take over the terminal or change what the user
 * reads: C0 and C1 controls (ANSI escape sequences, including the one-byte CSI U+009B; a bare CR
 * that overwrites the line), DEL, the line and paragraph separators U+2028/U+2029, and the
 * bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) that reorder it.
 * Each becomes {@code \xNN} (up to U+00FF) or a backslash, {@code u} and four hex digits, as does
 * an unpaired surrogate; every other character is kept.
 *
 * <p>Human output goes through {@link #safe(String)}, value by value; {@code --json} output through
 * {@link #JSON_ESCAPES}, which writes the same characters as JSON {@code \\u} escapes, so the
 * document means the same to a script and shows nothing raw on a terminal.
 */
final class TerminalText {

  /** For Jackson: escapes the unsafe characters that JSON itself leaves raw (DEL, C1, bidi, …). */
  static final CharacterEscapes JSON_ESCAPES = new JsonEscapes();

  private TerminalText() {}

  /**
   * Escapes the characters that could take over the terminal or hide text.
   *
   * @param text the text, or null
   * @return the escaped text; empty for null
   */
  static String safe(String text) {
    if (text == null) {
      return "";
    }
    int length = text.length();
    StringBuilder out = null;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < length
              && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        if (out != null) {
          out.append(c).append(text.charAt(i + 1));
        }
        i++;
      } else if (isUnsafe(c) || Character.isSurrogate(c)) {
        if (out == null) {
          out = new StringBuilder(length + 16).append(text, 0, i);
        }
        out.append(
            c <= 0xff
                ? String.format(Locale.ROOT, "\\x%02x", (int) c)
                : String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  /**
   * Whether a character may take over the terminal or hide text.
   *
   * @param c the character
   * @return true for C0 and C1 controls, DEL, U+2028/U+2029 and the bidirectional controls
   */
  static boolean isUnsafe(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == '\u061c'
        || c == '\u200e'
        || c == '\u200f'
        || (c >= '\u2028' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }

  /**
   * JSON escapes C0 controls already; this adds DEL and every other unsafe character as a {@code
   * \\u} escape. Surrogates are left alone: Jackson sees them one at a time and cannot tell a pair
   * (an emoji) from a lone one.
   */
  private static final class JsonEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;

    private final int[] ascii = standardAsciiEscapesForJSON();

    JsonEscapes() {
      ascii[0x7f] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (ch <= 0xffff && isUnsafe((char) ch)) {
        return new SerializedString(String.format(Locale.ROOT, "\\u%04X", ch));
      }
      return null;
    }
  }
}
