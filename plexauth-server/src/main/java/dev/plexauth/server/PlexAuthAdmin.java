package dev.plexauth.server;

import dev.plexauth.server.auth.AccountService;
import dev.plexauth.server.auth.PasswordHasher;
import dev.plexauth.server.auth.Totp;
import dev.plexauth.server.store.AccountRow;
import dev.plexauth.server.store.JdbcStore;
import dev.plexauth.server.store.SourceRow;
import dev.plexauth.server.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Accounts and sources of a plexauth database, without a running server. A server on the same data
 * directory (or database) sees changes at once: it reads accounts and sources on every request.
 *
 * <pre>{@code
 * try (PlexAuthAdmin admin = PlexAuthAdmin.open(Path.of("/var/lib/plexauth"))) {
 *   admin.addAccount(NewAccount.of("alice", "alice@example.com", "s3cret"));
 *   admin.addSource(new Source("server://abc", "Den", "abc", List.of()));
 *   admin.listAccounts().forEach(System.out::println);
 * }
 * }</pre>
 *
 * Methods throw {@link IllegalArgumentException} with a plain message for invalid or duplicate
 * input, and {@link dev.plexauth.server.store.StoreException} when the database fails.
 */
public final class PlexAuthAdmin implements AutoCloseable {

  private final Store store;
  private final boolean ownsStore;
  private final AccountService accounts;

  PlexAuthAdmin(Store store, boolean ownsStore, PasswordHasher hasher, Clock clock) {
    this.store = store;
    this.ownsStore = ownsStore;
    this.accounts = new AccountService(store, hasher, clock);
  }

  /**
   * Opens the SQLite database in a data directory, creating the directory and the schema if needed.
   *
   * @param dataDir the data directory
   * @return the administration; close it when done
   */
  public static PlexAuthAdmin open(Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir == null");
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
    }
    return open(JdbcStore.sqliteUrl(dataDir));
  }

  /**
   * Opens a database by JDBC URL ({@code jdbc:sqlite:…} or {@code jdbc:postgresql:…}), with the
   * PostgreSQL password from {@code PLEXAUTH_DB_PASSWORD} or {@code PGPASSWORD} in {@link
   * System#getenv()}.
   *
   * @param jdbcUrl the database
   * @return the administration; close it when done
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
   *   admin.addAccount(NewAccount.of("alice", "alice@example.com", "s3cret"));
   * }
   * }</pre>
   *
   * @param jdbcUrl the database
   * @param environment where {@code PLEXAUTH_DB_PASSWORD}, {@code PGPASSWORD} and {@code
   *     PLEXAUTH_DB_POOL_SIZE} are read
   * @return the administration; close it when done
   */
  public static PlexAuthAdmin open(String jdbcUrl, Map<String, String> environment) {
    return new PlexAuthAdmin(
        JdbcStore.open(jdbcUrl, environment), true, new PasswordHasher(), Clock.systemUTC());
  }

  /**
   * Adds an account.
   *
   * @param account the account
   * @return the account with its id, and its TOTP secret if two-factor sign-in is on
   * @throws IllegalArgumentException when a value is invalid or the username or email is taken
   */
  public CreatedAccount addAccount(NewAccount account) {
    Objects.requireNonNull(account, "account == null");
    Optional<String> secret =
        account.twoFactor()
            ? Optional.of(
                account.totpSecret().isEmpty()
                    ? Totp.newSecret()
                    : Totp.normalizeSecret(account.totpSecret()))
            : Optional.empty();
    AccountRow row =
        accounts.addAccount(
            account.username(), account.email(), account.password(), account.admin(), secret);
    return new CreatedAccount(toAccount(row), secret);
  }

  /**
   * Lists the accounts, by id.
   *
   * @return the accounts
   */
  public List<Account> listAccounts() {
    return accounts.listAccounts().stream().map(PlexAuthAdmin::toAccount).toList();
  }

  /**
   * Removes an account and signs out all its devices.
   *
   * @param login the username or email address
   * @return whether an account was removed
   */
  public boolean removeAccount(String login) {
    return accounts.removeAccount(login);
  }

  /**
   * Registers a source.
   *
   * @param source the source
   * @throws IllegalArgumentException when a value is invalid or the id is taken
   */
  public void addSource(Source source) {
    Objects.requireNonNull(source, "source == null");
    accounts.addSource(
        new SourceRow(source.id(), source.name(), source.clientIdentifier(), source.connections()));
  }

  /**
   * Lists the sources, by id.
   *
   * @return the sources
   */
  public List<Source> listSources() {
    return accounts.listSources().stream()
        .map(row -> new Source(row.id(), row.name(), row.clientIdentifier(), row.connections()))
        .toList();
  }

  /**
   * Removes a source.
   *
   * @param id the source id, e.g. {@code server://abc}
   * @return whether a source was removed
   */
  public boolean removeSource(String id) {
    return accounts.removeSource(id);
  }

  /** Whether any account exists. */
  boolean hasAccounts() {
    return accounts.hasAccounts();
  }

  /** Closes the database, if this administration opened it. */
  @Override
  public void close() {
    if (ownsStore) {
      store.close();
    }
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
