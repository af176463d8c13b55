package dev.plexauth.sdk.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a past subscription was paid.
 *
 * @param internalPaymentMethod the payment method object as Plex sent it (plexjs drops its content;
 *     it is kept here)
 * @param paymentMethodId the payment method id, if any
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Billing(Map<String, Object> internalPaymentMethod, Optional<Long> paymentMethodId) {

  /** Copies the map and replaces a missing id with an empty optional. */
  public Billing {
    internalPaymentMethod = NullToEmpty.map(internalPaymentMethod);
    paymentMethodId = Objects.requireNonNullElse(paymentMethodId, Optional.empty());
  }
}
