package dev.plexauth.sdk.internal;

import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/** The statuses a call retries: exact codes ({@code "503"}) or ranges ({@code "5XX"}). */
public final class StatusCodes {

  /** What plexjs retries by default. */
  public static final List<String> DEFAULT_RETRY_CODES = List.of("429", "500", "502", "503", "504");

  private StatusCodes() {}

  /**
   * Parses one code or range.
   *
   * @param code {@code "503"} or {@code "5XX"} (any case)
   * @return a test for statuses
   * @throws IllegalArgumentException if it is neither
   */
  public static IntPredicate parse(String code) {
    String upper = code.trim().toUpperCase(Locale.ROOT);
    if (upper.matches("[1-5][0-9][0-9]")) {
      int exact = Integer.parseInt(upper);
      return status -> status == exact;
    }
    if (upper.matches("[1-5]XX")) {
      int hundred = upper.charAt(0) - '0';
      return status -> status / 100 == hundred;
    }
    throw new IllegalArgumentException("not a status code or range like 5XX: " + code);
  }

  /**
   * Tells whether a status is one of the codes.
   *
   * @param codes codes and ranges
   * @param status the status
   * @return true if one matches
   */
  public static boolean matches(List<String> codes, int status) {
    for (String code : codes) {
      if (parse(code).test(status)) {
        return true;
      }
    }
    return false;
  }
}
