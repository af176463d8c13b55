package dev.plexauth.server.auth;

import dev.plexauth.sdk.models.UserPlexAccount;
import dev.plexauth.server.store.AccountRow;
import dev.plexauth.server.store.FailureCount;
import dev.plexauth.server.store.Store;
import dev.plexauth.server.store.TokenRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Password (and TOTP) sign-in.
 *
 * <p>Every attempt runs exactly one Argon2id verification, against the account's hash or, for an
 * unknown login, against a dummy hash, so neither the answer nor the work tells whether a login
 * exists. Failures are counted per account (or per login, for unknown logins) in the store, so all
 * instances agree; a locked subject is refused even with the right password.
 *
 * <p>Attempts on one subject run one at a time in this process: the lockout check, the password
 * check and the failure count are one step, so a burst of parallel guesses is judged no faster than
 * a sequence of them and the lockout engages after exactly {@link Lockout#THRESHOLD} wrong answers.
 * (Several instances on one database each serialise their own attempts, so together they can judge
 * at most one guess per instance beyond the threshold.)
 */
public final class SignInService {

  /** How long {@code rememberExpiresAt} reaches for a remembered sign-in. */
  static final Duration REMEMBER = Duration.ofDays(14);

  /** The digits of a TOTP code appended to a password. */
  private static final int CODE_LENGTH = 6;

  /** Subjects share these locks by hash: bounded memory whatever logins an attacker invents. */
  private static final int STRIPES = 256;

  private final Store store;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final Lock[] stripes = new Lock[STRIPES];

  /**
   * Creates the service.
   *
   * @param store the store
   * @param hasher the password hasher
   * @param clock the clock
   */
  public SignInService(Store store, PasswordHasher hasher, Clock clock) {
    this.store = store;
    this.hasher = hasher;
    this.clock = clock;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock(true);
    }
  }

  /**
   * Signs in and issues a new account token for the client, replacing that client's old one.
   *
   * @param request the attempt
   * @return the plex.tv user object with the new token as {@code authToken} (shown once, stored
   *     only as a hash)
   * @throws SignInRefused when the attempt fails
   * @throws StoreUnavailable when the database cannot be read or written
   */
  public UserPlexAccount signIn(SignInRequest request) {
    return StoreUnavailable.guard(() -> attempt(request));
  }

  private UserPlexAccount attempt(SignInRequest request) {
    Optional<AccountRow> found = store.findAccountByLogin(request.login());
    String subject =
        found
            .map(account -> "account:" + account.id())
            .orElseGet(() -> "login:" + request.login().toLowerCase(Locale.ROOT));
    Lock lock = stripes[Math.floorMod(subject.hashCode(), STRIPES)];
    lock.lock();
    try {
      return found.isPresent()
          ? judge(request, found.get(), subject)
          : judgeUnknown(request, subject);
    } finally {
      lock.unlock();
    }
  }

  /** An unknown login: the same lockout check and hashing work as a wrong password, then no. */
  private UserPlexAccount judgeUnknown(SignInRequest request, String subject) {
    Optional<Duration> locked = lockedFor(subject);
    hasher.verifyUnknownUser(request.password());
    if (locked.isPresent()) {
      throw new SignInRefused(locked.get());
    }
    throw fail(subject, SignInRefused.Reason.BAD_CREDENTIALS);
  }

  private UserPlexAccount judge(SignInRequest request, AccountRow account, String subject) {
    Optional<Duration> locked = lockedFor(subject);
    boolean twoFactor = account.totpSecret().isPresent();
    String password = request.password();
    Optional<String> code = request.verificationCode();
    if (twoFactor && code.isEmpty() && request.codeInPassword()) {
      Optional<String> appended = appendedCode(password);
      if (appended.isPresent()) {
        code = appended;
        password = password.substring(0, password.length() - CODE_LENGTH);
      }
    }
    boolean passwordOk = hasher.verify(password, account.passwordHash());
    if (locked.isPresent()) {
      throw new SignInRefused(locked.get());
    }
    if (!passwordOk) {
      throw fail(subject, SignInRefused.Reason.BAD_CREDENTIALS);
    }
    if (twoFactor) {
      if (code.isEmpty()) {
        throw new SignInRefused(SignInRefused.Reason.CODE_REQUIRED);
      }
      OptionalLong step =
          Totp.matchingStep(account.totpSecret().get(), code.get(), clock.instant());
      if (step.isEmpty() || !store.advanceTotpStep(account.id(), step.getAsLong())) {
        throw fail(subject, SignInRefused.Reason.BAD_CODE);
      }
    }
    store.clearFailures(subject);
    return issueToken(account, request);
  }

  /**
   * The code at the end of a password typed the older way ({@code password123456}): the last six
   * characters when they are digits and something comes before them. The password is hashed once
   * either way, without the code when there is one: one Argon2id verification per attempt.
   */
  private static Optional<String> appendedCode(String password) {
    if (password.length() <= CODE_LENGTH) {
      return Optional.empty();
    }
    String tail = password.substring(password.length() - CODE_LENGTH);
    return tail.chars().allMatch(c -> c >= '0' && c <= '9') ? Optional.of(tail) : Optional.empty();
  }

  /** How long the subject must still wait; read before the password is checked. */
  private Optional<Duration> lockedFor(String subject) {
    Instant now = clock.instant();
    return store.findFailures(subject).flatMap(c -> Lockout.remaining(c, now));
  }

  private SignInRefused fail(String subject, SignInRefused.Reason reason) {
    Instant now = clock.instant();
    FailureCount count =
        store.recordFailure(subject, now.toEpochMilli(), Lockout.WINDOW.toMillis());
    Optional<Duration> locked = Lockout.remaining(count, now);
    return locked.isPresent() ? new SignInRefused(locked.get()) : new SignInRefused(reason);
  }

  private UserPlexAccount issueToken(AccountRow account, SignInRequest request) {
    Instant now = clock.instant();
    String token = Tokens.newAccountToken();
    TokenRow row =
        new TokenRow(
            account.id(),
            request.clientIdentifier(),
            Tokens.sha256Hex(token),
            request.product(),
            request.version(),
            request.platform(),
            request.device(),
            now.toEpochMilli(),
            (request.rememberMe() ? now.plus(REMEMBER) : now).toEpochMilli());
    // The old token of this client is replaced in the same statement; its transient descendants
    // die with it, because a transient token is honoured only while its root token exists.
    store.saveAccountToken(row);
    return UserObjects.user(account, token, row.rememberUntilMillis());
  }
}
