package dev.plexauth.server.auth;

import dev.plexauth.sdk.models.UserPlexAccount;
import dev.plexauth.server.store.AccountRow;
import dev.plexauth.server.store.FailureCount;
import dev.plexauth.server.store.Reservation;
import dev.plexauth.server.store.Store;
import dev.plexauth.server.store.TokenRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Password (and TOTP) sign-in.
 *
 * <p>Every attempt runs exactly one Argon2id verification, against the account's hash or, for an
 * unknown login, against a dummy hash, so neither the answer nor the work tells whether a login
 * exists.
 *
 * <p>Failures are counted in the store twice: per login string (the username or email as typed,
 * normalised) and per account. The answer follows the login string's count only, so a login string
 * of a known account locks exactly as an unknown one does, and the lockout of one login string
 * tells nothing about which other login strings belong to the same account. The account's count is
 * enforced all the same: while the account is locked, an attempt through any login string is
 * refused, with the right password too, as a wrong password would be (401/1001, and a failure of
 * that login string).
 *
 * <p>Each attempt is reserved in the database before it is judged (an atomic increment of the
 * count, in a transaction that holds the subject's row), so concurrent attempts, on this instance
 * or on others sharing the database, are judged exactly as far as the lockout allows: when a lock
 * expires, one guess is judged, not one per instance. A success clears both counts; a missing 2FA
 * code (the normal first step) gives the reservations back.
 */
public final class SignInService {

  /** How long {@code rememberExpiresAt} reaches for a remembered sign-in. */
  static final Duration REMEMBER = Duration.ofDays(14);

  /** How long an attempt waits for the attempts ahead of it before it is refused as locked. */
  static final Duration MAX_PENDING = Duration.ofSeconds(20);

  /** How long an attempt may stay in flight: longer is a process that stopped mid-attempt. */
  static final Duration IN_FLIGHT_STALE = Duration.ofMinutes(1);

  /** The digits of a TOTP code appended to a password. */
  private static final int CODE_LENGTH = 6;

  private final Store store;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final SecretBox secrets;
  private final Consumer<Duration> pause;

  /**
   * Creates the service.
   *
   * @param store the store
   * @param hasher the password hasher
   * @param clock the clock
   * @param secrets opens the sealed TOTP secrets
   */
  public SignInService(Store store, PasswordHasher hasher, Clock clock, SecretBox secrets) {
    this(store, hasher, clock, secrets, SignInService::sleep);
  }

  /**
   * Creates the service with its own way of waiting for attempts in flight.
   *
   * @param store the store
   * @param hasher the password hasher
   * @param clock the clock
   * @param secrets opens the sealed TOTP secrets
   * @param pause waits a short while (the clock need not move: the waiting ends when the attempts
   *     ahead are judged, or after {@link #MAX_PENDING} of pauses)
   */
  SignInService(
      Store store,
      PasswordHasher hasher,
      Clock clock,
      SecretBox secrets,
      Consumer<Duration> pause) {
    this.store = store;
    this.hasher = hasher;
    this.clock = clock;
    this.secrets = secrets;
    this.pause = pause;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a sign-in in flight", e);
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
    Optional<AccountRow> found = findAccount(request.login());
    String password = PasswordPolicy.normalize(request.password());
    String loginSubject =
        "login:" + Usernames.normalizeLogin(request.login()).toLowerCase(Locale.ROOT);
    SecurityEvents.Origin origin =
        new SecurityEvents.Origin(request.clientAddress(), request.clientIdentifier());
    OptionalLong accountId = found.map(a -> OptionalLong.of(a.id())).orElse(OptionalLong.empty());
    Reservation byLogin = reserve(loginSubject);
    if (byLogin.status() != Reservation.Status.RESERVED) {
      verifyOnce(found, password);
      SecurityEvents.emit("sign_in", SecurityEvents.Outcome.REFUSED, "locked", origin, accountId);
      throw locked(byLogin);
    }
    if (found.isEmpty()) {
      hasher.verifyUnknownUser(password);
      throw failed(
          loginSubject, SignInRefused.Reason.BAD_CREDENTIALS, "unknown_login", origin, accountId);
    }
    AccountRow account = found.get();
    String accountSubject = "account:" + account.id();
    Reservation byAccount = reserve(accountSubject);
    try {
      return judge(request, account, password, loginSubject, accountSubject, byAccount, origin);
    } catch (SignInRefused refused) {
      throw refused;
    } catch (RuntimeException e) {
      // Not judged after all (the database or a sealed secret failed): settle the reservations so
      // they do not hold later attempts.
      settleQuietly(loginSubject);
      if (byAccount.status() == Reservation.Status.RESERVED) {
        settleQuietly(accountSubject);
      }
      throw e;
    }
  }

  private UserPlexAccount judge(
      SignInRequest request,
      AccountRow account,
      String password,
      String loginSubject,
      String accountSubject,
      Reservation byAccount,
      SecurityEvents.Origin origin) {
    OptionalLong accountId = OptionalLong.of(account.id());
    boolean twoFactor = account.totpSecret().isPresent();
    Optional<String> code = request.verificationCode();
    if (twoFactor && code.isEmpty() && request.codeInPassword()) {
      Optional<String> appended = appendedCode(password);
      if (appended.isPresent()) {
        code = appended;
        password = password.substring(0, password.length() - CODE_LENGTH);
      }
    }
    boolean passwordOk = hasher.verify(password, account.passwordHash());
    boolean accountReserved = byAccount.status() == Reservation.Status.RESERVED;
    if (!accountReserved || !passwordOk) {
      if (accountReserved) {
        store.recordFailure(accountSubject, clock.millis(), Lockout.WINDOW.toMillis());
      }
      // A locked account is refused through any login string as a wrong password is, so the
      // answer never links this login string to the account's other ones.
      throw failed(
          loginSubject,
          SignInRefused.Reason.BAD_CREDENTIALS,
          accountReserved ? "bad_password" : "account_locked",
          origin,
          accountId);
    }
    if (twoFactor) {
      if (code.isEmpty()) {
        store.releaseAttempt(loginSubject);
        store.releaseAttempt(accountSubject);
        SecurityEvents.emit(
            "sign_in", SecurityEvents.Outcome.CHALLENGE, "code_required", origin, accountId);
        throw new SignInRefused(SignInRefused.Reason.CODE_REQUIRED);
      }
      OptionalLong step =
          Totp.matchingStep(
              TotpSecrets.open(secrets, account.id(), account.totpSecret().get()),
              code.get(),
              clock.instant());
      if (step.isEmpty() || !store.advanceTotpStep(account.id(), step.getAsLong())) {
        store.recordFailure(accountSubject, clock.millis(), Lockout.WINDOW.toMillis());
        throw failed(loginSubject, SignInRefused.Reason.BAD_CODE, "bad_code", origin, accountId);
      }
    }
    store.clearFailures(loginSubject);
    store.clearFailures(accountSubject);
    UserPlexAccount user = issueToken(account, request);
    SecurityEvents.emit(
        "sign_in",
        SecurityEvents.Outcome.SUCCESS,
        account.totpSecret().isPresent() ? "password_and_code" : "password",
        origin,
        accountId);
    return user;
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

  private void settleQuietly(String subject) {
    try {
      store.releaseAttempt(subject);
    } catch (RuntimeException e) {
      // the in-flight count goes stale after IN_FLIGHT_STALE
    }
  }

  /**
   * Reserves an attempt, waiting while attempts in flight decide whether the subject is locked by
   * this one's turn: parallel attempts are judged as a sequence of them would be.
   */
  private Reservation reserve(String subject) {
    long waitedMillis = 0;
    for (int round = 0; ; round++) {
      Instant now = clock.instant();
      Reservation reservation =
          store.reserveAttempt(
              subject,
              now.toEpochMilli(),
              Lockout.WINDOW.toMillis(),
              IN_FLIGHT_STALE.toMillis(),
              count -> Lockout.remaining(count, now).isPresent());
      if (reservation.status() != Reservation.Status.PENDING
          || waitedMillis >= MAX_PENDING.toMillis()) {
        return reservation;
      }
      long wait = Math.min(5L << Math.min(round, 4), 50);
      pause.accept(Duration.ofMillis(wait));
      waitedMillis += wait;
    }
  }

  /** The refusal of an attempt that could not be judged: locked, or still pending at the end. */
  private SignInRefused locked(Reservation reservation) {
    return new SignInRefused(
        Lockout.remaining(reservation.failures(), clock.instant()).orElse(Duration.ofSeconds(1)));
  }

  /**
   * Records a failure of the login string and refuses: locked when this failure reached the
   * lockout, as the login string's count alone decides the answer. The security event tells the
   * whole reason ({@code logReason}), which the answer does not.
   */
  private SignInRefused failed(
      String loginSubject,
      SignInRefused.Reason reason,
      String logReason,
      SecurityEvents.Origin origin,
      OptionalLong accountId) {
    Instant now = clock.instant();
    FailureCount count =
        store.recordFailure(loginSubject, now.toEpochMilli(), Lockout.WINDOW.toMillis());
    SecurityEvents.emit("sign_in", SecurityEvents.Outcome.FAILURE, logReason, origin, accountId);
    Optional<Duration> locked = Lockout.remaining(count, now);
    if (locked.isEmpty()) {
      return new SignInRefused(reason);
    }
    SecurityEvents.emit(
        "lockout", SecurityEvents.Outcome.REFUSED, "too_many_failures", origin, accountId);
    return new SignInRefused(locked.get());
  }

  /**
   * The account of a login, looked up in its NFKC form (the form usernames are stored in); a login
   * that NFKC changes is also looked up as typed, for an account added before usernames were
   * normalised.
   */
  private Optional<AccountRow> findAccount(String login) {
    String normalized = Usernames.normalizeLogin(login);
    Optional<AccountRow> found = store.findAccountByLogin(normalized);
    return found.isEmpty() && !normalized.equals(login) ? store.findAccountByLogin(login) : found;
  }

  /** The one verification a refused attempt still costs, so a lock reveals nothing either. */
  private void verifyOnce(Optional<AccountRow> account, String password) {
    if (account.isPresent()) {
      hasher.verify(password, account.get().passwordHash());
    } else {
      hasher.verifyUnknownUser(password);
    }
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
