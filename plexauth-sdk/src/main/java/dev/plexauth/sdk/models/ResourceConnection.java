package dev.plexauth.sdk.models;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One way to reach a resource of {@code getServerResources} (plexjs: {@code Connections}).
 *
 * <pre>{@code
 * for (ResourceConnection c : device.connections()) {
 *   if (c.local() && !c.relay()) return c.uri();
 * }
 * }</pre>
 *
 * @param protocol {@code http} or {@code https}
 * @param address the host name or IP address
 * @param port the TCP port
 * @param uri the full URI of the connection
 * @param local true for a connection on the resource's local network
 * @param relay true for a connection through the Plex relay
 * @param ipv6 true when the address is an IPv6 address (the wire name is {@code IPv6})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResourceConnection(
    String protocol,
    String address,
    int port,
    String uri,
    boolean local,
    boolean relay,
    @JsonProperty("IPv6") @JsonAlias({"ipv6", "iPv6"}) boolean ipv6) {

  /** Replaces missing strings with empty ones. */
  public ResourceConnection {
    protocol = NullToEmpty.text(protocol);
    address = NullToEmpty.text(address);
    uri = NullToEmpty.text(uri);
  }
}
