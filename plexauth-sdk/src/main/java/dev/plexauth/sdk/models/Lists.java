package dev.plexauth.sdk.models;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Null-tolerant normalisation shared by the model records' compact constructors. */
final class Lists {

  private Lists() {}

  static <T> List<T> copy(List<T> list) {
    if (list == null) {
      return List.of();
    }
    return list.stream().filter(item -> item != null).toList();
  }

  static <K, V> Map<K, V> copy(Map<K, V> map) {
    return map == null
        ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
  }

  static String text(String value) {
    return value == null ? "" : value;
  }

  static <T> Optional<T> optional(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }
}
