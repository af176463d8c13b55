package dev.plexauth.server;

import dev.plexauth.sdk.models.Connection;
import java.util.List;
import java.util.Objects;

/**
 * A source that {@code GET /security/resources} answers for: a server or provider with its
 * connections, in the order clients should try them.
 *
 * <pre>{@code
 * admin.addSource(new Source("server://abc", "Living room", "abc",
 *     List.of(new Connection("http", "192.168.1.2", 32400, "http://192.168.1.2:32400", true, false))));
 * }</pre>
 *
 * @param id the source identifier, {@code server://…} or {@code provider://…}
 * @param name the display name
 * @param clientIdentifier the source's client identifier
 * @param connections the connections
 */
public record Source(
    String id, String name, String clientIdentifier, List<Connection> connections) {

  /** Checks the required values and copies the connections. */
  public Source {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(clientIdentifier, "clientIdentifier == null");
    connections = List.copyOf(connections);
  }
}
