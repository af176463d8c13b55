package dev.plexauth.server.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The approval pages of PIN sign-in, served from this server's resources with no token needed to
 * load them: {@code /auth} (the page apps open, {@code #?clientID=…&code=…}) and {@code /link}
 * (enter a 4-character code), with their one style sheet, one script and an icon. The pages sign in
 * and approve through the public JSON API, like any client; they keep the token in the script's
 * memory.
 *
 * <p>Every answer carries a strict Content-Security-Policy ({@value #CONTENT_SECURITY_POLICY}): no
 * inline script or style, nothing from another origin, no framing (an approval page must not be
 * framed by a page that could trick the person into clicking Approve), forms and requests to this
 * origin only; and {@code Referrer-Policy: no-referrer}, so the address of the page, which the
 * browser may have completed from the fragment, never leaves it.
 */
final class ApprovalPages {

  /** The policy of every page and asset. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
          + " img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none';"
          + " require-trusted-types-for 'script'";

  /** Where the pages lie on the class path. */
  static final String RESOURCES = "/dev/plexauth/server/pages/";

  /** Each served path and its resource with its content type. */
  static final Map<String, Asset> ASSETS =
      Map.of(
          "/auth", new Asset("auth.html", "text/html; charset=utf-8"),
          "/link", new Asset("link.html", "text/html; charset=utf-8"),
          "/pages/approve.css", new Asset("approve.css", "text/css; charset=utf-8"),
          "/pages/approve.js", new Asset("approve.js", "text/javascript; charset=utf-8"),
          "/pages/icon.svg", new Asset("icon.svg", "image/svg+xml"));

  private ApprovalPages() {}

  /**
   * A served file.
   *
   * @param resource its name under {@value #RESOURCES}
   * @param contentType its content type
   */
  record Asset(String resource, String contentType) {}

  /** The handler of one path, with the file read once. */
  static Handler handler(String path) {
    Asset asset = ASSETS.get(path);
    if (asset == null) {
      throw new IllegalArgumentException("no page " + path);
    }
    byte[] body = load(asset.resource());
    return ctx -> serve(ctx, asset.contentType(), body);
  }

  private static void serve(Context ctx, String contentType, byte[] body) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Content-Type-Options", Responses.NOSNIFF);
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Cache-Control", Responses.CACHE_CONTROL);
    ctx.contentType(contentType);
    ctx.result(body);
  }

  private static byte[] load(String name) {
    String resource = RESOURCES + name;
    try (InputStream in = ApprovalPages.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
