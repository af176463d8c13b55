package dev.plexauth.sdk.models;

import java.util.Objects;

/**
 * A request for a pin: the kind of code and the app's identity, sent as {@code X-Plex-*} headers.
 *
 * <pre>{@code
 * GetPinRequest request = GetPinRequest.builder()
 *     .strong(true)
 *     .clientID("3381b62b-9ab7-4e37-827b-203e9809eb58")
 *     .clientName("Plex for Roku")
 *     .deviceNickname("Roku 3")
 *     .clientVersion("2.4.1")
 *     .platform("Roku")
 *     .build();
 * }</pre>
 *
 * <p>An identity field left empty falls back to the one configured on {@code PlexAPI}; the client
 * identifier must come from one of them.
 *
 * @param strong true for a strong (25-character) code, for the approval page an app opens; false
 *     (the default) for a 4-character code a person types on the link page
 * @param clientID the client identifier ({@code X-Plex-Client-Identifier}); only this client may
 *     poll the pin
 * @param clientName the product name ({@code X-Plex-Product}), shown to the person approving
 * @param deviceNickname the device name ({@code X-Plex-Device}), or empty
 * @param clientVersion the product version ({@code X-Plex-Version}), or empty
 * @param platform the platform ({@code X-Plex-Platform}), or empty
 */
public record GetPinRequest(
    boolean strong,
    String clientID,
    String clientName,
    String deviceNickname,
    String clientVersion,
    String platform) {

  /** Replaces missing identity fields with empty ones. */
  public GetPinRequest {
    clientID = NullToEmpty.text(clientID);
    clientName = NullToEmpty.text(clientName);
    deviceNickname = NullToEmpty.text(deviceNickname);
    clientVersion = NullToEmpty.text(clientVersion);
    platform = NullToEmpty.text(platform);
  }

  /**
   * Starts a builder: a 4-character code, the client's identity.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link GetPinRequest}. */
  public static final class Builder {
    private boolean strong;
    private String clientID = "";
    private String clientName = "";
    private String deviceNickname = "";
    private String clientVersion = "";
    private String platform = "";

    private Builder() {}

    /**
     * Chooses the kind of code.
     *
     * @param strong true for a strong code, false for a 4-character one
     * @return this builder
     */
    public Builder strong(boolean strong) {
      this.strong = strong;
      return this;
    }

    /**
     * Sets the client identifier.
     *
     * @param clientID the identifier, stable per install
     * @return this builder
     */
    public Builder clientID(String clientID) {
      this.clientID = Objects.requireNonNull(clientID, "clientID == null");
      return this;
    }

    /**
     * Sets the product name.
     *
     * @param clientName e.g. {@code Plex for Roku}
     * @return this builder
     */
    public Builder clientName(String clientName) {
      this.clientName = Objects.requireNonNull(clientName, "clientName == null");
      return this;
    }

    /**
     * Sets the device name.
     *
     * @param deviceNickname e.g. {@code Roku 3}
     * @return this builder
     */
    public Builder deviceNickname(String deviceNickname) {
      this.deviceNickname = Objects.requireNonNull(deviceNickname, "deviceNickname == null");
      return this;
    }

    /**
     * Sets the product version.
     *
     * @param clientVersion e.g. {@code 2.4.1}
     * @return this builder
     */
    public Builder clientVersion(String clientVersion) {
      this.clientVersion = Objects.requireNonNull(clientVersion, "clientVersion == null");
      return this;
    }

    /**
     * Sets the platform.
     *
     * @param platform e.g. {@code Roku}
     * @return this builder
     */
    public Builder platform(String platform) {
      this.platform = Objects.requireNonNull(platform, "platform == null");
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     */
    public GetPinRequest build() {
      return new GetPinRequest(
          strong, clientID, clientName, deviceNickname, clientVersion, platform);
    }
  }
}
