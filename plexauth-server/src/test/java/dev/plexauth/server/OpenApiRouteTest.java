package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** GET /openapi.yaml: the project's OpenAPI document, served to anyone. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiRouteTest {

  private static final String RESOURCE = "/dev/plexauth/server/openapi.yaml";

  Fixture fx;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    fx = Fixture.empty(dataDir);
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  @Test
  void theDocumentIsServedAsYamlWithoutAToken() throws IOException {
    Http.Response response = fx.http.send("GET", "/openapi.yaml", null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/yaml");
    assertThat(response.header("X-Plex-Protocol")).hasValue("1.0");
    assertThat(response.header("Cache-Control")).hasValue("no-store");
    assertThat(response.body()).isEqualTo(resource()).contains("\nopenapi: 3.1.0\n");
  }

  @Test
  void theDocumentNamesEveryRouteTheServerServes() {
    String document = fx.http.send("GET", "/openapi.yaml", null).body();

    assertThat(document)
        .contains(
            "\n  /security/token:\n",
            "operationId: getTransientToken\n",
            "operationId: postTransientToken\n",
            "\n  /security/resources:\n",
            "operationId: getSourceConnectionInformation\n",
            "\n  /api/v2/user:\n",
            "operationId: getTokenDetails\n",
            "\n  /api/v2/users/signin:\n",
            "operationId: postUsersSignInData\n",
            "\n  /openapi.yaml:\n");
  }

  @Test
  void aTokenIsNotNeededAndABadOneDoesNotHurt() {
    Http.Response response =
        fx.http.send(
            "GET", "/openapi.yaml", null, "X-Plex-Token", "not-a-token", "Accept", "text/html");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/yaml");
  }

  @Test
  void otherMethodsAre405WithAPlexErrorBody() {
    Http.Response response =
        fx.http.send("POST", "/openapi.yaml", "x", "Accept", "application/json");

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.header("Allow")).hasValue("GET");
    assertThat(response.errorCode()).isEqualTo(1005);
  }

  private static String resource() throws IOException {
    try (InputStream in = OpenApiRouteTest.class.getResourceAsStream(RESOURCE)) {
      assertThat(in).as(RESOURCE).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
