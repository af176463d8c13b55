package dev.plexauth.server.auth;

import dev.plexauth.sdk.models.UserPlexAccount;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where sign-ins wait for the password hash: a bounded queue in front of one worker per hashing
 * permit. A sign-in that finds the queue full is refused at once ({@link SignInBusy}), so a flood
 * of sign-ins costs a bounded wait and a bounded amount of memory, and never holds an HTTP request
 * thread: the HTTP layer hands the attempt over and lets its thread go, and token routes keep all
 * of them.
 *
 * <p>The bound is {@value #PER_WORKER} waiting sign-ins per worker, at least {@value
 * #MIN_CAPACITY}: with an Argon2id verification near 80 ms on a core, the last one in a full queue
 * waits about 2.5 seconds.
 *
 * <pre>{@code
 * SignInQueue queue = new SignInQueue(signInService, PasswordHasher.permits());
 * queue.submit(request).thenAccept(user -> ...);   // or SignInBusy at once
 * }</pre>
 */
public final class SignInQueue implements AutoCloseable {

  /** Waiting sign-ins per worker. */
  public static final int PER_WORKER = 32;

  /** The least number of waiting sign-ins, for machines with one or two cores. */
  public static final int MIN_CAPACITY = 64;

  /** What a refused sign-in is told to wait. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private final SignInService service;
  private final int capacity;
  private final ThreadPoolExecutor workers;

  /**
   * Starts the workers.
   *
   * @param service the sign-in service the workers run
   * @param workers how many sign-ins run at once: one per hashing permit
   */
  public SignInQueue(SignInService service, int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1: " + workers);
    }
    this.service = service;
    this.capacity = Math.max(MIN_CAPACITY, PER_WORKER * workers);
    this.workers =
        new ThreadPoolExecutor(
            workers,
            workers,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(capacity),
            daemonThreads(),
            new ThreadPoolExecutor.AbortPolicy());
  }

  /**
   * Queues a sign-in.
   *
   * @param request the attempt
   * @return the signed-in user, or a failure with {@link SignInRefused} or {@link StoreUnavailable}
   * @throws SignInBusy at once, when the queue is full
   */
  public CompletableFuture<UserPlexAccount> submit(SignInRequest request) {
    try {
      return CompletableFuture.supplyAsync(() -> service.signIn(request), workers);
    } catch (RejectedExecutionException e) {
      throw new SignInBusy(RETRY_AFTER);
    }
  }

  /**
   * How many sign-ins wait for a worker.
   *
   * @return the queue's length
   */
  public int waiting() {
    return workers.getQueue().size();
  }

  /**
   * How many sign-ins may wait.
   *
   * @return the bound
   */
  public int capacity() {
    return capacity;
  }

  /**
   * How many sign-ins are being judged.
   *
   * @return the busy workers
   */
  public int running() {
    return workers.getActiveCount();
  }

  /**
   * Stops the workers; queued sign-ins are dropped (their HTTP requests are gone with the server).
   */
  @Override
  public void close() {
    workers.shutdownNow();
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "plexauth-sign-in-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
