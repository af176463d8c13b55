package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Simultaneous sign-ins: devices never multiply and nothing fails. */
class ConcurrentSignInTest {

  @TempDir Path dataDir;

  /** The database each test runs on; {@link PostgresWireTest} overrides it. */
  TestDatabase database(Path dataDir) {
    return TestDatabase.sqlite(dataDir);
  }

  @Test
  void simultaneousSignInsFromOneClientLeaveOneTokenAndFromManyClientsOneEach() throws Exception {
    int clients = 8;
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      try {
        List<Future<Http.Response>> same = new ArrayList<>();
        List<Future<Http.Response>> different = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
          int n = i;
          same.add(
              pool.submit(
                  () -> fx.http.signIn("shared", Fixture.USER, Fixture.USER_PASSWORD, null)));
          different.add(
              pool.submit(
                  () ->
                      fx.http.signIn("device-" + n, Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null)));
        }
        List<Http.Response> sameAnswers = new ArrayList<>();
        for (Future<Http.Response> f : same) {
          sameAnswers.add(f.get());
        }
        List<Http.Response> differentAnswers = new ArrayList<>();
        for (Future<Http.Response> f : different) {
          differentAnswers.add(f.get());
        }
        // Check validity only once every sign-in has finished.
        assertThat(sameAnswers).allMatch(r -> r.status() == 201);
        assertThat(differentAnswers).allMatch(r -> r.status() == 201);
        long sameValid = sameAnswers.stream().filter(r -> valid(fx, r)).count();
        long differentValid = differentAnswers.stream().filter(r -> valid(fx, r)).count();
        assertThat(sameValid).isEqualTo(1L);
        assertThat(differentValid).isEqualTo((long) clients);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static boolean valid(Fixture fx, Http.Response signIn) {
    String token = signIn.json().path("authToken").asText();
    return fx.http.getJson("/api/v2/user", "X-Plex-Token", token).status() == 200;
  }
}
