package dev.plexauth.bench;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The framework's ceiling: Javalin 7 answering plexauth's three GET paths with fixed JSON bodies of
 * given sizes and plexauth's headers, doing nothing else (no token lookup, no JSON writing, no
 * access log).
 *
 * <pre>
 * java -cp plexauth-bench.jar dev.plexauth.bench.BareServer PORT USER_BYTES TOKEN_BYTES RESOURCES_BYTES
 * </pre>
 *
 * It prints {@code listening on PORT} once it accepts requests and runs until killed.
 */
public final class BareServer {

  private BareServer() {}

  /**
   * Starts the server.
   *
   * @param args the port, then the body sizes of {@code /api/v2/user}, {@code /security/token} and
   *     {@code /security/resources}
   */
  public static void main(String[] args) {
    if (args.length != 4) {
      throw new IllegalArgumentException(
          "usage: BareServer PORT USER_BYTES TOKEN_BYTES RESOURCES_BYTES");
    }
    int port = Integer.parseInt(args[0]);
    byte[] user = body(Integer.parseInt(args[1]));
    byte[] token = body(Integer.parseInt(args[2]));
    byte[] resources = body(Integer.parseInt(args[3]));
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.jetty.host = "127.0.0.1";
              config.jetty.port = port;
              config.routes.addHttpHandler(
                  HandlerType.GET, "/api/v2/user", ctx -> fixed(ctx, user));
              config.routes.addHttpHandler(
                  HandlerType.GET, "/security/token", ctx -> fixed(ctx, token));
              config.routes.addHttpHandler(
                  HandlerType.GET, "/security/resources", ctx -> fixed(ctx, resources));
            });
    app.start();
    System.out.println("listening on " + app.port());
    System.out.flush();
  }

  private static void fixed(io.javalin.http.Context ctx, byte[] body) {
    ctx.header("X-Plex-Protocol", "1.0");
    ctx.header("Cache-Control", "no-cache");
    ctx.contentType("application/json; charset=utf-8");
    ctx.result(body);
  }

  /** A JSON string of exactly {@code size} bytes ({@code "xxx…"}), or empty for less than 2. */
  private static byte[] body(int size) {
    if (size < 2) {
      return new byte[0];
    }
    char[] chars = new char[size];
    Arrays.fill(chars, 'x');
    chars[0] = '"';
    chars[size - 1] = '"';
    return new String(chars).getBytes(StandardCharsets.US_ASCII);
  }
}
