package dev.plexauth.sdk.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One way to reach a source: an address, a port and whether it is local or relayed.
 *
 * <pre>{@code
 * Connection local = new Connection("http", "192.168.1.20", 32400, "http://192.168.1.20:32400", true, false);
 * }</pre>
 *
 * @param protocol {@code http} or {@code https}
 * @param address the host name or IP address
 * @param port the TCP port
 * @param uri the full URI of the connection
 * @param local true for a connection on the source's local network
 * @param relay true for a connection through the Plex relay
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Connection(
    String protocol, String address, int port, String uri, boolean local, boolean relay) {

  /** Replaces missing strings with empty ones. */
  public Connection {
    protocol = NullToEmpty.text(protocol);
    address = NullToEmpty.text(address);
    uri = NullToEmpty.text(uri);
  }
}
