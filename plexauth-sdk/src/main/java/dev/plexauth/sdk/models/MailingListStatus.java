package dev.plexauth.sdk.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * The account's mailing list status.
 *
 * <p>An open enum: the known values are constants, and a value this version does not know is kept
 * as it came (see {@link #isKnown()}) instead of failing the whole response.
 *
 * <pre>{@code
 * if (MailingListStatus.ACTIVE.equals(value)) { ... }
 * }</pre>
 *
 * @param value the wire value, never null
 */
public record MailingListStatus(@JsonValue String value) implements OpenEnum {

  /** The value {@code "active"}. */
  public static final MailingListStatus ACTIVE = new MailingListStatus("active");

  /** The value {@code "unsubscribed"}. */
  public static final MailingListStatus UNSUBSCRIBED = new MailingListStatus("unsubscribed");

  /** Checks the value. */
  public MailingListStatus {
    Objects.requireNonNull(value, "value == null");
  }

  /**
   * Returns the constant for a wire value, or a new instance holding an unknown value.
   *
   * @param value the wire value
   * @return the matching constant or an unknown value
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static MailingListStatus of(String value) {
    return OpenEnum.lookup(value, MailingListStatus::new, List.of(ACTIVE, UNSUBSCRIBED));
  }

  @Override
  public boolean isKnown() {
    return OpenEnum.isOneOf(this, List.of(ACTIVE, UNSUBSCRIBED));
  }

  @Override
  public String toString() {
    return value;
  }
}
