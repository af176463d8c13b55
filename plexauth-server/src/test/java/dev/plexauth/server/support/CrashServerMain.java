package dev.plexauth.server.support;

import dev.plexauth.server.NewAccount;
import dev.plexauth.server.PlexAuthServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A plexauth server in its own JVM for the crash tests: {@code java -cp <test class path>
 * dev.plexauth.server.support.CrashServerMain DATA_DIR}. It serves on a free loopback port with a
 * sign-in limit high enough for a load test and prints {@code plexauth-crash port=N}. Each stdin
 * line {@code add NAME} adds the account NAME (password {@code pw-NAME}) and, once it is stored,
 * prints {@code plexauth-crash added NAME}. It stops when stdin closes, so it never outlives the
 * test that started it; the test usually kills it first.
 */
public final class CrashServerMain {

  public static final String PREFIX = "plexauth-crash ";

  private CrashServerMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PlexAuthServer server =
        PlexAuthServer.builder()
            .dataDir(Path.of(args[0]))
            .port(0)
            .signInRateLimit(1_000_000)
            .createOwnerOnFirstStart(false)
            .build()
            .start();
    out.println(PREFIX + "port=" + server.port());
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("add ")) {
          String name = line.substring(4).strip();
          server.addAccount(NewAccount.of(name, name + "@example.com", "pw-" + name));
          out.println(PREFIX + "added " + name);
        }
      }
    } finally {
      server.stop();
    }
  }
}
