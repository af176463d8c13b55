package dev.plexauth.bench;

import dev.plexauth.server.auth.PasswordHasher;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of one Argon2id verification at the server's parameters (m=19456 KiB, t=2, p=1), on one
 * thread: the unit the sign-in figures are measured against.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PasswordVerifyBenchmark {

  private PasswordHasher hasher;
  private String hash;

  /** Hashes the password once; each benchmark call verifies it. */
  @Setup
  public void hash() {
    hasher = new PasswordHasher();
    hash = hasher.hash("bench-password-1");
  }

  /**
   * One verification of the right password.
   *
   * @return whether it matched (always true), so the work is not optimised away
   */
  @Benchmark
  public boolean verify() {
    return hasher.verify("bench-password-1", hash);
  }
}
