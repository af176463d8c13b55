package dev.plexauth.sdk.models;

import java.util.Objects;
import java.util.Optional;

/**
 * A sign-in request: the client's identity, sent as {@code X-Plex-*} headers, and the credentials.
 *
 * <pre>{@code
 * PostUsersSignInDataRequest request = PostUsersSignInDataRequest.builder()
 *     .clientID("3381b62b-9ab7-4e37-827b-203e9809eb58")
 *     .clientName("Plex for Roku")
 *     .deviceNickname("Roku 3")
 *     .clientVersion("2.4.1")
 *     .platform("Roku")
 *     .requestBody(PostUsersSignInDataRequestBody.of("username@email.com", "password123"))
 *     .build();
 * }</pre>
 *
 * <p>An identity field left empty falls back to the one configured on {@code PlexAPI}.
 *
 * @param clientID the client identifier ({@code X-Plex-Client-Identifier}); stable per install
 * @param clientName the product name ({@code X-Plex-Product}), or empty
 * @param deviceNickname the device name ({@code X-Plex-Device}), or empty
 * @param clientVersion the product version ({@code X-Plex-Version}), or empty
 * @param platform the platform ({@code X-Plex-Platform}), or empty
 * @param requestBody the credentials; empty sends an empty form, as plexjs allows
 */
public record PostUsersSignInDataRequest(
    String clientID,
    String clientName,
    String deviceNickname,
    String clientVersion,
    String platform,
    Optional<PostUsersSignInDataRequestBody> requestBody) {

  /** Replaces missing identity fields with empty ones. */
  public PostUsersSignInDataRequest {
    clientID = NullToEmpty.text(clientID);
    clientName = NullToEmpty.text(clientName);
    deviceNickname = NullToEmpty.text(deviceNickname);
    clientVersion = NullToEmpty.text(clientVersion);
    platform = NullToEmpty.text(platform);
    requestBody = Objects.requireNonNullElse(requestBody, Optional.empty());
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link PostUsersSignInDataRequest}. */
  public static final class Builder {
    private String clientID = "";
    private String clientName = "";
    private String deviceNickname = "";
    private String clientVersion = "";
    private String platform = "";
    private PostUsersSignInDataRequestBody requestBody;

    private Builder() {}

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
     * Sets the credentials.
     *
     * @param requestBody the login, password and optional verification code
     * @return this builder
     */
    public Builder requestBody(PostUsersSignInDataRequestBody requestBody) {
      this.requestBody = Objects.requireNonNull(requestBody, "requestBody == null");
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     */
    public PostUsersSignInDataRequest build() {
      return new PostUsersSignInDataRequest(
          clientID,
          clientName,
          deviceNickname,
          clientVersion,
          platform,
          Optional.ofNullable(requestBody));
    }
  }
}
