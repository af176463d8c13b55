package dev.plexauth.server.http;

import dev.plexauth.sdk.errors.PlexErrorCode;
import dev.plexauth.server.auth.Authenticator;
import dev.plexauth.server.auth.DeviceKeyService;
import dev.plexauth.server.auth.DeviceService;
import dev.plexauth.server.auth.LogText;
import dev.plexauth.server.auth.PinService;
import dev.plexauth.server.auth.ResourceService;
import dev.plexauth.server.auth.SecurityEvents;
import dev.plexauth.server.auth.ServerInfo;
import dev.plexauth.server.auth.SignInQueue;
import dev.plexauth.server.auth.SignInRateLimiter;
import dev.plexauth.server.auth.SourceAccess;
import dev.plexauth.server.auth.StoreUnavailable;
import dev.plexauth.server.auth.TokenExpired;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of plexauth: one Javalin app serving the PMS routes at the root and the plex.tv
 * routes under {@code /api/v2} (and the two older plex.tv paths at the root).
 *
 * <pre>
 * GET      /                                            server capabilities (PMS)
 * GET      /identity                                    server identity, no token needed
 * GET|POST /security/token?type=delegation&amp;scope=all   transient token
 * GET      /security/resources?source=server://…       source connection information
 * GET      /api/v2/user                                 token details
 * POST     /api/v2/users/signin                         sign-in (form body)
 * DELETE   /api/v2/users/signout                        end the token presented
 * GET      /api/v2/ping                                 the token is good; record it was seen
 * GET      /api/v2/resources                            the servers of the account, with tokens
 * GET      /api/v2/devices                              the account's devices
 * DELETE   /api/v2/devices/{id}                         sign a device out
 * GET      /devices.xml                                 the account's devices, the older way
 * DELETE   /devices/{id}.xml                            the same, by its older path
 * POST     /users/sign_in.json|.xml                     the older sign-in (HTTP Basic)
 * POST     /api/v2/pins?strong=true|false               a pin for PIN sign-in
 * GET      /api/v2/pins/{id}                            the pin, with its token once approved
 * PUT      /api/v2/pins/link                            approve a pin's code (form body)
 * GET      /auth, /link                                 the approval pages, no token needed
 * GET      /pages/approve.css, approve.js, icon.svg     their style sheet, script and icon
 * POST     /api/v2/auth/jwk                             register a device key (JSON body)
 * GET      /api/v2/auth/nonce                           a single-use nonce
 * POST     /api/v2/auth/token                           device JWT in, Plex JWT out (JSON)
 * GET      /api/v2/auth/keys                            the server's public signing keys
 * GET      /openapi.yaml                                this API's OpenAPI document, no token needed
 * </pre>
 *
 * Any other path is a 404 and any other method a 405, both with a Plex error body. Bad input is a
 * 4xx; only a bug is a 500.
 */
public final class HttpApi {

  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

  private HttpApi() {}

  /**
   * The services behind the routes.
   *
   * @param authenticator resolves tokens and mints transient tokens
   * @param signIns the queue sign-ins wait in for the password hash
   * @param rateLimiter the per-address sign-in limit, shared by both sign-in routes
   * @param sources the connection information of sources
   * @param server the server's identity and capabilities
   * @param resources the servers an account can use
   * @param devices the account's devices, ping and sign-out
   * @param pins PIN sign-in
   * @param pinRateLimiter the per-address limit on making and linking pins
   * @param deviceKeys JWT device authentication
   * @param nonceLimiter the per-client limit on nonces
   */
  public record Services(
      Authenticator authenticator,
      SignInQueue signIns,
      SignInRateLimiter rateLimiter,
      SourceAccess sources,
      ServerInfo server,
      ResourceService resources,
      DeviceService devices,
      PinService pins,
      SignInRateLimiter pinRateLimiter,
      DeviceKeyService deviceKeys,
      SignInRateLimiter nonceLimiter) {}

  /**
   * A route's path, literal or with {@code {name}} segments, and how Javalin is given it. A segment
   * may follow its name with a fixed suffix ({@code {id}.xml}): the route table matches the suffix;
   * Javalin gets {@code {id}} and the handler the rest.
   */
  private record Route(String template, String javalinPath, Pattern pattern) {
    private static final Pattern NAME = Pattern.compile("\\{[A-Za-z]+}");

    static Route of(String template) {
      String javalinPath = template.replaceAll("(\\{[A-Za-z]+})[^/]+", "$1");
      StringBuilder regex = new StringBuilder();
      Matcher names = NAME.matcher(template);
      int at = 0;
      while (names.find()) {
        regex.append(Pattern.quote(template.substring(at, names.start()))).append("[^/]+");
        at = names.end();
      }
      regex.append(Pattern.quote(template.substring(at)));
      return new Route(template, javalinPath, Pattern.compile(regex.toString()));
    }

    boolean literal() {
      return !template.contains("{");
    }
  }

  /**
   * Creates the (not yet started) app.
   *
   * @param services the services behind the routes
   * @param edge where to listen (HTTP or HTTPS), whose forwarded addresses to believe, which host
   *     names and origins to answer
   * @return the app; call {@code start()} on it
   */
  public static Javalin create(Services services, Edge edge) {
    PmsRoutes pms = new PmsRoutes(services.authenticator(), services.sources(), services.server());
    PlexTvRoutes plexTv =
        new PlexTvRoutes(services.authenticator(), services.signIns(), services.rateLimiter());
    AccountRoutes account =
        new AccountRoutes(services.authenticator(), services.resources(), services.devices());
    LegacySignInRoutes legacy = new LegacySignInRoutes(services.signIns(), services.rateLimiter());
    PinRoutes pinRoutes =
        new PinRoutes(
            services.authenticator(), services.pins(), services.pinRateLimiter(), edge.publicUrl());
    DeviceAuthRoutes deviceAuth =
        new DeviceAuthRoutes(
            services.authenticator(), services.deviceKeys(), services.nonceLimiter());

    Map<Route, Map<HandlerType, Handler>> routes = new LinkedHashMap<>();
    route(routes, HandlerType.GET, "/", pms::capabilities);
    route(routes, HandlerType.GET, "/identity", pms::identity);
    route(routes, HandlerType.GET, "/security/token", pms::transientToken);
    route(routes, HandlerType.POST, "/security/token", pms::transientToken);
    route(routes, HandlerType.GET, "/security/resources", pms::resources);
    route(routes, HandlerType.GET, "/api/v2/user", plexTv::user);
    route(routes, HandlerType.POST, "/api/v2/users/signin", plexTv::signIn);
    route(routes, HandlerType.POST, "/api/v2/auth/jwk", deviceAuth::registerKey);
    route(routes, HandlerType.GET, "/api/v2/auth/nonce", deviceAuth::nonce);
    route(routes, HandlerType.POST, "/api/v2/auth/token", deviceAuth::token);
    route(routes, HandlerType.GET, "/api/v2/auth/keys", deviceAuth::keys);
    route(routes, HandlerType.DELETE, "/api/v2/users/signout", account::signOut);
    route(routes, HandlerType.GET, "/api/v2/ping", account::ping);
    route(routes, HandlerType.GET, "/api/v2/resources", account::resources);
    route(routes, HandlerType.GET, "/api/v2/devices", account::devices);
    route(routes, HandlerType.DELETE, "/api/v2/devices/{id}", account::removeDevice);
    route(routes, HandlerType.GET, "/devices.xml", account::devicesXml);
    route(routes, HandlerType.DELETE, "/devices/{id}.xml", account::removeDevice);
    route(routes, HandlerType.POST, "/users/sign_in.json", legacy::signInJson);
    route(routes, HandlerType.POST, "/users/sign_in.xml", legacy::signInXml);
    route(routes, HandlerType.POST, "/api/v2/pins", pinRoutes::create);
    route(routes, HandlerType.PUT, "/api/v2/pins/link", pinRoutes::link);
    route(routes, HandlerType.GET, "/api/v2/pins/{" + PinRoutes.PIN_ID + "}", pinRoutes::poll);
    for (String page : ApprovalPages.ASSETS.keySet().stream().sorted().toList()) {
      route(routes, HandlerType.GET, page, ApprovalPages.handler(page));
    }
    route(routes, HandlerType.GET, "/openapi.yaml", OpenApiDocument::serve);

    return Javalin.create(
        config -> {
          config.startup.showJavalinBanner = false;
          config.startup.showOldJavalinVersionWarning = false;
          if (edge.maxThreads() > 0) {
            config.jetty.threadPool =
                new QueuedThreadPool(edge.maxThreads(), Math.min(8, edge.maxThreads()));
          }
          config.jetty.addConnector((server, httpConfig) -> connector(server, httpConfig, edge));
          config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
          config.http.maxRequestSize = PlexTvRoutes.MAX_BODY_BYTES;
          config.requestLogger.http(AccessLog::log);
          config.routes.before(ctx -> ctx.header("X-Plex-Protocol", "1.0"));
          config.routes.before(
              ctx ->
                  ctx.attribute(
                      PlexRequest.CLIENT_ADDRESS, edge.trustedProxies().clientAddress(ctx.req())));
          config.routes.before(edge.hostAndOrigin()::checkHost);
          config.routes.before(ctx -> checkRoute(routes, ctx));
          config.routes.before(edge.hostAndOrigin()::checkOrigin);
          routes.forEach(
              (route, methods) ->
                  methods.forEach(
                      (method, handler) ->
                          config.routes.addHttpHandler(method, route.javalinPath(), handler)));
          config.routes.exception(ApiError.class, (error, ctx) -> Responses.error(ctx, error));
          config.routes.exception(
              HttpResponseException.class,
              (error, ctx) ->
                  Responses.error(
                      ctx, ApiError.of(error.getStatus(), codeFor(error), message(error))));
          config.routes.exception(
              TokenExpired.class,
              (error, ctx) -> {
                SecurityEvents.emit(
                    "token_refused",
                    SecurityEvents.Outcome.REFUSED,
                    "jwt_expired",
                    PlexRequest.eventOrigin(ctx),
                    OptionalLong.empty());
                Responses.error(
                    ctx, ApiError.of(498, PlexErrorCode.TOKEN_EXPIRED, "Token expired"));
              });
          config.routes.exception(
              StoreUnavailable.class,
              (error, ctx) -> {
                LOG.error("database error: {}", error.getMessage(), error);
                Responses.error(
                    ctx,
                    ApiError.of(
                        503, PlexErrorCode.INTERNAL, "The database is unavailable; try again"));
              });
          config.routes.exception(
              Exception.class,
              (error, ctx) -> {
                LOG.error(
                    "unexpected error on {} {}",
                    LogText.escape(ctx.method().name()),
                    LogText.escape(ctx.path()),
                    error);
                Responses.error(
                    ctx, ApiError.of(500, PlexErrorCode.INTERNAL, "Internal server error"));
              });
          config.routes.error(
              404, ctx -> fallback(ctx, ApiError.of(404, PlexErrorCode.NOT_FOUND, "Not found")));
          config.routes.error(
              405,
              ctx ->
                  fallback(
                      ctx,
                      ApiError.of(405, PlexErrorCode.METHOD_NOT_ALLOWED, "Method not allowed")));
        });
  }

  /**
   * The one connector: HTTP/1.1, or HTTP/1.1 inside TLS. Jetty's SNI checks are off (a client that
   * asks for a name the certificate lacks fails its own verification; the host names answered are
   * {@link HostAndOrigin}'s to judge), and so is HSTS (whether a name is HTTPS-only is the
   * deployment's call).
   */
  private static ServerConnector connector(Server server, HttpConfiguration httpConfig, Edge edge) {
    ServerConnector connector;
    if (edge.tls().isPresent()) {
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setKeyStore(edge.tls().get().keyStore());
      tls.setKeyStorePassword(edge.tls().get().password());
      tls.setSniRequired(false);
      httpConfig.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
      connector =
          new ServerConnector(
              server,
              new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
              new AcceptRecordingConnectionFactory(httpConfig));
    } else {
      connector = new ServerConnector(server, new AcceptRecordingConnectionFactory(httpConfig));
    }
    connector.setHost(edge.host());
    connector.setPort(edge.port());
    return connector;
  }

  private static void route(
      Map<Route, Map<HandlerType, Handler>> routes,
      HandlerType method,
      String template,
      Handler handler) {
    Route route =
        routes.keySet().stream()
            .filter(r -> r.template().equals(template))
            .findFirst()
            .orElseGet(() -> Route.of(template));
    routes.computeIfAbsent(route, unused -> new LinkedHashMap<>()).put(method, handler);
  }

  /** Answers unknown paths and methods before any handler runs, with a Plex error body. */
  private static void checkRoute(Map<Route, Map<HandlerType, Handler>> routes, Context ctx) {
    String path = ctx.path();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    Map<HandlerType, Handler> methods = methodsFor(routes, path);
    if (methods == null) {
      throw ApiError.of(404, PlexErrorCode.NOT_FOUND, "Not found");
    }
    if (!methods.containsKey(ctx.method())) {
      throw ApiError.methodNotAllowed(
          methods.keySet().stream().map(HandlerType::name).collect(Collectors.joining(", ")));
    }
  }

  /**
   * The methods of the route that matches a path: a literal route ({@code /api/v2/pins/link})
   * before a template that matches it too ({@code /api/v2/pins/{pinId}}), else the first template.
   */
  private static Map<HandlerType, Handler> methodsFor(
      Map<Route, Map<HandlerType, Handler>> routes, String path) {
    Map<HandlerType, Handler> templated = null;
    for (Map.Entry<Route, Map<HandlerType, Handler>> route : routes.entrySet()) {
      if (route.getKey().pattern().matcher(path).matches()) {
        if (route.getKey().literal()) {
          return route.getValue();
        }
        if (templated == null) {
          templated = route.getValue();
        }
      }
    }
    return templated;
  }

  private static void fallback(Context ctx, ApiError error) {
    if (ctx.attribute(Responses.RENDERED) == null) {
      Responses.error(ctx, error);
    }
  }

  private static int codeFor(HttpResponseException error) {
    return switch (error.getStatus()) {
      case 404 -> PlexErrorCode.NOT_FOUND;
      case 405 -> PlexErrorCode.METHOD_NOT_ALLOWED;
      case 429 -> PlexErrorCode.RATE_LIMITED;
      default -> PlexErrorCode.BAD_REQUEST;
    };
  }

  private static String message(HttpResponseException error) {
    return switch (error.getStatus()) {
      case 413 -> "the request body is too large";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      default -> "Bad request";
    };
  }
}
