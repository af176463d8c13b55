package dev.plexauth.sdk.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Base URL checks, URL building with JavaScript-compatible encoding, and URL masking for logs. */
public final class Urls {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Urls() {}

  /**
   * Parses and checks a base URL: http or https, with a host.
   *
   * @param url the URL text
   * @param name the setting's name, for the message
   * @return the parsed URL
   * @throws IllegalArgumentException if it is not an http(s) URL with a host
   */
  public static URI parseBase(String url, String name) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(name + " is not a valid URL: " + maskQuery(url));
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          name + " must be an http or https URL with a host: " + maskQuery(url));
    }
    return uri;
  }

  /**
   * Appends an operation path and query to a base URL, keeping the base's path and query. {@code
   * http://h/pfx} and {@code security/token} give {@code http://h/pfx/security/token}.
   *
   * @param base the base URL
   * @param path the operation path
   * @param query the query parameters, in order, not yet encoded
   * @return the full URL
   */
  public static URI resolve(URI base, String path, List<Map.Entry<String, String>> query) {
    String basePath = base.getRawPath() == null ? "" : base.getRawPath();
    if (!basePath.endsWith("/")) {
      basePath += "/";
    }
    StringBuilder url =
        new StringBuilder(base.getScheme().toLowerCase(Locale.ROOT))
            .append("://")
            .append(base.getRawAuthority())
            .append(basePath)
            .append(path, leadingSlashes(path), path.length());
    StringBuilder params = new StringBuilder();
    if (base.getRawQuery() != null && !base.getRawQuery().isEmpty()) {
      params.append(base.getRawQuery());
    }
    for (Map.Entry<String, String> parameter : query) {
      if (params.length() > 0) {
        params.append('&');
      }
      params
          .append(encodeComponent(parameter.getKey()))
          .append('=')
          .append(encodeComponent(parameter.getValue()));
    }
    if (params.length() > 0) {
      url.append('?').append(params);
    }
    return URI.create(url.toString());
  }

  /**
   * How many '/' the path starts with (a plain loop: a regular expression here was compiled per
   * call).
   */
  private static int leadingSlashes(String path) {
    int i = 0;
    while (i < path.length() && path.charAt(i) == '/') {
      i++;
    }
    return i;
  }

  /**
   * Percent-encodes like JavaScript's {@code encodeURIComponent}: UTF-8, everything but {@code A-Z
   * a-z 0-9 - _ . ! ~ * ' ( )} encoded, a space as {@code %20} (never {@code +}).
   *
   * @param value the text
   * @return the encoded text
   */
  public static String encodeComponent(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length * 3);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || "-_.!~*'()".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  /**
   * Masks the values of token-like query parameters and any user information, for logs and
   * messages.
   *
   * @param url the URL text
   * @return the URL with {@code X-Plex-Token=***}
   */
  public static String maskQuery(String url) {
    String result = url;
    int scheme = result.indexOf("://");
    int at = result.indexOf('@');
    int slash = scheme < 0 ? -1 : result.indexOf('/', scheme + 3);
    if (scheme >= 0 && at > scheme && (slash < 0 || at < slash)) {
      result = result.substring(0, scheme + 3) + Redaction.MASK + result.substring(at);
    }
    int question = result.indexOf('?');
    if (question < 0) {
      return result;
    }
    int hash = result.indexOf('#', question);
    String query = hash < 0 ? result.substring(question + 1) : result.substring(question + 1, hash);
    StringBuilder masked = new StringBuilder(result.substring(0, question + 1));
    String[] pairs = query.split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      if (i > 0) {
        masked.append('&');
      }
      String pair = pairs[i];
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      if (equals >= 0 && Secrets.isSecretParameter(decode(name))) {
        masked.append(name).append('=').append(Redaction.MASK);
      } else {
        masked.append(pair);
      }
    }
    return masked.toString();
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
