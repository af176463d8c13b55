package dev.plexauth.server.auth;

import java.util.Locale;

/**
 * Makes text from a request safe to write into a log line: the server's one escaping function, for
 * the access log ({@code http}) and for whatever {@code auth} logs about a request.
 *
 * <p>A request can carry characters that forge or hide log content when the line is read in a
 * terminal or an editor: line breaks (a forged second line), C0 and C1 controls (ANSI escape
 * sequences, including the one-byte CSI U+009B), DEL, the Unicode line and paragraph separators
 * U+2028/U+2029, and the bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
 * U+061C) that reorder what a reader sees. Each becomes {@code \xNN} (up to U+00FF) or a backslash,
 * {@code u} and four hex digits, as does an unpaired surrogate; every other character is kept, so
 * names in any script stay readable.
 *
 * <p>For example, a path holding ESC {@code [31m} is logged as {@code /\x1b[31m}, and U+202E in it
 * as a backslash, {@code u202e}.
 */
public final class LogText {

  private LogText() {}

  /**
   * Escapes the characters that could forge or hide log content.
   *
   * @param text the text, or null
   * @return the escaped text; {@code "null"} for null
   */
  public static String escape(CharSequence text) {
    if (text == null) {
      return "null";
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
    return out == null ? text.toString() : out.toString();
  }

  /**
   * Whether a character may forge or hide text in a terminal or an editor.
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
}
