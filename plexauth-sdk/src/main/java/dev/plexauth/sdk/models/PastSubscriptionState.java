package dev.plexauth.sdk.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * The state of a past subscription.
 *
 * <p>An open enum: the known values are constants, and a value this version does not know is kept
 * as it came (see {@link #isKnown()}) instead of failing the whole response.
 *
 * <pre>{@code
 * if (PastSubscriptionState.ENDED.equals(value)) { ... }
 * }</pre>
 *
 * @param value the wire value, never null
 */
public record PastSubscriptionState(@JsonValue String value) implements OpenEnum {

  /** The value {@code "ended"}. */
  public static final PastSubscriptionState ENDED = new PastSubscriptionState("ended");

  /** Checks the value. */
  public PastSubscriptionState {
    Objects.requireNonNull(value, "value == null");
  }

  /**
   * Returns the constant for a wire value, or a new instance holding an unknown value.
   *
   * @param value the wire value
   * @return the matching constant or an unknown value
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static PastSubscriptionState of(String value) {
    return OpenEnum.lookup(value, PastSubscriptionState::new, List.of(ENDED));
  }

  @Override
  public boolean isKnown() {
    return OpenEnum.isOneOf(this, List.of(ENDED));
  }

  @Override
  public String toString() {
    return value;
  }
}
