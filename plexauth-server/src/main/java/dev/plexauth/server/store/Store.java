package dev.plexauth.server.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * Everything plexauth keeps across restarts: accounts, account tokens (hashes only), sources,
 * failed sign-ins and pins. Implementations read through to the database on every call (another
 * process may change the data at any time) and make each method atomic.
 */
public interface Store extends AutoCloseable {

  /** The resource a resource token names when it is for this server itself, not a source. */
  String THIS_SERVER = "self";

  /**
   * Inserts an account. Its TOTP secret, if any, is stored as {@code sealTotp} turns it into text
   * once the account has its id (the id is the sealed value's associated data), in the same
   * transaction.
   *
   * @param account the account
   * @param sealTotp the stored form of the TOTP secret, given the new account's id
   * @return the stored account with its id
   * @throws DuplicateKeyException when the username, email or uuid is taken
   */
  AccountRow insertAccount(NewAccountRow account, LongFunction<String> sealTotp);

  /**
   * Inserts an account with its TOTP secret, if any, stored as given.
   *
   * @param account the account
   * @return the stored account with its id
   * @throws DuplicateKeyException when the username, email or uuid is taken
   */
  default AccountRow insertAccount(NewAccountRow account) {
    return insertAccount(account, id -> account.totpSecret().orElseThrow());
  }

  /**
   * Sets an account's password hash and deletes all its account tokens, in one transaction: every
   * device must sign in again, on every instance.
   *
   * @param accountId the account
   * @param passwordHash the new Argon2id PHC string
   * @return whether the account exists
   */
  boolean changePasswordHash(long accountId, String passwordHash);

  /**
   * Sets (or, with null, removes) an account's stored TOTP secret, forgets its last accepted step
   * and deletes all its account tokens, in one transaction.
   *
   * @param accountId the account
   * @param storedSecret the sealed secret, or null to turn two-factor sign-in off
   * @return whether the account exists
   */
  boolean changeTotpSecret(long accountId, String storedSecret);

  /**
   * Replaces an account's stored TOTP secret if it is still {@code expected}: the compare-and-set
   * that seals old plain-text secrets once, whichever instance gets there first.
   *
   * @param accountId the account
   * @param expected the value the row must hold
   * @param replacement the new value
   * @return whether the row was changed
   */
  boolean replaceTotpSecret(long accountId, String expected, String replacement);

  /**
   * Reads a server setting.
   *
   * @param name its name
   * @return its value, if set
   */
  Optional<String> findSetting(String name);

  /**
   * Sets a server setting unless it is set already.
   *
   * @param name its name
   * @param value its value
   * @return whether it was set now
   */
  boolean insertSettingIfAbsent(String name, String value);

  /**
   * Finds an account by username or email, ignoring case.
   *
   * @param login a username or an email address
   * @return the account, if one matches
   */
  Optional<AccountRow> findAccountByLogin(String login);

  /**
   * Lists all accounts by id.
   *
   * @return the accounts
   */
  List<AccountRow> listAccounts();

  /**
   * Lists, by id, the accounts whose stored TOTP secret does not start with the given prefix: those
   * still holding a secret in plain text. Reads only those rows, so a start with many accounts and
   * no plain secret reads none.
   *
   * @param sealedPrefix how every sealed value starts
   * @return the accounts with a TOTP secret not sealed
   */
  List<AccountRow> listAccountsWithTotpSecretNotStartingWith(String sealedPrefix);

  /**
   * Counts the accounts.
   *
   * @return how many accounts exist
   */
  long countAccounts();

  /**
   * Deletes an account with its tokens and failure count.
   *
   * @param id the account id
   * @return whether an account was deleted
   */
  boolean deleteAccount(long id);

  /**
   * Records that the TOTP code of {@code step} was accepted, only if no later or equal step was
   * accepted before: the atomic replay check.
   *
   * @param accountId the account
   * @param step the 30-second time step of the code
   * @return true when the step was newer and is now recorded
   */
  boolean advanceTotpStep(long accountId, long step);

  /**
   * Stores an account token, replacing the token of the same (account, client identifier) in one
   * statement.
   *
   * @param token the token row
   */
  void saveAccountToken(TokenRow token);

  /**
   * Finds an account token by its SHA-256 together with its account, in one query: the lookup
   * behind every authenticated request. A store may answer from a lookup of the last second, as
   * long as a write through it is seen at once and one by another process within a second.
   *
   * @param tokenHash lower-case hex SHA-256 of the token
   * @return the token and its account, if the token is current
   */
  Optional<TokenWithAccount> findAccountTokenWithAccount(String tokenHash);

  /**
   * Records that an account token was used now, unless a use since {@code notSinceMillis} is
   * recorded already: the one write the token routes make, at most once per token and interval.
   *
   * @param tokenHash lower-case hex SHA-256 of the token
   * @param nowMillis the time of this use
   * @param notSinceMillis write only when the recorded last use is older than this
   * @return whether the row was written
   */
  boolean markAccountTokenUsed(String tokenHash, long nowMillis, long notSinceMillis);

  /**
   * Asks to judge a sign-in attempt of a subject, before its credentials are checked, in one
   * transaction that holds the subject's row, so attempts on every instance sharing the database
   * see each other. The attempt is judged in turn after the attempts in flight: if the subject is
   * locked by its judged failures, it is {@code LOCKED}; if it would be locked should every attempt
   * in flight fail, its fate depends on them and it is {@code PENDING} (ask again); else it is
   * {@code RESERVED} and counted in flight until {@link #recordFailure}, {@link #releaseAttempt} or
   * {@link #clearFailures} settles it. In-flight counts older than {@code staleMillis} are left
   * over from a stopped process and count as none.
   *
   * @param subject who tries
   * @param nowMillis the time of this attempt
   * @param windowMillis how far apart failures may be and still add up
   * @param staleMillis how long an attempt may stay in flight
   * @param locked whether a count keeps the subject waiting at {@code nowMillis}
   * @return the reservation
   */
  Reservation reserveAttempt(
      String subject,
      long nowMillis,
      long windowMillis,
      long staleMillis,
      Predicate<FailureCount> locked);

  /**
   * Settles a reserved attempt as a failure: one more failure (a count whose last failure is older
   * than {@code windowMillis} starts again at one), one attempt less in flight.
   *
   * @param subject who failed
   * @param nowMillis the time of this failure
   * @param windowMillis how far apart failures may be and still add up
   * @return the count after this failure
   */
  FailureCount recordFailure(String subject, long nowMillis, long windowMillis);

  /**
   * Settles a reserved attempt that was no failure (a missing second factor): one attempt less in
   * flight, the count as it was.
   *
   * @param subject who tried
   */
  void releaseAttempt(String subject);

  /**
   * Reads the failure count of a subject.
   *
   * @param subject who
   * @return the count, if there were failures
   */
  Optional<FailureCount> findFailures(String subject);

  /**
   * Forgets the failures of a subject (after a successful sign-in), settling its attempt; attempts
   * still in flight are settled on a fresh count.
   *
   * @param subject who
   */
  void clearFailures(String subject);

  /**
   * Inserts a source with its connections.
   *
   * @param source the source
   * @param createdAtMillis when it was added
   * @throws DuplicateKeyException when the id is taken
   */
  void insertSource(SourceRow source, long createdAtMillis);

  /**
   * Finds a source. A store may answer from a read of the last second, under the bound of {@link
   * #findAccountTokenWithAccount}.
   *
   * @param id the source identifier
   * @return the source, if registered
   */
  Optional<SourceRow> findSource(String id);

  /**
   * Lists all sources by id.
   *
   * @return the sources
   */
  List<SourceRow> listSources();

  /**
   * Deletes a source and its connections.
   *
   * @param id the source identifier
   * @return whether a source was deleted
   */
  boolean deleteSource(String id);

  /**
   * The server's identity: the stored one, or {@code candidate} stored now if there is none yet.
   * Atomic: instances starting at once on an empty database all get the same identity.
   *
   * @param candidate the machine identifier to keep if none is stored
   * @param nowMillis the time to record with it
   * @return the identity every instance on the database answers with
   */
  ServerIdentityRow serverIdentity(String candidate, long nowMillis);

  /**
   * Finds the owner: the admin account with the lowest id.
   *
   * @return the owner, if there is an admin
   */
  Optional<AccountRow> findOwner();

  /**
   * Deletes an account token (sign-out) and its resource tokens.
   *
   * @param tokenHash the SHA-256 of the token
   * @return whether a token was deleted
   */
  boolean deleteAccountToken(String tokenHash);

  /**
   * Lists an account's devices (its account tokens), the most recently seen first.
   *
   * @param accountId the account
   * @return the devices
   */
  List<DeviceRow> listDevices(long accountId);

  /**
   * Deletes a device of an account, with its token and resource tokens. A device of another account
   * is not found.
   *
   * @param accountId the account
   * @param deviceId the device id
   * @return the deleted device, if the account had it
   */
  Optional<DeviceRow> deleteDevice(long accountId, long deviceId);

  /**
   * Shares a source with an account.
   *
   * @param sourceId the source id, which must exist
   * @param accountId the account, which must exist
   * @param nowMillis when
   * @return true when shared now, false when it was shared already
   */
  boolean shareSource(String sourceId, long accountId, long nowMillis);

  /**
   * Stops sharing a source with an account; the account's resource tokens for it end.
   *
   * @param sourceId the source id
   * @param accountId the account
   * @return whether it was shared
   */
  boolean unshareSource(String sourceId, long accountId);

  /**
   * The usernames a source is shared with, by account id.
   *
   * @param sourceId the source id
   * @return the usernames
   */
  List<String> listShares(String sourceId);

  /**
   * The sources shared with an account, by id.
   *
   * @param accountId the account
   * @return the sources
   */
  List<SourceRow> listSourcesSharedWith(long accountId);

  /**
   * Stores the resource tokens derived from an account token that are not stored yet (those stored
   * already stay), and with them drops those of the account's ended account tokens. When every one
   * is stored already it writes nothing: a client listing its resources again costs a read, or
   * nothing when the same listing was checked less than a second ago with no write since.
   *
   * @param accountId the account
   * @param parentTokenHash the SHA-256 of the account token they derive from
   * @param byResource the SHA-256 of each resource token, by resource ({@link #THIS_SERVER} or a
   *     source id)
   * @param nowMillis when
   */
  void saveResourceTokens(
      long accountId, String parentTokenHash, Map<String, String> byResource, long nowMillis);

  /**
   * Finds a resource token that is still good: its parent account token current and its resource
   * still there for the account.
   *
   * @param tokenHash the SHA-256 of the resource token
   * @return the token's resource, parent and account
   */
  Optional<ResourceTokenWithAccount> findResourceToken(String tokenHash);

  /**
   * Stores a new pin, after deleting the expired ones.
   *
   * @param pin the pin, not yet approved
   * @param nowMillis the current time: pins that expired by then are purged
   * @throws DuplicateKeyException when its id hash or code hash is taken (a live pin has that code)
   */
  void insertPin(PinRow pin, long nowMillis);

  /**
   * Finds a pin, expired or not.
   *
   * @param idHash the SHA-256 of its id
   * @return the pin, if it exists (it is gone once its token was handed out, or purged)
   */
  Optional<PinRow> findPin(String idHash);

  /**
   * Approves a pin for an account, once: only a pin that is neither expired nor approved yet.
   *
   * @param codeHash the SHA-256 of its lower-cased code
   * @param accountId the approving account
   * @param nowMillis the current time
   * @return whether a pin was approved
   */
  boolean linkPin(String codeHash, long accountId, long nowMillis);

  /**
   * Hands out an approved pin's token, once: deletes the pin and stores the token for (the
   * approving account, the pin's client identifier) in one transaction, replacing that device's old
   * token, with the pin's device details.
   *
   * @param idHash the SHA-256 of the pin id
   * @param clientIdentifier the client that polls; only the pin's own gets it
   * @param nowMillis the current time; an expired pin is not handed out
   * @param tokenHash the SHA-256 of the new token
   * @param rememberUntilMillis what the token's {@code rememberExpiresAt} reports
   * @return the pin as it was, when it was approved, live and this client's; else empty
   */
  Optional<PinRow> claimPin(
      String idHash,
      String clientIdentifier,
      long nowMillis,
      String tokenHash,
      long rememberUntilMillis);

  /** Releases the connection pool. */
  /**
   * The server's signing keys that may still have valid Plex JWTs: the current ones and those
   * retired since a moment.
   *
   * @param retiredSinceMillis keys retired before this are left out
   * @return the keys: those not retired first, newest first (the first is the current key)
   */
  List<SigningKeyRow> listSigningKeys(long retiredSinceMillis);

  /**
   * Adds a signing key, which becomes the current one.
   *
   * @param key the key
   * @param retireOthers whether every other key not yet retired is retired now (a rotation)
   * @param forgetRetiredBeforeMillis keys retired before this are deleted
   * @throws DuplicateKeyException when the kid exists
   */
  void addSigningKey(SigningKeyRow key, boolean retireOthers, long forgetRetiredBeforeMillis);

  /**
   * Registers a device's key, replacing the device's earlier key.
   *
   * @param key the key
   * @return false when the device (account and client identifier) has no account token
   * @throws DuplicateKeyException when another device has registered the same key
   */
  boolean saveDeviceKey(DeviceKeyRow key);

  /**
   * A device key by its thumbprint, with the device's account token and account, in one query.
   *
   * @param thumbprint the key's RFC 7638 thumbprint
   * @return the key, token and account; empty when the key or the device's token is gone
   */
  Optional<DeviceKeyWithToken> findDeviceKey(String thumbprint);

  /**
   * Removes a device's key, which ends its Plex JWTs.
   *
   * @param accountId the account
   * @param clientIdentifier the device
   * @return whether a key was removed
   */
  boolean deleteDeviceKey(long accountId, String clientIdentifier);

  /**
   * Stores a new nonce and deletes the expired ones.
   *
   * @param nonce the nonce
   * @param clientIdentifier the client it was issued to
   * @param expiresAtMillis when it expires
   * @param nowMillis now, for the purge
   */
  void addNonce(String nonce, String clientIdentifier, long expiresAtMillis, long nowMillis);

  /**
   * Redeems a nonce: deletes it if it was issued to the client and has not expired.
   *
   * @param nonce the nonce
   * @param clientIdentifier the client redeeming it
   * @param nowMillis now
   * @return whether it was there to redeem (false when unknown, used, expired or another's)
   */
  boolean redeemNonce(String nonce, String clientIdentifier, long nowMillis);

  @Override
  void close();
}
