package dev.plexauth.sdk.internal;

import java.lang.reflect.RecordComponent;
import java.util.Optional;
import java.util.Set;

/**
 * Renders records for {@code toString()} with secrets replaced, so that a token or a password never
 * reaches a log line through string concatenation.
 */
public final class Redaction {

  /** What stands in for a secret value. */
  public static final String MASK = "***";

  private Redaction() {}

  /**
   * Renders a record the way {@link Record#toString()} does, with the named components masked.
   *
   * @param record the record to render
   * @param secrets names of the components that hold secrets
   * @return {@code Name[a=1, token=***]}
   */
  public static String toString(Record record, Set<String> secrets) {
    StringBuilder out = new StringBuilder(record.getClass().getSimpleName()).append('[');
    RecordComponent[] components = record.getClass().getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      if (i > 0) {
        out.append(", ");
      }
      out.append(component.getName()).append('=');
      Object value = read(record, component);
      out.append(secrets.contains(component.getName()) ? mask(value) : value);
    }
    return out.append(']').toString();
  }

  /**
   * Masks a secret value while keeping whether it was present.
   *
   * @param value the secret, possibly null, empty or an {@link Optional}
   * @return {@code ***}, or the empty form of the value when there is nothing to hide
   */
  public static String mask(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Optional<?> optional) {
      return optional.isPresent() ? "Optional[" + MASK + "]" : "Optional.empty";
    }
    return value.toString().isEmpty() ? "" : MASK;
  }

  private static Object read(Record record, RecordComponent component) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      return "?";
    }
  }
}
