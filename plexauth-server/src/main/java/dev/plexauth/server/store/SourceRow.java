package dev.plexauth.server.store;

import dev.plexauth.sdk.models.Connection;
import java.util.List;

/**
 * A registered source with its connections, in order. A connection is kept exactly as {@code GET
 * /security/resources} serves it, so the SDK's {@link Connection} record is the row: one mapping,
 * between the table and the record, in the store.
 *
 * @param id the source identifier, e.g. {@code server://abc}
 * @param name the display name
 * @param clientIdentifier the source's client identifier
 * @param connections the connections, in the order they are answered
 */
public record SourceRow(
    String id, String name, String clientIdentifier, List<Connection> connections) {

  /** Copies the connections. */
  public SourceRow {
    connections = List.copyOf(connections);
  }
}
