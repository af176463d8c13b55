package dev.plexauth.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.sdk.internal.RetryClock;
import dev.plexauth.sdk.internal.RetryTiming;
import dev.plexauth.sdk.internal.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * The retry loop's clock, sleeper and random source, driven by a test. A wait returns at once and
 * moves the clock forward by its length, so a test sees each delay the loop chose without spending
 * it; the clock also runs with real time, so the transport's timeouts still count. Scheduled
 * (async) retries run at once on a new thread, or are held until the test releases them.
 *
 * <pre>{@code
 * TestTiming timing = new TestTiming();
 * PlexAPI plex = clientFor(server).retryConfig(config).retryTiming(timing.retryTiming()).build();
 * plex.authentication().getTokenDetails();
 * assertThat(timing.waits()).containsExactly(Duration.ofSeconds(1));
 * }</pre>
 */
final class TestTiming implements RetryClock, Sleeper {

  /** Always draws the largest delay allowed, so every wait is exactly its backoff cap. */
  static final RandomGenerator LARGEST_DELAY =
      new RandomGenerator() {
        @Override
        public long nextLong() {
          return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
          return bound - 1;
        }
      };

  private final AtomicLong skippedNanos = new AtomicLong();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final List<Duration> scheduled = new CopyOnWriteArrayList<>();
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Runnable> held = new LinkedBlockingQueue<>();
  private final RandomGenerator random;
  private volatile boolean hold;

  /** Timing whose jitter always draws the largest delay. */
  TestTiming() {
    this(LARGEST_DELAY);
  }

  TestTiming(RandomGenerator random) {
    this.random = random;
  }

  /** What to pass to {@code PlexAPI.Builder.retryTiming}. */
  RetryTiming retryTiming() {
    return new RetryTiming(this, this, random);
  }

  /** From now on, scheduled retries wait for {@link #releaseNext()} instead of running. */
  TestTiming holdScheduledRetries() {
    hold = true;
    return this;
  }

  @Override
  public long nanoTime() {
    return System.nanoTime() + skippedNanos.get();
  }

  @Override
  public Instant instant() {
    return Instant.now().plusNanos(skippedNanos.get());
  }

  @Override
  public void sleep(Duration delay) {
    sleeps.add(delay);
    waits.add(delay);
    skippedNanos.addAndGet(delay.toNanos());
  }

  @Override
  public void schedule(Duration delay, Runnable task) {
    Runnable later =
        () -> {
          skippedNanos.addAndGet(delay.toNanos());
          task.run();
        };
    boolean holding = hold;
    waits.add(delay);
    synchronized (scheduled) {
      if (holding) {
        held.add(later);
      }
      scheduled.add(delay);
      scheduled.notifyAll();
    }
    if (!holding) {
      Thread thread = new Thread(later, "test-timing-retry");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** Every wait the loop asked for, blocking or scheduled, in order. */
  List<Duration> waits() {
    return List.copyOf(waits);
  }

  /** The waits that blocked a thread. */
  List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /** The waits that were scheduled without blocking a thread. */
  List<Duration> scheduled() {
    return List.copyOf(scheduled);
  }

  /** Blocks until the loop has scheduled this many retries in all (5 s at most). */
  void awaitScheduled(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    synchronized (scheduled) {
      long left;
      while (scheduled.size() < count && (left = deadline - System.nanoTime()) > 0) {
        TimeUnit.NANOSECONDS.timedWait(scheduled, left);
      }
    }
    assertThat(scheduled).as("retries scheduled").hasSizeGreaterThanOrEqualTo(count);
  }

  /** Runs the oldest held retry on the calling thread, as if its wait had passed. */
  void releaseNext() {
    Runnable next = held.poll();
    assertThat(next).as("a held retry").isNotNull();
    next.run();
  }

  /** Whether a held retry waits to be released. */
  int heldCount() {
    return held.size();
  }
}
