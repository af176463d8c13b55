package dev.plexauth.server;

import dev.plexauth.server.auth.AccountService;
import dev.plexauth.server.auth.PasswordHasher;
import dev.plexauth.server.auth.SigningKeys;
import dev.plexauth.server.auth.SourceService;
import dev.plexauth.server.auth.StoreUnavailable;
import dev.plexauth.server.auth.Totp;
import dev.plexauth.server.store.AccountRow;
import dev.plexauth.server.store.JdbcStore;
import dev.plexauth.server.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Accounts and sources of a plexauth database, without a running server. A server on the same data
 * directory (or database) sees changes at once: it reads accounts and sources on every request.
 *
 * <pre>{@code
 * try (PlexAuthAdmin admin = PlexAuthAdmin.open(Path.of("/var/lib/plexauth"))) {
 *   admin.addAccount(NewAccount.of("alice", "alice@example.com", "alice-test-Pa55"));
 *   admin.addSource(new Source("server://abc", "Den", "abc", List.of()));
 *   admin.listAccounts().forEach(System.out::println);
 * }
 * }</pre>
 *
 * Methods throw {@link IllegalArgumentException} with a plain message for invalid input, its
 * subclass {@link AlreadyExistsException} for a username, email address or source id that is taken,
 * and {@link DatabaseUnavailableException} when the database cannot be opened, read or written.
 */
public final class PlexAuthAdmin implements AutoCloseable {

  private final Store store;
  private final boolean ownsStore;
  private final AccountService accounts;
  private final SourceService sources;
  private final SigningKeys signingKeys;

  PlexAuthAdmin(Storage storage, boolean ownsStore, PasswordHasher hasher, Clock clock) {
    this.store = storage.store();
    this.ownsStore = ownsStore;
    this.accounts = new AccountService(store, hasher, clock, storage.secrets());
    this.sources = new SourceService(store, clock);
    this.signingKeys = new SigningKeys(store, storage.secrets(), clock);
  }

  /**
   * Opens the SQLite database in a data directory, creating the directory (readable by its owner
   * only) and the schema if needed, with the secret key from {@code PLEXAUTH_SECRET_KEY} in {@link
   * System#getenv()} or else the data directory's key file.
   *
   * @param dataDir the data directory
   * @return the administration; close it when done
   * @throws DatabaseUnavailableException when the database cannot be opened
   * @throws IllegalArgumentException when the secret key is malformed or not the database's
   */
  public static PlexAuthAdmin open(Path dataDir) {
    return open(dataDir, System.getenv());
  }

  /**
   * Opens the SQLite database in a data directory, with the secret key from {@code
   * PLEXAUTH_SECRET_KEY} in the given variables or else the data directory's key file ({@code
   * secret.key}, made at the first start).
   *
   * @param dataDir the data directory
   * @param environment where {@code PLEXAUTH_SECRET_KEY} is read
   * @return the administration; close it when done
   * @throws DatabaseUnavailableException when the database cannot be opened
   * @throws IllegalArgumentException when the secret key is malformed or not the database's
   */
  public static PlexAuthAdmin open(Path dataDir, Map<String, String> environment) {
    Objects.requireNonNull(dataDir, "dataDir == null");
    Objects.requireNonNull(environment, "environment == null");
    return new PlexAuthAdmin(
        Storage.open(dataDir, null, environment), true, new PasswordHasher(), Clock.systemUTC());
  }

  /**
   * Opens a database by JDBC URL ({@code jdbc:sqlite:…} or {@code jdbc:postgresql:…}), with the
   * PostgreSQL password from {@code PLEXAUTH_DB_PASSWORD} or {@code PGPASSWORD} in {@link
   * System#getenv()}.
   *
   * @param jdbcUrl the database
   * @return the administration; close it when done
   * @throws DatabaseUnavailableException when the database cannot be opened
   */
  public static PlexAuthAdmin open(String jdbcUrl) {
    return open(jdbcUrl, System.getenv());
  }

  /**
   * Opens a database by JDBC URL, with the database settings read from the given variables (see
   * {@link JdbcStore#open(String, Map)}).
   *
   * <pre>{@code
   * try (PlexAuthAdmin admin = PlexAuthAdmin.open(
   *     "jdbc:postgresql://db.internal:5432/plexauth?user=plexauth",
   *     Map.of("PLEXAUTH_DB_PASSWORD", password))) {
   *   admin.addAccount(NewAccount.of("alice", "alice@example.com", "alice-test-Pa55"));
   * }
   * }</pre>
   *
   * @param jdbcUrl the database
   * @param environment where {@code PLEXAUTH_SECRET_KEY} (required with PostgreSQL), {@code
   *     PLEXAUTH_DB_PASSWORD}, {@code PGPASSWORD} and {@code PLEXAUTH_DB_POOL_SIZE} are read
   * @return the administration; close it when done
   * @throws DatabaseUnavailableException when the database cannot be opened
   * @throws IllegalArgumentException when the secret key is missing, malformed or not the
   *     database's
   */
  public static PlexAuthAdmin open(String jdbcUrl, Map<String, String> environment) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl == null");
    Objects.requireNonNull(environment, "environment == null");
    return new PlexAuthAdmin(
        Storage.open(null, jdbcUrl, environment), true, new PasswordHasher(), Clock.systemUTC());
  }

  /**
   * Adds an account.
   *
   * @param account the account
   * @return the account with its id, and its TOTP secret if two-factor sign-in is on
   * @throws IllegalArgumentException when a value is invalid
   * @throws AlreadyExistsException when the username or email is taken
   * @throws DatabaseUnavailableException when the database cannot be written
   */
  public CreatedAccount addAccount(NewAccount account) {
    Objects.requireNonNull(account, "account == null");
    if (!account.twoFactor()) {
      AccountRow row =
          available(
                  () ->
                      accounts.addAccount(
                          account.username(), account.email(), account.password(), account.admin()))
              .orElseThrow(PlexAuthAdmin::accountExists);
      return new CreatedAccount(toAccount(row), Optional.empty());
    }
    String secret =
        account.totpSecret().isEmpty()
            ? Totp.newSecret()
            : Totp.normalizeSecret(account.totpSecret());
    AccountRow row =
        available(
                () ->
                    accounts.addAccount(
                        account.username(),
                        account.email(),
                        account.password(),
                        account.admin(),
                        secret))
            .orElseThrow(PlexAuthAdmin::accountExists);
    return new CreatedAccount(toAccount(row), Optional.of(secret));
  }

  /**
   * Lists the accounts, by id.
   *
   * @return the accounts
   * @throws DatabaseUnavailableException when the database cannot be read
   */
  public List<Account> listAccounts() {
    return available(accounts::listAccounts).stream().map(PlexAuthAdmin::toAccount).toList();
  }

  /**
   * Removes an account and signs out all its devices.
   *
   * @param login the username or email address
   * @return whether an account was removed
   * @throws DatabaseUnavailableException when the database cannot be written
   */
  public boolean removeAccount(String login) {
    return available(() -> accounts.removeAccount(login));
  }

  /**
   * Changes an account's password and signs out all its devices: every account token of the account
   * ends at once, and every transient token made from one at its next use, on every instance
   * sharing the database.
   *
   * <pre>{@code
   * admin.changePassword("alice", newPassword);
   * }</pre>
   *
   * @param login the username or email address
   * @param newPassword the new password: at least 8 characters, not a common password
   * @return whether the account exists (false: nothing changed)
   * @throws IllegalArgumentException when the password is too short, too long or common
   * @throws DatabaseUnavailableException when the database cannot be written
   */
  public boolean changePassword(String login, String newPassword) {
    Objects.requireNonNull(newPassword, "newPassword == null");
    return available(() -> accounts.changePassword(login, newPassword)).isPresent();
  }

  /**
   * Gives an account a new generated TOTP secret, turning two-factor sign-in on if it was off, and
   * signs out all its devices (as {@link #changePassword}). The secret is returned once, as by
   * {@link #addAccount}.
   *
   * <pre>{@code
   * String secret = admin.resetTotp("bob").orElseThrow(); // show it to bob, once
   * }</pre>
   *
   * @param login the username or email address
   * @return the new base32 secret, or empty when there is no such account
   * @throws DatabaseUnavailableException when the database cannot be written
   */
  public Optional<String> resetTotp(String login) {
    String secret = Totp.newSecret();
    return available(() -> accounts.resetTotp(login, secret)).map(account -> secret);
  }

  /**
   * Turns two-factor sign-in off for an account and signs out all its devices (as {@link
   * #changePassword}).
   *
   * @param login the username or email address
   * @return whether the account exists (false: nothing changed)
   * @throws DatabaseUnavailableException when the database cannot be written
   */
  public boolean turnOffTotp(String login) {
    return available(() -> accounts.turnOffTotp(login)).isPresent();
  }

  /**
   * Registers a source.
   *
   * @param source the source
   * @throws IllegalArgumentException when a value is invalid
   * @throws AlreadyExistsException when a source with this id exists
   * @throws DatabaseUnavailableException when the database cannot be written
   */
  public void addSource(Source source) {
    Objects.requireNonNull(source, "source == null");
    boolean added =
        available(
            () ->
                sources.addSource(
                    source.id(), source.name(), source.clientIdentifier(), source.connections()));
    if (!added) {
      throw new AlreadyExistsException("a source with this id already exists");
    }
  }

  /**
   * Lists the sources, by id.
   *
   * @return the sources
   * @throws DatabaseUnavailableException when the database cannot be read
   */
  public List<Source> listSources() {
    return available(sources::listSources).stream()
        .map(row -> new Source(row.id(), row.name(), row.clientIdentifier(), row.connections()))
        .toList();
  }

  /**
   * Removes a source.
   *
   * @param id the source id, e.g. {@code server://abc}
   * @return whether a source was removed
   * @throws DatabaseUnavailableException when the database cannot be written
   */
  public boolean removeSource(String id) {
    return available(() -> sources.removeSource(id));
  }

  /**
   * Makes a new JWT signing key, the one new Plex JWTs are signed with from now on (within {@code
   * 30} seconds on every running instance). The previous keys are retired: {@code GET
   * /api/v2/auth/keys} publishes them, and the JWTs they signed keep working, until those have
   * expired (7 days); then they are deleted. The private key is stored sealed with the server's
   * secret key.
   *
   * <pre>{@code
   * try (PlexAuthAdmin admin = PlexAuthAdmin.open(dataDir)) {
   *   String kid = admin.rotateSigningKey();
   * }
   * }</pre>
   *
   * @return the new key's kid (its RFC 7638 thumbprint)
   * @throws DatabaseUnavailableException when the database cannot be written
   */
  public String rotateSigningKey() {
    return available(signingKeys::rotate);
  }

  /** The signing keys: the server shares them, so a rotation through it takes effect at once. */
  SigningKeys signingKeys() {
    return signingKeys;
  }

  /**
   * Shares a source with an account that is not an admin: {@code GET /api/v2/resources} lists the
   * source for that account (not owned), with a token for it. Admins see every source already.
   *
   * @param id the source id, e.g. {@code server://abc}
   * @param login the account's username or email address
   * @return true when shared now, false when it was shared already
   * @throws IllegalArgumentException when there is no such source or account, or the account is an
   *     admin
   * @throws DatabaseUnavailableException when the database cannot be written
   */
  public boolean shareSource(String id, String login) {
    return available(() -> sources.share(id, login));
  }

  /**
   * Stops sharing a source with an account. The tokens the account holds for it stop working at
   * once, on every server on this database.
   *
   * @param id the source id
   * @param login the account's username or email address
   * @return whether it was shared
   * @throws IllegalArgumentException when there is no such source or account
   * @throws DatabaseUnavailableException when the database cannot be written
   */
  public boolean unshareSource(String id, String login) {
    return available(() -> sources.unshare(id, login));
  }

  /**
   * The usernames a source is shared with.
   *
   * @param id the source id
   * @return the usernames, in the order the accounts were added
   * @throws IllegalArgumentException when there is no such source
   * @throws DatabaseUnavailableException when the database cannot be read
   */
  public List<String> sharedWith(String id) {
    return available(() -> sources.sharedWith(id));
  }

  /** Whether any account exists. */
  boolean hasAccounts() {
    return available(accounts::hasAccounts);
  }

  /** Closes the database, if this administration opened it. */
  @Override
  public void close() {
    if (ownsStore) {
      store.close();
    }
  }

  /** Runs a service call, turning a database failure into the public exception. */
  private static <T> T available(Supplier<T> work) {
    try {
      return work.get();
    } catch (StoreUnavailable e) {
      throw new DatabaseUnavailableException(e.getMessage(), e);
    }
  }

  private static AlreadyExistsException accountExists() {
    return new AlreadyExistsException(
        "an account with this username or email address already exists");
  }

  private static Account toAccount(AccountRow row) {
    return new Account(
        row.id(),
        row.uuid(),
        row.username(),
        row.email(),
        row.admin(),
        row.totpSecret().isPresent(),
        Instant.ofEpochMilli(row.createdAtMillis()));
  }
}
