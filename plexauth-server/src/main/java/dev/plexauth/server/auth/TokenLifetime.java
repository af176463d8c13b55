package dev.plexauth.server.auth;

import dev.plexauth.server.store.TokenRow;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How long an account token lives: until it has gone unused for {@code idleTimeout}, and, when set,
 * no longer than {@code maxAge} after it was issued. Use is recorded at most once per {@link
 * #RECORD_INTERVAL}, so the idle clock starts again at the first use after each hour, without a
 * write on every request.
 *
 * <pre>{@code
 * TokenLifetime.DEFAULT                                   // 90 days idle, no absolute limit
 * new TokenLifetime(Duration.ofDays(30), Optional.of(Duration.ofDays(365)))
 * }</pre>
 *
 * @param idleTimeout how long an unused token keeps working; positive
 * @param maxAge how long a token works at most whatever its use, if limited; positive
 */
public record TokenLifetime(Duration idleTimeout, Optional<Duration> maxAge) {

  /** The default idle timeout. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofDays(90);

  /** The lifetime of tokens unless configured: 90 days idle, no absolute limit. */
  public static final TokenLifetime DEFAULT =
      new TokenLifetime(DEFAULT_IDLE_TIMEOUT, Optional.empty());

  /** How often a token's use is recorded at most. */
  public static final Duration RECORD_INTERVAL = Duration.ofHours(1);

  /** Checks that both durations are positive. */
  public TokenLifetime {
    Objects.requireNonNull(idleTimeout, "idleTimeout == null");
    Objects.requireNonNull(maxAge, "maxAge == null");
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("the token idle timeout must be positive");
    }
    if (maxAge.isPresent() && (maxAge.get().isNegative() || maxAge.get().isZero())) {
      throw new IllegalArgumentException("the token maximum age must be positive");
    }
  }

  /** Whether a token has ended at a moment: idle too long or too old. */
  boolean ended(TokenRow token, Instant now) {
    long at = now.toEpochMilli();
    if (at - token.lastUsedAtMillis() >= idleTimeout.toMillis()) {
      return true;
    }
    return maxAge.isPresent() && at - token.createdAtMillis() >= maxAge.get().toMillis();
  }

  /** Whether a use now should be recorded: none is recorded within the last interval. */
  static boolean recordDue(TokenRow token, Instant now) {
    return now.toEpochMilli() - token.lastUsedAtMillis() >= RECORD_INTERVAL.toMillis();
  }
}
