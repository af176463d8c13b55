package dev.plexauth.server.support;

import dev.plexauth.server.NewAccount;
import dev.plexauth.server.PlexAuthServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A plexauth server in its own JVM, for tests of several instances on one database and of crashes:
 * {@code java -cp … ServerMain JDBC_URL [SIGN_INS_PER_MINUTE]}. It listens on a free loopback port,
 * prints {@value #PORT_LINE} and the port, and then reads commands from standard input, one a line:
 *
 * <pre>
 * add-account USERNAME EMAIL PASSWORD   adds an account through this server; answers "added USERNAME"
 * </pre>
 *
 * It stops when standard input closes or on SIGTERM. The database password comes from the
 * environment ({@code PLEXAUTH_DB_PASSWORD}), as in production.
 */
public final class ServerMain {

  /** What precedes the port on standard output. */
  public static final String PORT_LINE = "plexauth-test-port ";

  private ServerMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: ServerMain JDBC_URL [SIGN_INS_PER_MINUTE]");
      System.exit(2);
    }
    int signInsPerMinute =
        args.length == 2 ? Integer.parseInt(args[1]) : PlexAuthServer.DEFAULT_SIGN_IN_RATE_LIMIT;
    PlexAuthServer server =
        PlexAuthServer.builder()
            .jdbcUrl(args[0])
            .port(0)
            .signInRateLimit(signInsPerMinute)
            .createOwnerOnFirstStart(false)
            .build()
            .start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stop-plexauth"));
    System.out.println(PORT_LINE + server.port());
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] words = line.strip().split(" ");
      if (words.length == 4 && words[0].equals("add-account")) {
        server.addAccount(NewAccount.of(words[1], words[2], words[3]));
        System.out.println("added " + words[1]);
      } else {
        System.out.println("unknown command: " + line);
      }
      System.out.flush();
    }
    server.stop();
    System.exit(0);
  }
}
