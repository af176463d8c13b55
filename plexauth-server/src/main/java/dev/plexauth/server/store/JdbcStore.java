package dev.plexauth.server.store;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementExceptions;

/**
 * The {@link Store} on a JDBC database: SQLite (a file, the default) or PostgreSQL, pooled by
 * HikariCP, migrated by Flyway on open ({@code Database}), queried with Jdbi, except the reads of
 * the request path, which keep their statements prepared ({@code PreparedQueries}): the token
 * lookup ({@code TokenLookup}), a source's read and the lists of sources ({@code SourceQueries},
 * which also holds the sources' other queries), an account's devices ({@code DeviceQueries}) and
 * the resource tokens stored for an account token ({@code ShareQueries}); pins have their own query
 * class. The token, resource-token, device-key, source and owner lookups, the lists of sources and
 * the check that an account token's resource tokens are stored answer from a lookup less than a
 * second old when nothing was written through this store since ({@code RecentLookups}): several
 * processes may share the database, so what they change is seen here within a second, and what this
 * store changes at once. Nothing else is cached. Deleting an account or a source deletes its tokens
 * or connections through the schema's {@code ON DELETE CASCADE}.
 *
 * <pre>{@code
 * try (Store store = JdbcStore.open(JdbcStore.sqliteUrl(dataDir))) {
 *   store.listAccounts();
 * }
 * }</pre>
 */
public final class JdbcStore implements Store {

  /** The file name of the SQLite database inside a data directory. */
  public static final String SQLITE_FILE = "plexauth.db";

  /** The environment variable with the PostgreSQL password. */
  public static final String PASSWORD_VARIABLE = "PLEXAUTH_DB_PASSWORD";

  /** libpq's password variable, honoured when {@value #PASSWORD_VARIABLE} is not set. */
  public static final String PGPASSWORD_VARIABLE = "PGPASSWORD";

  /** The environment variable with the PostgreSQL pool size (connections per instance). */
  public static final String POOL_SIZE_VARIABLE = "PLEXAUTH_DB_POOL_SIZE";

  /** Connections per instance to PostgreSQL unless {@value #POOL_SIZE_VARIABLE} is set. */
  public static final int DEFAULT_POOL_SIZE = 10;

  /** The largest pool {@value #POOL_SIZE_VARIABLE} may ask for. */
  public static final int MAX_POOL_SIZE = 100;

  /** How long a request waits for a PostgreSQL connection before it fails with 503. */
  public static final int CONNECTION_TIMEOUT_MILLIS = 3_000;

  /** How long a new PostgreSQL connection may take to open. */
  public static final int CONNECT_TIMEOUT_SECONDS = 3;

  /** How long a PostgreSQL query may wait for its answer before the connection is given up. */
  public static final int SOCKET_TIMEOUT_SECONDS = 10;

  /** Device ids are 1 to 2^52: exact in a JavaScript number, as clients read them. */
  private static final long MAX_DEVICE_ID = 1L << 52;

  private static final SecureRandom DEVICE_IDS = new SecureRandom();

  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final PreparedQueries prepared;
  private final TokenLookup tokenLookup;
  private final SourceQueries sources;
  private final JwtQueries jwts;
  private final DeviceQueries devices;
  private final ShareQueries shares;
  private final PinQueries pins;
  private final RecentLookups.Generation generation = new RecentLookups.Generation();
  private final RecentLookups<TokenWithAccount> recentTokens =
      new RecentLookups<>(generation, System::nanoTime);
  private final RecentLookups<ResourceTokenWithAccount> recentResourceTokens =
      new RecentLookups<>(generation, System::nanoTime);
  private final RecentLookups<DeviceKeyWithToken> recentDeviceKeys =
      new RecentLookups<>(generation, System::nanoTime);
  private final RecentLookups<SourceRow> recentSources =
      new RecentLookups<>(generation, System::nanoTime);
  private final RecentLookups<AccountRow> recentOwner =
      new RecentLookups<>(generation, System::nanoTime);
  private final RecentLookups<List<SourceRow>> recentSourceLists =
      new RecentLookups<>(generation, System::nanoTime);
  private final RecentLookups<Boolean> recentResourceTokensSaved =
      new RecentLookups<>(generation, System::nanoTime);

  private JdbcStore(HikariDataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
    this.prepared = new PreparedQueries(dataSource);
    this.tokenLookup = new TokenLookup(prepared);
    this.sources = new SourceQueries(jdbi, prepared);
    this.jwts = new JwtQueries(jdbi);
    this.devices = new DeviceQueries(jdbi, prepared);
    this.shares = new ShareQueries(jdbi, prepared);
    this.pins = new PinQueries(jdbi);
    // Statement errors must not carry bound values (password hashes, token hashes, logins) into
    // exception messages and from there into logs.
    jdbi.getConfig(StatementExceptions.class)
        .setMessageRendering(StatementExceptions.MessageRendering.NONE);
  }

  /**
   * The JDBC URL of the SQLite database in a data directory.
   *
   * @param dataDir the data directory
   * @return {@code jdbc:sqlite:<dataDir>/plexauth.db}
   */
  public static String sqliteUrl(Path dataDir) {
    return "jdbc:sqlite:" + dataDir.toAbsolutePath().resolve(SQLITE_FILE);
  }

  /**
   * Opens the database with the settings from {@link System#getenv()}; see {@link #open(String,
   * Map)}.
   *
   * @param jdbcUrl a {@code jdbc:sqlite:} or {@code jdbc:postgresql:} URL
   * @return the store
   * @throws StoreException when the database cannot be opened or migrated
   */
  public static JdbcStore open(String jdbcUrl) {
    return open(jdbcUrl, System.getenv());
  }

  /**
   * Opens the database, creating or migrating its schema.
   *
   * <p>For PostgreSQL the password comes from the URL's {@code password} parameter if present, else
   * from {@value #PASSWORD_VARIABLE}, else from {@value #PGPASSWORD_VARIABLE}; the pool holds
   * {@value #DEFAULT_POOL_SIZE} connections unless {@value #POOL_SIZE_VARIABLE} says otherwise. A
   * request waits at most {@value #CONNECTION_TIMEOUT_MILLIS} ms for a connection and {@value
   * #SOCKET_TIMEOUT_SECONDS} s for an answer, so a database that is gone fails requests quickly
   * instead of hanging them.
   *
   * @param jdbcUrl a {@code jdbc:sqlite:} or {@code jdbc:postgresql:} URL
   * @param environment where {@value #PASSWORD_VARIABLE}, {@value #PGPASSWORD_VARIABLE} and {@value
   *     #POOL_SIZE_VARIABLE} are read
   * @return the store
   * @throws StoreException when the database cannot be opened or migrated
   * @throws IllegalArgumentException when the URL or {@value #POOL_SIZE_VARIABLE} is invalid
   */
  public static JdbcStore open(String jdbcUrl, Map<String, String> environment) {
    return new JdbcStore(Database.open(jdbcUrl, environment));
  }

  @Override
  public AccountRow insertAccount(NewAccountRow account, LongFunction<String> sealTotp) {
    try {
      return jdbi.inTransaction(
          handle -> {
            AccountRow inserted =
                handle
                    .createQuery(
                        "INSERT INTO accounts (uuid, username, username_key, email, email_key,"
                            + " password_hash, admin, created_at)"
                            + " VALUES (:uuid, :username, :usernameKey, :email, :emailKey,"
                            + " :hash, :admin, :createdAt) RETURNING *")
                    .bind("uuid", account.uuid())
                    .bind("username", account.username())
                    .bind("usernameKey", key(account.username()))
                    .bind("email", account.email())
                    .bind("emailKey", key(account.email()))
                    .bind("hash", account.passwordHash())
                    .bind("admin", account.admin())
                    .bind("createdAt", account.createdAtMillis())
                    .map((rs, ctx) -> Rows.account(rs, "created_at"))
                    .one();
            if (account.totpSecret().isEmpty()) {
              return inserted;
            }
            return handle
                .createQuery("UPDATE accounts SET totp_secret = :totp WHERE id = :id RETURNING *")
                .bind("totp", sealTotp.apply(inserted.id()))
                .bind("id", inserted.id())
                .map((rs, ctx) -> Rows.account(rs, "created_at"))
                .one();
          });
    } catch (JdbiException e) {
      throw SqlErrors.translate("cannot add the account", e);
    }
  }

  @Override
  public boolean changePasswordHash(long accountId, String passwordHash) {
    return changing(
        () ->
            call(
                "cannot change the password",
                handle ->
                    handle.inTransaction(
                        tx -> {
                          int changed =
                              tx.createUpdate(
                                      "UPDATE accounts SET password_hash = :hash WHERE id = :id")
                                  .bind("hash", passwordHash)
                                  .bind("id", accountId)
                                  .execute();
                          endTokens(tx, accountId);
                          return changed > 0;
                        })));
  }

  @Override
  public boolean changeTotpSecret(long accountId, String storedSecret) {
    return changing(
        () ->
            call(
                "cannot change the TOTP secret",
                handle ->
                    handle.inTransaction(
                        tx -> {
                          int changed =
                              tx.createUpdate(
                                      "UPDATE accounts SET totp_secret = :secret, totp_last_step = NULL"
                                          + " WHERE id = :id")
                                  .bind("secret", storedSecret)
                                  .bind("id", accountId)
                                  .execute();
                          endTokens(tx, accountId);
                          return changed > 0;
                        })));
  }

  private static void endTokens(Handle tx, long accountId) {
    tx.createUpdate("DELETE FROM account_tokens WHERE account_id = :id")
        .bind("id", accountId)
        .execute();
  }

  @Override
  public boolean replaceTotpSecret(long accountId, String expected, String replacement) {
    return changing(
        () ->
            call(
                "cannot store the TOTP secret",
                handle ->
                    handle
                            .createUpdate(
                                "UPDATE accounts SET totp_secret = :replacement"
                                    + " WHERE id = :id AND totp_secret = :expected")
                            .bind("replacement", replacement)
                            .bind("id", accountId)
                            .bind("expected", expected)
                            .execute()
                        > 0));
  }

  @Override
  public Optional<String> findSetting(String name) {
    return call(
        "cannot read the server settings",
        handle ->
            handle
                .createQuery("SELECT value FROM server_settings WHERE name = :name")
                .bind("name", name)
                .mapTo(String.class)
                .findOne());
  }

  @Override
  public boolean insertSettingIfAbsent(String name, String value) {
    return call(
        "cannot write the server settings",
        handle ->
            handle
                    .createUpdate(
                        "INSERT INTO server_settings (name, value) VALUES (:name, :value)"
                            + " ON CONFLICT (name) DO NOTHING")
                    .bind("name", name)
                    .bind("value", value)
                    .execute()
                > 0);
  }

  @Override
  public Optional<AccountRow> findAccountByLogin(String login) {
    String loginKey = key(login);
    return call(
        "cannot read accounts",
        handle ->
            handle
                .createQuery(
                    "SELECT * FROM accounts WHERE username_key = :key OR email_key = :key"
                        + " ORDER BY id")
                .bind("key", loginKey)
                .map((rs, ctx) -> Rows.account(rs, "created_at"))
                .findFirst());
  }

  @Override
  public List<AccountRow> listAccounts() {
    return call(
        "cannot read accounts",
        handle ->
            handle
                .createQuery("SELECT * FROM accounts ORDER BY id")
                .map((rs, ctx) -> Rows.account(rs, "created_at"))
                .list());
  }

  @Override
  public List<AccountRow> listAccountsWithTotpSecretNotStartingWith(String sealedPrefix) {
    return call(
        "cannot read accounts",
        handle ->
            handle
                .createQuery(
                    "SELECT * FROM accounts WHERE totp_secret IS NOT NULL"
                        + " AND substr(totp_secret, 1, :length) <> :prefix ORDER BY id")
                .bind("length", sealedPrefix.length())
                .bind("prefix", sealedPrefix)
                .map((rs, ctx) -> Rows.account(rs, "created_at"))
                .list());
  }

  @Override
  public long countAccounts() {
    return call(
        "cannot read accounts",
        handle -> handle.createQuery("SELECT COUNT(*) FROM accounts").mapTo(Long.class).one());
  }

  @Override
  public boolean deleteAccount(long id) {
    return changing(
        () ->
            call(
                "cannot remove the account",
                handle ->
                    handle.inTransaction(
                        tx -> {
                          // The failure count is keyed by a subject, not a foreign key: it goes by
                          // hand.
                          tx.createUpdate("DELETE FROM sign_in_failures WHERE subject = :subject")
                              .bind("subject", "account:" + id)
                              .execute();
                          return tx.createUpdate("DELETE FROM accounts WHERE id = :id")
                                  .bind("id", id)
                                  .execute()
                              > 0;
                        })));
  }

  @Override
  public boolean advanceTotpStep(long accountId, long step) {
    return changing(
        () ->
            call(
                "cannot record the verification code",
                handle ->
                    handle
                            .createUpdate(
                                "UPDATE accounts SET totp_last_step = :step WHERE id = :id"
                                    + " AND (totp_last_step IS NULL OR totp_last_step < :step)")
                            .bind("step", step)
                            .bind("id", accountId)
                            .execute()
                        > 0));
  }

  @Override
  public void saveAccountToken(TokenRow token) {
    changing(
        () ->
            withNewDeviceId(
                deviceId ->
                    call(
                        "cannot store the token",
                        handle -> handle.inTransaction(tx -> upsertToken(tx, token, deviceId)))));
  }

  /**
   * Runs work that stores a token under a new random device id (a device that signs in again keeps
   * its id; the new one is used only for a new device). A collision with another device's id, one
   * in 2^52 per pair, is retried with a fresh one.
   */
  static <T> T withNewDeviceId(LongFunction<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.apply(1 + DEVICE_IDS.nextLong(MAX_DEVICE_ID));
      } catch (DuplicateKeyException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  /**
   * Stores an account token on a handle (so a caller's transaction can include it), replacing the
   * token of the same (account, client identifier) in the same statement; the replaced token's
   * resource tokens go with it. Run it inside a transaction.
   *
   * @param deviceId the public id for a new device; a device that signs in again keeps its own
   */
  static int upsertToken(Handle handle, TokenRow token, long deviceId) {
    int stored =
        handle
            .createUpdate(
                "INSERT INTO account_tokens (account_id, client_identifier, token_hash,"
                    + " product, version, platform, device, created_at, remember_until,"
                    + " device_id, last_used_at)"
                    + " VALUES (:accountId, :client, :hash, :product, :version, :platform,"
                    + " :device, :createdAt, :rememberUntil, :deviceId, :lastUsedAt)"
                    + " ON CONFLICT (account_id, client_identifier) DO UPDATE SET"
                    + " token_hash = excluded.token_hash, product = excluded.product,"
                    + " version = excluded.version, platform = excluded.platform,"
                    + " device = excluded.device, created_at = excluded.created_at,"
                    + " remember_until = excluded.remember_until,"
                    + " last_used_at = excluded.last_used_at")
            .bind("accountId", token.accountId())
            .bind("client", token.clientIdentifier())
            .bind("hash", token.tokenHash())
            .bind("product", token.product().orElse(null))
            .bind("version", token.version().orElse(null))
            .bind("platform", token.platform().orElse(null))
            .bind("device", token.device().orElse(null))
            .bind("createdAt", token.createdAtMillis())
            .bind("rememberUntil", token.rememberUntilMillis())
            .bind("lastUsedAt", token.lastUsedAtMillis())
            .bind("deviceId", deviceId)
            .execute();
    // The replaced token's resource tokens died with it (their lookup joins the parent); drop
    // their rows.
    handle
        .createUpdate(
            "DELETE FROM resource_tokens WHERE account_id = :accountId"
                + " AND parent_token_hash NOT IN (SELECT token_hash FROM account_tokens"
                + " WHERE account_id = :accountId)")
        .bind("accountId", token.accountId())
        .execute();
    return stored;
  }

  @Override
  public Optional<TokenWithAccount> findAccountTokenWithAccount(String tokenHash) {
    return recentTokens.find(tokenHash, tokenLookup::find);
  }

  @Override
  public boolean markAccountTokenUsed(String tokenHash, long nowMillis, long notSinceMillis) {
    try {
      return call(
          "cannot record the token's use",
          handle ->
              handle
                      .createUpdate(
                          "UPDATE account_tokens SET last_used_at = :now WHERE token_hash = :hash"
                              + " AND COALESCE(last_used_at, created_at) < :notSince")
                      .bind("now", nowMillis)
                      .bind("hash", tokenHash)
                      .bind("notSince", notSinceMillis)
                      .execute()
                  > 0);
    } finally {
      // A use recorded ends nothing: only this token's lookup goes.
      recentTokens.forget(tokenHash);
    }
  }

  @Override
  public Reservation reserveAttempt(
      String subject,
      long nowMillis,
      long windowMillis,
      long staleMillis,
      Predicate<FailureCount> locked) {
    long windowStart = nowMillis - windowMillis;
    long staleStart = nowMillis - staleMillis;
    return call(
        "cannot record the sign-in attempt",
        handle -> {
          // Forget counts that can no longer add up, so unknown logins do not pile up.
          handle
              .createUpdate(
                  "DELETE FROM sign_in_failures WHERE last_failure_at < :start"
                      + " AND (in_flight = 0 OR in_flight_at < :stale)")
              .bind("start", windowStart)
              .bind("stale", staleStart)
              .execute();
          return handle.inTransaction(
              tx -> {
                // Creating or touching the row takes its lock (PostgreSQL) for the transaction
                // (SQLite's BEGIN IMMEDIATE holds the whole database): reservations of one subject
                // happen one after the other on every instance.
                long[] row =
                    tx.createQuery(
                            "INSERT INTO sign_in_failures"
                                + " (subject, failures, last_failure_at, in_flight, in_flight_at)"
                                + " VALUES (:subject, 0, :now, 0, :now)"
                                + " ON CONFLICT (subject) DO UPDATE"
                                + " SET failures = sign_in_failures.failures"
                                + " RETURNING failures, last_failure_at, in_flight, in_flight_at")
                        .bind("subject", subject)
                        .bind("now", nowMillis)
                        .map(
                            (rs, ctx) ->
                                new long[] {
                                  rs.getInt(1), rs.getLong(2), rs.getInt(3), rs.getLong(4)
                                })
                        .one();
                FailureCount judged =
                    row[1] < windowStart
                        ? new FailureCount(0, row[1])
                        : new FailureCount((int) row[0], row[1]);
                int inFlight = row[3] < staleStart ? 0 : (int) row[2];
                if (locked.test(judged)) {
                  return new Reservation(Reservation.Status.LOCKED, judged);
                }
                // The worst case at this attempt's turn: every attempt ahead of it failed now.
                FailureCount worst =
                    inFlight == 0
                        ? judged
                        : new FailureCount(judged.failures() + inFlight, nowMillis);
                if (locked.test(worst)) {
                  return new Reservation(Reservation.Status.PENDING, judged);
                }
                tx.createUpdate(
                        "UPDATE sign_in_failures SET in_flight = :inFlight, in_flight_at = :now"
                            + " WHERE subject = :subject")
                    .bind("inFlight", inFlight + 1)
                    .bind("now", nowMillis)
                    .bind("subject", subject)
                    .execute();
                return new Reservation(Reservation.Status.RESERVED, judged);
              });
        });
  }

  @Override
  public FailureCount recordFailure(String subject, long nowMillis, long windowMillis) {
    long windowStart = nowMillis - windowMillis;
    return call(
        "cannot record the failed sign-in",
        handle ->
            handle
                .createQuery(
                    "INSERT INTO sign_in_failures"
                        + " (subject, failures, last_failure_at, in_flight, in_flight_at)"
                        + " VALUES (:subject, 1, :now, 0, :now) ON CONFLICT (subject) DO UPDATE SET"
                        + " failures = CASE WHEN sign_in_failures.last_failure_at < :start"
                        + " THEN 1 ELSE sign_in_failures.failures + 1 END,"
                        + " last_failure_at = excluded.last_failure_at,"
                        + " in_flight = CASE WHEN sign_in_failures.in_flight > 0"
                        + " THEN sign_in_failures.in_flight - 1 ELSE 0 END"
                        + " RETURNING failures, last_failure_at")
                .bind("subject", subject)
                .bind("now", nowMillis)
                .bind("start", windowStart)
                .map((rs, ctx) -> new FailureCount(rs.getInt(1), rs.getLong(2)))
                .one());
  }

  @Override
  public void releaseAttempt(String subject) {
    call(
        "cannot record the sign-in attempt",
        handle ->
            handle
                .createUpdate(
                    "UPDATE sign_in_failures SET in_flight = in_flight - 1"
                        + " WHERE subject = :subject AND in_flight > 0")
                .bind("subject", subject)
                .execute());
  }

  @Override
  public Optional<FailureCount> findFailures(String subject) {
    return call(
        "cannot read failed sign-ins",
        handle ->
            handle
                .createQuery(
                    "SELECT failures, last_failure_at FROM sign_in_failures WHERE subject = :s")
                .bind("s", subject)
                .map((rs, ctx) -> new FailureCount(rs.getInt(1), rs.getLong(2)))
                .findOne());
  }

  @Override
  public void clearFailures(String subject) {
    call(
        "cannot reset failed sign-ins",
        handle ->
            handle
                .createUpdate("DELETE FROM sign_in_failures WHERE subject = :s")
                .bind("s", subject)
                .execute());
  }

  @Override
  public void insertSource(SourceRow source, long createdAtMillis) {
    changing(
        () -> {
          sources.insert(source, createdAtMillis);
          return null;
        });
  }

  @Override
  public Optional<SourceRow> findSource(String id) {
    return recentSources.find(id, sources::find);
  }

  @Override
  public List<SourceRow> listSources() {
    return recentSourceLists.find("all", key -> Optional.of(List.copyOf(sources.list()))).get();
  }

  @Override
  public boolean deleteSource(String id) {
    return changing(() -> sources.delete(id));
  }

  @Override
  public List<SigningKeyRow> listSigningKeys(long retiredSinceMillis) {
    return jwts.signingKeys(retiredSinceMillis);
  }

  @Override
  public void addSigningKey(
      SigningKeyRow key, boolean retireOthers, long forgetRetiredBeforeMillis) {
    jwts.addSigningKey(key, retireOthers, forgetRetiredBeforeMillis);
  }

  @Override
  public boolean saveDeviceKey(DeviceKeyRow key) {
    return changing(() -> jwts.saveDeviceKey(key));
  }

  @Override
  public Optional<DeviceKeyWithToken> findDeviceKey(String thumbprint) {
    return recentDeviceKeys.find(thumbprint, jwts::findDeviceKey);
  }

  @Override
  public boolean deleteDeviceKey(long accountId, String clientIdentifier) {
    return changing(() -> jwts.deleteDeviceKey(accountId, clientIdentifier));
  }

  @Override
  public void addNonce(
      String nonce, String clientIdentifier, long expiresAtMillis, long nowMillis) {
    jwts.addNonce(nonce, clientIdentifier, expiresAtMillis, nowMillis);
  }

  @Override
  public boolean redeemNonce(String nonce, String clientIdentifier, long nowMillis) {
    return jwts.redeemNonce(nonce, clientIdentifier, nowMillis);
  }

  @Override
  public ServerIdentityRow serverIdentity(String candidate, long nowMillis) {
    return call(
        "cannot read the server identity",
        handle ->
            handle.inTransaction(
                tx -> {
                  // Two instances starting at once on an empty database both insert; the first
                  // wins and both read its row.
                  tx.createUpdate(
                          "INSERT INTO server_identity (id, machine_identifier, created_at)"
                              + " VALUES (1, :candidate, :now) ON CONFLICT (id) DO NOTHING")
                      .bind("candidate", candidate)
                      .bind("now", nowMillis)
                      .execute();
                  return tx.createQuery(
                          "SELECT machine_identifier, created_at FROM server_identity"
                              + " WHERE id = 1")
                      .map((rs, ctx) -> new ServerIdentityRow(rs.getString(1), rs.getLong(2)))
                      .one();
                }));
  }

  @Override
  public Optional<AccountRow> findOwner() {
    return recentOwner.find("owner", key -> owner());
  }

  private Optional<AccountRow> owner() {
    return call(
        "cannot read accounts",
        handle ->
            handle
                .createQuery("SELECT * FROM accounts WHERE admin = :admin ORDER BY id")
                .bind("admin", true)
                .map((rs, ctx) -> Rows.account(rs, "created_at"))
                .findFirst());
  }

  @Override
  public boolean deleteAccountToken(String tokenHash) {
    return changing(() -> devices.deleteToken(tokenHash));
  }

  @Override
  public List<DeviceRow> listDevices(long accountId) {
    return devices.list(accountId);
  }

  @Override
  public Optional<DeviceRow> deleteDevice(long accountId, long deviceId) {
    return changing(() -> devices.delete(accountId, deviceId));
  }

  @Override
  public boolean shareSource(String sourceId, long accountId, long nowMillis) {
    return changing(() -> shares.share(sourceId, accountId, nowMillis));
  }

  @Override
  public boolean unshareSource(String sourceId, long accountId) {
    return changing(() -> shares.unshare(sourceId, accountId));
  }

  @Override
  public List<String> listShares(String sourceId) {
    return shares.sharedWith(sourceId);
  }

  @Override
  public List<SourceRow> listSourcesSharedWith(long accountId) {
    return recentSourceLists
        .find("shared " + accountId, key -> Optional.of(List.copyOf(sources.sharedWith(accountId))))
        .get();
  }

  @Override
  public void saveResourceTokens(
      long accountId, String parentTokenHash, Map<String, String> byResource, long nowMillis) {
    // The same account token listing the same resources again within the second, with nothing
    // written since, would find every token stored: the check is skipped. (The tokens derive from
    // the parent token and the resource, so the key says everything the map holds.)
    recentResourceTokensSaved.find(
        parentTokenHash + " " + String.join(" ", byResource.keySet()),
        key -> {
          shares.saveResourceTokens(accountId, parentTokenHash, byResource, nowMillis);
          return Optional.of(Boolean.TRUE);
        });
  }

  @Override
  public Optional<ResourceTokenWithAccount> findResourceToken(String tokenHash) {
    return recentResourceTokens.find(tokenHash, shares::findResourceToken);
  }

  @Override
  public void insertPin(PinRow pin, long nowMillis) {
    pins.insert(pin, nowMillis);
  }

  @Override
  public Optional<PinRow> findPin(String idHash) {
    return pins.find(idHash);
  }

  @Override
  public boolean linkPin(String codeHash, long accountId, long nowMillis) {
    return pins.link(codeHash, accountId, nowMillis);
  }

  @Override
  public Optional<PinRow> claimPin(
      String idHash,
      String clientIdentifier,
      long nowMillis,
      String tokenHash,
      long rememberUntilMillis) {
    return changing(
        () -> pins.claim(idHash, clientIdentifier, nowMillis, tokenHash, rememberUntilMillis));
  }

  @Override
  public void close() {
    dataSource.close();
    prepared.clear();
  }

  /** The case-insensitive key of a username or email. */
  static String key(String value) {
    return value.toLowerCase(Locale.ROOT);
  }

  /**
   * After a write to accounts, tokens, devices, sources, shares or device keys: no lookup read
   * before it is used again ({@link RecentLookups}). Called once the write has committed (or
   * failed), before its caller answers.
   */
  private void changed() {
    generation.next();
    recentTokens.clear();
    recentResourceTokens.clear();
    recentDeviceKeys.clear();
    recentSources.clear();
    recentOwner.clear();
    recentSourceLists.clear();
    recentResourceTokensSaved.clear();
  }

  /** Runs a write, then {@link #changed}, also when the write fails. */
  private <T> T changing(Supplier<T> write) {
    try {
      return write.get();
    } finally {
      changed();
    }
  }

  private <T> T call(String what, HandleCallback<T, RuntimeException> work) {
    return SqlErrors.call(jdbi, what, work);
  }
}
