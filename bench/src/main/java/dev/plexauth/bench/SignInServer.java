package dev.plexauth.bench;

import dev.plexauth.server.NewAccount;
import dev.plexauth.server.PlexAuthServer;
import dev.plexauth.server.auth.PasswordHasher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

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
 * It prints {@code listening on PORT} once it accepts requests and runs until killed. A line {@code
 * verify N} on standard input times N Argon2id verifications, one after the other, in this same JVM
 * with the server's parameters, and prints {@code verify-ms MEDIAN} (milliseconds): the unit the
 * sign-in figures are measured against, taken between load runs, while the server idles.
 */
public final class SignInServer {

  private SignInServer() {}

  /**
   * Starts the server.
   *
   * @param args the data directory (empty or missing), the port and the number of accounts
   * @throws IOException when standard input cannot be read
   */
  public static void main(String[] args) throws IOException {
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
    PasswordHasher hasher = new PasswordHasher();
    String hash = hasher.hash("bench-password-1");
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.startsWith("verify ")) {
        int count = Integer.parseInt(line.substring(7).strip());
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
          long start = System.nanoTime();
          if (!hasher.verify("bench-password-1", hash)) {
            throw new IllegalStateException("the password did not verify");
          }
          millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "verify-ms %.3f%n", millis[count / 2]);
        System.out.flush();
      }
    }
  }
}
