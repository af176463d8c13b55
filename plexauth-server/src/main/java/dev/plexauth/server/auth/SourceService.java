package dev.plexauth.server.auth;

import dev.plexauth.sdk.models.Connection;
import dev.plexauth.server.store.AccountRow;
import dev.plexauth.server.store.DuplicateKeyException;
import dev.plexauth.server.store.SourceRow;
import dev.plexauth.server.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Administration of the registered sources (the servers {@code GET /security/resources} answers
 * for): validates and stores them, lists and removes them. Used by the running server and, on the
 * same database, by the command line while a server runs.
 */
public final class SourceService {

  private static final Pattern TEXT = Pattern.compile("[^\\x00-\\x1F\\x7F-\\x9F]{1,200}");
  private static final Pattern URI_TEXT = Pattern.compile("[^\\s\\x00-\\x1F\\x7F-\\x9F]{1,2048}");

  private final Store store;
  private final Clock clock;

  /**
   * Creates the service.
   *
   * @param store the store
   * @param clock the clock for creation times
   */
  public SourceService(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Registers a source.
   *
   * @param id the source id ({@link SourceId})
   * @param name the display name
   * @param clientIdentifier the source's client identifier
   * @param connections its connections, in the order clients should try them
   * @return true when added, false when a source with this id exists
   * @throws IllegalArgumentException when a value is invalid
   * @throws StoreUnavailable when the database cannot be written
   */
  public boolean addSource(
      String id, String name, String clientIdentifier, List<Connection> connections) {
    SourceId sourceId = new SourceId(id);
    requireText(name, "the source name");
    requireText(clientIdentifier, "the source client identifier");
    for (Connection c : connections) {
      if (!"http".equals(c.protocol()) && !"https".equals(c.protocol())) {
        throw new IllegalArgumentException("a connection's protocol must be http or https");
      }
      if (c.address() == null || !URI_TEXT.matcher(c.address()).matches()) {
        throw new IllegalArgumentException("a connection needs an address");
      }
      if (c.port() < 1 || c.port() > 65_535) {
        throw new IllegalArgumentException("a connection's port must be 1 to 65535");
      }
      if (c.uri() == null || !URI_TEXT.matcher(c.uri()).matches()) {
        throw new IllegalArgumentException("a connection needs a uri");
      }
    }
    SourceRow row = new SourceRow(sourceId.value(), name, clientIdentifier, connections);
    return StoreUnavailable.guard(
        () -> {
          try {
            store.insertSource(row, clock.millis());
            SecurityEvents.sourceChanged("source_added");
            return true;
          } catch (DuplicateKeyException e) {
            return false;
          }
        });
  }

  /**
   * Lists the sources.
   *
   * @return the sources, by id
   * @throws StoreUnavailable when the database cannot be read
   */
  public List<SourceRow> listSources() {
    return StoreUnavailable.guard(store::listSources);
  }

  /**
   * Removes a source; its connections go with it.
   *
   * @param id the source id
   * @return whether a source was removed (false for a text that is no source id)
   * @throws StoreUnavailable when the database cannot be written
   */
  public boolean removeSource(String id) {
    boolean removed =
        SourceId.parse(id)
            .map(sourceId -> StoreUnavailable.guard(() -> store.deleteSource(sourceId.value())))
            .orElse(false);
    if (removed) {
      SecurityEvents.sourceChanged("source_removed");
    }
    return removed;
  }

  /**
   * Shares a source with an account that is not an admin: {@code GET /api/v2/resources} lists it
   * for that account, with a token for it.
   *
   * @param id the source id
   * @param login the account's username or email address
   * @return true when shared now, false when it was shared already
   * @throws IllegalArgumentException when there is no such source or account, or the account is an
   *     admin (admins see every source)
   * @throws StoreUnavailable when the database cannot be written
   */
  public boolean share(String id, String login) {
    return StoreUnavailable.guard(
        () -> {
          SourceRow source = existingSource(id);
          AccountRow account = existingAccount(login);
          if (account.admin()) {
            throw new IllegalArgumentException(
                account.username() + " is an admin and sees every source already");
          }
          return store.shareSource(source.id(), account.id(), clock.millis());
        });
  }

  /**
   * Stops sharing a source with an account; the account's tokens for it stop working at once.
   *
   * @param id the source id
   * @param login the account's username or email address
   * @return whether it was shared
   * @throws IllegalArgumentException when there is no such source or account
   * @throws StoreUnavailable when the database cannot be written
   */
  public boolean unshare(String id, String login) {
    return StoreUnavailable.guard(
        () -> {
          SourceRow source = existingSource(id);
          AccountRow account = existingAccount(login);
          return store.unshareSource(source.id(), account.id());
        });
  }

  /**
   * The usernames a source is shared with.
   *
   * @param id the source id
   * @return the usernames, by account id
   * @throws IllegalArgumentException when there is no such source
   * @throws StoreUnavailable when the database cannot be read
   */
  public List<String> sharedWith(String id) {
    return StoreUnavailable.guard(() -> store.listShares(existingSource(id).id()));
  }

  private SourceRow existingSource(String id) {
    return SourceId.parse(id)
        .flatMap(sourceId -> store.findSource(sourceId.value()))
        .orElseThrow(() -> new IllegalArgumentException("no source " + id));
  }

  private AccountRow existingAccount(String login) {
    if (login == null || login.isEmpty()) {
      throw new IllegalArgumentException("no account given");
    }
    return store
        .findAccountByLogin(login)
        .orElseThrow(() -> new IllegalArgumentException("no account " + login));
  }

  private static void requireText(String value, String what) {
    if (value == null || !TEXT.matcher(value).matches() || value.isBlank()) {
      throw new IllegalArgumentException(what + " must be 1 to 200 characters");
    }
  }
}
