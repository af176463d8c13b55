package dev.plexauth.server.auth;

import dev.plexauth.sdk.models.Device;
import dev.plexauth.server.store.Store;
import java.util.Optional;

/**
 * The connection information of a registered source ({@code GET /security/resources}): for admin
 * tokens, and for a token bound to that very source; with a fresh transient token bound to the
 * source as {@code accessToken}, which is never an admin token, so handing it to a client of that
 * source gives away neither other sources nor admin rights.
 */
public final class SourceAccess {

  private final Store store;
  private final Authenticator authenticator;

  /**
   * Creates the service.
   *
   * @param store where sources live
   * @param authenticator mints the transient tokens handed out
   */
  public SourceAccess(Store store, Authenticator authenticator) {
    this.store = store;
    this.authenticator = authenticator;
  }

  /**
   * The source as a client sees it: name, client identifier, a transient token and the connections.
   *
   * @param principal who asks
   * @param source the source
   * @return the device, or empty when no such source is registered
   * @throws AccessDenied when the principal is neither an admin nor bound to this source
   * @throws StoreUnavailable when the database cannot be read
   */
  public Optional<Device> connectionInformation(Principal principal, SourceId source) {
    if (!principal.admin() && !principal.resource().equals(Optional.of(source.value()))) {
      throw new AccessDenied("This needs an admin token");
    }
    return StoreUnavailable.guard(() -> store.findSource(source.value()))
        .map(
            row ->
                new Device(
                    row.name(),
                    row.clientIdentifier(),
                    authenticator.mintForSource(principal, source),
                    row.connections()));
  }
}
