package dev.plexauth.sdk.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Decides which header and query parameter values are secrets, and masks them for output. */
public final class Secrets {

  private Secrets() {}

  /**
   * Tells whether a header carries a secret: tokens, credentials and cookies.
   *
   * @param name the header name, any case
   * @return true if its value must never be shown
   */
  public static boolean isSecretHeader(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("token")
        || lower.contains("authorization")
        || lower.contains("cookie")
        || lower.contains("password")
        || lower.contains("secret")
        || lower.contains("api-key");
  }

  /**
   * Tells whether a query parameter carries a secret.
   *
   * @param name the decoded parameter name, any case
   * @return true if its value must never be shown
   */
  public static boolean isSecretParameter(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("token")
        || lower.contains("password")
        || lower.contains("secret")
        || lower.contains("auth")
        || lower.contains("key")
        || lower.contains("code");
  }

  /**
   * Renders single-valued headers with secret values masked.
   *
   * @param headers the headers
   * @return {@code {Accept=application/json, X-Plex-Token=***}}
   */
  public static String maskHeaders(Map<String, String> headers) {
    Map<String, String> shown = new LinkedHashMap<>();
    headers.forEach(
        (name, value) -> shown.put(name, isSecretHeader(name) ? Redaction.mask(value) : value));
    return shown.toString();
  }

  /**
   * Renders multi-valued headers with secret values masked.
   *
   * @param headers the headers
   * @return {@code {Content-Type=[application/json], Set-Cookie=[***]}}
   */
  public static String maskHeaderLists(Map<String, List<String>> headers) {
    Map<String, Object> shown = new LinkedHashMap<>();
    headers.forEach(
        (name, values) ->
            shown.put(
                name,
                isSecretHeader(name) ? values.stream().map(Redaction::mask).toList() : values));
    return shown.toString();
  }
}
