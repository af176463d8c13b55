package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plexauth.server.MalformedRequests.Case;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.RawExchange;
import dev.plexauth.server.support.RawRequest;
import dev.plexauth.server.support.StoreDump;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated flood of malformed requests ({@link MalformedRequests}) against every endpoint, over
 * raw sockets: wrong methods, missing, duplicated and mistyped parameters, broken percent-encoding
 * and UTF-8, overlong values, control characters and header injection, oversized, mistyped and
 * truncated bodies, and tokens of every wrong shape.
 *
 * <p>Every answer must be a 4xx with a Plex error body: the status the case expects when plexauth's
 * route answers, or any 4xx when Jetty's HTTP parser refuses what HTTP itself forbids before a
 * route runs (or closes the connection). No answer may be a 5xx or carry an injected header, the
 * store must be byte-for-byte the same afterwards, and the server must still answer valid requests.
 * The counts per endpoint go to {@code target/reliability/bad-input.md}, which {@code
 * docs/reliability.md} quotes.
 */
class GeneratedBadInputTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern XML_ERROR =
      Pattern.compile("<error code=\"(\\d+)\" message=\"([^\"]+)\" status=\"(\\d+)\"");

  /** The messages of the errors Jetty's HTTP parser answers before a route runs. */
  private static final Set<String> JETTY_MESSAGES =
      Set.of(
          "The request is not valid HTTP",
          "The request-target is longer than 8 KiB",
          "The request headers are larger than 8 KiB",
          "The Expect header is not supported",
          "The request took too long to arrive",
          "The request body is too large",
          "Upgrade required: this server speaks HTTP/1.1");

  @TempDir static Path dataDir;
  static Fixture fx;
  static MalformedRequests requests;

  @BeforeAll
  static void start() {
    fx = Fixture.withAccounts(dataDir);
    String user = fx.http.signInToken("flood-user", Fixture.USER, Fixture.USER_PASSWORD, null);
    String admin = fx.http.signInToken("flood-admin", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
    requests = new MalformedRequests(user, admin, fx.http.transientToken(user));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  enum Verdict {
    ROUTE_4XX,
    JETTY_4XX,
    JETTY_CLOSED,
    FAILED
  }

  record Outcome(Case c, RawExchange.Answer answer, Verdict verdict, String problem) {}

  record PlexError(int code, String message, int status) {}

  @Test
  void everyGeneratedMalformedRequestIsRefusedWithA4xxAndChangesNothing() throws IOException {
    List<Case> cases = requests.all();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(500);
    try (RawExchange raw = new RawExchange(fx.server.port(), 10_000)) {
      // The originals are valid, so each case is refused for the one thing it breaks.
      assertThat(raw.send(requests.tokenGet().bytes()).status()).isEqualTo(200);
      assertThat(raw.send(requests.tokenPost().bytes()).status()).isEqualTo(200);
      assertThat(raw.send(requests.resources().bytes()).status()).isEqualTo(200);
      assertThat(raw.send(requests.user().bytes()).status()).isEqualTo(200);
      assertThat(raw.send(requests.signIn().bytes()).status()).isEqualTo(201);
      List<String> before = StoreDump.of(dataDir);

      List<Outcome> outcomes = new ArrayList<>();
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get(i);
        // Every other case asks for JSON, the rest get XML: both error bodies are checked.
        RawRequest request = c.request();
        if (i % 2 == 0) {
          request = request.copy().header("Accept", "application/json");
        }
        outcomes.add(judge(c, raw.send(request.bytes())));
      }

      Path report = writeReport(outcomes);
      assertThat(
              outcomes.stream()
                  .filter(o -> o.verdict() == Verdict.FAILED)
                  .map(o -> o.c().endpoint() + " / " + o.c().name() + ": " + o.problem()))
          .as("failed cases, listed in %s", report)
          .isEmpty();
      assertThat(StoreDump.of(dataDir)).as("the store after the flood").isEqualTo(before);
      assertThat(raw.send(requests.user().bytes()).status()).isEqualTo(200);
      assertThat(raw.send(requests.resources().bytes()).status()).isEqualTo(200);
      assertThat(raw.send(requests.signIn().bytes()).status()).isEqualTo(201);
    }
  }

  private static Outcome judge(Case c, RawExchange.Answer answer) {
    if (answer.headers().containsKey("x-injected")) {
      return failed(c, answer, "a header was injected into the answer");
    }
    if (answer.closedWithoutAnswer()) {
      return c.httpLevel()
          ? new Outcome(c, answer, Verdict.JETTY_CLOSED, "")
          : failed(c, answer, "closed without an answer");
    }
    int status = answer.status();
    if (status < 400 || status > 499) {
      return failed(
          c, answer, "status " + status + ": " + MalformedRequests.shorten(answer.body()));
    }
    PlexError error = plexError(answer);
    if (error == null) {
      return failed(c, answer, status + " without a Plex error body: " + answer.body());
    }
    if (error.status() != status) {
      return failed(c, answer, "the body says " + error.status() + ", the status line " + status);
    }
    if (JETTY_MESSAGES.contains(error.message())) {
      return c.httpLevel()
          ? new Outcome(c, answer, Verdict.JETTY_4XX, "")
          : failed(c, answer, "refused by Jetty with " + status + ", not by the route");
    }
    if (status != c.status()) {
      return failed(
          c, answer, "expected " + c.status() + ", got " + status + " " + error.message());
    }
    return new Outcome(c, answer, Verdict.ROUTE_4XX, "");
  }

  private static Outcome failed(Case c, RawExchange.Answer answer, String problem) {
    return new Outcome(c, answer, Verdict.FAILED, problem);
  }

  /** The Plex error of a JSON or XML error body with a code and a message, or null. */
  private static PlexError plexError(RawExchange.Answer answer) {
    String type = answer.header("Content-Type").orElse("");
    if (type.startsWith("application/json")) {
      try {
        JsonNode error = JSON.readTree(answer.body()).path("errors").path(0);
        String message = error.path("message").asText("");
        int code = error.path("code").asInt(0);
        return code > 0 && !message.isBlank()
            ? new PlexError(code, message, error.path("status").asInt(-1))
            : null;
      } catch (IOException e) {
        return null;
      }
    }
    if (type.startsWith("text/xml")) {
      Matcher m = XML_ERROR.matcher(answer.body());
      return m.find() && !m.group(2).isBlank()
          ? new PlexError(Integer.parseInt(m.group(1)), m.group(2), Integer.parseInt(m.group(3)))
          : null;
    }
    return null;
  }

  private static Path writeReport(List<Outcome> outcomes) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("| endpoint | requests | refused by the route | refused by Jetty's HTTP parser")
        .append(" | connection closed by Jetty | 5xx, 2xx or wrong |\n")
        .append("|---|---:|---:|---:|---:|---:|\n");
    int[] totals = new int[5];
    for (String endpoint : MalformedRequests.ENDPOINTS) {
      int[] row = new int[5];
      for (Outcome o : outcomes) {
        if (o.c().endpoint().equals(endpoint)) {
          row[0]++;
          row[1 + o.verdict().ordinal()]++;
        }
      }
      for (int i = 0; i < row.length; i++) {
        totals[i] += row[i];
      }
      md.append(row("`" + endpoint + "`", row, ""));
    }
    md.append(row("all", totals, "**"));
    md.append("\n| kind of damage | requests |\n|---|---:|\n");
    Map<String, Integer> categories = new LinkedHashMap<>();
    outcomes.forEach(o -> categories.merge(o.c().category(), 1, Integer::sum));
    categories.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    Map<String, Integer> byStatus = new java.util.TreeMap<>();
    outcomes.stream()
        .filter(o -> o.verdict() == Verdict.JETTY_4XX)
        .forEach(o -> byStatus.merge(o.answer().statusLine().substring(9), 1, Integer::sum));
    md.append("\n| refused by Jetty's HTTP parser with | requests |\n|---|---:|\n");
    byStatus.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    md.append("\nRefused by Jetty's HTTP parser (with a Plex error body) or closed by it:\n\n");
    for (Outcome o : outcomes) {
      if (o.verdict() == Verdict.JETTY_4XX || o.verdict() == Verdict.JETTY_CLOSED) {
        md.append("- ")
            .append(o.c().endpoint())
            .append(" / ")
            .append(o.c().name())
            .append(": ")
            .append(o.verdict() == Verdict.JETTY_CLOSED ? "closed" : o.answer().statusLine())
            .append('\n');
      }
    }
    md.append("\nFailed:\n\n");
    for (Outcome o : outcomes) {
      if (o.verdict() == Verdict.FAILED) {
        md.append("- ")
            .append(o.c().endpoint())
            .append(" / ")
            .append(o.c().name())
            .append(": ")
            .append(o.problem())
            .append('\n');
      }
    }
    Path report = Path.of("target", "reliability", "bad-input.md");
    Files.createDirectories(report.getParent());
    Files.writeString(report, md.toString());
    return report.toAbsolutePath();
  }

  private static String row(String label, int[] counts, String strong) {
    StringBuilder out = new StringBuilder("| ").append(strong).append(label).append(strong);
    for (int count : counts) {
      out.append(String.format(Locale.ROOT, " | %s%d%s", strong, count, strong));
    }
    return out.append(" |\n").toString();
  }
}
