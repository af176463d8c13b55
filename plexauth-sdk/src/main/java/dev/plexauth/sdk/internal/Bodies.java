package dev.plexauth.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reads an answer's body as a JSON tree, from JSON or XML, chosen by content type or content. */
final class Bodies {

  private Bodies() {}

  /** How a body is read. */
  enum Format {
    /** As JSON. */
    JSON,
    /** As XML. */
    XML,
    /** Not at all: nothing but white space. */
    EMPTY,
    /** Not at all: neither JSON nor XML. */
    NEITHER
  }

  /**
   * Decides how a body is read: JSON when the content type mentions json, XML when it mentions xml,
   * otherwise by its first non-blank character; a body that starts like the other format than its
   * content type says is read as that other format.
   *
   * @param body the bytes
   * @param contentType the content type, or empty
   * @return the format
   */
  static Format format(byte[] body, String contentType) {
    char first = firstCharacter(body);
    if (first == 0) {
      return Format.EMPTY;
    }
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    boolean looksJson = first == '{' || first == '[';
    boolean looksXml = first == '<';
    if (type.contains("json") && !looksXml) {
      return Format.JSON;
    }
    if (type.contains("xml") && !looksJson) {
      return Format.XML;
    }
    if (looksJson) {
      return Format.JSON;
    }
    return looksXml ? Format.XML : Format.NEITHER;
  }

  /**
   * Parses a body in the {@link #format} it has.
   *
   * @param body the bytes
   * @param contentType the content type, or empty
   * @return the tree (an XML answer as {@code {"<root>": …}})
   * @throws DecodeException when the body is empty, malformed or neither JSON nor XML
   */
  static JsonNode parse(byte[] body, String contentType) throws DecodeException {
    return switch (format(body, contentType)) {
      case JSON -> json(body);
      case XML -> XmlTree.parse(body);
      case EMPTY -> throw new DecodeException("empty body");
      case NEITHER -> throw new DecodeException("neither JSON nor XML");
    };
  }

  private static JsonNode json(byte[] body) throws DecodeException {
    try {
      JsonNode node = Json.MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new DecodeException("empty body");
      }
      return node;
    } catch (IOException e) {
      throw new DecodeException("malformed JSON");
    }
  }

  private static char firstCharacter(byte[] body) {
    int i = 0;
    if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB) {
      i = 3;
    }
    for (; i < body.length; i++) {
      char c = (char) (body[i] & 0xFF);
      if (!Character.isWhitespace(c)) {
        return c;
      }
    }
    return 0;
  }

  /**
   * Decodes a body as text, in the charset the content type names or UTF-8.
   *
   * @param body the bytes
   * @param contentType the content type, or empty
   * @return the text
   */
  static String text(byte[] body, String contentType) {
    Charset charset = StandardCharsets.UTF_8;
    if (contentType != null) {
      for (String part : contentType.split(";")) {
        String trimmed = part.trim();
        if (trimmed.toLowerCase(Locale.ROOT).startsWith("charset=")) {
          try {
            charset = Charset.forName(trimmed.substring(8).replace("\"", "").trim());
          } catch (IllegalArgumentException e) {
            charset = StandardCharsets.UTF_8;
          }
        }
      }
    }
    return new String(body, charset);
  }
}
