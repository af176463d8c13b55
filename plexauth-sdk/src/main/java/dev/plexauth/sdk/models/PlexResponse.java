package dev.plexauth.sdk.models;

import java.util.List;
import java.util.Map;

/** What every operation's response carries besides its data: the HTTP status and headers. */
public interface PlexResponse {

  /**
   * Returns the HTTP status code.
   *
   * @return the status, e.g. 200 or 201
   */
  int statusCode();

  /**
   * Returns the response's {@code Content-Type}, or {@code application/octet-stream} when absent.
   *
   * @return the content type
   */
  String contentType();

  /**
   * Returns the response headers; names are case-insensitive.
   *
   * @return an unmodifiable map from header name to values
   */
  Map<String, List<String>> headers();
}
