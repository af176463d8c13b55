package dev.plexauth.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plexauth.sdk.models.Connection;
import dev.plexauth.server.store.Reservation.Status;
import dev.plexauth.server.support.TestDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** What every {@link Store} must do, run against each database plexauth supports. */
abstract class StoreContract {

  /** A fresh, empty store. */
  abstract Store store();

  /** The database of the last {@link #store()}, to look behind its back. */
  abstract TestDatabase database();

  private static final java.util.concurrent.atomic.AtomicLong UUIDS =
      new java.util.concurrent.atomic.AtomicLong();

  private static NewAccountRow account(String username, String email) {
    return new NewAccountRow(
        String.format("%016x", UUIDS.incrementAndGet()),
        username,
        email,
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        Optional.empty(),
        false,
        1_000L);
  }

  private static NewAccountRow accountWithTotp(String username, String totpSecret) {
    NewAccountRow plain = account(username, username + "@example.com");
    return new NewAccountRow(
        plain.uuid(),
        plain.username(),
        plain.email(),
        plain.passwordHash(),
        Optional.of(totpSecret),
        false,
        1_000L);
  }

  private static TokenRow token(long accountId, String client, String hash) {
    return token(accountId, client, hash, 2_000L);
  }

  private static TokenRow token(long accountId, String client, String hash, long createdAtMillis) {
    return new TokenRow(
        accountId,
        client,
        hash,
        Optional.of("product"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        createdAtMillis,
        3_000L);
  }

  @Test
  void accountsAreFoundByUsernameOrEmailIgnoringCaseAndAreUnique() {
    Store store = store();
    AccountRow alice = store.insertAccount(account("Alice", "Alice@Example.com"));

    assertThat(store.findAccountByLogin("alice")).contains(alice);
    assertThat(store.findAccountByLogin("ALICE@example.COM")).contains(alice);
    assertThat(store.countAccounts()).isEqualTo(1);
    assertThatThrownBy(() -> store.insertAccount(account("ALICE", "other@example.com")))
        .isInstanceOf(DuplicateKeyException.class);
    assertThatThrownBy(() -> store.insertAccount(account("other", "alice@EXAMPLE.com")))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(store.listAccounts()).containsExactly(alice);
  }

  @Test
  void onlyAccountsWithATotpSecretNotSealedAreListedForSealing() {
    Store store = store();
    store.insertAccount(account("nototp", "nototp@example.com"));
    store.insertAccount(accountWithTotp("sealed", "v1.c2VhbGVk"));
    AccountRow plain = store.insertAccount(accountWithTotp("plain", "JBSWY3DPEHPK3PXP"));
    AccountRow shortOne = store.insertAccount(accountWithTotp("short", "v1"));

    assertThat(store.listAccountsWithTotpSecretNotStartingWith("v1."))
        .containsExactly(plain, shortOne);
    assertThat(store.listAccountsWithTotpSecretNotStartingWith("JBSWY3DPEHPK3PXP-and-more"))
        .extracting(AccountRow::username)
        .containsExactly("sealed", "plain", "short");
  }

  @Test
  void oneTokenPerAccountAndClientIsReplacedInPlace() {
    Store store = store();
    long id = store.insertAccount(account("bob", "bob@example.com")).id();

    store.saveAccountToken(token(id, "device", "hash-1"));
    store.saveAccountToken(token(id, "other", "hash-2"));
    store.saveAccountToken(token(id, "device", "hash-3"));

    assertThat(store.findAccountTokenWithAccount("hash-1")).isEmpty();
    assertThat(store.findAccountTokenWithAccount("hash-2")).isPresent();
    assertThat(store.findAccountTokenWithAccount("hash-3").map(TokenWithAccount::token))
        .get()
        .satisfies(
            row -> {
              assertThat(row.clientIdentifier()).isEqualTo("device");
              assertThat(row.product()).contains("product");
              assertThat(row.rememberUntilMillis()).isEqualTo(3_000L);
            });
    assertThat(store.deleteAccount(id)).isTrue();
    assertThat(store.findAccountTokenWithAccount("hash-2")).isEmpty();
    assertThat(store.deleteAccount(id)).isFalse();
    // The tokens went with the account (not merely out of the join): their hashes are free again.
    long other = store.insertAccount(account("bob2", "bob2@example.com")).id();
    store.saveAccountToken(token(other, "device", "hash-2"));
    assertThat(store.findAccountTokenWithAccount("hash-2").orElseThrow().account().id())
        .isEqualTo(other);
  }

  @Test
  void aTokenIsFoundWithItsAccountInOneLookup() {
    Store store = store();
    long dave = store.insertAccount(account("dave", "dave@example.com")).id();
    AccountRow erin = store.insertAccount(account("erin", "erin@example.com"));
    // Two tokens first, so the token's own row id differs from its account's id.
    store.saveAccountToken(token(dave, "a", "hash-a"));
    store.saveAccountToken(token(dave, "b", "hash-b"));
    store.saveAccountToken(token(erin.id(), "c", "hash-c"));

    assertThat(store.findAccountTokenWithAccount("hash-c"))
        .contains(new TokenWithAccount(token(erin.id(), "c", "hash-c"), erin));
    assertThat(
            store.findAccountTokenWithAccount("hash-c").orElseThrow().account().createdAtMillis())
        .isEqualTo(1_000L);
    assertThat(store.findAccountTokenWithAccount("hash-c").orElseThrow().token().createdAtMillis())
        .isEqualTo(2_000L);
    assertThat(store.findAccountTokenWithAccount("nope")).isEmpty();
  }

  @Test
  void tokenLookupsFromManyThreadsAtOnceEachFindTheirOwnToken() throws Exception {
    Store store = store();
    List<AccountRow> accounts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      AccountRow account = store.insertAccount(account("user" + i, "user" + i + "@example.com"));
      store.saveAccountToken(token(account.id(), "device", "hash-user-" + i));
      accounts.add(account);
    }
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = i;
        results.add(
            threads.submit(
                () -> {
                  for (int round = 0; round < 200; round++) {
                    TokenWithAccount found =
                        store.findAccountTokenWithAccount("hash-user-" + n).orElseThrow();
                    if (!found.account().equals(accounts.get(n))) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      threads.shutdown();
    }
  }

  @Test
  void totpStepsOnlyMoveForward() {
    Store store = store();
    long id = store.insertAccount(account("carol", "carol@example.com")).id();

    assertThat(store.advanceTotpStep(id, 100)).isTrue();
    assertThat(store.advanceTotpStep(id, 100)).isFalse();
    assertThat(store.advanceTotpStep(id, 99)).isFalse();
    assertThat(store.advanceTotpStep(id, 101)).isTrue();
    assertThat(store.findAccountByLogin("carol").orElseThrow().totpLastStep()).contains(101L);
  }

  @Test
  void failuresAddUpWithinTheWindowAndRestartAfterIt() {
    Store store = store();

    assertThat(store.recordFailure("s", 1_000, 500)).isEqualTo(new FailureCount(1, 1_000));
    assertThat(store.recordFailure("s", 1_400, 500)).isEqualTo(new FailureCount(2, 1_400));
    assertThat(store.recordFailure("s", 2_000, 500)).isEqualTo(new FailureCount(1, 2_000));
    assertThat(store.findFailures("s")).contains(new FailureCount(1, 2_000));
    store.clearFailures("s");
    assertThat(store.findFailures("s")).isEmpty();
  }

  @Test
  void anAttemptIsReservedWhileInFlightLockedByItsFailuresAndPendingOnThoseAhead() {
    Store store = store();
    Predicate<FailureCount> fromTwo = count -> count.failures() >= 2;

    assertThat(reserve(store, "s", 1_000, fromTwo).status()).isEqualTo(Status.RESERVED);
    assertThat(reserve(store, "s", 1_100, fromTwo).status()).isEqualTo(Status.RESERVED);
    // Should both in flight fail, the subject is locked by this one's turn: it must wait.
    assertThat(reserve(store, "s", 1_200, fromTwo).status()).isEqualTo(Status.PENDING);
    // One in flight settles without a failure: there is room again.
    store.releaseAttempt("s");
    assertThat(reserve(store, "s", 1_300, fromTwo).status()).isEqualTo(Status.RESERVED);
    // One fails: should the other fail too, the lock engages; wait for it.
    assertThat(store.recordFailure("s", 1_400, 10_000)).isEqualTo(new FailureCount(1, 1_400));
    assertThat(reserve(store, "s", 1_500, fromTwo).status()).isEqualTo(Status.PENDING);
    assertThat(store.recordFailure("s", 1_600, 10_000)).isEqualTo(new FailureCount(2, 1_600));
    assertThat(reserve(store, "s", 1_700, fromTwo))
        .isEqualTo(new Reservation(Status.LOCKED, new FailureCount(2, 1_600)));
    // An attempt left in flight by a stopped process stops counting after the stale time.
    store.clearFailures("s");
    assertThat(reserve(store, "t", 2_000, fromTwo).status()).isEqualTo(Status.RESERVED);
    assertThat(reserve(store, "t", 2_000, fromTwo).status()).isEqualTo(Status.RESERVED);
    assertThat(reserve(store, "t", 2_000 + STALE - 1, fromTwo).status()).isEqualTo(Status.PENDING);
    assertThat(reserve(store, "t", 2_000 + STALE + 1, fromTwo).status()).isEqualTo(Status.RESERVED);
  }

  @Test
  void concurrentReservationsStopWhereTheLockCouldEngage() throws Exception {
    Store store = store();
    Predicate<FailureCount> fromFive = count -> count.failures() >= 5;
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Reservation>> results = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        results.add(threads.submit(() -> reserve(store, "s", 1_000, fromFive)));
      }
      int reserved = 0;
      for (Future<Reservation> result : results) {
        reserved += result.get().status() == Status.RESERVED ? 1 : 0;
      }
      assertThat(reserved).isEqualTo(5);
    } finally {
      threads.shutdown();
    }
  }

  private static final long STALE = 60_000;

  private static Reservation reserve(
      Store store, String subject, long now, Predicate<FailureCount> locked) {
    return store.reserveAttempt(subject, now, 100_000, STALE, locked);
  }

  @Test
  void sourcesKeepTheirConnectionsInOrder() {
    Store store = store();
    List<Connection> connections =
        List.of(
            new Connection("https", "b.example", 443, "https://b.example", false, true),
            new Connection("http", "a.example", 80, "http://a.example", true, false));
    SourceRow source = new SourceRow("server://abc", "ABC", "abc", connections);

    store.insertSource(source, 5_000);

    SourceRow stored = new SourceRow("server://abc", "ABC", "abc", connections, 5_000);
    assertThat(store.findSource("server://abc")).contains(stored);
    assertThat(store.listSources()).containsExactly(stored);
    assertThatThrownBy(() -> store.insertSource(source, 6_000))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(store.deleteSource("server://abc")).isTrue();
    assertThat(store.findSource("server://abc")).isEmpty();
    assertThat(store.deleteSource("server://abc")).isFalse();
    // The connections went with the source: the same id starts again with only its new ones.
    SourceRow again = new SourceRow("server://abc", "ABC", "abc", connections.subList(1, 2));
    store.insertSource(again, 7_000);
    assertThat(store.findSource("server://abc"))
        .contains(new SourceRow("server://abc", "ABC", "abc", connections.subList(1, 2), 7_000));
  }

  @Test
  void aSourceWithoutConnectionsIsFoundWithNone() {
    Store store = store();
    SourceRow bare = new SourceRow("server://bare", "Bare", "bare", List.of());

    store.insertSource(bare, 5_000);

    assertThat(store.findSource("server://bare"))
        .contains(new SourceRow("server://bare", "Bare", "bare", List.of(), 5_000));
    assertThat(store.findSource("server://bare").orElseThrow().connections()).isEmpty();
    assertThat(store.findSource("server://other")).isEmpty();
  }

  @Test
  void sourcesAreListedByIdWithTheirConnectionsInOrderAndSharedOnesPerAccount() {
    Store store = store();
    long alice = store.insertAccount(account("alice", "alice@example.com")).id();
    long bob = store.insertAccount(account("bob", "bob@example.com")).id();
    List<Connection> connections =
        List.of(
            new Connection("https", "b.example", 443, "https://b.example", false, true),
            new Connection("http", "a.example", 80, "http://a.example", true, false),
            new Connection("http", "c.example", 81, "http://c.example:81", true, false));
    SourceRow c = new SourceRow("server://c", "C", "c", connections.subList(2, 3), 3_000);
    SourceRow a = new SourceRow("server://a", "A", "a", connections, 1_000);
    SourceRow b = new SourceRow("server://b", "B", "b", List.of(), 2_000);
    for (SourceRow source : List.of(c, a, b)) {
      store.insertSource(source, source.createdAtMillis());
    }
    store.shareSource("server://c", alice, 4_000);
    store.shareSource("server://b", alice, 4_000);

    assertThat(store.listSources()).containsExactly(a, b, c);
    assertThat(store.listSourcesSharedWith(alice)).containsExactly(b, c);
    assertThat(store.listSourcesSharedWith(bob)).isEmpty();
    store.unshareSource("server://c", alice);
    store.deleteSource("server://b");
    assertThat(store.listSourcesSharedWith(alice)).isEmpty();
    assertThat(store.listSources()).containsExactly(a, c);
  }

  @Test
  void devicesAreListedMostRecentlySeenFirstAndOnlyTheAccounts() {
    Store store = store();
    long alice = store.insertAccount(account("alice", "alice@example.com")).id();
    long bob = store.insertAccount(account("bob", "bob@example.com")).id();
    store.saveAccountToken(token(alice, "old", "hash-old", 1_000));
    store.saveAccountToken(token(alice, "new", "hash-new", 3_000));
    store.saveAccountToken(token(alice, "used", "hash-used", 2_000));
    store.saveAccountToken(token(bob, "bobs", "hash-bob", 9_000));
    assertThat(store.markAccountTokenUsed("hash-used", 5_000, 5_000)).isTrue();

    List<DeviceRow> devices = store.listDevices(alice);

    assertThat(devices)
        .extracting(DeviceRow::clientIdentifier)
        .containsExactly("used", "new", "old");
    assertThat(devices)
        .extracting(DeviceRow::lastSeenAtMillis)
        .containsExactly(5_000L, 3_000L, 1_000L);
    assertThat(devices.get(0).createdAtMillis()).isEqualTo(2_000L);
    assertThat(devices.get(0).tokenHash()).isEqualTo("hash-used");
    assertThat(devices.get(0).product()).contains("product");
    assertThat(devices.get(0).version()).isEmpty();
    assertThat(devices).extracting(DeviceRow::deviceId).doesNotHaveDuplicates();
    assertThat(store.listDevices(bob)).extracting(DeviceRow::tokenHash).containsExactly("hash-bob");
  }

  @Test
  void resourceTokensStoredAlreadyAreNotWrittenAgain() throws SQLException {
    Store store = store();
    long alice = store.insertAccount(account("alice", "alice@example.com")).id();
    store.saveAccountToken(token(alice, "tv", "parent"));
    store.insertSource(new SourceRow("server://den", "Den", "den", List.of()), 1_000);
    store.shareSource("server://den", alice, 1_000);
    store.saveResourceTokens(alice, "parent", Map.of(Store.THIS_SERVER, "self-hash"), 2_000);

    java.sql.Connection blocking = database().blockWrites("resource_tokens");
    try {
      // With every token stored, saving them again must not wait for the lock another holds.
      store.saveResourceTokens(alice, "parent", Map.of(Store.THIS_SERVER, "self-hash"), 3_000);
    } finally {
      blocking.close();
    }
    Map<String, String> both = new LinkedHashMap<>();
    both.put(Store.THIS_SERVER, "self-hash");
    both.put("server://den", "den-hash");
    store.saveResourceTokens(alice, "parent", both, 4_000);
    store.saveResourceTokens(alice, "parent", both, 5_000);

    assertThat(resourceTokenRows("parent")).containsExactly("self-hash 2000", "den-hash 4000");
    assertThat(store.findResourceToken("den-hash").map(ResourceTokenWithAccount::resource))
        .contains("server://den");
    assertThat(store.findResourceToken("self-hash").map(ResourceTokenWithAccount::resource))
        .contains(Store.THIS_SERVER);
  }

  @Test
  void aResourceTokenOfARemovedShareIsStoredAgainWhenSharedAndListedAgain() {
    Store store = store();
    long alice = store.insertAccount(account("alice", "alice@example.com")).id();
    store.saveAccountToken(token(alice, "tv", "parent"));
    store.insertSource(new SourceRow("server://den", "Den", "den", List.of()), 1_000);
    store.shareSource("server://den", alice, 1_000);
    Map<String, String> den = Map.of("server://den", "den-hash");
    store.saveResourceTokens(alice, "parent", den, 2_000);

    store.unshareSource("server://den", alice);
    assertThat(store.findResourceToken("den-hash")).isEmpty();
    store.shareSource("server://den", alice, 3_000);
    assertThat(store.findResourceToken("den-hash"))
        .as("sharing again brings back no token")
        .isEmpty();
    store.saveResourceTokens(alice, "parent", den, 4_000);

    assertThat(store.findResourceToken("den-hash")).isPresent();
  }

  /** The resource tokens stored for a parent, as "hash created_at", oldest first. */
  private List<String> resourceTokenRows(String parentTokenHash) throws SQLException {
    try (java.sql.Connection db = database().connect();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT token_hash, created_at FROM resource_tokens"
                    + " WHERE parent_token_hash = ? ORDER BY created_at")) {
      query.setString(1, parentTokenHash);
      List<String> rows = new ArrayList<>();
      try (ResultSet found = query.executeQuery()) {
        while (found.next()) {
          rows.add(found.getString(1) + " " + found.getLong(2));
        }
      }
      return rows;
    }
  }
}
