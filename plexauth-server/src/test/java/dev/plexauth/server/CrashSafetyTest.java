package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.server.store.JdbcStore;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: the server runs in its own JVM ({@link ServerProcess}) on a data directory while
 * four clients sign in to four accounts (each time from a new device, then minting a transient
 * token) and accounts are added both through the server process and through {@link PlexAuthAdmin}
 * in this process. Mid-load the server gets SIGKILL ({@link Process#destroyForcibly()}, checked by
 * its exit status 137 = 128 + 9). After a restart on the same directory every acknowledged sign-in
 * still works, every acknowledged account is there and can sign in, every transient token is gone,
 * and SQLite's integrity check passes. Three rounds, each killed after at least 1.5 s and six
 * acknowledged sign-ins, with requests in flight; the counts go to {@code
 * target/reliability/crash.md}.
 */
class CrashSafetyTest {

  private static final int ROUNDS = 3;
  private static final int SIGN_IN_WORKERS = 4;
  private static final Duration LOAD = Duration.ofMillis(1500);
  private static final int MIN_SIGN_INS = 6;
  private static final String LOGIN = "crash-user-";
  private static final String PASSWORD = "crash-password";
  private static final int SIGKILL_EXIT = 128 + 9;

  @TempDir Path dataDir;

  private final Queue<String[]> signIns = new ConcurrentLinkedQueue<>();
  private final Queue<String> transients = new ConcurrentLinkedQueue<>();
  private final Queue<String> serverAdditions = new ConcurrentLinkedQueue<>();
  private final Queue<String> adminAdditions = new ConcurrentLinkedQueue<>();
  private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
  private final AtomicInteger cutByTheKill = new AtomicInteger();

  @Test
  void acknowledgedSignInsAndAdditionsSurviveSigkillAndTransientTokensDoNot() throws Exception {
    try (PlexAuthAdmin admin = PlexAuthAdmin.open(dataDir)) {
      // One account per sign-in worker: attempts on one account are judged one at a time.
      for (int w = 0; w < SIGN_IN_WORKERS; w++) {
        admin.addAccount(NewAccount.of(LOGIN + w, "crash-" + w + "@example.com", PASSWORD));
      }
    }
    List<String> rounds = new ArrayList<>();
    List<String> checkedAdditions = new ArrayList<>();
    for (int round = 1; round <= ROUNDS; round++) {
      try (Child child = Child.start(dataDir)) {
        checkedAdditions.addAll(verifyEverythingAcknowledged(child));
        int signInsBefore = signIns.size();
        int serverAddsBefore = serverAdditions.size();
        int adminAddsBefore = adminAdditions.size();
        int exit = loadThenKill(child, round);
        assertThat(exit).as("the server was ended by SIGKILL").isEqualTo(SIGKILL_EXIT);
        assertThat(unexpected).as("failures before the kill").isEmpty();
        rounds.add(
            String.format(
                Locale.ROOT,
                "| %d | %d | %d | %d | %d |",
                round,
                signIns.size() - signInsBefore,
                serverAdditions.size() - serverAddsBefore,
                adminAdditions.size() - adminAddsBefore,
                exit));
      }
    }
    try (Child child = Child.start(dataDir)) {
      checkedAdditions.addAll(verifyEverythingAcknowledged(child));
    }
    assertThat(integrityCheck()).isEqualTo("ok");
    writeReport(rounds, checkedAdditions.size());
  }

  /**
   * Runs sign-ins (with a transient token each) and additions through both processes until the load
   * time has passed and each kind has been acknowledged at least once, then kills the server while
   * they are still running.
   */
  private int loadThenKill(Child child, int round) throws Exception {
    AtomicBoolean killed = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(SIGN_IN_WORKERS + 2);
    int signInsBefore = signIns.size();
    int serverAddsBefore = serverAdditions.size();
    int adminAddsBefore = adminAdditions.size();
    try (PlexAuthAdmin admin = PlexAuthAdmin.open(dataDir)) {
      for (int w = 0; w < SIGN_IN_WORKERS; w++) {
        String login = LOGIN + w;
        String prefix = "r" + round + "-w" + w + "-";
        pool.submit(() -> signInUntilKilled(child, login, prefix, killed));
      }
      pool.submit(() -> addThroughServerUntilKilled(child, "r" + round + "s", killed));
      pool.submit(() -> addThroughAdminUntilKilled(admin, "r" + round + "a", killed));
      long start = System.nanoTime();
      long deadline = start + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline
          && (System.nanoTime() - start < LOAD.toNanos()
              || signIns.size() < signInsBefore + MIN_SIGN_INS
              || serverAdditions.size() == serverAddsBefore
              || adminAdditions.size() == adminAddsBefore)) {
        Thread.sleep(20);
      }
      killed.set(true);
      int exit = child.process().kill();
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("load stopped").isTrue();
      return exit;
    } finally {
      pool.shutdownNow();
    }
  }

  private void signInUntilKilled(Child child, String login, String prefix, AtomicBoolean killed) {
    for (int n = 0; !killed.get(); n++) {
      String device = prefix + n;
      try {
        Http.Response answer = child.http().signIn(device, login, PASSWORD, null);
        if (answer.status() != 201) {
          unexpected.add(device + ": " + answer.status() + " " + answer.body());
          return;
        }
        String token = answer.json().path("authToken").asText();
        signIns.add(new String[] {device, token, login});
        transients.add(child.http().transientToken(token));
      } catch (RuntimeException | AssertionError e) {
        // Refused or cut off: acceptable only once the server is gone.
        if (killed.get()) {
          cutByTheKill.incrementAndGet();
        } else {
          unexpected.add(device + ": " + e);
        }
        return;
      }
    }
  }

  private void addThroughServerUntilKilled(Child child, String prefix, AtomicBoolean killed) {
    for (int n = 0; !killed.get(); n++) {
      String name = prefix + n;
      if (!child.add(name)) {
        if (killed.get()) {
          cutByTheKill.incrementAndGet();
        } else {
          unexpected.add("the server did not acknowledge " + name);
        }
        return;
      }
      serverAdditions.add(name);
    }
  }

  private void addThroughAdminUntilKilled(PlexAuthAdmin admin, String prefix, AtomicBoolean kill) {
    for (int n = 0; !kill.get(); n++) {
      String name = prefix + n;
      try {
        admin.addAccount(NewAccount.of(name, name + "@example.com", "pass-" + name));
        adminAdditions.add(name);
      } catch (RuntimeException e) {
        unexpected.add(name + " through PlexAuthAdmin: " + e);
        return;
      }
    }
  }

  /**
   * Every acknowledged sign-in's token works, every acknowledged account exists, every transient
   * token is refused, and the newest accounts of each kind sign in (their hash was stored whole).
   *
   * @return the accounts whose sign-in was checked
   */
  private List<String> verifyEverythingAcknowledged(Child child) {
    for (String[] signIn : signIns) {
      Http.Response details = child.http().getJson("/api/v2/user", "X-Plex-Token", signIn[1]);
      assertThat(details.status())
          .as("token of the acknowledged sign-in %s", signIn[0])
          .isEqualTo(200);
      assertThat(details.json().path("username").asText()).isEqualTo(signIn[2]);
    }
    for (String token : transients) {
      assertThat(child.http().getJson("/api/v2/user", "X-Plex-Token", token).status())
          .as("a transient token after the restart")
          .isEqualTo(401);
    }
    List<String> all = new ArrayList<>(serverAdditions);
    all.addAll(adminAdditions);
    List<String> stored;
    try (PlexAuthAdmin admin = PlexAuthAdmin.open(dataDir)) {
      stored = admin.listAccounts().stream().map(Account::username).collect(Collectors.toList());
    }
    assertThat(stored).containsAll(all);
    // The newest of each kind (bounded, each costs one Argon2id verification).
    List<String> sample = new ArrayList<>(lastOf(serverAdditions, 6));
    sample.addAll(lastOf(adminAdditions, 3));
    for (String name : sample) {
      assertThat(child.http().signIn("check-" + name, name, "pass-" + name, null).status())
          .as("sign-in of the acknowledged account %s", name)
          .isEqualTo(201);
    }
    return sample;
  }

  private static List<String> lastOf(Queue<String> queue, int n) {
    List<String> all = new ArrayList<>(queue);
    return all.subList(Math.max(0, all.size() - n), all.size());
  }

  private String integrityCheck() throws Exception {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("plexauth.db"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private void writeReport(List<String> rounds, int accountSignIns) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("| round | sign-ins acknowledged | accounts added by the server | ")
        .append("accounts added by PlexAuthAdmin | exit status |\n")
        .append("|---:|---:|---:|---:|---:|\n");
    rounds.forEach(row -> md.append(row).append('\n'));
    md.append(
        String.format(
            Locale.ROOT,
            "%nAfter %d SIGKILLs, which cut %d requests off mid-flight: %d of %d acknowledged sign-ins' tokens work, %d of %d transient"
                + " tokens are refused, %d of %d acknowledged accounts are stored (%d of them"
                + " signed in to check their hash), integrity_check ok.%n",
            rounds.size(),
            cutByTheKill.get(),
            signIns.size(),
            signIns.size(),
            transients.size(),
            transients.size(),
            serverAdditions.size() + adminAdditions.size(),
            serverAdditions.size() + adminAdditions.size(),
            accountSignIns));
    Path report = Path.of("target", "reliability", "crash.md");
    Files.createDirectories(report.getParent());
    Files.writeString(report, md.toString());
  }

  /** The server in its own JVM, and an HTTP client for it. */
  private record Child(ServerProcess process, Http http) implements AutoCloseable {
    static Child start(Path dataDir) {
      ServerProcess process =
          ServerProcess.start("crash", JdbcStore.sqliteUrl(dataDir), Map.of(), 1_000_000);
      return new Child(process, new Http(process.url()));
    }

    /** Asks the server process to add an account; true once it says the account is stored. */
    boolean add(String name) {
      try {
        process.addAccount(name, name + "@example.com", "pass-" + name);
        return true;
      } catch (IllegalStateException e) {
        return false;
      }
    }

    @Override
    public void close() {
      process.close();
    }
  }
}
