package dev.plexauth.server.http;

import io.javalin.http.Context;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request: method, path with query, status and milliseconds. Values of query
 * parameters that may hold a secret ({@code X-Plex-Token} and anything named like a token,
 * password, code or secret) are replaced by {@code ***}; control characters are escaped so a
 * request cannot forge log lines. Bodies and headers are never logged.
 */
final class AccessLog {

  static final Logger LOG = LoggerFactory.getLogger("dev.plexauth.server.access");

  private static final String[] SECRET_NAMES = {"token", "password", "code", "secret"};

  private AccessLog() {}

  static void log(Context ctx, Float millis) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    String query = ctx.req().getQueryString();
    String target = ctx.req().getRequestURI() + (query == null ? "" : "?" + maskQuery(query));
    LOG.info(
        "{} {} {} {}ms",
        safe(ctx.req().getMethod()),
        safe(target),
        ctx.statusCode(),
        Math.round(millis == null ? 0f : millis));
  }

  static String maskQuery(String query) {
    StringBuilder out = new StringBuilder(query.length());
    String[] pairs = query.split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      if (i > 0) {
        out.append('&');
      }
      String pair = pairs[i];
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (eq >= 0 && isSecret(name)) {
        out.append(name).append("=***");
      } else {
        out.append(pair);
      }
    }
    return out.toString();
  }

  private static boolean isSecret(String rawName) {
    String name = rawName.toLowerCase(Locale.ROOT);
    for (String secret : SECRET_NAMES) {
      if (name.contains(secret)) {
        return true;
      }
    }
    return false;
  }

  private static String safe(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
