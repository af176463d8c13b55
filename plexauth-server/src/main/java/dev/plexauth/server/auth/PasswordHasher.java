package dev.plexauth.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing at the OWASP parameters (m=19456 KiB, t=2, p=1, 16-byte salt, 32-byte
 * tag), stored as a PHC string. At most one hash runs per CPU core at a time, so a burst of
 * sign-ins queues instead of exhausting memory.
 *
 * <p>{@link #verifications()} counts every verification, including the one against the dummy hash
 * for unknown users: each sign-in attempt costs exactly one.
 *
 * <pre>{@code
 * PasswordHasher hasher = new PasswordHasher();
 * String phc = hasher.hash("correct horse");
 * boolean ok = hasher.verify("correct horse", phc);
 * }</pre>
 */
public final class PasswordHasher {

  /** Memory cost in KiB. */
  public static final int MEMORY_KIB = 19456;

  /** Number of passes. */
  public static final int ITERATIONS = 2;

  /** Lanes. */
  public static final int PARALLELISM = 1;

  private static final int SALT_BYTES = 16;
  private static final int TAG_BYTES = 32;
  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})"
              + "\\$([A-Za-z0-9+/]{11,88})\\$([A-Za-z0-9+/]{22,172})");
  private static final int MAX_MEMORY_KIB = 1 << 20;

  private final SecureRandom random = new SecureRandom();
  private static final int PERMITS = Math.max(1, Runtime.getRuntime().availableProcessors());

  private final Semaphore permits = new Semaphore(PERMITS, true);

  /**
   * The memory of finished hashes (19 MiB each, zeroed when returned), kept for the next ones: at
   * most one hash's worth per permit. Allocating it anew for every hash made sign-ins collect
   * garbage at 19 MiB a hash, which a small heap turns into back-to-back collections.
   */
  private final Argon2BytesGenerator.BlockPool blocks =
      new Argon2BytesGenerator.FixedBlockPool(
          PERMITS * Argon2BytesGenerator.getBlockCount(MEMORY_KIB, PARALLELISM));

  private final AtomicLong verifications = new AtomicLong();
  private volatile String dummyHash;

  /** Creates a hasher. */
  public PasswordHasher() {}

  /**
   * How many hashes run at once: one per core.
   *
   * @return the number of permits
   */
  public static int permits() {
    return PERMITS;
  }

  /**
   * Takes every hashing permit until the returned hold is closed, so no hash can run: a test's way
   * to saturate hashing without timing anything.
   *
   * @return the hold; close it to give the permits back
   */
  public Hold holdAllPermits() {
    permits.acquireUninterruptibly(PERMITS);
    return () -> permits.release(PERMITS);
  }

  /** Every hashing permit, held; closing gives them back. */
  @FunctionalInterface
  public interface Hold extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * The hash an unknown login's password is verified against: the server's parameters, a random
   * salt and a random tag. Verifying against it is the same work as against a real hash and never
   * succeeds (a 256-bit tag), so it needs no hashing of its own: nothing to compute at start and no
   * hashing memory taken before the first sign-in.
   */
  private String dummyHash() {
    String hash = dummyHash;
    if (hash == null) {
      byte[] salt = new byte[SALT_BYTES];
      byte[] tag = new byte[TAG_BYTES];
      random.nextBytes(salt);
      random.nextBytes(tag);
      hash = phc(salt, tag);
      dummyHash = hash;
    }
    return hash;
  }

  /**
   * Hashes a password with a fresh random salt.
   *
   * @param password the password
   * @return the PHC string {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<tag>}
   */
  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return phc(salt, derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, TAG_BYTES));
  }

  private static String phc(byte[] salt, byte[] tag) {
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$argon2id$v=19$m="
        + MEMORY_KIB
        + ",t="
        + ITERATIONS
        + ",p="
        + PARALLELISM
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(tag);
  }

  /**
   * Checks a password against a PHC string, in constant time over the tag.
   *
   * @param password the password given
   * @param phc the stored PHC string
   * @return whether they match (false for a malformed PHC string)
   */
  public boolean verify(String password, String phc) {
    verifications.incrementAndGet();
    Matcher m = PHC.matcher(phc);
    if (!m.matches()) {
      return false;
    }
    int memory = Integer.parseInt(m.group(1));
    int iterations = Integer.parseInt(m.group(2));
    int parallelism = Integer.parseInt(m.group(3));
    if (memory < 8 * parallelism || memory > MAX_MEMORY_KIB || iterations < 1 || parallelism < 1) {
      return false;
    }
    byte[] salt = Base64.getDecoder().decode(m.group(4));
    byte[] expected = Base64.getDecoder().decode(m.group(5));
    byte[] actual = derive(password, salt, memory, iterations, parallelism, expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  /**
   * Does the same work as {@link #verify} against a dummy hash and returns false: the path for an
   * unknown user, so it costs the same as a wrong password.
   *
   * @param password the password given
   * @return always false
   */
  public boolean verifyUnknownUser(String password) {
    verify(password, dummyHash());
    return false;
  }

  /**
   * How many verifications ran since this hasher was made.
   *
   * @return the count
   */
  public long verifications() {
    return verifications.get();
  }

  private byte[] derive(
      String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .withBlockPool(blocks)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[length];
    permits.acquireUninterruptibly();
    try {
      generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    } finally {
      permits.release();
    }
    return out;
  }
}
