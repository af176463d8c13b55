package dev.plexauth.sdk.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * The status of a Plex Pass subscription.
 *
 * <p>An open enum: the known values are constants, and a value this version does not know is kept
 * as it came (see {@link #isKnown()}) instead of failing the whole response.
 *
 * <pre>{@code
 * if (SubscriptionStatus.ACTIVE.equals(value)) { ... }
 * }</pre>
 *
 * @param value the wire value, never null
 */
public record SubscriptionStatus(@JsonValue String value) implements OpenEnum {

  /** The value {@code "Active"}. */
  public static final SubscriptionStatus ACTIVE = new SubscriptionStatus("Active");

  /** The value {@code "Inactive"}. */
  public static final SubscriptionStatus INACTIVE = new SubscriptionStatus("Inactive");

  /** Checks the value. */
  public SubscriptionStatus {
    Objects.requireNonNull(value, "value == null");
  }

  /**
   * Returns the constant for a wire value, or a new instance holding an unknown value.
   *
   * @param value the wire value
   * @return the matching constant or an unknown value
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static SubscriptionStatus of(String value) {
    return OpenEnum.lookup(value, SubscriptionStatus::new, List.of(ACTIVE, INACTIVE));
  }

  @Override
  public boolean isKnown() {
    return OpenEnum.isOneOf(this, List.of(ACTIVE, INACTIVE));
  }

  @Override
  public String toString() {
    return value;
  }
}
