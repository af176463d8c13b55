package dev.plexauth.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deadlines of blocking calls, on a clock and a scheduler the test drives: who gets
 * interrupted, when a check is scheduled, and that an interrupt never outlives its call.
 */
class DeadlinesTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<Check> checks = new ArrayList<>();
  private final Deadlines deadlines =
      new Deadlines(now::get, (delay, task) -> checks.add(new Check(now.get() + delay, task)));

  /** A scheduled check: when it is due and what it runs. */
  private record Check(long at, Runnable task) {}

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  private void advance(Duration duration) {
    now.addAndGet(duration.toNanos());
  }

  /** Runs the checks that are due, in order, as the scheduler would. */
  private void runDueChecks() {
    while (true) {
      Check due = null;
      for (Check check : checks) {
        if (check.at() - now.get() <= 0 && (due == null || check.at() - due.at() < 0)) {
          due = check;
        }
      }
      if (due == null) {
        return;
      }
      checks.remove(due);
      due.task().run();
    }
  }

  @Test
  void aCallStillRunningWhenItsTimeoutPassesIsInterruptedAndTheInterruptEndsWithIt() {
    Deadlines.Deadline deadline = deadlines.start(Duration.ofSeconds(30));
    advance(Duration.ofSeconds(30));
    runDueChecks();

    assertThat(deadline.expired()).isTrue();
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
    deadline.close();
    assertThat(Thread.currentThread().isInterrupted())
        .as("the deadline's interrupt does not reach the caller")
        .isFalse();
    assertThat(deadlines.running()).isZero();
  }

  @Test
  void aCallThatEndsInTimeIsNeverInterrupted() {
    Deadlines.Deadline deadline = deadlines.start(Duration.ofSeconds(30));
    advance(Duration.ofSeconds(29));
    deadline.close();
    advance(Duration.ofSeconds(60));
    runDueChecks();

    assertThat(deadline.expired()).isFalse();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(checks).as("the check found nothing left to watch").isEmpty();
  }

  @Test
  void callsOneAfterAnotherWithTheSameTimeoutScheduleOneCheckPerTimeoutNotOnePerCall() {
    for (int i = 0; i < 1000; i++) {
      deadlines.start(Duration.ofSeconds(30)).close();
      advance(Duration.ofMillis(1));
    }

    assertThat(checks).hasSize(1);

    // One call is running when the check comes: the next check is set for its deadline.
    Deadlines.Deadline running = deadlines.start(Duration.ofSeconds(30));
    long runningUntil = now.get() + Duration.ofSeconds(30).toNanos();
    advance(Duration.ofSeconds(29)); // past the first call's deadline, before this one's
    runDueChecks();

    assertThat(running.expired()).isFalse();
    assertThat(checks).extracting(Check::at).containsExactly(runningUntil);
    running.close();
  }

  @Test
  void aShorterTimeoutThanThePendingCheckSchedulesAnEarlierOne() {
    Deadlines.Deadline slow = deadlines.start(Duration.ofSeconds(30));
    Deadlines.Deadline fast = deadlines.start(Duration.ofMillis(300));

    assertThat(checks).hasSize(2);
    advance(Duration.ofMillis(300));
    runDueChecks();

    assertThat(fast.expired()).isTrue();
    assertThat(slow.expired()).isFalse();
    fast.close();
    slow.close();
  }

  @Test
  void aCallerInterruptedBeforehandStaysInterrupted() {
    Thread.currentThread().interrupt();
    Deadlines.Deadline deadline = deadlines.start(Duration.ofSeconds(30));
    deadline.close();

    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void aTimeoutTooLongForNanosecondsNeverPasses() {
    Deadlines.Deadline deadline = deadlines.start(Duration.ofSeconds(Long.MAX_VALUE));
    advance(Duration.ofDays(365));
    runDueChecks();

    assertThat(deadline.expired()).isFalse();
    deadline.close();
  }

  @Test
  void theSystemDeadlinesInterruptARealBlockedCall() throws Exception {
    Deadlines system = new Deadlines();
    Deadlines.Deadline deadline = system.start(Duration.ofMillis(50));
    boolean interrupted = false;
    try {
      Thread.sleep(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      interrupted = true;
    }
    deadline.close();

    assertThat(interrupted).isTrue();
    assertThat(deadline.expired()).isTrue();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }
}
