package dev.plexauth.sdk.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a Plex Media Server says about itself without a token: the {@code MediaContainer} of {@code
 * getServerIdentity} ({@code GET /identity}).
 *
 * <pre>{@code
 * ServerIdentity id = plex.server().getServerIdentity().mediaContainer();
 * System.out.println(id.machineIdentifier() + " " + id.version());
 * }</pre>
 *
 * @param size always 0
 * @param claimed whether the server has an owner
 * @param machineIdentifier the server's machine identifier, the same on every instance of it
 * @param version the server's version
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServerIdentity(int size, boolean claimed, String machineIdentifier, String version) {

  /** Replaces missing strings with empty ones. */
  public ServerIdentity {
    machineIdentifier = NullToEmpty.text(machineIdentifier);
    version = NullToEmpty.text(version);
  }
}
