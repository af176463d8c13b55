package dev.plexauth.server.auth;

import dev.plexauth.sdk.models.Connection;
import dev.plexauth.sdk.models.PlexDevice;
import dev.plexauth.sdk.models.ResourceConnection;
import dev.plexauth.server.store.AccountRow;
import dev.plexauth.server.store.SourceRow;
import dev.plexauth.server.store.Store;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The servers an account can use ({@code GET /api/v2/resources}): this server, when it has a public
 * URL, and the sources: all of them for an admin (owned), those shared with it for anyone else (not
 * owned).
 *
 * <p>Each resource carries an {@code accessToken} for it: a resource token derived from the account
 * token that asked ({@link Tokens#resourceTokens}), stored as its hash, valid on the PMS routes
 * only, for that account and bound to that resource, and only while the account token it came from
 * is current and the resource is still there for the account. It is never an account token: it
 * cannot list devices, sign out or sign in, and never another account's. The same account token
 * asking again gets the same resource tokens.
 */
public final class ResourceService {

  /** The resource a token names when it is for this server, not a source. */
  static final String THIS_SERVER = Store.THIS_SERVER;

  /** The product of every resource: each plays the Plex Media Server role for its clients. */
  static final String PRODUCT = "Plex Media Server";

  private final Store store;
  private final ServerInfo server;
  private final Optional<URI> publicUrl;
  private final Clock clock;

  /**
   * Creates the service.
   *
   * @param store where sources, shares and resource tokens live
   * @param server this server's identity and name
   * @param publicUrl where clients reach this server, if set; without it this server is not listed
   * @param clock the clock
   */
  public ResourceService(Store store, ServerInfo server, Optional<URI> publicUrl, Clock clock) {
    this.store = store;
    this.server = server;
    this.publicUrl = publicUrl;
    this.clock = clock;
  }

  /**
   * The resources of the account behind an account token.
   *
   * @param principal who asks; must hold an account token ({@link
   *     Authenticator#authenticateAccount})
   * @param filter which connections to list
   * @return this server first (if it has a public URL), then the sources by id
   * @throws IllegalArgumentException when the principal does not hold an account token
   * @throws StoreUnavailable when the database cannot be read or written
   */
  public List<PlexDevice> resources(Principal principal, ConnectionFilter filter) {
    if (principal.kind() != Principal.Kind.ACCOUNT) {
      throw new IllegalArgumentException("resources are listed for account tokens only");
    }
    AccountRow account = principal.account();
    Instant now = clock.instant();
    List<SourceRow> sources =
        StoreUnavailable.guard(
            () ->
                account.admin() ? store.listSources() : store.listSourcesSharedWith(account.id()));
    Optional<AccountRow> owner =
        account.admin() ? Optional.empty() : StoreUnavailable.guard(store::findOwner);

    Tokens.ResourceTokens derived = Tokens.resourceTokens(principal.token());
    Map<String, String> tokens = new LinkedHashMap<>();
    List<PlexDevice> resources = new ArrayList<>();
    if (publicUrl.isPresent()) {
      String token = derived.of(THIS_SERVER);
      tokens.put(THIS_SERVER, Tokens.sha256Hex(token));
      resources.add(thisServer(publicUrl.get(), account, owner, token, filter, now));
    }
    for (SourceRow source : sources) {
      String token = derived.of(source.id());
      tokens.put(source.id(), Tokens.sha256Hex(token));
      resources.add(source(source, account, owner, token, filter));
    }
    StoreUnavailable.guard(
        () -> {
          store.saveResourceTokens(
              account.id(), principal.accountToken().tokenHash(), tokens, now.toEpochMilli());
          return null;
        });
    return resources;
  }

  private PlexDevice thisServer(
      URI url,
      AccountRow account,
      Optional<AccountRow> owner,
      String token,
      ConnectionFilter filter,
      Instant now) {
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    String host = url.getHost();
    String address = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
    String uri = url.toString();
    while (uri.endsWith("/")) {
      uri = uri.substring(0, uri.length() - 1);
    }
    // The public URL is the way in from outside, so its connection is not local.
    ResourceConnection connection =
        new ResourceConnection(scheme, address, port, uri, false, false, isIpv6(address));
    return new PlexDevice(
        server.friendlyName(),
        PRODUCT,
        ServerInfo.VERSION,
        Optional.of(System.getProperty("os.name", "")),
        Optional.of(System.getProperty("os.version", "")),
        Optional.empty(),
        server.machineIdentifier(),
        server.createdAt(),
        now,
        "server",
        owner.map(AccountRow::id),
        owner.map(AccountRow::username),
        address,
        token,
        account.admin(),
        false,
        false,
        false,
        true,
        scheme.equals("https"),
        false,
        false,
        false,
        filter(List.of(connection), filter));
  }

  private static PlexDevice source(
      SourceRow source,
      AccountRow account,
      Optional<AccountRow> owner,
      String token,
      ConnectionFilter filter) {
    List<ResourceConnection> all = new ArrayList<>();
    for (Connection c : source.connections()) {
      all.add(
          new ResourceConnection(
              c.protocol(),
              c.address(),
              c.port(),
              c.uri(),
              c.local(),
              c.relay(),
              isIpv6(c.address())));
    }
    String publicAddress =
        source.connections().stream()
            .filter(c -> !c.local() && !c.relay())
            .map(Connection::address)
            .findFirst()
            .orElse("");
    Instant created = Instant.ofEpochMilli(source.createdAtMillis());
    return new PlexDevice(
        source.name(),
        PRODUCT,
        "",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        source.clientIdentifier(),
        created,
        created,
        "server",
        owner.map(AccountRow::id),
        owner.map(AccountRow::username),
        publicAddress,
        token,
        account.admin(),
        false,
        false,
        all.stream().anyMatch(ResourceConnection::relay),
        false,
        false,
        false,
        false,
        false,
        filter(all, filter));
  }

  private static List<ResourceConnection> filter(
      List<ResourceConnection> connections, ConnectionFilter filter) {
    return connections.stream()
        .filter(c -> filter.https() || !c.protocol().equalsIgnoreCase("https"))
        .filter(c -> filter.relay() || !c.relay())
        .filter(c -> filter.ipv6() || !c.ipv6())
        .toList();
  }

  private static boolean isIpv6(String address) {
    return address.indexOf(':') >= 0;
  }
}
