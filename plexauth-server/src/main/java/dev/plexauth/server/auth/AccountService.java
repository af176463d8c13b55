package dev.plexauth.server.auth;

import dev.plexauth.sdk.models.Connection;
import dev.plexauth.server.store.AccountRow;
import dev.plexauth.server.store.DuplicateKeyException;
import dev.plexauth.server.store.NewAccountRow;
import dev.plexauth.server.store.SourceRow;
import dev.plexauth.server.store.Store;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Administration of accounts and sources: validates input, hashes passwords, and writes the store.
 * Used by the running server and, on the same database, by the command line while a server runs.
 */
public final class AccountService {

  private static final Pattern USERNAME = Pattern.compile("[^@\\s\\x00-\\x1F\\x7F-\\x9F]{1,64}");
  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s\\x00-\\x1F\\x7F-\\x9F]{1,128}@[^@\\s\\x00-\\x1F\\x7F-\\x9F]{1,125}");
  private static final Pattern SOURCE_ID =
      Pattern.compile("(server|provider)://[^\\s\\x00-\\x1F\\x7F-\\x9F]{1,200}");
  private static final Pattern TEXT = Pattern.compile("[^\\x00-\\x1F\\x7F-\\x9F]{1,200}");
  private static final Pattern URI_TEXT = Pattern.compile("[^\\s\\x00-\\x1F\\x7F-\\x9F]{1,2048}");
  private static final int MAX_PASSWORD = 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Store store;
  private final PasswordHasher hasher;
  private final Clock clock;

  /**
   * Creates the service.
   *
   * @param store the store
   * @param hasher the password hasher
   * @param clock the clock for creation times
   */
  public AccountService(Store store, PasswordHasher hasher, Clock clock) {
    this.store = store;
    this.hasher = hasher;
    this.clock = clock;
  }

  /**
   * Adds an account.
   *
   * @param username the username (no {@code @}, no spaces, at most 64 characters)
   * @param email the email address
   * @param password the password (1 to 1024 characters)
   * @param admin whether the account is an admin
   * @param totpSecret the base32 TOTP secret, if two-factor sign-in is on
   * @return the stored account
   * @throws IllegalArgumentException when a value is invalid or the username or email is taken
   */
  public AccountRow addAccount(
      String username, String email, String password, boolean admin, Optional<String> totpSecret) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new IllegalArgumentException(
          "the username must be 1 to 64 characters without '@', spaces or control characters");
    }
    if (email == null || !EMAIL.matcher(email).matches()) {
      throw new IllegalArgumentException("the email address must look like name@example.com");
    }
    if (password == null || password.isEmpty() || password.length() > MAX_PASSWORD) {
      throw new IllegalArgumentException("the password must be 1 to 1024 characters");
    }
    Optional<String> secret = totpSecret.map(Totp::normalizeSecret);
    byte[] uuid = new byte[8];
    RANDOM.nextBytes(uuid);
    NewAccountRow row =
        new NewAccountRow(
            HexFormat.of().formatHex(uuid),
            username,
            email,
            hasher.hash(password),
            secret,
            admin,
            clock.millis());
    try {
      return store.insertAccount(row);
    } catch (DuplicateKeyException e) {
      throw new IllegalArgumentException(
          "an account with this username or email address already exists", e);
    }
  }

  /**
   * Lists the accounts.
   *
   * @return the accounts, by id
   */
  public List<AccountRow> listAccounts() {
    return store.listAccounts();
  }

  /**
   * Removes an account and its tokens.
   *
   * @param login its username or email address
   * @return whether an account was removed
   */
  public boolean removeAccount(String login) {
    if (login == null || login.isEmpty()) {
      return false;
    }
    return store.findAccountByLogin(login).map(a -> store.deleteAccount(a.id())).orElse(false);
  }

  /**
   * Whether any account exists.
   *
   * @return true when there is at least one
   */
  public boolean hasAccounts() {
    return store.countAccounts() > 0;
  }

  /**
   * Registers a source.
   *
   * @param source the source
   * @throws IllegalArgumentException when a value is invalid or the id is taken
   */
  public void addSource(SourceRow source) {
    if (source.id() == null || !SOURCE_ID.matcher(source.id()).matches()) {
      throw new IllegalArgumentException(
          "the source id must look like server://identifier or provider://identifier");
    }
    requireText(source.name(), "the source name");
    requireText(source.clientIdentifier(), "the source client identifier");
    for (Connection c : source.connections()) {
      if (!"http".equals(c.protocol()) && !"https".equals(c.protocol())) {
        throw new IllegalArgumentException("a connection's protocol must be http or https");
      }
      if (c.address() == null || !URI_TEXT.matcher(c.address()).matches()) {
        throw new IllegalArgumentException("a connection needs an address");
      }
      if (c.port() < 1 || c.port() > 65_535) {
        throw new IllegalArgumentException("a connection's port must be 1 to 65535");
      }
      if (c.uri() == null || !URI_TEXT.matcher(c.uri()).matches()) {
        throw new IllegalArgumentException("a connection needs a uri");
      }
    }
    try {
      store.insertSource(source, clock.millis());
    } catch (DuplicateKeyException e) {
      throw new IllegalArgumentException("a source with this id already exists", e);
    }
  }

  /**
   * Lists the sources.
   *
   * @return the sources, by id
   */
  public List<SourceRow> listSources() {
    return store.listSources();
  }

  /**
   * Removes a source.
   *
   * @param id the source id
   * @return whether a source was removed
   */
  public boolean removeSource(String id) {
    return id != null && store.deleteSource(id);
  }

  private static void requireText(String value, String what) {
    if (value == null || !TEXT.matcher(value).matches() || value.isBlank()) {
      throw new IllegalArgumentException(what + " must be 1 to 200 characters");
    }
  }
}
