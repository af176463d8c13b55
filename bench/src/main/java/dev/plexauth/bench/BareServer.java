package dev.plexauth.bench;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The framework's ceiling: Javalin 7 answering GET paths with fixed JSON bodies of given sizes and
 * plexauth's headers, doing nothing else (no token lookup, no JSON writing, no access log).
 *
 * <pre>
 * java -cp plexauth-bench.jar dev.plexauth.bench.BareServer PORT PATH=BYTES...
 * </pre>
 *
 * <p>For example {@code BareServer 8080 /api/v2/user=1143 /security/token=93}. It prints {@code
 * listening on PORT} once it accepts requests and runs until killed.
 */
public final class BareServer {

  private BareServer() {}

  /**
   * Starts the server.
   *
   * @param args the port, then one {@code PATH=BYTES} per route: its path (no query) and the size
   *     of its body
   */
  public static void main(String[] args) {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: BareServer PORT PATH=BYTES...");
    }
    int port = Integer.parseInt(args[0]);
    Map<String, byte[]> bodies = new LinkedHashMap<>();
    for (String route : Arrays.copyOfRange(args, 1, args.length)) {
      int equals = route.lastIndexOf('=');
      if (equals <= 0 || !route.startsWith("/") || bodies.containsKey(route.substring(0, equals))) {
        throw new IllegalArgumentException(
            "each route must be PATH=BYTES with a path starting with / and not given twice: "
                + route);
      }
      bodies.put(route.substring(0, equals), body(Integer.parseInt(route.substring(equals + 1))));
    }
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.jetty.host = "127.0.0.1";
              config.jetty.port = port;
              bodies.forEach(
                  (path, body) ->
                      config.routes.addHttpHandler(HandlerType.GET, path, ctx -> fixed(ctx, body)));
            });
    app.start();
    System.out.println("listening on " + app.port());
    System.out.flush();
  }

  /** The headers plexauth sends with a JSON answer, and the body. */
  private static void fixed(Context ctx, byte[] body) {
    ctx.header("X-Plex-Protocol", "1.0");
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType("application/json;charset=utf-8");
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
