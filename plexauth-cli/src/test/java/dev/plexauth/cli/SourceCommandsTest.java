package dev.plexauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plexauth.cli.Cli.Result;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.MutableClock;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceCommandsTest {

  @TempDir static Path serverDir;
  @TempDir static Path adminHome;
  @TempDir static Path userHome;
  static Fixture server;

  @BeforeAll
  static void signIn() {
    server = Fixture.on(serverDir).clock(MutableClock.ticking()).withAccounts().start();
    Cli.in(adminHome)
        .stdin(Fixture.ADMIN_PASSWORD + "\n")
        .run("signin", "--server", server.url(), "--login", "admin", "--password-stdin")
        .succeeded();
    Cli.in(userHome)
        .stdin(Fixture.USER_PASSWORD + "\n")
        .run("signin", "--server", server.url(), "--login", "alice", "--password-stdin")
        .succeeded();
  }

  @AfterAll
  static void stopServer() {
    server.close();
    assertThat(String.join("\n", Cli.ALL_OUTPUT))
        .doesNotContain(Fixture.ADMIN_PASSWORD, Fixture.USER_PASSWORD);
  }

  private static Cli admin() {
    return Cli.in(adminHome);
  }

  private static String[] withDataDir(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--data-dir";
    all[args.length + 1] = serverDir.toString();
    return all;
  }

  @Test
  void addedSourcesAreServedAtOnceWithConnectionsReadFromTheUri() throws Exception {
    admin()
        .run(
            withDataDir(
                "source",
                "add",
                "server://den",
                "--name",
                "Den",
                "--uri",
                "https://den.example.com:8443/",
                "--uri",
                "http://[fd00::5]",
                "--local"))
        .succeeded();

    Result info = admin().run("source", "info", "server://den").succeeded();
    assertThat(info.out())
        .isEqualTo(
            "Den (den)\n"
                + "  https://den.example.com:8443/  local\n"
                + "  http://[fd00::5]  local\n");

    JsonNode device =
        JsonOutput.MAPPER.readTree(
            admin().run("source", "info", "server://den", "--json").succeeded().out());
    assertThat(device.get("accessToken").asText()).isEqualTo("***");
    JsonNode first = device.get("Connection").get(0);
    assertThat(first.get("protocol").asText()).isEqualTo("https");
    assertThat(first.get("address").asText()).isEqualTo("den.example.com");
    assertThat(first.get("port").asInt()).isEqualTo(8443);
    JsonNode second = device.get("Connection").get(1);
    assertThat(second.get("address").asText()).isEqualTo("fd00::5");
    assertThat(second.get("port").asInt()).isEqualTo(80);
    assertThat(second.get("local").asBoolean()).isTrue();
  }

  @Test
  void listShowsTheSourcesAsTextAndJson() throws Exception {
    Result text = admin().run(withDataDir("source", "list")).succeeded();
    assertThat(text.out())
        .contains("server://living-room  Living room\n  http://192.168.1.20:32400  local\n");

    JsonNode list =
        JsonOutput.MAPPER.readTree(
            admin().run(withDataDir("source", "list", "--json")).succeeded().out());
    assertThat(list.isArray()).isTrue();
    assertThat(list.findValuesAsText("id")).contains(Fixture.SOURCE);
  }

  @Test
  void removeUnregistersASourceAndTheServerThenAnswers404() {
    admin()
        .run(
            withDataDir(
                "source", "add", "server://attic", "--name", "Attic", "--uri", "http://10.0.0.9"))
        .succeeded();

    Result removed = admin().run(withDataDir("source", "remove", "server://attic")).succeeded();

    assertThat(removed.out()).contains("Removed source server://attic");
    Result info = admin().run("source", "info", "server://attic").failed(CliException.REFUSED);
    assertThat(info.err()).contains("HTTP 404");
    admin().run(withDataDir("source", "remove", "server://attic")).failed(CliException.REFUSED);
  }

  @Test
  void aDuplicateSourceExitsWith1() {
    Result result =
        admin()
            .run(
                withDataDir(
                    "source",
                    "add",
                    Fixture.SOURCE,
                    "--name",
                    "Again",
                    "--uri",
                    "http://10.0.0.1:32400"))
            .failed(CliException.REFUSED);

    assertThat(result.err()).contains("already exists");
  }

  @Test
  void badSourceValuesExitWith2() {
    admin()
        .run(withDataDir("source", "add", "den", "--name", "Den", "--uri", "http://10.0.0.1"))
        .failed(CliException.USAGE);
    admin()
        .run(withDataDir("source", "add", "server://x", "--name", "X", "--uri", "ftp://10.0.0.1"))
        .failed(CliException.USAGE);
    admin()
        .run(withDataDir("source", "add", "server://x", "--name", "X", "--uri", "http://a b"))
        .failed(CliException.USAGE);
    admin().run(withDataDir("source", "add", "server://x", "--name", "X")).failed(2);
  }

  @Test
  void infoNeedsAnAdminTokenElse403() {
    Result result =
        Cli.in(userHome).run("source", "info", Fixture.SOURCE).failed(CliException.REFUSED);

    assertThat(result.err()).contains("HTTP 403");
  }

  @Test
  void infoOnAnUnreachableServerExitsWith3() {
    admin()
        .run(
            "source",
            "info",
            Fixture.SOURCE,
            "--server",
            "http://127.0.0.1:" + Cli.closedPort(),
            "--token",
            "some-token")
        .failed(CliException.UNREACHABLE);
  }

  @Test
  void shareAndUnshareDecideWhoSeesASourceInTheirResources() throws Exception {
    Result none = Cli.in(userHome).run("resources", "--json").succeeded();
    assertThat(JsonOutput.MAPPER.readTree(none.out())).isEmpty();

    Result shared =
        admin().run(withDataDir("source", "share", Fixture.SOURCE, "--user", "alice")).succeeded();
    Result again =
        admin()
            .run(withDataDir("source", "share", Fixture.SOURCE, "--user", Fixture.USER_EMAIL))
            .succeeded();
    // A change made beside the running server reaches its lists of sources within a second.
    Fixture.waitOutRecentLookups();
    JsonNode seen =
        JsonOutput.MAPPER.readTree(Cli.in(userHome).run("resources", "--json").succeeded().out());
    JsonNode listed =
        JsonOutput.MAPPER.readTree(admin().run(withDataDir("source", "list", "--json")).out());
    Result human = admin().run(withDataDir("source", "list")).succeeded();

    assertThat(shared.out()).isEqualTo("Shared " + Fixture.SOURCE + " with alice.\n");
    assertThat(again.out()).contains("already");
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).path("clientIdentifier").asText())
        .isEqualTo(Fixture.SOURCE_CLIENT_IDENTIFIER);
    assertThat(seen.get(0).path("owned").asBoolean()).isFalse();
    assertThat(seen.get(0).path("accessToken").asText()).isEqualTo("***");
    assertThat(listed)
        .filteredOn(source -> source.path("id").asText().equals(Fixture.SOURCE))
        .singleElement()
        .satisfies(
            source -> assertThat(source.path("sharedWith").get(0).asText()).isEqualTo("alice"));
    assertThat(human.out()).contains("  shared with: alice");

    Result unshared =
        admin()
            .run(withDataDir("source", "unshare", Fixture.SOURCE, "--user", "alice"))
            .succeeded();
    assertThat(unshared.out()).isEqualTo("Stopped sharing " + Fixture.SOURCE + " with alice.\n");
    Fixture.waitOutRecentLookups();
    assertThat(JsonOutput.MAPPER.readTree(Cli.in(userHome).run("resources", "--json").out()))
        .isEmpty();
    Result notShared =
        admin()
            .run(withDataDir("source", "unshare", Fixture.SOURCE, "--user", "alice"))
            .failed(CliException.REFUSED);
    assertThat(notShared.err()).contains("is not shared with alice");
  }

  @Test
  void sharingRefusesUnknownSourcesUnknownAccountsAndAdmins() {
    Result source =
        admin()
            .run(withDataDir("source", "share", "server://nope", "--user", "alice"))
            .failed(CliException.REFUSED);
    Result account =
        admin()
            .run(withDataDir("source", "share", Fixture.SOURCE, "--user", "nobody"))
            .failed(CliException.REFUSED);
    Result adminAccount =
        admin()
            .run(withDataDir("source", "share", Fixture.SOURCE, "--user", "admin"))
            .failed(CliException.REFUSED);
    admin().run(withDataDir("source", "share", Fixture.SOURCE)).failed(CliException.USAGE);

    assertThat(source.err()).contains("no source server://nope");
    assertThat(account.err()).contains("no account nobody");
    assertThat(adminAccount.err()).contains("admin is an admin");
  }
}
