package dev.plexauth.sdk.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** How the retry loop waits before the next attempt: blocking for calls, scheduled for futures. */
public interface Sleeper {

  /**
   * Blocks with {@code Thread.sleep}; schedules on the JDK's shared delay timer, so no thread is
   * held while an async call waits.
   */
  Sleeper SYSTEM =
      new Sleeper() {
        @Override
        public void sleep(Duration delay) throws InterruptedException {
          TimeUnit.NANOSECONDS.sleep(delay.toNanos());
        }

        @Override
        public void schedule(Duration delay, Runnable task) {
          CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS).execute(task);
        }
      };

  /**
   * Blocks the calling thread for the delay.
   *
   * @param delay how long
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  void sleep(Duration delay) throws InterruptedException;

  /**
   * Runs a task once the delay has passed, without blocking the calling thread.
   *
   * @param delay how long to wait
   * @param task what to run then
   */
  void schedule(Duration delay, Runnable task);
}
