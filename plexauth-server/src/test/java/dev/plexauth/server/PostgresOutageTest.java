package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.MutableClock;
import dev.plexauth.server.support.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops while clients sign in and read their token details, then comes back on the same
 * data directory and port. Every request gets an answer within a few seconds (503 with a Plex body
 * while the database is gone, never a hang and never a 401 that would make a client drop a good
 * token); no row is half written; the server serves again without a restart.
 */
class PostgresOutageTest {

  /** Every answer must come sooner than this (the pool waits 3 s for a connection). */
  private static final Duration ANSWER_BOUND = Duration.ofSeconds(10);

  private static final Duration OUTAGE = Duration.ofMillis(3_500);
  private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(30);
  private static final Duration TEST_DEADLINE = Duration.ofSeconds(90);
  private static final int DEVICES = 4;
  private static final int READERS = 2;

  @TempDir Path pgData;

  private enum Phase {
    UP,
    DOWN,
    BACK
  }

  private record Outcome(
      String worker, Phase phase, String kind, int status, long millis, String body) {}

  private volatile Phase phase = Phase.UP;
  private volatile boolean running = true;
  private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();

  @Test
  void losingPostgresUnderLoadAnswers503AndServingResumesWhenItComesBack() throws Exception {
    int port = freePort();
    EmbeddedPostgres postgres = startPostgres(port);
    ExecutorService load = Executors.newFixedThreadPool(DEVICES + READERS);
    long testDeadline = System.nanoTime() + TEST_DEADLINE.toNanos();
    String url = postgres.getJdbcUrl("postgres", "postgres");
    try (Fixture fx =
        Fixture.start(
            new TestDatabase(TestDatabase.Kind.POSTGRESQL, url, null),
            new MutableClock(),
            100_000)) {
      fx.addStandardData();
      List<String> accountsBefore = accounts(url);
      String readerToken =
          fx.http.signInToken("reader", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
      List<List<String>> tokensByDevice = new ArrayList<>();
      for (int i = 0; i < DEVICES; i++) {
        List<String> tokens = new CopyOnWriteArrayList<>();
        tokensByDevice.add(tokens);
        String device = "device-" + i;
        load.submit(() -> signInLoop(fx.http, device, tokens, testDeadline));
      }
      for (int i = 0; i < READERS; i++) {
        String reader = "reader-" + i;
        load.submit(() -> readLoop(fx.http, reader, readerToken, testDeadline));
      }

      awaitEverySuccess(Phase.UP, Duration.ofSeconds(20));
      phase = Phase.DOWN;
      postgres.close();
      Thread.sleep(OUTAGE.toMillis());
      postgres = startPostgres(port);
      phase = Phase.BACK;
      awaitEverySuccess(Phase.BACK, RECOVERY_DEADLINE);

      running = false;
      load.shutdown();
      assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).as("load stopped").isTrue();

      assertThat(outcomes).as("requests that got no answer").noneMatch(o -> o.status() < 0);
      assertThat(outcomes.stream().mapToLong(Outcome::millis).max().orElse(0))
          .as("slowest answer (ms)")
          .isLessThan(ANSWER_BOUND.toMillis());
      assertThat(outcomes)
          .as("only successes and 503: a lost database is never a bad token or password")
          .allMatch(o -> o.status() == 200 || o.status() == 201 || o.status() == 503);
      List<Outcome> unavailable = outcomes.stream().filter(o -> o.status() == 503).toList();
      assertThat(unavailable).as("503 answers").isNotEmpty();
      assertThat(unavailable)
          .allSatisfy(
              o -> {
                assertThat(o.body()).contains("\"code\":1007").contains("database");
              });
      assertThat(outcomes.stream().filter(o -> o.phase() == Phase.DOWN))
          .as("answers while PostgreSQL was down")
          .anyMatch(o -> o.status() == 503);

      // Nothing half written: accounts intact, one token row per device, and of all the tokens a
      // device was ever given only its newest sign-in's token works.
      assertThat(accounts(url)).isEqualTo(accountsBefore);
      assertThat(failureRows(url)).isZero();
      for (int i = 0; i < DEVICES; i++) {
        String device = "device-" + i;
        String latest = fx.http.signInToken(device, Fixture.USER, Fixture.USER_PASSWORD, null);
        assertThat(tokenRows(url, device)).as(device + " token rows").isEqualTo(1);
        for (String earlier : tokensByDevice.get(i)) {
          assertThat(status(fx.http, earlier)).as(device + " earlier token").isEqualTo(401);
        }
        assertThat(status(fx.http, latest)).isEqualTo(200);
      }
      assertThat(status(fx.http, readerToken)).isEqualTo(200);
    } finally {
      running = false;
      load.shutdownNow();
      postgres.close();
    }
  }

  private void signInLoop(Http http, String device, List<String> tokens, long deadline) {
    String current = null;
    while (running && System.nanoTime() < deadline) {
      Http.Response signIn =
          timed(
              device,
              "signin",
              () -> http.signIn(device, Fixture.USER, Fixture.USER_PASSWORD, null));
      if (signIn != null && signIn.status() == 201) {
        current = signIn.json().path("authToken").asText();
        tokens.add(current);
      }
      if (current != null) {
        String token = current;
        timed(device, "user", () -> http.getJson("/api/v2/user", "X-Plex-Token", token));
      }
    }
  }

  private void readLoop(Http http, String reader, String token, long deadline) {
    while (running && System.nanoTime() < deadline) {
      timed(reader, "user", () -> http.getJson("/api/v2/user", "X-Plex-Token", token));
    }
  }

  /** Sends a request and records how it went; the answer, or null when none came. */
  private Http.Response timed(String worker, String kind, Supplier<Http.Response> request) {
    Phase started = phase;
    long start = System.nanoTime();
    try {
      Http.Response response = request.get();
      outcomes.add(
          new Outcome(
              worker, started, kind, response.status(), millisSince(start), response.body()));
      return response;
    } catch (RuntimeException e) {
      outcomes.add(new Outcome(worker, started, kind, -1, millisSince(start), e.toString()));
      return null;
    }
  }

  private void awaitEverySuccess(Phase wanted, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Map<String, Boolean> succeeded =
          outcomes.stream()
              .filter(o -> o.phase() == wanted)
              .collect(
                  Collectors.toMap(
                      Outcome::worker,
                      o -> o.status() == 200 || o.status() == 201,
                      (x, y) -> x || y));
      if (succeeded.size() == DEVICES + READERS && !succeeded.containsValue(false)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "not every client succeeded in phase " + wanted + " within " + timeout + ": " + outcomes);
  }

  private EmbeddedPostgres startPostgres(int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setPort(port)
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        .start();
  }

  private static int status(Http http, String token) {
    return http.getJson("/api/v2/user", "X-Plex-Token", token).status();
  }

  private static List<String> accounts(String url) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT id, uuid, username, email, password_hash, totp_secret, admin"
                    + " FROM accounts ORDER BY id")) {
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= 7; i++) {
          row.append(rs.getString(i)).append('|');
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private static int tokenRows(String url, String device) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM account_tokens WHERE client_identifier = '" + device + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static int failureRows(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sign_in_failures")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
