package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.StoreDump;
import dev.plexauth.server.support.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simultaneous sign-ins: 32 clients on one device identifier and 32 on different ones, all released
 * at once. Devices never multiply, no sign-in is lost, and the one token left for the shared device
 * is the last one the store committed: the one its single row holds the hash of.
 */
class ConcurrentSignInTest {

  private static final int CLIENTS = 32;

  @TempDir Path dataDir;

  /** The database each test runs on; {@link PostgresWireTest} overrides it. */
  TestDatabase database(Path dataDir) {
    return TestDatabase.sqlite(dataDir);
  }

  @Test
  void simultaneousSignInsFromOneDeviceLeaveOneTokenAndFromManyDevicesOneEach() throws Exception {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      ExecutorService pool = Executors.newFixedThreadPool(2 * CLIENTS);
      List<Future<Http.Response>> shared = new ArrayList<>();
      List<Future<Http.Response>> separate = new ArrayList<>();
      try {
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < CLIENTS; i++) {
          String device = "device-" + i;
          shared.add(
              pool.submit(
                  () -> {
                    start.await();
                    return fx.http.signIn("shared", Fixture.USER, Fixture.USER_PASSWORD, null);
                  }));
          separate.add(
              pool.submit(
                  () -> {
                    start.await();
                    return fx.http.signIn(device, Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
                  }));
        }
        start.countDown();
        List<String> sharedTokens = tokens(shared);
        List<String> separateTokens = tokens(separate);

        // Judged only once every sign-in has finished.
        assertThat(sharedTokens).doesNotHaveDuplicates().hasSize(CLIENTS);
        assertThat(separateTokens).doesNotHaveDuplicates().hasSize(CLIENTS);
        List<String> sharedValid = sharedTokens.stream().filter(valid(fx)).toList();
        assertThat(sharedValid).as("tokens that still work for the shared device").hasSize(1);
        assertThat(separateTokens).allMatch(valid(fx));

        List<String> rows = StoreDump.of(fx.database);
        long alice = fx.user.account().id();
        long admin = fx.admin.account().id();
        assertThat(tokenRows(rows, alice)).containsExactly(hashRow("shared", sharedValid.get(0)));
        assertThat(tokenRows(rows, admin))
            .containsExactlyInAnyOrderElementsOf(
                separateTokens.stream()
                    .map(t -> hashRow("device-" + separateTokens.indexOf(t), t))
                    .toList());

        // Signing in again from the shared device replaces the survivor, as any later sign-in.
        String later = fx.http.signInToken("shared", Fixture.USER, Fixture.USER_PASSWORD, null);
        assertThat(valid(fx).test(sharedValid.get(0))).isFalse();
        assertThat(valid(fx).test(later)).isTrue();
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static List<String> tokens(List<Future<Http.Response>> futures) throws Exception {
    List<String> tokens = new ArrayList<>();
    for (Future<Http.Response> f : futures) {
      Http.Response response = f.get(120, TimeUnit.SECONDS);
      assertThat(response.status()).as(response.body()).isEqualTo(201);
      tokens.add(response.json().path("authToken").asText());
    }
    return tokens;
  }

  private static Predicate<String> valid(Fixture fx) {
    return token -> fx.http.getJson("/api/v2/user", "X-Plex-Token", token).status() == 200;
  }

  /** "client=hash" of every account_tokens row of an account. */
  private static List<String> tokenRows(List<String> rows, long accountId) {
    return rows.stream()
        .filter(
            row ->
                row.startsWith("account_tokens:") && row.contains(";account_id=" + accountId + ";"))
        .map(
            row ->
                row.replaceAll(".*;client_identifier=([^;]*);.*", "$1")
                    + "="
                    + row.replaceAll(".*;token_hash=([0-9a-f]{64});.*", "$1"))
        .collect(Collectors.toList());
  }

  private static String hashRow(String client, String token) {
    return client + "=" + MalformedRequests.sha256(token);
  }
}
