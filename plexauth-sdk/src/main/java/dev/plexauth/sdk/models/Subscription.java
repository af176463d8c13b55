package dev.plexauth.sdk.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Plex Pass subscription. Every field is optional on the wire; {@link #NONE} is the subscription
 * of an account that never had one.
 *
 * @param features the features the subscription allows, e.g. {@code pass}, {@code sync}
 * @param active whether the subscription is active
 * @param subscribedAt when the account subscribed, as Plex wrote it (ISO-8601 in JSON)
 * @param status the subscription status, if given
 * @param paymentService the payment service, if any
 * @param plan the plan name, if any (e.g. {@code lifetime})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Subscription(
    List<String> features,
    boolean active,
    Optional<String> subscribedAt,
    Optional<SubscriptionStatus> status,
    Optional<String> paymentService,
    Optional<String> plan) {

  /** An inactive subscription without features. */
  public static final Subscription NONE =
      new Subscription(
          List.of(),
          false,
          Optional.empty(),
          Optional.of(SubscriptionStatus.INACTIVE),
          Optional.empty(),
          Optional.empty());

  /** Copies the list and replaces missing optionals with empty ones. */
  public Subscription {
    features = NullToEmpty.list(features);
    subscribedAt = Objects.requireNonNullElse(subscribedAt, Optional.empty());
    status = Objects.requireNonNullElse(status, Optional.empty());
    paymentService = Objects.requireNonNullElse(paymentService, Optional.empty());
    plan = Objects.requireNonNullElse(plan, Optional.empty());
  }
}
