package dev.plexauth.bench;

import dev.plexauth.sdk.PlexAPI;
import dev.plexauth.sdk.models.UserPlexAccount;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
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
 * One {@code GET /api/v2/user} at a time against a running server ({@code BENCH_URL}, e.g. {@code
 * http://127.0.0.1:32400}, and {@code BENCH_TOKEN}, an account token), three ways:
 *
 * <ul>
 *   <li>{@link #plexauthSdk}: {@code plex.authentication().getTokenDetails()}, the answer read into
 *       a {@link UserPlexAccount};
 *   <li>{@link #jdkHttpClient}: a raw {@code java.net.http.HttpClient} GET of the same URL with the
 *       same headers, the SDK's client settings (HTTP/1.1, no redirects), body read as bytes;
 *   <li>{@link #apacheHttpClient5}: the same GET with Apache HttpClient 5 (classic, pooled).
 * </ul>
 *
 * All three keep one connection alive, so the difference is the client's own work per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenDetailsBenchmark {

  private PlexAPI plex;
  private HttpClient jdk;
  private CloseableHttpClient apache;
  private URI userUri;
  private String token;

  /** Builds the three clients once and checks that each one gets a 200. */
  @Setup(Level.Trial)
  public void clients() throws IOException, InterruptedException {
    String url = required("BENCH_URL");
    token = required("BENCH_TOKEN");
    userUri = URI.create(url + "/api/v2/user");
    plex =
        PlexAPI.builder()
            .serverURL(url)
            .plexTvURL(url + "/api/v2")
            .accessToken(token)
            .clientID("plexauth-bench")
            .build();
    jdk =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    apache = HttpClients.createDefault();
    if (plexauthSdk().username().isEmpty()
        || jdkHttpClient().length == 0
        || apacheHttpClient5().length == 0) {
      throw new IllegalStateException("a client got an empty answer");
    }
  }

  /** Closes the Apache client. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    apache.close();
  }

  /**
   * The SDK's call.
   *
   * @return the account
   */
  @Benchmark
  public UserPlexAccount plexauthSdk() {
    return plex.authentication().getTokenDetails().userPlexAccount();
  }

  /**
   * The raw JDK client.
   *
   * @return the body
   * @throws IOException on a connection failure
   * @throws InterruptedException when interrupted
   */
  @Benchmark
  public byte[] jdkHttpClient() throws IOException, InterruptedException {
    // Built for each call, as the SDK and the Apache benchmark build theirs.
    HttpRequest request =
        HttpRequest.newBuilder(userUri)
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json")
            .header("X-Plex-Client-Identifier", "plexauth-bench")
            .header("X-Plex-Token", token)
            .GET()
            .build();
    HttpResponse<byte[]> response = jdk.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + response.statusCode());
    }
    return response.body();
  }

  /**
   * Apache HttpClient 5.
   *
   * @return the body
   * @throws IOException on a connection failure
   */
  @Benchmark
  public byte[] apacheHttpClient5() throws IOException {
    HttpGet get = new HttpGet(userUri);
    get.addHeader("Accept", "application/json");
    get.addHeader("X-Plex-Client-Identifier", "plexauth-bench");
    get.addHeader("X-Plex-Token", token);
    return apache.execute(
        get,
        response -> {
          if (response.getCode() != 200) {
            throw new IllegalStateException("HTTP " + response.getCode());
          }
          return EntityUtils.toByteArray(response.getEntity());
        });
  }

  private static String required(String name) {
    String value = System.getenv(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException(name + " is not set");
    }
    return value;
  }
}
