package dev.plexauth.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.plexauth.sdk.models.Device;
import dev.plexauth.sdk.models.ServerCapabilities;
import dev.plexauth.sdk.models.ServerIdentity;

/**
 * The envelope of the PMS answers, {@code {"MediaContainer":{…}}} in JSON and {@code
 * <MediaContainer …>} in XML, with the bodies of the PMS routes.
 *
 * @param content what the container holds
 * @param <T> the body's type
 */
record MediaContainer<T>(@JsonProperty("MediaContainer") T content) {

  /** The XML root element, named like the JSON key. */
  static final String XML_ROOT = "MediaContainer";

  static MediaContainer<TransientToken> transientToken(String token) {
    return new MediaContainer<>(new TransientToken(0, token));
  }

  static MediaContainer<Resources> resources(Device device) {
    return new MediaContainer<>(new Resources(1, device));
  }

  /** {@code GET /identity}: the SDK's record is the container's content. */
  static MediaContainer<ServerIdentity> identity(ServerIdentity identity) {
    return new MediaContainer<>(identity);
  }

  /** {@code GET /}: the SDK's record is the container's content. */
  static MediaContainer<ServerCapabilities> capabilities(ServerCapabilities capabilities) {
    return new MediaContainer<>(capabilities);
  }

  /**
   * {@code GET /security/token}: an empty container carrying the token.
   *
   * @param size always 0, as PMS writes it
   * @param token the transient token (masked in {@link #toString()})
   */
  record TransientToken(int size, String token) {
    @Override
    public String toString() {
      return "TransientToken[size=" + size + ", token=***]";
    }
  }

  /**
   * {@code GET /security/resources}: the one source asked for.
   *
   * @param size always 1
   * @param device the source with a transient token and its connections
   */
  record Resources(int size, @JsonProperty("Device") Device device) {}
}
