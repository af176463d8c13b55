package dev.plexauth.sdk.models;

import java.util.Arrays;
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
    // A loop, not a stream: every record of every answer passes its lists through here.
    Object[] items = list.toArray();
    int kept = 0;
    for (Object item : items) {
      if (item != null) {
        items[kept++] = item;
      }
    }
    @SuppressWarnings("unchecked")
    List<T> copy =
        (List<T>) Arrays.asList(kept == items.length ? items : Arrays.copyOf(items, kept));
    return Collections.unmodifiableList(copy);
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
