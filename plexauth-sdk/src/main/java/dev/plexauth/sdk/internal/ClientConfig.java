package dev.plexauth.sdk.internal;

import dev.plexauth.sdk.RetryConfig;
import dev.plexauth.sdk.Transport;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The settings of one {@code PlexAPI}, as the call machinery needs them.
 *
 * @param accessToken supplies the token, or null for none
 * @param serverURL the PMS base, or null when none is configured
 * @param plexTvURL the plex.tv base
 * @param identity the client identity headers
 * @param retryConfig the default retry configuration
 * @param requestTimeout the default per-attempt timeout
 * @param transport the HTTP transport
 * @param timing the clock, sleeper and random source of the retry loop
 * @param maxResponseBytes the largest answer body accepted
 */
public record ClientConfig(
    Supplier<String> accessToken,
    URI serverURL,
    URI plexTvURL,
    Identity identity,
    RetryConfig retryConfig,
    Duration requestTimeout,
    Transport transport,
    RetryTiming timing,
    long maxResponseBytes) {

  /** Checks the values. */
  public ClientConfig {
    Objects.requireNonNull(plexTvURL, "plexTvURL == null");
    Objects.requireNonNull(identity, "identity == null");
    Objects.requireNonNull(retryConfig, "retryConfig == null");
    Objects.requireNonNull(requestTimeout, "requestTimeout == null");
    Objects.requireNonNull(transport, "transport == null");
    Objects.requireNonNull(timing, "timing == null");
  }

  @Override
  public String toString() {
    return "ClientConfig[serverURL="
        + (serverURL == null ? "<none>" : Urls.maskQuery(serverURL.toString()))
        + ", plexTvURL="
        + Urls.maskQuery(plexTvURL.toString())
        + ", accessToken="
        + (accessToken == null ? "<none>" : Redaction.MASK)
        + ", identity="
        + identity
        + "]";
  }

  /**
   * The client identity, sent as {@code X-Plex-*} headers when not empty.
   *
   * @param clientID {@code X-Plex-Client-Identifier}
   * @param clientName {@code X-Plex-Product}
   * @param clientVersion {@code X-Plex-Version}
   * @param platform {@code X-Plex-Platform}
   * @param deviceNickname {@code X-Plex-Device}
   */
  public record Identity(
      String clientID,
      String clientName,
      String clientVersion,
      String platform,
      String deviceNickname) {

    /** Replaces nulls with empty strings. */
    public Identity {
      clientID = clientID == null ? "" : clientID;
      clientName = clientName == null ? "" : clientName;
      clientVersion = clientVersion == null ? "" : clientVersion;
      platform = platform == null ? "" : platform;
      deviceNickname = deviceNickname == null ? "" : deviceNickname;
    }

    /**
     * Fills each empty field from another identity.
     *
     * @param fallback where empty fields come from
     * @return the combined identity
     */
    public Identity orElse(Identity fallback) {
      return new Identity(
          clientID.isEmpty() ? fallback.clientID : clientID,
          clientName.isEmpty() ? fallback.clientName : clientName,
          clientVersion.isEmpty() ? fallback.clientVersion : clientVersion,
          platform.isEmpty() ? fallback.platform : platform,
          deviceNickname.isEmpty() ? fallback.deviceNickname : deviceNickname);
    }
  }
}
