package dev.plexauth.sdk.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A subscription the account had before, listed in the sign-in answer.
 *
 * @param id the subscription id, if any
 * @param mode the billing mode, if any
 * @param renewsAt when it would have renewed, epoch seconds, if known
 * @param endsAt when it ended, epoch seconds, if known
 * @param canceled whether it was canceled
 * @param gracePeriod whether it is in a grace period
 * @param onHold whether it is on hold
 * @param canReactivate whether it can be reactivated
 * @param canUpgrade whether it can be upgraded
 * @param canDowngrade whether it can be downgraded
 * @param canConvert whether it can be converted
 * @param type the subscription type, e.g. {@code plexpass}
 * @param transfer the transfer information, if any
 * @param state the state, e.g. {@code ended}
 * @param billing how it was paid
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PastSubscription(
    Optional<String> id,
    Optional<String> mode,
    Optional<Long> renewsAt,
    Optional<Long> endsAt,
    boolean canceled,
    boolean gracePeriod,
    boolean onHold,
    boolean canReactivate,
    boolean canUpgrade,
    boolean canDowngrade,
    boolean canConvert,
    String type,
    Optional<String> transfer,
    PastSubscriptionState state,
    Billing billing) {

  /** Replaces missing values with empty ones; a missing state reads as ended. */
  public PastSubscription {
    id = Objects.requireNonNullElse(id, Optional.empty());
    mode = Objects.requireNonNullElse(mode, Optional.empty());
    renewsAt = Objects.requireNonNullElse(renewsAt, Optional.empty());
    endsAt = Objects.requireNonNullElse(endsAt, Optional.empty());
    type = NullToEmpty.text(type);
    transfer = Objects.requireNonNullElse(transfer, Optional.empty());
    state = state == null ? PastSubscriptionState.ENDED : state;
    billing = billing == null ? new Billing(Map.of(), Optional.empty()) : billing;
  }
}
