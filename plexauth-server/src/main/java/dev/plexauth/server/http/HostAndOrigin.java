package dev.plexauth.server.http;

import dev.plexauth.sdk.errors.PlexErrorCode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which {@code Host} names the server answers and which {@code Origin}s may send it state-changing
 * requests: the defence against DNS rebinding and cross-site requests.
 *
 * <p><b>Host.</b> A web page can make a browser send requests to this server under the page's own
 * name, by pointing that name's DNS at the server (DNS rebinding); the browser then lets the page
 * read the answers. A name is therefore answered only when it is {@code localhost}, the bind
 * address, the host of the public URL or an allowed host; any other name gets 421 (Misdirected
 * Request). An IP address literal is always answered: rebinding needs a name, and a page whose
 * origin is this server's IP address is this server's own. So a server bound to {@code 0.0.0.0}
 * stays reachable by address from anywhere, and by name once the name is given. A request without
 * {@code Host} (HTTP/1.0) is answered.
 *
 * <p><b>Origin.</b> A page on any site can make a browser POST a form here (a "simple" request
 * needs no CORS permission), and so sign in with guessed passwords or lock out an account. A
 * request with a method other than GET, HEAD and OPTIONS whose {@code Origin} is foreign gets 403.
 * Allowed: no {@code Origin} (non-browser clients), the server's own origin (the scheme, host and
 * port the request was sent to), the public URL's origin, and the allowed origins. {@code Origin:
 * null} (sandboxed frames, local files) is foreign.
 */
public final class HostAndOrigin {

  private static final Pattern HOST_NAME =
      Pattern.compile(
          "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

  private final Set<String> names;
  private final Set<String> origins;

  private HostAndOrigin(Set<String> names, Set<String> origins) {
    this.names = names;
    this.origins = origins;
  }

  /**
   * Builds the policy.
   *
   * @param bindHost the address or name the server binds
   * @param publicUrl the URL clients reach the server at, if set
   * @param allowedHosts more host names to answer
   * @param allowedOrigins more origins whose pages may post here
   * @return the policy
   * @throws IllegalArgumentException when an allowed host is no host name or address, or an allowed
   *     origin is no {@code http(s)://host[:port]}
   */
  public static HostAndOrigin of(
      String bindHost,
      Optional<URI> publicUrl,
      List<String> allowedHosts,
      List<String> allowedOrigins) {
    Set<String> names = new LinkedHashSet<>();
    names.add("localhost");
    names.add(normalizeHost(bindHost));
    Set<String> origins = new LinkedHashSet<>();
    publicUrl.ifPresent(
        url -> {
          names.add(normalizeHost(url.getHost()));
          origins.add(origin(url.getScheme(), url.getHost(), url.getPort()));
        });
    for (String host : allowedHosts) {
      names.add(allowedHost(host));
    }
    for (String origin : allowedOrigins) {
      origins.add(allowedOrigin(origin));
    }
    return new HostAndOrigin(
        Collections.unmodifiableSet(names), Collections.unmodifiableSet(origins));
  }

  /**
   * Checks an allowed host name.
   *
   * @param host a host name or IP address, without scheme or port
   * @return the name in lower case
   * @throws IllegalArgumentException when it is neither
   */
  public static String allowedHost(String host) {
    String name = host == null ? "" : normalizeHost(host.strip());
    if (!HOST_NAME.matcher(name).matches() && IpLiterals.parse(name).isEmpty()) {
      throw new IllegalArgumentException(
          "not a host name: '" + host + "' (e.g. plexauth.example.com, without scheme or port)");
    }
    return name;
  }

  /**
   * Checks an allowed origin.
   *
   * @param origin {@code http(s)://host[:port]}
   * @return the origin with its port spelled out
   * @throws IllegalArgumentException when it is no such origin
   */
  public static String allowedOrigin(String origin) {
    Optional<String> parsed = origin == null ? Optional.empty() : parseOrigin(origin.strip());
    return parsed.orElseThrow(
        () ->
            new IllegalArgumentException(
                "not an origin: '"
                    + origin
                    + "' (e.g. https://app.example.com or http://host:8080)"));
  }

  /**
   * Answers 421 unless the request's host is one this server answers to.
   *
   * @param ctx the request
   * @throws ApiError 421 with a Plex error body
   */
  void checkHost(Context ctx) {
    if (ctx.req().getHeader("Host") == null) {
      return;
    }
    String host = normalizeHost(ctx.req().getServerName());
    if (names.contains(host) || IpLiterals.parse(host).isPresent()) {
      return;
    }
    throw ApiError.of(
        421,
        PlexErrorCode.BAD_REQUEST,
        "This server does not answer to that host name; use its address, or add the name with"
            + " --allowed-host or --public-url");
  }

  /**
   * Answers 403 to a state-changing request whose {@code Origin} is foreign.
   *
   * @param ctx the request
   * @throws ApiError 403 with a Plex error body
   */
  void checkOrigin(Context ctx) {
    HandlerType method = ctx.method();
    if (method == HandlerType.GET || method == HandlerType.HEAD || method == HandlerType.OPTIONS) {
      return;
    }
    List<String> given = Collections.list(ctx.req().getHeaders("Origin"));
    if (given.isEmpty()) {
      return;
    }
    if (given.size() == 1) {
      Optional<String> origin = parseOrigin(given.get(0).strip());
      String own =
          origin(ctx.req().getScheme(), ctx.req().getServerName(), ctx.req().getServerPort());
      if (origin.isPresent() && (origin.get().equals(own) || origins.contains(origin.get()))) {
        return;
      }
    }
    throw ApiError.of(
        403,
        PlexErrorCode.FORBIDDEN,
        "Cross-site request refused: the Origin is not this server's (see --allowed-origin)");
  }

  /** {@code scheme://host:port}, lower case, IPv6 in brackets, the port always given. */
  private static Optional<String> parseOrigin(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (!(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || !(path.isEmpty() || path.equals("/"))
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      return Optional.empty();
    }
    return Optional.of(origin(scheme, uri.getHost(), uri.getPort()));
  }

  private static String origin(String scheme, String host, int port) {
    String lowerScheme = scheme.toLowerCase(Locale.ROOT);
    int effectivePort = port > 0 ? port : (lowerScheme.equals("https") ? 443 : 80);
    String name = normalizeHost(host);
    return lowerScheme
        + "://"
        + (name.contains(":") ? "[" + name + "]" : name)
        + ":"
        + effectivePort;
  }

  /** Lower case, without IPv6 brackets or a trailing dot. */
  private static String normalizeHost(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    return name;
  }

  /**
   * The host names answered besides IP addresses, for the start-up log.
   *
   * @return the names
   */
  public List<String> names() {
    return new ArrayList<>(names);
  }
}
