package dev.plexauth.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The reuse rules of a lookup: one second at most, nothing after a change, only found rows. */
class RecentLookupsTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final RecentLookups.Generation generation = new RecentLookups.Generation();
  private final RecentLookups<String> lookups = new RecentLookups<>(generation, nanos::get);
  private final AtomicInteger queries = new AtomicInteger();
  private final Function<String, Optional<String>> database =
      key -> {
        queries.incrementAndGet();
        return key.startsWith("known")
            ? Optional.of("row of " + key + " #" + queries)
            : Optional.empty();
      };

  @Test
  void aFoundRowIsReusedForLessThanOneSecondAfterItsQueryBegan() {
    assertThat(lookups.find("known-1", database)).contains("row of known-1 #1");
    nanos.addAndGet(RecentLookups.LIFETIME.toNanos() - 1);
    assertThat(lookups.find("known-1", database)).contains("row of known-1 #1");
    nanos.addAndGet(1);
    assertThat(lookups.find("known-1", database)).contains("row of known-1 #2");
    assertThat(queries).hasValue(2);
  }

  @Test
  void aChangeEndsEveryReuseAtOnce() {
    lookups.find("known-1", database);
    lookups.find("known-2", database);
    generation.next();
    assertThat(lookups.find("known-1", database)).contains("row of known-1 #3");
    assertThat(lookups.find("known-2", database)).contains("row of known-2 #4");
  }

  @Test
  void aRowReadWhileAChangeCommitsIsNotReused() {
    Function<String, Optional<String>> racing =
        key -> {
          Optional<String> before = database.apply(key);
          generation.next(); // the change commits while the query runs
          return before;
        };
    assertThat(lookups.find("known-1", racing)).contains("row of known-1 #1");
    assertThat(lookups.find("known-1", database)).contains("row of known-1 #2");
  }

  @Test
  void anUnknownKeyIsAskedEveryTimeAndAVanishedRowIsForgotten() {
    assertThat(lookups.find("unknown", database)).isEmpty();
    assertThat(lookups.find("unknown", database)).isEmpty();
    assertThat(queries).hasValue(2);

    lookups.find("known-1", database);
    nanos.addAndGet(RecentLookups.LIFETIME.toNanos());
    assertThat(lookups.find("known-1", key -> Optional.empty())).isEmpty();
    assertThat(lookups.size()).isZero();
  }

  @Test
  void theMapStartsOverPastItsBound() {
    for (int i = 0; i < RecentLookups.MAX_ENTRIES; i++) {
      lookups.find("known-" + i, database);
    }
    assertThat(lookups.size()).isEqualTo(RecentLookups.MAX_ENTRIES);
    lookups.find("known-one-more", database);
    assertThat(lookups.size()).isEqualTo(1);
  }
}
