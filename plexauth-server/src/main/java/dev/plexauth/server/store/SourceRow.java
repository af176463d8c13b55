package dev.plexauth.server.store;

import java.util.List;

/**
 * A registered source with its connections, in order.
 *
 * @param id the source identifier, e.g. {@code server://abc}
 * @param name the display name
 * @param clientIdentifier the source's client identifier
 * @param connections the connections, in the order they are answered
 */
public record SourceRow(
    String id, String name, String clientIdentifier, List<ConnectionRow> connections) {

  /** Copies the connections. */
  public SourceRow {
    connections = List.copyOf(connections);
  }

  /**
   * One way to reach a source.
   *
   * @param protocol {@code http} or {@code https}
   * @param address host name or IP address
   * @param port the TCP port
   * @param uri the full URI
   * @param local whether the connection is on the local network
   * @param relay whether the connection goes through a relay
   */
  public record ConnectionRow(
      String protocol, String address, int port, String uri, boolean local, boolean relay) {}
}
