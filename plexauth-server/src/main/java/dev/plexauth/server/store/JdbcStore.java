package dev.plexauth.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Store} on a JDBC database: SQLite (a file, the default) or PostgreSQL, pooled by
 * HikariCP, migrated by Flyway on open, queried with Jdbi. No row is cached: several processes may
 * share the database.
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

  /**
   * The lookup behind every authenticated request. Columns are named, not t.*: both tables have id
   * and created_at.
   */
  private static final String TOKEN_WITH_ACCOUNT =
      "SELECT t.account_id, t.client_identifier, t.token_hash, t.product, t.version, t.platform,"
          + " t.device, t.created_at, t.remember_until, a.id, a.uuid, a.username, a.email,"
          + " a.password_hash, a.totp_secret, a.totp_last_step, a.admin, a.friendly_name,"
          + " a.country, a.locale, a.created_at AS account_created_at"
          + " FROM account_tokens t JOIN accounts a ON a.id = t.account_id"
          + " WHERE t.token_hash = ?";

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

  private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

  private final HikariDataSource dataSource;
  private final Jdbi jdbi;

  /**
   * The token lookup prepared once per physical connection of the pool, in plain JDBC. Preparing it
   * was two thirds of the lookup on SQLite (bench TokenLookupBenchmark: 31 µs prepared each time,
   * through Jdbi or not, against 10 µs prepared once), and neither the pool, Jdbi nor the driver
   * keeps statements. A pooled connection serves one thread at a time, and so does its statement.
   * Guarded by itself.
   */
  private final Map<Connection, PreparedStatement> tokenLookups = new HashMap<>();

  private JdbcStore(HikariDataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
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
    Dialect dialect = Dialect.of(jdbcUrl);
    Objects.requireNonNull(environment, "environment == null");
    String shown = JdbcUrls.redact(jdbcUrl);
    HikariConfig config = new HikariConfig();
    config.setPoolName("plexauth");
    if (dialect == Dialect.SQLITE) {
      config.setJdbcUrl(jdbcUrl);
      config.setConnectionTimeout(10_000);
      // WAL lets readers run beside the one writer; FULL makes an acknowledged write survive a
      // power cut; IMMEDIATE takes the write lock at BEGIN, so two processes never deadlock on a
      // lock upgrade; the busy timeout makes a writer wait for another process instead of failing.
      Properties pragmas = new Properties();
      pragmas.setProperty("journal_mode", "WAL");
      pragmas.setProperty("synchronous", "FULL");
      pragmas.setProperty("busy_timeout", "10000");
      pragmas.setProperty("foreign_keys", "true");
      pragmas.setProperty("transaction_mode", "IMMEDIATE");
      config.setDataSourceProperties(pragmas);
      config.setMaximumPoolSize(4);
    } else {
      configurePostgres(config, jdbcUrl, environment);
    }
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("cannot open the database " + shown + ": " + rootMessage(e), e);
    }
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration/" + dialect.folder)
          .load()
          .migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw new StoreException("cannot migrate the database " + shown, e);
    }
    LOG.info("database {} (pool of {})", shown, config.getMaximumPoolSize());
    return new JdbcStore(dataSource);
  }

  private static void configurePostgres(
      HikariConfig config, String jdbcUrl, Map<String, String> environment) {
    // Secrets go to the driver as properties, not in the URL that the pool and Flyway may log.
    JdbcUrls.Split split = JdbcUrls.splitSecrets(jdbcUrl);
    config.setJdbcUrl(split.url());
    split.secrets().forEach(config::addDataSourceProperty);
    if (!split.secrets().containsKey("password")) {
      String password = nonEmpty(environment.get(PASSWORD_VARIABLE));
      if (password == null) {
        password = nonEmpty(environment.get(PGPASSWORD_VARIABLE));
      }
      if (password != null) {
        config.setPassword(password);
      }
    }
    int poolSize = poolSize(environment.get(POOL_SIZE_VARIABLE));
    config.setMaximumPoolSize(poolSize);
    // Idle instances (and one-shot admin commands) hold few connections; the pool grows on demand.
    config.setMinimumIdle(Math.min(2, poolSize));
    // A request that cannot get a connection gives up after this and answers 503.
    config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
    config.setValidationTimeout(1_000);
    // Finds connections that died while idle (a restarted or failed-over server) before a request
    // does.
    config.setKeepaliveTime(60_000);
    // Defaults for the driver; the same parameters in the URL win. connectTimeout bounds a new
    // connection to an unreachable host, socketTimeout a query on a connection whose server went
    // silent.
    config.addDataSourceProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    config.addDataSourceProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
    config.addDataSourceProperty("tcpKeepAlive", "true");
    config.addDataSourceProperty("ApplicationName", "plexauth");
  }

  private static int poolSize(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_POOL_SIZE;
    }
    try {
      int size = Integer.parseInt(value.strip());
      if (size >= 1 && size <= MAX_POOL_SIZE) {
        return size;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        POOL_SIZE_VARIABLE + " must be a whole number from 1 to " + MAX_POOL_SIZE + ": " + value);
  }

  private static String nonEmpty(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  /** The innermost cause's message: the pool's own message hides why it could not connect. */
  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }

  @Override
  public AccountRow insertAccount(NewAccountRow account) {
    try {
      long id =
          jdbi.withHandle(
              handle ->
                  handle
                      .createQuery(
                          "INSERT INTO accounts (uuid, username, username_key, email, email_key,"
                              + " password_hash, totp_secret, admin, created_at)"
                              + " VALUES (:uuid, :username, :usernameKey, :email, :emailKey,"
                              + " :hash, :totp, :admin, :createdAt) RETURNING id")
                      .bind("uuid", account.uuid())
                      .bind("username", account.username())
                      .bind("usernameKey", key(account.username()))
                      .bind("email", account.email())
                      .bind("emailKey", key(account.email()))
                      .bind("hash", account.passwordHash())
                      .bind("totp", account.totpSecret().orElse(null))
                      .bind("admin", account.admin())
                      .bind("createdAt", account.createdAtMillis())
                      .mapTo(Long.class)
                      .one());
      return findAccountById(id).orElseThrow();
    } catch (JdbiException e) {
      throw translate("cannot add the account", e);
    }
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
                .map(JdbcStore::account)
                .findFirst());
  }

  @Override
  public Optional<AccountRow> findAccountById(long id) {
    return call(
        "cannot read accounts",
        handle ->
            handle
                .createQuery("SELECT * FROM accounts WHERE id = :id")
                .bind("id", id)
                .map(JdbcStore::account)
                .findOne());
  }

  @Override
  public List<AccountRow> listAccounts() {
    return call(
        "cannot read accounts",
        handle ->
            handle
                .createQuery("SELECT * FROM accounts ORDER BY id")
                .map(JdbcStore::account)
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
    return call(
        "cannot remove the account",
        handle ->
            handle.inTransaction(
                tx -> {
                  tx.createUpdate("DELETE FROM account_tokens WHERE account_id = :id")
                      .bind("id", id)
                      .execute();
                  tx.createUpdate("DELETE FROM sign_in_failures WHERE subject = :subject")
                      .bind("subject", "account:" + id)
                      .execute();
                  return tx.createUpdate("DELETE FROM accounts WHERE id = :id")
                          .bind("id", id)
                          .execute()
                      > 0;
                }));
  }

  @Override
  public boolean advanceTotpStep(long accountId, long step) {
    return call(
        "cannot record the verification code",
        handle ->
            handle
                    .createUpdate(
                        "UPDATE accounts SET totp_last_step = :step WHERE id = :id"
                            + " AND (totp_last_step IS NULL OR totp_last_step < :step)")
                    .bind("step", step)
                    .bind("id", accountId)
                    .execute()
                > 0);
  }

  @Override
  public void saveAccountToken(TokenRow token) {
    call(
        "cannot store the token",
        handle ->
            handle
                .createUpdate(
                    "INSERT INTO account_tokens (account_id, client_identifier, token_hash,"
                        + " product, version, platform, device, created_at, remember_until)"
                        + " VALUES (:accountId, :client, :hash, :product, :version, :platform,"
                        + " :device, :createdAt, :rememberUntil)"
                        + " ON CONFLICT (account_id, client_identifier) DO UPDATE SET"
                        + " token_hash = excluded.token_hash, product = excluded.product,"
                        + " version = excluded.version, platform = excluded.platform,"
                        + " device = excluded.device, created_at = excluded.created_at,"
                        + " remember_until = excluded.remember_until")
                .bind("accountId", token.accountId())
                .bind("client", token.clientIdentifier())
                .bind("hash", token.tokenHash())
                .bind("product", token.product().orElse(null))
                .bind("version", token.version().orElse(null))
                .bind("platform", token.platform().orElse(null))
                .bind("device", token.device().orElse(null))
                .bind("createdAt", token.createdAtMillis())
                .bind("rememberUntil", token.rememberUntilMillis())
                .execute());
  }

  @Override
  public Optional<TokenRow> findAccountToken(String tokenHash) {
    return call(
        "cannot read tokens",
        handle ->
            handle
                .createQuery("SELECT * FROM account_tokens WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .map(JdbcStore::token)
                .findOne());
  }

  @Override
  public Optional<TokenWithAccount> findAccountTokenWithAccount(String tokenHash) {
    Connection pooled;
    try {
      pooled = dataSource.getConnection();
    } catch (SQLException e) {
      throw new StoreException("cannot read tokens", e);
    }
    Connection physical = null;
    try {
      physical = pooled.unwrap(Connection.class);
      PreparedStatement statement = tokenLookup(physical);
      statement.setString(1, tokenHash);
      try (ResultSet rs = statement.executeQuery()) {
        // token_hash is unique: one row at most.
        return rs.next()
            ? Optional.of(new TokenWithAccount(tokenRow(rs), account(rs, "account_created_at")))
            : Optional.empty();
      }
    } catch (SQLException e) {
      forgetTokenLookup(physical);
      // The pool sees only what runs through its own proxies: tell it when this connection broke.
      if (isConnectionFailure(e) || (physical != null && isClosed(physical))) {
        dataSource.evictConnection(pooled);
      }
      throw new StoreException("cannot read tokens", e);
    } finally {
      try {
        pooled.close();
      } catch (SQLException e) {
        LOG.debug("cannot return a connection to the pool", e);
      }
    }
  }

  private void forgetTokenLookup(Connection physical) {
    if (physical == null) {
      return;
    }
    PreparedStatement statement;
    synchronized (tokenLookups) {
      statement = tokenLookups.remove(physical);
    }
    if (statement != null) {
      try {
        statement.close();
      } catch (SQLException e) {
        LOG.debug("cannot close a statement", e);
      }
    }
  }

  /** A failure of the connection itself, as HikariCP judges it for the statements it proxies. */
  private static boolean isConnectionFailure(SQLException e) {
    String state = e.getSQLState();
    return e instanceof SQLRecoverableException
        || e instanceof SQLNonTransientConnectionException
        || e instanceof SQLTimeoutException
        || (state != null && (state.startsWith("08") || state.startsWith("57P0")));
  }

  /**
   * The token lookup's statement on a physical connection of the pool, prepared on first use.
   * Entries of connections the pool has since closed are dropped whenever one is added.
   */
  private PreparedStatement tokenLookup(Connection physical) throws SQLException {
    synchronized (tokenLookups) {
      PreparedStatement statement = tokenLookups.get(physical);
      if (statement == null || statement.isClosed()) {
        tokenLookups.keySet().removeIf(JdbcStore::isClosed);
        statement = physical.prepareStatement(TOKEN_WITH_ACCOUNT);
        tokenLookups.put(physical, statement);
      }
      return statement;
    }
  }

  private static boolean isClosed(Connection connection) {
    try {
      return connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  @Override
  public FailureCount recordFailure(String subject, long nowMillis, long windowMillis) {
    long windowStart = nowMillis - windowMillis;
    return call(
        "cannot record the failed sign-in",
        handle ->
            handle.inTransaction(
                tx -> {
                  // Forget counts that can no longer add up, so unknown logins do not pile up.
                  tx.createUpdate("DELETE FROM sign_in_failures WHERE last_failure_at < :start")
                      .bind("start", windowStart)
                      .execute();
                  return tx.createQuery(
                          "INSERT INTO sign_in_failures (subject, failures, last_failure_at)"
                              + " VALUES (:subject, 1, :now) ON CONFLICT (subject) DO UPDATE SET"
                              + " failures = CASE WHEN sign_in_failures.last_failure_at < :start"
                              + " THEN 1 ELSE sign_in_failures.failures + 1 END,"
                              + " last_failure_at = excluded.last_failure_at"
                              + " RETURNING failures, last_failure_at")
                      .bind("subject", subject)
                      .bind("now", nowMillis)
                      .bind("start", windowStart)
                      .map((rs, ctx) -> new FailureCount(rs.getInt(1), rs.getLong(2)))
                      .one();
                }));
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
    try {
      jdbi.useTransaction(
          tx -> {
            tx.createUpdate(
                    "INSERT INTO sources (id, name, client_identifier, created_at)"
                        + " VALUES (:id, :name, :client, :createdAt)")
                .bind("id", source.id())
                .bind("name", source.name())
                .bind("client", source.clientIdentifier())
                .bind("createdAt", createdAtMillis)
                .execute();
            int position = 0;
            for (SourceRow.ConnectionRow c : source.connections()) {
              tx.createUpdate(
                      "INSERT INTO source_connections (source_id, position, protocol, address,"
                          + " port, uri, local, relay) VALUES (:id, :position, :protocol,"
                          + " :address, :port, :uri, :local, :relay)")
                  .bind("id", source.id())
                  .bind("position", position++)
                  .bind("protocol", c.protocol())
                  .bind("address", c.address())
                  .bind("port", c.port())
                  .bind("uri", c.uri())
                  .bind("local", c.local())
                  .bind("relay", c.relay())
                  .execute();
            }
          });
    } catch (JdbiException e) {
      throw translate("cannot add the source", e);
    }
  }

  @Override
  public Optional<SourceRow> findSource(String id) {
    return call("cannot read sources", handle -> findSource(handle, id));
  }

  @Override
  public List<SourceRow> listSources() {
    return call(
        "cannot read sources",
        handle ->
            handle
                .createQuery("SELECT id FROM sources ORDER BY id")
                .mapTo(String.class)
                .list()
                .stream()
                .map(id -> source(handle, id))
                .toList());
  }

  @Override
  public boolean deleteSource(String id) {
    return call(
        "cannot remove the source",
        handle ->
            handle.inTransaction(
                tx -> {
                  tx.createUpdate("DELETE FROM source_connections WHERE source_id = :id")
                      .bind("id", id)
                      .execute();
                  return tx.createUpdate("DELETE FROM sources WHERE id = :id")
                          .bind("id", id)
                          .execute()
                      > 0;
                }));
  }

  @Override
  public void close() {
    dataSource.close();
    synchronized (tokenLookups) {
      tokenLookups.clear(); // closed with their connections
    }
  }

  private static SourceRow source(Handle handle, String id) {
    return findSource(handle, id).orElseThrow();
  }

  private static Optional<SourceRow> findSource(Handle handle, String id) {
    return handle
        .createQuery("SELECT name, client_identifier FROM sources WHERE id = :id")
        .bind("id", id)
        .map(
            (rs, ctx) ->
                new SourceRow(id, rs.getString(1), rs.getString(2), connections(handle, id)))
        .findOne();
  }

  private static List<SourceRow.ConnectionRow> connections(Handle handle, String id) {
    return handle
        .createQuery(
            "SELECT protocol, address, port, uri, local, relay FROM source_connections"
                + " WHERE source_id = :id ORDER BY position")
        .bind("id", id)
        .map(
            (rs, ctx) ->
                new SourceRow.ConnectionRow(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getInt(3),
                    rs.getString(4),
                    rs.getBoolean(5),
                    rs.getBoolean(6)))
        .list();
  }

  private static AccountRow account(ResultSet rs, StatementContext ctx) throws SQLException {
    return account(rs, "created_at");
  }

  private static AccountRow account(ResultSet rs, String createdAtColumn) throws SQLException {
    long step = rs.getLong("totp_last_step");
    Optional<Long> lastStep = rs.wasNull() ? Optional.empty() : Optional.of(step);
    return new AccountRow(
        rs.getLong("id"),
        rs.getString("uuid"),
        rs.getString("username"),
        rs.getString("email"),
        rs.getString("password_hash"),
        Optional.ofNullable(rs.getString("totp_secret")),
        lastStep,
        rs.getBoolean("admin"),
        rs.getString("friendly_name"),
        rs.getString("country"),
        Optional.ofNullable(rs.getString("locale")),
        rs.getLong(createdAtColumn));
  }

  private static TokenRow token(ResultSet rs, StatementContext ctx) throws SQLException {
    return tokenRow(rs);
  }

  private static TokenRow tokenRow(ResultSet rs) throws SQLException {
    return new TokenRow(
        rs.getLong("account_id"),
        rs.getString("client_identifier"),
        rs.getString("token_hash"),
        Optional.ofNullable(rs.getString("product")),
        Optional.ofNullable(rs.getString("version")),
        Optional.ofNullable(rs.getString("platform")),
        Optional.ofNullable(rs.getString("device")),
        rs.getLong("created_at"),
        rs.getLong("remember_until"));
  }

  /** The case-insensitive key of a username or email. */
  static String key(String value) {
    return value.toLowerCase(Locale.ROOT);
  }

  private interface Work<T> {
    T run(Handle handle);
  }

  private <T> T call(String what, Work<T> work) {
    try {
      return jdbi.withHandle(work::run);
    } catch (JdbiException e) {
      throw translate(what, e);
    }
  }

  private static StoreException translate(String what, JdbiException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && isUniqueViolation(sql)) {
        return new DuplicateKeyException(what + ": it already exists", e);
      }
    }
    return new StoreException(what, e);
  }

  private static boolean isUniqueViolation(SQLException e) {
    // PostgreSQL: SQLState 23505. SQLite: SQLITE_CONSTRAINT_UNIQUE (2067) or PRIMARYKEY (1555).
    if ("23505".equals(e.getSQLState())) {
      return true;
    }
    int code = e.getErrorCode();
    String message = String.valueOf(e.getMessage());
    return code == 2067
        || code == 1555
        || (code == 19 && (message.contains("UNIQUE") || message.contains("PRIMARY KEY")));
  }

  private enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String folder;

    Dialect(String folder) {
      this.folder = folder;
    }

    static Dialect of(String jdbcUrl) {
      if (jdbcUrl == null) {
        throw new IllegalArgumentException("jdbcUrl == null");
      }
      if (jdbcUrl.startsWith("jdbc:sqlite:")) {
        return SQLITE;
      }
      if (jdbcUrl.startsWith("jdbc:postgresql:")) {
        return POSTGRESQL;
      }
      throw new IllegalArgumentException(
          "unsupported database URL: use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
    }
  }
}
