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
 * @param createdAtMillis when it was registered, epoch milliseconds (0 for a row not yet stored)
 */
public record SourceRow(
    String id,
    String name,
    String clientIdentifier,
    List<Connection> connections,
    long createdAtMillis) {

  /** Copies the connections. */
  public SourceRow {
    connections = List.copyOf(connections);
  }

  /**
   * A source to be stored; {@link Store#insertSource} records when.
   *
   * @param id the source identifier
   * @param name the display name
   * @param clientIdentifier the source's client identifier
   * @param connections the connections, in order
   */
  public SourceRow(String id, String name, String clientIdentifier, List<Connection> connections) {
    this(id, name, clientIdentifier, connections, 0L);
  }
}
