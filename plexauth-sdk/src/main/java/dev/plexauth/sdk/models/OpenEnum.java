package dev.plexauth.sdk.models;

import java.util.List;
import java.util.function.Function;

/**
 * A string-valued enum that keeps values it does not know, as real Plex servers send values newer
 * than any specification.
 */
public interface OpenEnum {

  /**
   * Returns the value as it appears on the wire.
   *
   * @return the wire value
   */
  String value();

  /**
   * Tells whether the value is one of the constants this version knows.
   *
   * @return true for a known value
   */
  boolean isKnown();

  private static <T extends OpenEnum> T find(String value, List<T> known) {
    for (T candidate : known) {
      if (candidate.value().equals(value)) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * Returns the known constant with this value, or a new instance for an unknown value.
   *
   * @param value the wire value
   * @param factory makes an instance for an unknown value
   * @param known the known constants
   * @param <T> the enum type
   * @return the constant or a new instance
   */
  static <T extends OpenEnum> T lookup(String value, Function<String, T> factory, List<T> known) {
    T found = find(value, known);
    return found != null ? found : factory.apply(value);
  }

  /**
   * Tells whether a value is one of the given constants.
   *
   * @param value the value to check
   * @param known the known constants
   * @return true if it is one of them
   */
  static <T extends OpenEnum> boolean isOneOf(T value, List<T> known) {
    return find(value.value(), known) != null;
  }
}
