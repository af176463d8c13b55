package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.plexauth.sdk.PlexAPI;
import dev.plexauth.sdk.Transport;
import dev.plexauth.sdk.models.PostUsersSignInDataRequest;
import dev.plexauth.sdk.models.PostUsersSignInDataRequestBody;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HTTPS with PEM files: a certificate made by keytool in the test, served by the server, trusted by
 * the JDK client and the SDK; an untrusting client and plain HTTP get nothing; a wrong key or file
 * stops the start with a clear message.
 */
class TlsTest {

  @TempDir Path dir;

  private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .header("Accept", "application/json")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"RSA", "EC"})
  void theServerSpeaksHttpsWithAPemCertificateAndKey(String algorithm) throws Exception {
    TestCertificates certs = TestCertificates.create(dir, algorithm);
    try (Fixture fx =
        Fixture.on(dir.resolve("data"))
            .server(builder -> builder.tls(certs.certificate(), certs.key()))
            .withAccounts()
            .start()) {
      assertThat(fx.url()).startsWith("https://127.0.0.1:");
      HttpClient trusting = HttpClient.newBuilder().sslContext(certs.trusting()).build();

      assertThat(get(trusting, fx.url() + "/api/v2/user").statusCode()).isEqualTo(401);
      PlexAPI plex =
          PlexAPI.builder()
              .serverURL(fx.url())
              .plexTvURL(fx.plexTvUrl())
              .clientID("tls-test")
              .transport(Transport.jdk(trusting))
              .build();
      String token =
          plex.authentication()
              .postUsersSignInData(
                  PostUsersSignInDataRequest.builder()
                      .requestBody(
                          PostUsersSignInDataRequestBody.of(Fixture.USER, Fixture.USER_PASSWORD))
                      .build())
              .userPlexAccount()
              .authToken();
      PlexAPI signedIn = plex.newBuilder().accessToken(token).build();
      assertThat(signedIn.authentication().getTokenDetails().userPlexAccount().username())
          .isEqualTo(Fixture.USER);
      // The client reached it by name too: localhost is in the certificate.
      assertThat(
              get(trusting, fx.url().replace("127.0.0.1", "localhost") + "/api/v2/user")
                  .statusCode())
          .isEqualTo(401);

      // A client that does not trust the certificate gets no answer, and plain HTTP neither.
      assertThat(catchThrowable(() -> get(HttpClient.newHttpClient(), fx.url() + "/api/v2/user")))
          .isInstanceOf(SSLHandshakeException.class);
      assertThat(
              catchThrowable(
                  () ->
                      get(
                          HttpClient.newHttpClient(),
                          fx.url().replace("https://", "http://") + "/api/v2/user")))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void aKeyThatIsNotTheCertificatesOrNotPkcs8StopsTheStart() throws Exception {
    Files.createDirectories(dir.resolve("rsa"));
    Files.createDirectories(dir.resolve("ec"));
    TestCertificates rsa = TestCertificates.create(dir.resolve("rsa"), "RSA");
    TestCertificates other = TestCertificates.create(dir.resolve("ec"), "RSA");
    Path pkcs1 = dir.resolve("pkcs1.pem");
    Files.writeString(
        pkcs1,
        Files.readString(rsa.key())
            .replace("BEGIN PRIVATE KEY", "BEGIN RSA PRIVATE KEY")
            .replace("END PRIVATE KEY", "END RSA PRIVATE KEY"));

    assertThatThrownBy(() -> start(rsa.certificate(), other.key()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not belong to the certificate");
    assertThatThrownBy(() -> start(rsa.certificate(), pkcs1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PKCS#8")
        .hasMessageContaining("openssl pkcs8 -topk8");
    assertThatThrownBy(() -> start(rsa.key(), rsa.key()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no");
    assertThatThrownBy(() -> start(dir.resolve("missing.pem"), rsa.key()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("missing.pem");
    // Nothing was created: the files are checked before the database is opened.
    assertThat(Files.exists(dir.resolve("data"))).isFalse();
  }

  private void start(Path certificate, Path key) {
    PlexAuthServer.builder()
        .dataDir(dir.resolve("data"))
        .port(0)
        .createOwnerOnFirstStart(false)
        .tls(certificate, key)
        .build()
        .start()
        .stop();
  }
}
