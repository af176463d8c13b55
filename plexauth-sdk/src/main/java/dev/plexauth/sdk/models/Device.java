package dev.plexauth.sdk.models;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.plexauth.sdk.internal.Redaction;
import java.util.List;
import java.util.Set;

/**
 * A source known to the server, with a transient token for it and the connections to reach it: the
 * answer of {@code getSourceConnectionInformation}.
 *
 * <pre>{@code
 * Device device = plex.authentication().getSourceConnectionInformation("server://id").device();
 * String token = device.accessToken();
 * }</pre>
 *
 * @param name the source's name
 * @param clientIdentifier the source's client identifier
 * @param accessToken a transient token for the source (secret: masked in {@link #toString()})
 * @param connections the ways to reach the source, in the server's order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Device(
    String name,
    String clientIdentifier,
    String accessToken,
    @JsonProperty("Connection")
        @JsonAlias({"connections", "Connections", "connection"})
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<Connection> connections) {

  /** Replaces missing values with empty ones and copies the list. */
  public Device {
    name = NullToEmpty.text(name);
    clientIdentifier = NullToEmpty.text(clientIdentifier);
    accessToken = NullToEmpty.text(accessToken);
    connections = NullToEmpty.list(connections);
  }

  @Override
  public String toString() {
    return Redaction.toString(this, Set.of("accessToken"));
  }
}
