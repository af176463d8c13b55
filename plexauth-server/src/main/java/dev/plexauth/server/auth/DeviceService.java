package dev.plexauth.server.auth;

import dev.plexauth.sdk.models.AuthorizedDevice;
import dev.plexauth.server.store.DeviceRow;
import dev.plexauth.server.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An account's devices, one per account token, and the calls that keep a token alive or end it:
 * {@code GET /api/v2/ping}, {@code DELETE /api/v2/users/signout}, {@code GET /api/v2/devices} and
 * {@code DELETE /api/v2/devices/{id}}. All of them take an account token only ({@link
 * Authenticator#authenticateAccount}): a transient or resource token handed to a server can neither
 * see nor end the account's devices.
 *
 * <p>Ending a token deletes its row, so every instance on the database refuses it at its next
 * lookup, and with it the resource and transient tokens that descend from it.
 */
public final class DeviceService {

  /**
   * How exact a device's "last seen" time is: a ping within it of the recorded one writes nothing.
   */
  public static final Duration SEEN_PRECISION = Duration.ofMinutes(1);

  private final Store store;
  private final Clock clock;

  /**
   * Creates the service.
   *
   * @param store where account tokens live
   * @param clock the clock for "last seen"
   */
  public DeviceService(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Records that the principal's token was seen now ({@code ping}), unless a time less than {@link
   * #SEEN_PRECISION} ago is recorded already: a device pinging every few seconds costs one write a
   * minute, not one a ping.
   *
   * @param principal the holder of an account token
   * @throws StoreUnavailable when the database cannot be written
   */
  public void ping(Principal principal) {
    requireAccountToken(principal);
    long now = clock.millis();
    long notSince = now - SEEN_PRECISION.toMillis() + 1;
    if (principal.accountToken().lastUsedAtMillis() >= notSince) {
      return;
    }
    StoreUnavailable.guard(
        () -> store.markAccountTokenUsed(principal.accountToken().tokenHash(), now, notSince));
  }

  /**
   * Ends the principal's token, with its resource and transient tokens.
   *
   * @param principal the holder of an account token
   * @throws StoreUnavailable when the database cannot be written
   */
  public void signOut(Principal principal) {
    requireAccountToken(principal);
    StoreUnavailable.guard(() -> store.deleteAccountToken(principal.accountToken().tokenHash()));
  }

  /**
   * The principal's account's devices, the most recently seen first.
   *
   * @param principal the holder of an account token
   * @return the devices; the one asking is {@code current}
   * @throws StoreUnavailable when the database cannot be read
   */
  public List<AuthorizedDevice> devices(Principal principal) {
    requireAccountToken(principal);
    String asking = principal.accountToken().tokenHash();
    return StoreUnavailable.guard(() -> store.listDevices(principal.accountId())).stream()
        .map(row -> device(row, row.tokenHash().equals(asking)))
        .toList();
  }

  /**
   * Signs out one of the principal's account's devices. Another account's device is not found, so
   * an id tells nothing about devices that are not the caller's.
   *
   * @param principal the holder of an account token
   * @param deviceId the device id
   * @return whether the account had that device
   * @throws StoreUnavailable when the database cannot be written
   */
  public boolean removeDevice(Principal principal, long deviceId) {
    requireAccountToken(principal);
    return StoreUnavailable.guard(() -> store.deleteDevice(principal.accountId(), deviceId))
        .isPresent();
  }

  private static AuthorizedDevice device(DeviceRow row, boolean current) {
    String name =
        row.device().or(row::product).filter(s -> !s.isBlank()).orElse(row.clientIdentifier());
    return new AuthorizedDevice(
        row.deviceId(),
        name,
        row.product(),
        row.version(),
        row.platform(),
        row.device(),
        row.clientIdentifier(),
        Instant.ofEpochMilli(row.createdAtMillis()),
        Instant.ofEpochMilli(row.lastSeenAtMillis()),
        current);
  }

  private static void requireAccountToken(Principal principal) {
    if (principal.kind() != Principal.Kind.ACCOUNT) {
      throw new IllegalArgumentException("devices are managed with account tokens only");
    }
  }
}
