package dev.plexauth.sdk.internal;

/** Checks header values before anything is sent, so every transport fails the same way. */
public final class HeaderValues {

  private HeaderValues() {}

  /**
   * Checks that a value can go into an HTTP/1.1 header: tab, printable ASCII and Latin-1 (sent as
   * ISO-8859-1 bytes, as plexjs does).
   *
   * @param name the header name, for the message
   * @param value the value
   * @return the value
   * @throws IllegalArgumentException for a control character, a line break or a character above
   *     U+00FF
   */
  public static String check(String name, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7F || c > 0xFF) {
        throw new IllegalArgumentException(
            name
                + " contains a character that cannot be sent in an HTTP header (at index "
                + i
                + ")");
      }
    }
    return value;
  }
}
