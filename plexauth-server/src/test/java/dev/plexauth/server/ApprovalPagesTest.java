package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The approval pages as served: byte for byte the files committed under {@code
 * src/main/resources/dev/plexauth/server/pages}, with the security headers on every one, no token
 * needed, and nothing in them that the Content-Security-Policy would have to allow (inline script
 * or style, event-handler attributes, another origin).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalPagesTest {

  static final Path COMMITTED = Path.of("src/main/resources/dev/plexauth/server/pages");

  static final Map<String, String> SERVED =
      Map.of(
          "/auth", "auth.html",
          "/link", "link.html",
          "/pages/approve.css", "approve.css",
          "/pages/approve.js", "approve.js",
          "/pages/icon.svg", "icon.svg");

  static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
          + " img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none';"
          + " require-trusted-types-for 'script'";

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
  void everyServedAssetIsExactlyTheCommittedFile() throws IOException {
    assertThat(COMMITTED.resolve("auth.html")).as("run from the module directory").exists();
    try (var files = Files.list(COMMITTED)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
          .as("every committed file is served")
          .containsExactlyInAnyOrderElementsOf(SERVED.values());
    }
    for (Map.Entry<String, String> asset : SERVED.entrySet()) {
      byte[] served = bytes(asset.getKey());

      assertThat(served)
          .as(asset.getKey())
          .isEqualTo(Files.readAllBytes(COMMITTED.resolve(asset.getValue())));
    }
  }

  @Test
  void everyAssetCarriesTheSecurityHeadersAndItsContentType() {
    Map<String, String> types =
        Map.of(
            "/auth", "text/html; charset=utf-8",
            "/link", "text/html; charset=utf-8",
            "/pages/approve.css", "text/css; charset=utf-8",
            "/pages/approve.js", "text/javascript; charset=utf-8",
            "/pages/icon.svg", "image/svg+xml");
    for (String path : SERVED.keySet()) {
      Http.Response response = fx.http.send("GET", path, null);

      assertThat(response.status()).as(path).isEqualTo(200);
      assertThat(response.contentType().replace(" ", ""))
          .as(path)
          .isEqualToIgnoringCase(types.get(path).replace(" ", ""));
      assertThat(response.header("Content-Security-Policy")).as(path).contains(POLICY);
      assertThat(response.header("Referrer-Policy")).as(path).contains("no-referrer");
      assertThat(response.header("X-Content-Type-Options")).as(path).contains("nosniff");
      assertThat(response.header("X-Frame-Options")).as(path).contains("DENY");
      assertThat(response.header("Set-Cookie")).as(path).isEmpty();
    }
  }

  @Test
  void thePagesHoldNoInlineScriptStyleOrHandlerAndLoadOnlyTheirOwnAssets() throws IOException {
    for (String page : List.of("auth.html", "link.html")) {
      String html = Files.readString(COMMITTED.resolve(page));

      assertThat(html).as(page).doesNotContainIgnoringCase("style=").doesNotContain("<style");
      assertThat(Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find())
          .as(page + " has an event-handler attribute")
          .isFalse();
      Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(html);
      int count = 0;
      while (scripts.find()) {
        count++;
        assertThat(scripts.group(1)).as(page).contains("src=\"/pages/approve.js\"");
      }
      assertThat(count).as(page + " scripts").isEqualTo(1);
      Matcher links = Pattern.compile("(?:src|href|action)=\"([^\"]*)\"").matcher(html);
      while (links.find()) {
        assertThat(links.group(1)).as(page).startsWith("/").doesNotStartWith("//");
      }
    }
    String script = Files.readString(COMMITTED.resolve("approve.js"));
    assertThat(script)
        .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(")
        .doesNotContain("localStorage", "sessionStorage", "document.cookie", "indexedDB");
  }

  @Test
  void thePagesNeedNoTokenAndTheirPathsAllowOnlyGet() {
    Http.Response post = fx.http.send("POST", "/auth", "login=a&password=b");

    assertThat(fx.http.send("GET", "/link/", null).status()).isEqualTo(200);
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.header("Allow")).contains("GET");
  }

  private byte[] bytes(String path) {
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(fx.http.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray())
          .body();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
