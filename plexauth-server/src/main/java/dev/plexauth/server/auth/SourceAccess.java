package dev.plexauth.server.auth;

import dev.plexauth.sdk.models.Device;
import dev.plexauth.server.store.Store;
import java.util.Optional;

/**
 * The connection information of a registered source ({@code GET /security/resources}): for admins
 * only, with a fresh transient token carrying the principal's rights as {@code accessToken}.
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
   * @throws AccessDenied when the principal is not an admin
   * @throws StoreUnavailable when the database cannot be read
   */
  public Optional<Device> connectionInformation(Principal principal, SourceId source) {
    if (!principal.admin()) {
      throw new AccessDenied("This needs an admin token");
    }
    return StoreUnavailable.guard(() -> store.findSource(source.value()))
        .map(
            row ->
                new Device(
                    row.name(),
                    row.clientIdentifier(),
                    authenticator.mintTransient(principal),
                    row.connections()));
  }
}
