package dev.plexauth.server.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plexauth.server.store.DuplicateKeyException;
import dev.plexauth.server.store.FailureCount;
import dev.plexauth.server.store.PinRow;
import dev.plexauth.server.store.Store;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * PIN sign-in, the way Plex apps sign people in: an app makes a pin ({@link #create}), the person
 * approves its code while signed in ({@link #link}), and the app polls the pin until it carries a
 * token ({@link #poll}).
 *
 * <p>A 4-character code lives {@link #SHORT_LIFETIME}, a strong one {@link #STRONG_LIFETIME}. The
 * token is made when the app first polls an approved pin, for (the approving account, the pin's
 * client identifier), replacing that device's token as a sign-in does; it is handed out once and
 * the pin is gone with it, so the database never holds a token that can still be handed out.
 *
 * <p>Guessing codes does not pay: a link with a wrong code counts as a failure of the approving
 * account and of the client address, with the sign-in lockout ({@link Lockout}), in the store so
 * every instance counts the same. A successful link does not clear the counts: anyone can make a
 * pin and link it, so clearing would reset the count for free.
 */
public final class PinService {

  /** How long a 4-character code lives. */
  public static final Duration SHORT_LIFETIME = Duration.ofMinutes(15);

  /** How long a strong code lives. */
  public static final Duration STRONG_LIFETIME = Duration.ofMinutes(30);

  /** How often a new pin may draw a code that a live pin already has, before giving up. */
  static final int CODE_DRAWS = 10;

  /** How long to come back after no free code was found. */
  static final Duration BUSY_WAIT = Duration.ofSeconds(30);

  private static final String ACCOUNT_SUBJECT = "pin-link:account:";
  private static final String ADDRESS_SUBJECT = "pin-link:address:";
  private static final int STRIPES = 64;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Store store;
  private final Clock clock;
  private final DeviceKeyService deviceKeys;
  private final Lock[] stripes = new Lock[STRIPES];

  /**
   * Creates the service.
   *
   * @param store the store
   * @param clock the clock
   * @param deviceKeys turns a pin made with a device key into a Plex JWT
   */
  public PinService(Store store, Clock clock, DeviceKeyService deviceKeys) {
    this.store = store;
    this.deviceKeys = deviceKeys;
    this.clock = clock;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock(true);
    }
  }

  /**
   * Makes a pin.
   *
   * @param request the app and the kind of code
   * @return the new pin, without a token
   * @throws PinRefused {@link PinRefused.Reason#BUSY} when no free code was found
   * @throws StoreUnavailable when the database cannot be written
   */
  public Pin create(PinRequest request) {
    Instant now = clock.instant();
    Instant expires = now.plus(request.strong() ? STRONG_LIFETIME : SHORT_LIFETIME);
    for (int draw = 0; draw < CODE_DRAWS; draw++) {
      long id = PinCodes.newId();
      String code = PinCodes.newCode(request.strong());
      PinRow row =
          new PinRow(
              PinCodes.idHash(id),
              PinCodes.codeHash(code),
              PinCodes.seal(code, id),
              request.strong(),
              request.clientIdentifier(),
              request.product(),
              request.version(),
              request.platform(),
              request.device(),
              now.toEpochMilli(),
              expires.toEpochMilli(),
              Optional.empty(),
              request.jwk());
      boolean stored =
          StoreUnavailable.guard(
              () -> {
                try {
                  store.insertPin(row, now.toEpochMilli());
                  return true;
                } catch (DuplicateKeyException taken) {
                  return false; // a live pin has this code: draw again
                }
              });
      if (stored) {
        return view(id, code, row, now, Optional.empty());
      }
    }
    throw new PinRefused(PinRefused.Reason.BUSY, BUSY_WAIT);
  }

  /**
   * Answers an app's poll: the pin, with a token once it is approved.
   *
   * @param id the pin id
   * @param clientIdentifier the polling app's client identifier
   * @param code the code, if the app sent it too (it must then match)
   * @param origin where the poll came from, for the security event of the hand-out
   * @param deviceJwt a JWT signed by the pin's device key, for a pin made with one: its token is
   *     then a Plex JWT, handed out only with this
   * @return the pin; its {@code authToken} is present in the one answer that hands it out
   * @throws PinRefused {@link PinRefused.Reason#NOT_FOUND} when the pin is unknown, expired,
   *     already handed out, or another client's
   * @throws StoreUnavailable when the database cannot be read or written
   */
  public Pin poll(
      long id,
      String clientIdentifier,
      Optional<String> code,
      SecurityEvents.Origin origin,
      Optional<String> deviceJwt) {
    Instant now = clock.instant();
    String idHash = PinCodes.idHash(id);
    PinRow row =
        StoreUnavailable.guard(() -> store.findPin(idHash))
            .filter(pin -> !pin.expiredAt(now.toEpochMilli()))
            .filter(pin -> pin.clientIdentifier().equals(clientIdentifier))
            .orElseThrow(() -> new PinRefused(PinRefused.Reason.NOT_FOUND));
    String pinCode =
        PinCodes.unseal(row.codeSealed(), id)
            .orElseThrow(() -> new PinRefused(PinRefused.Reason.NOT_FOUND));
    if (code.isPresent() && !PinCodes.sameCode(code.get(), pinCode)) {
      throw new PinRefused(PinRefused.Reason.NOT_FOUND);
    }
    if (row.accountId().isEmpty() || (row.jwk().isPresent() && deviceJwt.isEmpty())) {
      // Not approved yet; or made with a device key, whose token goes only to that key's holder.
      return view(id, pinCode, row, now, Optional.empty());
    }
    Map<String, Object> jwk = row.jwk().map(PinService::jwk).orElse(null);
    String token = Tokens.newAccountToken();
    Optional<PinRow> claimed =
        StoreUnavailable.guard(
            () ->
                store.claimPin(
                    idHash,
                    clientIdentifier,
                    now.toEpochMilli(),
                    Tokens.sha256Hex(token),
                    now.plus(SignInService.REMEMBER).toEpochMilli()));
    // Another poll of the same pin handed the token out a moment ago: to this one it is gone.
    PinRow handedOut = claimed.orElseThrow(() -> new PinRefused(PinRefused.Reason.NOT_FOUND));
    long accountId = handedOut.accountId().orElseThrow();
    if (jwk != null) {
      // The device's account token now exists (the claim stored it); it is never shown: the device
      // gets a Plex JWT bound to its key instead.
      String plexJwt =
          deviceKeys.exchangeForPin(
              accountId, clientIdentifier, jwk, deviceJwt.orElseThrow(), origin);
      SecurityEvents.emit(
          "sign_in", SecurityEvents.Outcome.SUCCESS, "pin_jwt", origin, OptionalLong.of(accountId));
      return view(id, pinCode, handedOut, now, Optional.of(plexJwt));
    }
    SecurityEvents.emit(
        "sign_in", SecurityEvents.Outcome.SUCCESS, "pin", origin, OptionalLong.of(accountId));
    return view(id, pinCode, handedOut, now, Optional.of(token));
  }

  /** A pin's stored key, written by this server from a checked JWK. */
  private static Map<String, Object> jwk(String json) {
    try {
      return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a pin's stored key is not JSON", e);
    }
  }

  /**
   * Approves a pin for the signed-in account.
   *
   * @param approver who approves: the holder of an account token
   * @param code the code as typed (any case, surrounding spaces ignored)
   * @param address the client address, for the per-address count of wrong codes
   * @throws PinRefused {@link PinRefused.Reason#NOT_FOUND} for an unknown, expired or used code,
   *     {@link PinRefused.Reason#LOCKED} after too many of them, {@link
   *     PinRefused.Reason#NOT_ALLOWED} for a token that is not an account token, {@link
   *     PinRefused.Reason#MALFORMED} for a text that cannot be a code (not counted: it cannot hit a
   *     pin)
   * @throws StoreUnavailable when the database cannot be read or written
   */
  public void link(Principal approver, String code, InetAddress address) {
    if (approver.kind() != Principal.Kind.ACCOUNT) {
      // A transient or resource token must not turn into a new account token (the plex.tv routes
      // take account tokens only; this holds for any other caller too).
      throw new PinRefused(PinRefused.Reason.NOT_ALLOWED);
    }
    String typed = code.strip();
    if (!PinCodes.wellFormed(typed)) {
      throw new PinRefused(PinRefused.Reason.MALFORMED);
    }
    String accountSubject = ACCOUNT_SUBJECT + approver.accountId();
    String addressSubject = ADDRESS_SUBJECT + ClientAddressKey.of(address);
    Lock lock = stripes[Math.floorMod(accountSubject.hashCode(), STRIPES)];
    lock.lock();
    try {
      StoreUnavailable.guard(
          () -> {
            judge(approver, typed, accountSubject, addressSubject);
            return null;
          });
    } finally {
      lock.unlock();
    }
  }

  private void judge(
      Principal approver, String code, String accountSubject, String addressSubject) {
    Instant now = clock.instant();
    Optional<Duration> locked =
        longest(lockedFor(accountSubject, now), lockedFor(addressSubject, now));
    if (locked.isPresent()) {
      throw new PinRefused(PinRefused.Reason.LOCKED, locked.get());
    }
    if (store.linkPin(PinCodes.codeHash(code), approver.accountId(), now.toEpochMilli())) {
      return;
    }
    Optional<Duration> nowLocked = longest(fail(accountSubject, now), fail(addressSubject, now));
    throw nowLocked
        .map(wait -> new PinRefused(PinRefused.Reason.LOCKED, wait))
        .orElseGet(() -> new PinRefused(PinRefused.Reason.NOT_FOUND));
  }

  private Optional<Duration> lockedFor(String subject, Instant now) {
    return store.findFailures(subject).flatMap(count -> Lockout.remaining(count, now));
  }

  private Optional<Duration> fail(String subject, Instant now) {
    FailureCount count =
        store.recordFailure(subject, now.toEpochMilli(), Lockout.WINDOW.toMillis());
    return Lockout.remaining(count, now);
  }

  private static Optional<Duration> longest(Optional<Duration> a, Optional<Duration> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return Optional.of(a.get().compareTo(b.get()) >= 0 ? a.get() : b.get());
  }

  private Pin view(long id, String code, PinRow row, Instant now, Optional<String> token) {
    Instant expires = Instant.ofEpochMilli(row.expiresAtMillis());
    // Whole seconds left, counted in the milliseconds the row keeps.
    long left = Math.max(0, (row.expiresAtMillis() - now.toEpochMilli()) / 1000);
    return new Pin(
        id,
        code,
        row.strong(),
        row.clientIdentifier(),
        row.product(),
        Instant.ofEpochMilli(row.createdAtMillis()),
        expires,
        left,
        token);
  }
}
