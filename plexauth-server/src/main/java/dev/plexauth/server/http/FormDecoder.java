package dev.plexauth.server.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict {@code application/x-www-form-urlencoded} decoding for query strings and form bodies:
 * {@code %XX} escapes, {@code +} as space, and UTF-8 only. Anything else is a 400, never a 5xx.
 */
final class FormDecoder {

  private FormDecoder() {}

  /**
   * Splits and decodes {@code a=1&b=2}.
   *
   * @param text the raw text, possibly null or empty
   * @param what "the query string" or "the form body", for the error message
   * @return every name with its values in order
   * @throws ApiError 400 on a bad escape or invalid UTF-8
   */
  static Map<String, List<String>> decode(String text, String what) {
    return decode(text, what, false);
  }

  /**
   * Splits and decodes a body whose bytes were read as ISO-8859-1 (one char per byte).
   *
   * @param body the body bytes
   * @param what for the error message
   * @return every name with its values in order
   */
  static Map<String, List<String>> decodeBody(byte[] body, String what) {
    return decode(new String(body, StandardCharsets.ISO_8859_1), what, true);
  }

  private static Map<String, List<String>> decode(String text, String what, boolean bytes) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String pair : text.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = component(eq < 0 ? pair : pair.substring(0, eq), what, bytes);
      String value = eq < 0 ? "" : component(pair.substring(eq + 1), what, bytes);
      out.computeIfAbsent(name, unused -> new ArrayList<>()).add(value);
    }
    return out;
  }

  private static String component(String raw, String what, boolean latin1Bytes) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        if (i + 2 >= raw.length()) {
          throw bad(what);
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw bad(what);
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c > 0x7f && latin1Bytes) {
        bytes.write(c);
      } else if (c > 0x7f) {
        // Raw non-ASCII (already decoded by the container, or sent unescaped): keep its UTF-8.
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < raw.length()) {
          encoded = raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.writeBytes(encoded);
      } else {
        bytes.write(c);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw bad(what);
    }
  }

  private static ApiError bad(String what) {
    return ApiError.badRequest(what + " is not valid percent-encoded UTF-8");
  }
}
