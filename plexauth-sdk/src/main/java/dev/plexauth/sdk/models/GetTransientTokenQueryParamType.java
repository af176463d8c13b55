package dev.plexauth.sdk.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * The {@code type} of a transient token request: {@code delegation} is the only supported type.
 *
 * <p>An open enum: the known values are constants, and a value this version does not know is kept
 * as it came (see {@link #isKnown()}) instead of failing the whole response.
 *
 * <pre>{@code
 * if (GetTransientTokenQueryParamType.DELEGATION.equals(value)) { ... }
 * }</pre>
 *
 * @param value the wire value, never null
 */
public record GetTransientTokenQueryParamType(@JsonValue String value) implements OpenEnum {

  /** The value {@code "delegation"}. */
  public static final GetTransientTokenQueryParamType DELEGATION =
      new GetTransientTokenQueryParamType("delegation");

  /** Checks the value. */
  public GetTransientTokenQueryParamType {
    Objects.requireNonNull(value, "value == null");
  }

  /**
   * Returns the constant for a wire value, or a new instance holding an unknown value.
   *
   * @param value the wire value
   * @return the matching constant or an unknown value
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static GetTransientTokenQueryParamType of(String value) {
    return OpenEnum.lookup(value, GetTransientTokenQueryParamType::new, List.of(DELEGATION));
  }

  @Override
  public boolean isKnown() {
    return OpenEnum.isOneOf(this, List.of(DELEGATION));
  }

  @Override
  public String toString() {
    return value;
  }
}
