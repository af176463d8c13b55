package dev.plexauth.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2015-10-21T07:27:00Z");

  @Test
  void readsSecondsAndHttpDates() {
    assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", NOW))
        .contains(Duration.ofSeconds(60));
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", NOW)).contains(Duration.ZERO);
  }

  @Test
  void ignoresAnythingElse() {
    assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
    assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
    assertThat(RetryAfter.parse(null, NOW)).isEmpty();
  }

  @Test
  void statusCodesMatchExactCodesAndRanges() {
    assertThat(StatusCodes.matches(StatusCodes.DEFAULT_RETRY_CODES, 503)).isTrue();
    assertThat(StatusCodes.matches(StatusCodes.DEFAULT_RETRY_CODES, 501)).isFalse();
    assertThat(StatusCodes.matches(java.util.List.of("5XX"), 501)).isTrue();
    assertThat(StatusCodes.matches(java.util.List.of("4xx"), 429)).isTrue();
  }
}
