package dev.plexauth.sdk.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Bounds blocking calls in time: each call starts a {@link Deadline}, which interrupts the calling
 * thread if the call is still running when its timeout passes.
 *
 * <p>Only one timer check is pending at a time, set for the earliest deadline known when it was
 * scheduled. A call whose deadline is later schedules nothing and a call that ends cancels nothing,
 * so calls one after another with the same timeout wake the timer about once per timeout rather
 * than twice per call (a timer per call woke the timer's thread on every call, one more thread
 * switch per call). When a check runs it interrupts the calls whose deadline has passed and
 * schedules the next check for the earliest deadline left, if any.
 */
final class Deadlines {

  /** Runs a task after a delay. */
  @FunctionalInterface
  interface Scheduler {
    /**
     * Runs the task once, after the delay.
     *
     * @param delayNanos the delay in nanoseconds, possibly zero or negative
     * @param task the task
     */
    void schedule(long delayNanos, Runnable task);
  }

  private final LongSupplier nanoTime;
  private final Scheduler scheduler;
  private final Set<Deadline> running = ConcurrentHashMap.newKeySet();
  private boolean checkPending; // guarded by this
  private long checkAt; // guarded by this; meaningful when checkPending

  /** Deadlines on the system's clock, checked on the JDK's shared delay thread. */
  Deadlines() {
    this(
        System::nanoTime,
        (delay, task) ->
            CompletableFuture.delayedExecutor(
                    Math.max(0, delay), TimeUnit.NANOSECONDS, Runnable::run)
                .execute(task));
  }

  /**
   * Deadlines on this clock and scheduler.
   *
   * @param nanoTime the clock, as {@link System#nanoTime()}
   * @param scheduler runs the checks
   */
  Deadlines(LongSupplier nanoTime, Scheduler scheduler) {
    this.nanoTime = nanoTime;
    this.scheduler = scheduler;
  }

  /**
   * Starts the deadline of a call on the current thread; close it when the call ends.
   *
   * @param timeout how long the call may take
   * @return the deadline
   */
  Deadline start(Duration timeout) {
    Deadline deadline = new Deadline(Thread.currentThread(), nanoTime.getAsLong() + nanos(timeout));
    running.add(deadline);
    scheduleCheck(deadline.at);
    return deadline;
  }

  private static long nanos(Duration timeout) {
    try {
      return timeout.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2; // centuries: never
    }
  }

  /** Schedules a check at {@code at} unless one is pending at or before it. */
  private void scheduleCheck(long at) {
    synchronized (this) {
      if (checkPending && at - checkAt >= 0) {
        return;
      }
      checkPending = true;
      checkAt = at;
    }
    scheduler.schedule(at - nanoTime.getAsLong(), this::check);
  }

  /**
   * Interrupts the calls whose deadline has passed and schedules the next check. A call that starts
   * while this runs either is seen here or finds no check pending and schedules its own.
   */
  private void check() {
    synchronized (this) {
      checkPending = false;
    }
    long now = nanoTime.getAsLong();
    boolean more = false;
    long next = 0;
    for (Deadline deadline : running) {
      if (deadline.at - now <= 0) {
        deadline.expire();
      } else if (!more || deadline.at - next < 0) {
        more = true;
        next = deadline.at;
      }
    }
    if (more) {
      scheduleCheck(next);
    }
  }

  /** How many calls are running: for tests. */
  int running() {
    return running.size();
  }

  /**
   * The deadline of one call. An interrupt that it delivered is cleared on close, so it never
   * reaches the caller after the call has returned.
   */
  final class Deadline implements AutoCloseable {
    private final Thread thread;
    private final long at;
    private boolean closed; // guarded by this
    private boolean expired; // guarded by this

    private Deadline(Thread thread, long at) {
      this.thread = thread;
      this.at = at;
    }

    private void expire() {
      synchronized (this) {
        if (closed || expired) {
          return;
        }
        expired = true;
        thread.interrupt();
      }
      running.remove(this);
    }

    /**
     * Whether the timeout passed while the call ran (and the thread was interrupted for it).
     *
     * @return true if it passed
     */
    synchronized boolean expired() {
      return expired;
    }

    @Override
    public void close() {
      boolean interruptedByUs;
      synchronized (this) {
        closed = true;
        interruptedByUs = expired;
      }
      running.remove(this);
      if (interruptedByUs) {
        Thread.interrupted();
      }
    }
  }
}
