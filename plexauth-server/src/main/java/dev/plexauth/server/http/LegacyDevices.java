package dev.plexauth.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.plexauth.sdk.models.AuthorizedDevice;
import java.util.List;

/**
 * The older device list, {@code GET /devices.xml}, as python-plexapi's and @ctrl/plex's {@code
 * MyPlexAccount.devices()} read it: {@code <MediaContainer size="…"><Device name="…" …/>…}, times
 * in epoch seconds. Real plex.tv puts each device's token in a {@code token} attribute; plexauth
 * keeps no token it could show (only hashes), so the attribute is never sent.
 *
 * @param size how many devices
 * @param devices the devices
 */
record LegacyDevices(int size, @JsonProperty("Device") List<Entry> devices) {

  /**
   * One device.
   *
   * @param name the name shown
   * @param product the {@code X-Plex-Product}, or empty
   * @param productVersion the {@code X-Plex-Version}, or empty
   * @param platform the {@code X-Plex-Platform}, or empty
   * @param device the {@code X-Plex-Device}, or empty
   * @param clientIdentifier the client identifier
   * @param id the public device id ({@code DELETE /devices/{id}.xml})
   * @param createdAt when it signed in, epoch seconds
   * @param lastSeenAt when it was last seen, epoch seconds
   */
  record Entry(
      String name,
      String product,
      String productVersion,
      String platform,
      String device,
      String clientIdentifier,
      long id,
      long createdAt,
      long lastSeenAt) {}

  static LegacyDevices of(List<AuthorizedDevice> devices) {
    return new LegacyDevices(
        devices.size(),
        devices.stream()
            .map(
                d ->
                    new Entry(
                        d.name(),
                        d.product().orElse(""),
                        d.productVersion().orElse(""),
                        d.platform().orElse(""),
                        d.device().orElse(""),
                        d.clientIdentifier(),
                        d.id(),
                        d.createdAt().getEpochSecond(),
                        d.lastSeenAt().getEpochSecond()))
            .toList());
  }
}
