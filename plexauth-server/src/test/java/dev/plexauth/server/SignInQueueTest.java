package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plexauth.server.auth.PasswordHasher;
import dev.plexauth.server.support.Fixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of sign-ins while password hashing is saturated, made deterministic: the test holds every
 * hashing permit, so no sign-in can finish, and fills the sign-in queue. The next sign-in must be
 * refused with 503 and {@code Retry-After} without waiting for a hash (it could not get one), and
 * token routes must still answer. The server runs with 16 HTTP threads, fewer than the sign-ins
 * waiting: if a waiting sign-in held a request thread, the pool would be exhausted and nothing else
 * would be answered. The timeouts below only bound a failure; nothing is timed.
 */
class SignInQueueTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration FAILURE_BOUND = Duration.ofSeconds(20);

  @TempDir Path dataDir;

  @Test
  void pastTheQueueASignInGets503AtOnceAndTokenRoutesAnswerWhileHashingIsBlocked()
      throws Exception {
    try (Fixture fx =
        Fixture.on(dataDir).server(builder -> builder.httpThreads(16)).withAccounts().start()) {
      String token = fx.http.signInToken("c", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
      int workers = PasswordHasher.permits();
      int capacity = fx.server.signInQueue()[2];
      assertThat(workers + capacity).isGreaterThan(16);
      HttpClient client = HttpClient.newHttpClient();
      List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();

      PasswordHasher.Hold hold = fx.server.holdHashing();
      try {
        for (int i = 0; i < workers + capacity; i++) {
          waiting.add(
              client.sendAsync(signIn(fx, "nobody-" + i), HttpResponse.BodyHandlers.ofString()));
        }
        awaitFull(fx, workers, capacity);

        HttpResponse<String> refused =
            client.send(signIn(fx, "one-too-many"), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(JSON.readTree(refused.body()).path("errors").path(0).path("code").asInt())
            .isEqualTo(1007);
        for (String path : List.of("/api/v2/user", "/security/token?type=delegation&scope=all")) {
          HttpResponse<String> answer =
              client.send(
                  HttpRequest.newBuilder(URI.create(fx.url() + path))
                      .timeout(FAILURE_BOUND)
                      .header("X-Plex-Token", token)
                      .header("Accept", "application/json")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          assertThat(answer.statusCode()).as(path).isEqualTo(200);
        }
        assertThat(waiting).noneMatch(CompletableFuture::isDone);
        assertThat(fx.server.signInQueue()).containsExactly(workers, capacity, capacity);
      } finally {
        hold.close();
      }

      // Once hashing is free again, every queued sign-in is judged.
      for (CompletableFuture<HttpResponse<String>> answer : waiting) {
        assertThat(answer.get(120, TimeUnit.SECONDS).statusCode()).isEqualTo(401);
      }
    }
  }

  private static HttpRequest signIn(Fixture fx, String login) {
    return HttpRequest.newBuilder(URI.create(fx.plexTvUrl() + "/users/signin"))
        .timeout(FAILURE_BOUND)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .header("X-Plex-Client-Identifier", "flood")
        .POST(HttpRequest.BodyPublishers.ofString("login=" + login + "&password=wrong"))
        .build();
  }

  /** Waits until every worker is busy and the queue is full (or fails after the bound). */
  private static void awaitFull(Fixture fx, int workers, int capacity) throws InterruptedException {
    long deadline = System.nanoTime() + FAILURE_BOUND.multipliedBy(3).toNanos();
    while (true) {
      int[] queue = fx.server.signInQueue();
      if (queue[0] == workers && queue[1] == capacity) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the queue did not fill: running " + queue[0] + ", waiting " + queue[1]);
      }
      Thread.sleep(20);
    }
  }
}
