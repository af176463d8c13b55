package dev.plexauth.sdk.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * The {@code scope} of a transient token request: {@code all} is the only supported scope.
 *
 * <p>An open enum: the known values are constants, and a value this version does not know is kept
 * as it came (see {@link #isKnown()}) instead of failing the whole response.
 *
 * <pre>{@code
 * if (Scope.ALL.equals(value)) { ... }
 * }</pre>
 *
 * @param value the wire value, never null
 */
public record Scope(@JsonValue String value) implements OpenEnum {

  /** The value {@code "all"}. */
  public static final Scope ALL = new Scope("all");

  /** Checks the value. */
  public Scope {
    Objects.requireNonNull(value, "value == null");
  }

  /**
   * Returns the constant for a wire value, or a new instance holding an unknown value.
   *
   * @param value the wire value
   * @return the matching constant or an unknown value
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Scope of(String value) {
    return OpenEnum.lookup(value, Scope::new, List.of(ALL));
  }

  @Override
  public boolean isKnown() {
    return OpenEnum.isOneOf(this, List.of(ALL));
  }

  @Override
  public String toString() {
    return value;
  }
}
