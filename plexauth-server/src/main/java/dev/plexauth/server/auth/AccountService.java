package dev.plexauth.server.auth;

import dev.plexauth.server.store.AccountRow;
import dev.plexauth.server.store.DuplicateKeyException;
import dev.plexauth.server.store.NewAccountRow;
import dev.plexauth.server.store.Store;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Administration of accounts: validates input, hashes passwords, and writes the store. Used by the
 * running server and, on the same database, by the command line while a server runs.
 */
public final class AccountService {

  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s\\x00-\\x1F\\x7F-\\x9F]{1,128}@[^@\\s\\x00-\\x1F\\x7F-\\x9F]{1,125}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Store store;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final SecretBox secrets;

  /**
   * Creates the service.
   *
   * @param store the store
   * @param hasher the password hasher
   * @param clock the clock for creation times
   * @param secrets seals TOTP secrets before they are stored
   */
  public AccountService(Store store, PasswordHasher hasher, Clock clock, SecretBox secrets) {
    this.store = store;
    this.hasher = hasher;
    this.clock = clock;
    this.secrets = secrets;
  }

  /**
   * Adds an account without two-factor sign-in.
   *
   * @param username the username ({@link Usernames}: NFKC, one script, no look-alike of another)
   * @param email the email address
   * @param password the password ({@link PasswordPolicy}: 8 to 1024 characters, not common)
   * @param admin whether the account is an admin
   * @return the stored account, or empty when the username or email is taken
   * @throws IllegalArgumentException when a value is invalid
   * @throws StoreUnavailable when the database cannot be written
   */
  public Optional<AccountRow> addAccount(
      String username, String email, String password, boolean admin) {
    String name = checkUsername(username);
    String mail = checkEmail(email);
    PasswordPolicy.check(password);
    return insert(
        new NewAccountRow(
            newUuid(),
            name,
            mail,
            hasher.hash(PasswordPolicy.normalize(password)),
            Optional.empty(),
            admin,
            clock.millis()));
  }

  /**
   * Adds an account with two-factor sign-in.
   *
   * @param username the username ({@link Usernames}: NFKC, one script, no look-alike of another)
   * @param email the email address
   * @param password the password ({@link PasswordPolicy}: 8 to 1024 characters, not common)
   * @param admin whether the account is an admin
   * @param totpSecret the base32 TOTP secret
   * @return the stored account, or empty when the username or email is taken
   * @throws IllegalArgumentException when a value is invalid
   * @throws StoreUnavailable when the database cannot be written
   */
  public Optional<AccountRow> addAccount(
      String username, String email, String password, boolean admin, String totpSecret) {
    String name = checkUsername(username);
    String mail = checkEmail(email);
    PasswordPolicy.check(password);
    String secret = Totp.normalizeSecret(totpSecret);
    return insert(
        new NewAccountRow(
            newUuid(),
            name,
            mail,
            hasher.hash(PasswordPolicy.normalize(password)),
            Optional.of(secret),
            admin,
            clock.millis()));
  }

  /**
   * Lists the accounts.
   *
   * @return the accounts, by id
   * @throws StoreUnavailable when the database cannot be read
   */
  public List<AccountRow> listAccounts() {
    return StoreUnavailable.guard(store::listAccounts);
  }

  /**
   * Removes an account; its tokens go with it.
   *
   * @param login its username or email address
   * @return whether an account was removed
   * @throws StoreUnavailable when the database cannot be written
   */
  public boolean removeAccount(String login) {
    if (login == null || login.isEmpty()) {
      return false;
    }
    Optional<AccountRow> account = find(login);
    if (account.isEmpty()
        || !StoreUnavailable.guard(() -> store.deleteAccount(account.get().id()))) {
      return false;
    }
    SecurityEvents.changed("account_removed", account.get().id());
    return true;
  }

  /**
   * Changes an account's password and ends every token of the account: its account tokens at once,
   * their transient descendants at their next use, on every instance.
   *
   * @param login the username or email address
   * @param newPassword the new password ({@link PasswordPolicy})
   * @return the account, or empty when there is no such account
   * @throws IllegalArgumentException when the password is too short, too long or common
   * @throws StoreUnavailable when the database cannot be written
   */
  public Optional<AccountRow> changePassword(String login, String newPassword) {
    PasswordPolicy.check(newPassword);
    Optional<AccountRow> account = find(login);
    if (account.isEmpty()) {
      return account;
    }
    String hash = hasher.hash(PasswordPolicy.normalize(newPassword));
    return changed(
        StoreUnavailable.guard(() -> store.changePasswordHash(account.get().id(), hash)),
        account,
        "password_changed");
  }

  /**
   * Gives an account a new TOTP secret (turning two-factor sign-in on if it was off) and ends every
   * token of the account.
   *
   * @param login the username or email address
   * @param base32Secret the new secret
   * @return the account, or empty when there is no such account
   * @throws IllegalArgumentException when the secret is not base32 of at least 80 bits
   * @throws StoreUnavailable when the database cannot be written
   */
  public Optional<AccountRow> resetTotp(String login, String base32Secret) {
    String secret = Totp.normalizeSecret(base32Secret);
    Optional<AccountRow> account = find(login);
    if (account.isEmpty()) {
      return account;
    }
    long id = account.get().id();
    String sealed = TotpSecrets.seal(secrets, id, secret);
    return changed(
        StoreUnavailable.guard(() -> store.changeTotpSecret(id, sealed)), account, "totp_reset");
  }

  /**
   * Turns two-factor sign-in off for an account and ends every token of the account.
   *
   * @param login the username or email address
   * @return the account, or empty when there is no such account
   * @throws StoreUnavailable when the database cannot be written
   */
  public Optional<AccountRow> turnOffTotp(String login) {
    Optional<AccountRow> account = find(login);
    if (account.isEmpty()) {
      return account;
    }
    return changed(
        StoreUnavailable.guard(() -> store.changeTotpSecret(account.get().id(), null)),
        account,
        "totp_off");
  }

  private static Optional<AccountRow> changed(
      boolean changed, Optional<AccountRow> account, String event) {
    if (!changed) {
      return Optional.empty();
    }
    SecurityEvents.changed(event, account.get().id());
    return account;
  }

  /** The account of a username or email address, as sign-in finds it. */
  private Optional<AccountRow> find(String login) {
    if (login == null || login.isEmpty()) {
      return Optional.empty();
    }
    String normalized = Usernames.normalizeLogin(login);
    return StoreUnavailable.guard(
        () -> {
          Optional<AccountRow> found = store.findAccountByLogin(normalized);
          return found.isEmpty() && !normalized.equals(login)
              ? store.findAccountByLogin(login)
              : found;
        });
  }

  /**
   * Whether any account exists.
   *
   * @return true when there is at least one
   * @throws StoreUnavailable when the database cannot be read
   */
  public boolean hasAccounts() {
    return StoreUnavailable.guard(store::countAccounts) > 0;
  }

  /**
   * The username in the form stored ({@link Usernames#normalize}), refused when it looks like an
   * existing account's username without being it (that one is a plain duplicate the insert finds).
   */
  private String checkUsername(String username) {
    String name = Usernames.normalize(username);
    String skeleton = Usernames.skeleton(name);
    String key = name.toLowerCase(Locale.ROOT);
    for (AccountRow existing : StoreUnavailable.guard(store::listAccounts)) {
      if (!existing.username().toLowerCase(Locale.ROOT).equals(key)
          && Usernames.skeleton(existing.username()).equals(skeleton)) {
        throw new IllegalArgumentException(
            "the username looks like the existing username '" + existing.username() + "'");
      }
    }
    return name;
  }

  private static String checkEmail(String email) {
    String mail = email == null ? null : Usernames.normalizeLogin(email);
    if (mail == null || !EMAIL.matcher(mail).matches()) {
      throw new IllegalArgumentException("the email address must look like name@example.com");
    }
    return mail;
  }

  private Optional<AccountRow> insert(NewAccountRow row) {
    return StoreUnavailable.guard(
        () -> {
          try {
            AccountRow added =
                store.insertAccount(
                    row, id -> TotpSecrets.seal(secrets, id, row.totpSecret().orElseThrow()));
            SecurityEvents.changed("account_added", added.id());
            return Optional.of(added);
          } catch (DuplicateKeyException e) {
            return Optional.empty();
          }
        });
  }

  private static String newUuid() {
    byte[] uuid = new byte[8];
    RANDOM.nextBytes(uuid);
    return HexFormat.of().formatHex(uuid);
  }
}
