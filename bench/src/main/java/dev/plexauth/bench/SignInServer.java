package dev.plexauth.bench;

import dev.plexauth.server.NewAccount;
import dev.plexauth.server.PlexAuthServer;
import java.nio.file.Path;

/**
 * The embedded server for the sign-in load: {@code plexauth serve} allows 30 sign-ins a minute per
 * address, so this starts the same server through its builder with that limit raised, and with
 * {@code ACCOUNTS} accounts {@code bench1}, {@code bench2}, … whose password is {@code
 * bench-password-N}.
 *
 * <pre>
 * java -cp plexauth-bench.jar dev.plexauth.bench.SignInServer DATA_DIR PORT ACCOUNTS
 * </pre>
 *
 * It prints {@code listening on PORT} once it accepts requests and runs until killed.
 */
public final class SignInServer {

  private SignInServer() {}

  /**
   * Starts the server.
   *
   * @param args the data directory (empty or missing), the port and the number of accounts
   */
  public static void main(String[] args) {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: SignInServer DATA_DIR PORT ACCOUNTS");
    }
    PlexAuthServer server =
        PlexAuthServer.builder()
            .dataDir(Path.of(args[0]))
            .port(Integer.parseInt(args[1]))
            .signInRateLimit(Integer.MAX_VALUE)
            .createOwnerOnFirstStart(false)
            .build()
            .start();
    int accounts = Integer.parseInt(args[2]);
    for (int i = 1; i <= accounts; i++) {
      server.addAccount(
          NewAccount.of("bench" + i, "bench" + i + "@example.com", "bench-password-" + i));
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stop"));
    System.out.println("listening on " + server.port());
    System.out.flush();
  }
}
