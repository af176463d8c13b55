package dev.plexauth.sdk.models;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Makes the immutable, case-insensitive header maps of the response records. */
final class Headers {

  static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

  private Headers() {}

  static Map<String, List<String>> copy(Map<String, List<String>> headers) {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      headers.forEach(
          (name, values) -> {
            if (name != null) {
              copy.put(name, NullToEmpty.list(values));
            }
          });
    }
    return Collections.unmodifiableMap(copy);
  }

  static String contentType(String contentType) {
    return contentType == null || contentType.isEmpty() ? DEFAULT_CONTENT_TYPE : contentType;
  }
}
