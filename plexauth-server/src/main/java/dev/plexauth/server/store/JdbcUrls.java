package dev.plexauth.server.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps secrets of a JDBC URL out of logs and messages: moves {@code password=…} (and any other
 * {@code …password=…}) parameters out of the URL before a library sees it, and masks them where a
 * URL must be shown.
 */
final class JdbcUrls {

  private static final Pattern SECRET_PARAMETER =
      Pattern.compile("(?i)([?&;][^=&;#?]*password=)[^&;#]*");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?]*:)[^/@?]*@");

  private JdbcUrls() {}

  /** A URL without its secret parameters, and those parameters by name (decoded). */
  record Split(String url, Map<String, String> secrets) {}

  /**
   * The URL fit for a log line or an error message.
   *
   * @param jdbcUrl a JDBC URL
   * @return the URL with every password value replaced by {@code ***}
   */
  static String redact(String jdbcUrl) {
    String masked = SECRET_PARAMETER.matcher(jdbcUrl).replaceAll("$1***");
    return USER_INFO.matcher(masked).replaceAll("$1***@");
  }

  /**
   * Moves the parameters whose name ends in {@code password} out of the query. PostgreSQL's driver
   * takes them as connection properties just as well, and then no pool or migration log can print
   * them with the URL.
   *
   * @param jdbcUrl a JDBC URL
   * @return the URL without them, and them
   */
  static Split splitSecrets(String jdbcUrl) {
    int query = jdbcUrl.indexOf('?');
    if (query < 0) {
      return new Split(jdbcUrl, Map.of());
    }
    List<String> kept = new ArrayList<>();
    Map<String, String> secrets = new LinkedHashMap<>();
    for (String pair : jdbcUrl.substring(query + 1).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (name.toLowerCase(Locale.ROOT).endsWith("password")) {
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        secrets.put(name, URLDecoder.decode(value, StandardCharsets.UTF_8));
      } else {
        kept.add(pair);
      }
    }
    String base = jdbcUrl.substring(0, query);
    return new Split(kept.isEmpty() ? base : base + "?" + String.join("&", kept), secrets);
  }
}
