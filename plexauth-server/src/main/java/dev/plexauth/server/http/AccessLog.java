package dev.plexauth.server.http;

import dev.plexauth.server.auth.LogText;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request: client address, method, path with query, status and milliseconds. Values of
 * query parameters that may hold a secret ({@code X-Plex-Token} and anything named like a token,
 * password, code, key, JWT or secret, also when the name is percent-encoded) are replaced by {@code
 * ***}, and so is the pin id in {@code /api/v2/pins/{id}} (with the client identifier, it is what
 * collects a pin's token); control, bidirectional and line-separator characters are escaped ({@link
 * LogText}) so a request can neither forge log lines nor hide what it sent. Bodies and headers are
 * never logged.
 */
final class AccessLog {

  static final Logger LOG = LoggerFactory.getLogger("dev.plexauth.server.access");

  /** Parameter names holding any of these, in any case, have their values masked. */
  private static final List<String> SECRET_NAMES =
      List.of("token", "password", "secret", "auth", "key", "code", "jwt");

  private static final String MASK = "***";

  private AccessLog() {}

  static void log(Context ctx, Float millis) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    String query = ctx.req().getQueryString();
    String target =
        maskPath(ctx.req().getRequestURI()) + (query == null ? "" : "?" + maskQuery(query));
    LOG.info(
        "{} {} {} {} {}ms",
        safe(PlexRequest.clientAddress(ctx).getHostAddress()),
        safe(ctx.req().getMethod()),
        safe(target),
        ctx.statusCode(),
        Math.round(millis == null ? 0f : millis));
  }

  /**
   * Masks the values of secret-like parameters of a raw query string. Names are percent-decoded
   * before they are judged, as the server decodes them, so {@code X-Plex-%54oken} is masked too;
   * the rest of the query is kept as it came.
   *
   * @param query the raw query, without {@code ?}
   * @return {@code X-Plex-Token=***&type=delegation}
   */
  static String maskQuery(String query) {
    StringBuilder masked = new StringBuilder(query.length());
    String[] pairs = query.split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      String pair = pairs[i];
      if (i > 0) {
        masked.append('&');
      }
      int equals = pair.indexOf('=');
      if (equals >= 0 && isSecret(decode(pair.substring(0, equals)))) {
        masked.append(pair, 0, equals + 1).append(MASK);
      } else {
        masked.append(pair);
      }
    }
    return masked.toString();
  }

  /**
   * Masks the pin id of a poll's path.
   *
   * @param path the raw path
   * @return {@code /api/v2/pins/***} for a poll, else the path as it is
   */
  static String maskPath(String path) {
    String pins = "/api/v2/pins/";
    if (path.length() > pins.length()
        && path.regionMatches(true, 0, pins, 0, pins.length())
        && !path.substring(pins.length()).toLowerCase(Locale.ROOT).matches("link/?")) {
      return pins + MASK;
    }
    return path;
  }

  private static boolean isSecret(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return SECRET_NAMES.stream().anyMatch(lower::contains);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  private static String safe(String text) {
    return LogText.escape(text);
  }
}
