package dev.plexauth.server.http;

import dev.plexauth.sdk.internal.Urls;
import io.javalin.http.Context;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request: method, path with query, status and milliseconds. Values of query
 * parameters that may hold a secret ({@code X-Plex-Token} and anything named like a token,
 * password, code, key or secret, also when the name is percent-encoded) are replaced by {@code
 * ***}; control characters are escaped so a request cannot forge log lines. Bodies and headers are
 * never logged.
 */
final class AccessLog {

  static final Logger LOG = LoggerFactory.getLogger("dev.plexauth.server.access");

  private AccessLog() {}

  static void log(Context ctx, Float millis) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    String query = ctx.req().getQueryString();
    // The SDK's masking decodes parameter names first, so X-Plex-%54oken is masked as well.
    String target = Urls.maskQuery(ctx.req().getRequestURI() + (query == null ? "" : "?" + query));
    LOG.info(
        "{} {} {} {}ms",
        safe(ctx.req().getMethod()),
        safe(target),
        ctx.statusCode(),
        Math.round(millis == null ? 0f : millis));
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
