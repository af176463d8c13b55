package dev.plexauth.sdk.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * The status of a service linked to an account.
 *
 * <p>An open enum: the known values are constants, and a value this version does not know is kept
 * as it came (see {@link #isKnown()}) instead of failing the whole response.
 *
 * <pre>{@code
 * if (ServiceStatus.ONLINE.equals(value)) { ... }
 * }</pre>
 *
 * @param value the wire value, never null
 */
public record ServiceStatus(@JsonValue String value) implements OpenEnum {

  /** The value {@code "online"}. */
  public static final ServiceStatus ONLINE = new ServiceStatus("online");

  /** The value {@code "offline"}. */
  public static final ServiceStatus OFFLINE = new ServiceStatus("offline");

  /** Checks the value. */
  public ServiceStatus {
    Objects.requireNonNull(value, "value == null");
  }

  /**
   * Returns the constant for a wire value, or a new instance holding an unknown value.
   *
   * @param value the wire value
   * @return the matching constant or an unknown value
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ServiceStatus of(String value) {
    return OpenEnum.lookup(value, ServiceStatus::new, List.of(ONLINE, OFFLINE));
  }

  @Override
  public boolean isKnown() {
    return OpenEnum.isOneOf(this, List.of(ONLINE, OFFLINE));
  }

  @Override
  public String toString() {
    return value;
  }
}
