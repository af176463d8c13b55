package dev.plexauth.bench;

import dev.plexauth.server.NewAccount;
import dev.plexauth.server.PlexAuthServer;
import dev.plexauth.server.Source;
import dev.plexauth.server.auth.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Fills a plexauth database for the scale runs: the server's own schema (the server is started once
 * on it, so Flyway migrates it and the secret key is set up as {@code serve} does), an admin
 * account {@code bench-admin} with one account token, the source {@code server://bench-source},
 * then filler accounts and their account tokens by batched JDBC inserts, not the HTTP API.
 *
 * <pre>
 * java -cp plexauth-bench.jar dev.plexauth.bench.FillDatabase (DATA_DIR | JDBC_URL) ACCOUNTS TOKENS
 * </pre>
 *
 * ACCOUNTS and TOKENS count everything, the admin and its token included; the tokens are spread
 * over the accounts, one per client identifier. Every filler account has the same Argon2id hash (of
 * {@code filler-password}, hashed once): hashing 100,000 passwords would take over an hour and a
 * lookup does not read the hash. A token is stored as the server stores it, the lower-case hex
 * SHA-256 of its UTF-8 bytes. On PostgreSQL the password comes from {@code PLEXAUTH_DB_PASSWORD}
 * and the secret key from {@code PLEXAUTH_SECRET_KEY}, as for {@code serve}. Prints {@code token
 * VALUE} (the admin's account token) and {@code filled A accounts and T tokens in S s}.
 */
public final class FillDatabase {

  private static final int BATCH = 10_000;

  private FillDatabase() {}

  /**
   * Fills the database.
   *
   * @param args the data directory or JDBC URL, the accounts and the tokens
   * @throws SQLException when an insert fails
   */
  public static void main(String[] args) throws SQLException {
    if (args.length != 3) {
      throw new IllegalArgumentException(
          "usage: FillDatabase (DATA_DIR | JDBC_URL) ACCOUNTS TOKENS");
    }
    int accounts = Integer.parseInt(args[1]);
    int tokens = Integer.parseInt(args[2]);
    if (accounts < 1 || tokens < 1) {
      throw new IllegalArgumentException("ACCOUNTS and TOKENS must be at least 1");
    }
    long started = System.nanoTime();
    boolean jdbc = args[0].startsWith("jdbc:");
    String url = jdbc ? args[0] : "jdbc:sqlite:" + Path.of(args[0]).resolve("plexauth.db");

    PlexAuthServer.Builder builder =
        PlexAuthServer.builder().port(0).createOwnerOnFirstStart(false);
    if (jdbc) {
      builder.jdbcUrl(url);
    } else {
      builder.dataDir(Path.of(args[0]));
    }
    try (PlexAuthServer server = builder.build().start()) {
      server.addAccount(
          NewAccount.of("bench-admin", "bench-admin@example.com", "bench-admin-password")
              .asAdmin());
      server.addSource(new Source("server://bench-source", "Bench", "bench-source", List.of()));
    }
    String fillerHash = new PasswordHasher().hash("filler-password");
    String adminToken = randomToken();

    String password = System.getenv("PLEXAUTH_DB_PASSWORD");
    try (Connection db =
        password == null
            ? DriverManager.getConnection(url)
            : DriverManager.getConnection(url, null, password)) {
      if (!jdbc || url.startsWith("jdbc:sqlite:")) {
        // The fill is redone from scratch when it fails: no need to wait for the disk per batch.
        try (Statement pragma = db.createStatement()) {
          pragma.execute("PRAGMA synchronous=OFF");
        }
      }
      db.setAutoCommit(false);
      long now = System.currentTimeMillis();
      insertAccounts(db, accounts - 1, fillerHash, now);
      List<Long> ids = new ArrayList<>();
      try (Statement select = db.createStatement();
          ResultSet rows = select.executeQuery("SELECT id FROM accounts ORDER BY id")) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
      long adminId = ids.get(0);
      try (PreparedStatement insert = db.prepareStatement(INSERT_TOKEN)) {
        addToken(insert, adminId, "bench-admin-client", adminToken, now);
        for (int i = 1; i < tokens; i++) {
          // Token i goes to account i mod N, with client identifier i: unique per account.
          addToken(insert, ids.get(i % ids.size()), "fill-" + i, "fill-token-" + i, now);
          if (i % BATCH == 0) {
            insert.executeBatch();
            db.commit();
          }
        }
        insert.executeBatch();
        db.commit();
      }
    }
    System.out.println("token " + adminToken);
    System.out.printf(
        Locale.ROOT,
        "filled %d accounts and %d tokens in %.1f s%n",
        accounts,
        tokens,
        (System.nanoTime() - started) / 1e9);
  }

  private static final String INSERT_TOKEN =
      "INSERT INTO account_tokens (account_id, client_identifier, token_hash, product, created_at,"
          + " remember_until, last_used_at) VALUES (?, ?, ?, 'plexauth-bench', ?, ?, ?)";

  private static void insertAccounts(Connection db, int count, String hash, long now)
      throws SQLException {
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO accounts (uuid, username, username_key, email, email_key,"
                + " password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 1; i <= count; i++) {
        String username = "filler" + i;
        String email = username + "@example.com";
        insert.setString(1, UUID.randomUUID().toString());
        insert.setString(2, username);
        insert.setString(3, username);
        insert.setString(4, email);
        insert.setString(5, email);
        insert.setString(6, hash);
        insert.setLong(7, now);
        insert.addBatch();
        if (i % BATCH == 0) {
          insert.executeBatch();
          db.commit();
        }
      }
      insert.executeBatch();
      db.commit();
    }
  }

  private static void addToken(
      PreparedStatement insert, long accountId, String client, String token, long now)
      throws SQLException {
    insert.setLong(1, accountId);
    insert.setString(2, client);
    insert.setString(3, sha256Hex(token));
    insert.setLong(4, now);
    insert.setLong(5, now);
    insert.setLong(6, now);
    insert.addBatch();
  }

  /** As the server stores a token: the lower-case hex SHA-256 of its UTF-8 bytes. */
  private static String sha256Hex(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
