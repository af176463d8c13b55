package dev.plexauth.sdk.models;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the model records' compact constructors put in place of a null: an empty string, list or
 * map, so no accessor ever returns null.
 */
final class NullToEmpty {

  private NullToEmpty() {}

  /** The list without its null items, unmodifiable; empty for null. */
  static <T> List<T> list(List<T> list) {
    if (list == null) {
      return List.of();
    }
    return list.stream().filter(item -> item != null).toList();
  }

  /** An unmodifiable copy of the map in its order; empty for null. */
  static <K, V> Map<K, V> map(Map<K, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** The text, or empty for null. */
  static String text(String value) {
    return value == null ? "" : value;
  }
}
