package dev.plexauth.cli;

import io.nayuki.qrcodegen.QrCode;
import java.util.Locale;

/**
 * A QR code drawn with Unicode half blocks, two modules per character cell, black on white whatever
 * the terminal's own colours (ANSI colours set per line and reset at its end), with a quiet zone of
 * {@value #QUIET} modules. A phone's camera reads it off the screen.
 *
 * <pre>{@code
 * if (TerminalQr.canShow(io)) {
 *   out.print(TerminalQr.render(url));
 * }
 * }</pre>
 */
final class TerminalQr {

  /** The light border around the code, in modules. */
  static final int QUIET = 2;

  /** Black text on a bright white background. */
  private static final String COLOURS = "\u001b[30;107m";

  private static final String RESET = "\u001b[0m";

  private TerminalQr() {}

  /**
   * Whether a QR code can be shown on standard output: it is a terminal that is not {@code dumb},
   * its locale is UTF-8 (the half blocks need it), and {@code NO_COLOR} does not ask for plain
   * text.
   *
   * @param io the surroundings
   * @return true when the code can be drawn
   */
  static boolean canShow(Io io) {
    String term = io.env("TERM");
    return io.stdoutIsTerminal()
        && term != null
        && !term.equals("dumb")
        && io.env("NO_COLOR") == null
        && utf8(io);
  }

  /**
   * Draws a text's QR code (error correction level L, the smallest that holds it).
   *
   * @param text what the code says, e.g. a URL
   * @return the lines, each ending with a line break
   */
  static String render(String text) {
    QrCode qr = QrCode.encodeText(text, QrCode.Ecc.LOW);
    int from = -QUIET;
    int to = qr.size + QUIET;
    StringBuilder out = new StringBuilder();
    for (int y = from; y < to; y += 2) {
      out.append(COLOURS);
      for (int x = from; x < to; x++) {
        boolean top = dark(qr, x, y);
        boolean bottom = y + 1 < to && dark(qr, x, y + 1);
        out.append(top ? (bottom ? '█' : '▀') : (bottom ? '▄' : ' '));
      }
      out.append(RESET).append('\n');
    }
    return out.toString();
  }

  private static boolean dark(QrCode qr, int x, int y) {
    return x >= 0 && y >= 0 && x < qr.size && y < qr.size && qr.getModule(x, y);
  }

  /** The locale of the C library's rules: LC_ALL, else LC_CTYPE, else LANG. */
  private static boolean utf8(Io io) {
    String locale = io.env("LC_ALL");
    if (locale == null) {
      locale = io.env("LC_CTYPE");
    }
    if (locale == null) {
      locale = io.env("LANG");
    }
    if (locale == null) {
      return false;
    }
    String lower = locale.toLowerCase(Locale.ROOT);
    return lower.contains("utf-8") || lower.contains("utf8");
  }
}
