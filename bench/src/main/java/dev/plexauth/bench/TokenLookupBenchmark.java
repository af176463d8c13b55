package dev.plexauth.bench;

import dev.plexauth.server.store.JdbcStore;
import dev.plexauth.server.store.NewAccountRow;
import dev.plexauth.server.store.TokenRow;
import dev.plexauth.server.store.TokenWithAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The lookup behind every authenticated request, on SQLite, one thread: through the store (HikariCP
 * and Jdbi, as the server does it) against the same SELECT in plain JDBC on one connection,
 * prepared for every lookup or prepared once. It tells how much of a request's database time is the
 * access layer and how much is SQLite preparing the statement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenLookupBenchmark {

  private static final String SQL =
      "SELECT t.account_id, t.client_identifier, t.token_hash, t.product, t.version, t.platform,"
          + " t.device, t.created_at, t.remember_until, a.id, a.uuid, a.username, a.email,"
          + " a.password_hash, a.totp_secret, a.totp_last_step, a.admin, a.friendly_name,"
          + " a.country, a.locale, a.created_at AS account_created_at"
          + " FROM account_tokens t JOIN accounts a ON a.id = t.account_id"
          + " WHERE t.token_hash = ?";
  private static final String HASH = "a".repeat(64);

  private Path dir;
  private JdbcStore store;
  private Connection connection;
  private PreparedStatement prepared;

  /** A database with one account and one token, opened through the store and through JDBC. */
  @Setup(Level.Trial)
  public void open() throws IOException, SQLException {
    dir = Files.createTempDirectory("plexauth-bench-lookup");
    store = JdbcStore.open(JdbcStore.sqliteUrl(dir));
    long id =
        store
            .insertAccount(
                new NewAccountRow(
                    "0123456789abcdef",
                    "bench",
                    "bench@example.com",
                    "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA",
                    Optional.empty(),
                    true,
                    1_000L))
            .id();
    store.saveAccountToken(
        new TokenRow(
            id,
            "bench",
            HASH,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            2_000L,
            3_000L));
    connection = DriverManager.getConnection(JdbcStore.sqliteUrl(dir));
    prepared = connection.prepareStatement(SQL);
  }

  /** Closes everything and removes the database. */
  @TearDown(Level.Trial)
  public void close() throws IOException, SQLException {
    prepared.close();
    connection.close();
    store.close();
    try (var files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.delete(file);
      }
    }
    Files.delete(dir);
  }

  /**
   * The store's lookup, as the server runs it.
   *
   * @return the row
   */
  @Benchmark
  public Optional<TokenWithAccount> store() {
    return store.findAccountTokenWithAccount(HASH);
  }

  /**
   * Plain JDBC, the statement prepared for this lookup.
   *
   * @return the account id
   * @throws SQLException on a database error
   */
  @Benchmark
  public long jdbcPreparedEachTime() throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(SQL)) {
      return read(statement);
    }
  }

  /**
   * Plain JDBC, the statement prepared once.
   *
   * @return the account id
   * @throws SQLException on a database error
   */
  @Benchmark
  public long jdbcPreparedOnce() throws SQLException {
    return read(prepared);
  }

  private static long read(PreparedStatement statement) throws SQLException {
    statement.setString(1, HASH);
    try (ResultSet rs = statement.executeQuery()) {
      long sum = 0;
      while (rs.next()) {
        for (int column = 1; column <= 21; column++) {
          String value = rs.getString(column);
          sum += value == null ? 0 : value.length();
        }
      }
      return sum;
    }
  }
}
