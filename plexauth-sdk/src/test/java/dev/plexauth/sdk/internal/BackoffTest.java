package dev.plexauth.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.sdk.RetryConfig;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final RetryConfig CONFIG =
      RetryConfig.backoff(Duration.ofMillis(500), Duration.ofSeconds(60), 1.5, Duration.ofHours(1));

  @Test
  void capGrowsByTheExponentUpToTheMaxInterval() {
    assertThat(Backoff.cap(CONFIG, 0)).isEqualTo(Duration.ofMillis(500));
    assertThat(Backoff.cap(CONFIG, 1)).isEqualTo(Duration.ofMillis(750));
    assertThat(Backoff.cap(CONFIG, 2)).isEqualTo(Duration.ofMillis(1125));
    assertThat(Backoff.cap(CONFIG, 20)).isEqualTo(Duration.ofSeconds(60));
    assertThat(Backoff.cap(CONFIG, 10_000)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void delaysAreFullJitterUniformlySpreadOverZeroToTheCap() {
    SplittableRandom random = new SplittableRandom(42);
    int samples = 20_000;
    long sum = 0;
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < samples; i++) {
      long delay = Backoff.delay(CONFIG, 1, random).toNanos();
      assertThat(delay).isBetween(0L, Duration.ofMillis(750).toNanos());
      sum += delay;
      min = Math.min(min, delay);
      max = Math.max(max, delay);
    }
    double meanMillis = sum / (double) samples / 1_000_000;
    assertThat(meanMillis).isBetween(375 * 0.95, 375 * 1.05);
    assertThat(min).isLessThan(Duration.ofMillis(10).toNanos());
    assertThat(max).isGreaterThan(Duration.ofMillis(740).toNanos());
  }

  @Test
  void aZeroIntervalMeansNoWait() {
    RetryConfig zero = RetryConfig.backoff(Duration.ZERO, Duration.ZERO, 2, Duration.ofSeconds(1));
    assertThat(Backoff.delay(zero, 3, new SplittableRandom(1))).isEqualTo(Duration.ZERO);
  }
}
